"""The one-sheet handout fits its two pages for every valid clinic in every language: at the schema's limits it
takes its kind's fit steps (leaflet.documents.base.DocumentKind.fit_steps), says so, and leaves the rest whole."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import EXTREME_IDS, FIXTURES, SAMPLES
from pypdf import PdfReader

from leaflet.batch import BuildReport, build, plan_jobs
from leaflet.documents.handout import Handout
from leaflet.validate import load_clinics

LANGUAGES = ("en", "es")


def build_in_both_languages(paths: list[Path], out: Path) -> BuildReport:
    clinics = [replace(clinic, languages=LANGUAGES) for clinic in load_clinics(paths)]
    with pytest.MonkeyPatch.context() as env:
        env.delenv("LEAFLET_BUILD_FAULT", raising=False)
        return build(plan_jobs(clinics, kinds=("handout",)), out, keep_going=True)


@pytest.fixture(scope="module")
def extremes(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, Path]:
    out = tmp_path_factory.mktemp("fit")
    paths = [FIXTURES / "extreme" / clinic_id / "clinic.yaml" for clinic_id in EXTREME_IDS]
    return build_in_both_languages([*paths, SAMPLES / "austin.yaml"], out), out


def fit_warnings(report: BuildReport) -> dict[str, str]:
    return {str(w.job): w.message for w in report.warnings if w.job and w.message.startswith("to fit on")}


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_every_handout_at_the_limits_fits_two_pages_in_every_language(extremes: tuple[BuildReport, Path]) -> None:
    report, out = extremes
    assert not report.failed, report.failed
    pdfs = sorted(out.glob("*/*.pdf"))
    assert {pdf.name.split(".")[1] for pdf in pdfs} == set(LANGUAGES)
    assert {pdf.parent.name for pdf in pdfs} == {*EXTREME_IDS, "austin"}
    assert {pdf.name: len(PdfReader(pdf).pages) for pdf in pdfs if len(PdfReader(pdf).pages) != 2} == {}


def test_the_widest_clinic_in_spanish_drops_the_location_names_and_says_so(
    extremes: tuple[BuildReport, Path],
) -> None:
    report, out = extremes
    warnings = fit_warnings(report)
    assert warnings["wide-letter/ptsd.es.pdf"] == f"to fit on 2 pages, it {Handout.fit_steps[0]}"
    text = " ".join(pdf_text(out / "wide-letter" / "ptsd.es.pdf").split())
    assert "8 ubicaciones: pregúntenos o vea la guía." in text
    assert "esta clínica todavía no ha revisado" in text
    # The HTML is the document whole: a screen has no pages to fit.
    html = (out / "wide-letter" / "ptsd.es.html").read_text(encoding="utf-8")
    assert 'data-location="location-1"' in html and "8 ubicaciones:" not in html


def test_a_clinic_that_fits_takes_no_step(extremes: tuple[BuildReport, Path]) -> None:
    report, out = extremes
    assert not [job for job in fit_warnings(report) if job.startswith(("austin/", "hebrew/", "arabic/"))]
    text = " ".join(pdf_text(out / "austin" / "ptsd.es.pdf").split())
    assert "Central Austin" in text and "North Austin" in text


def test_a_step_is_only_taken_when_the_layout_needs_it(extremes: tuple[BuildReport, Path]) -> None:
    report, _ = extremes
    # The widest clinic's English sheet names and defines its five conditions without a handout of their own,
    # which needs the first step's room; not the second's.
    assert fit_warnings(report)["wide-letter/ptsd.en.pdf"] == f"to fit on 2 pages, it {Handout.fit_steps[0]}"


def test_the_brochure_at_the_limits_fits_its_sheet_in_every_language(tmp_path: Path) -> None:
    # The brochure has no fit steps: its panels take every valid clinic in either language as they are.
    clinics = [replace(clinic, languages=LANGUAGES) for clinic in load_clinics([FIXTURES / "extreme-brochure"])]
    with pytest.MonkeyPatch.context() as env:
        env.delenv("LEAFLET_BUILD_FAULT", raising=False)
        report = build(plan_jobs(clinics, ("pdf",), kinds=("brochure",)), tmp_path, keep_going=True)
    assert not report.failed, report.failed
    pdfs = sorted(tmp_path.glob("*/*.pdf"))
    assert {pdf.name.split(".")[-2] for pdf in pdfs} == set(LANGUAGES)
    assert all(len(PdfReader(pdf).pages) == 2 for pdf in pdfs)
