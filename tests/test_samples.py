"""The acceptance check of `make demo`: a PTSD handout, PDF and HTML, for each of the five sample clinics, each
carrying that clinic's name, phone and routes."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from conftest import DEMO_ARGUMENTS, ROOT, SAMPLE_IDS, SAMPLES, Built, parse_html, sample_path

from leaflet import load_clinic

pytestmark = pytest.mark.slow


def test_the_five_samples_are_the_clinic_files_in_data_clinics() -> None:
    assert sorted(path.stem for path in SAMPLES.glob("*.yaml")) == sorted(SAMPLE_IDS)


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_ptsd_handout_pdf_and_html_are_built(built_samples: Built, clinic_id: str) -> None:
    pdf, html = built_samples.path(clinic_id, "pdf"), built_samples.path(clinic_id, "html")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    languages = built_samples.clinics[clinic_id].languages
    assert sorted(path.name for path in (built_samples.out / clinic_id).iterdir()) == sorted(
        f"{name}.{lang}.{fmt}" for name in ("ptsd", "ptsd.guide") for lang in languages for fmt in ("html", "pdf")
    )


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_pdf_text_carries_the_clinics_name_and_phone(built_samples: Built, clinic_id: str) -> None:
    clinic = load_clinic(sample_path(clinic_id))  # from the file itself, not from the build
    text = pdf_text(built_samples.path(clinic_id, "pdf"))
    assert clinic.name in text
    assert clinic.main_phone.display in text


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_html_route_marks_are_the_clinics_routes(built_samples: Built, clinic_id: str) -> None:
    clinic = load_clinic(sample_path(clinic_id))
    root = parse_html(built_samples.path(clinic_id, "html").read_text(encoding="utf-8"))
    routes = [element.attrs["data-route"] for element in root.find_all(data_route=True)]
    assert set(routes) == set(clinic.routes)
    assert routes == list(clinic.routes)  # once each, in the clinic's order


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_html_carries_the_clinics_name_and_phone_link(built_samples: Built, clinic_id: str) -> None:
    clinic = load_clinic(sample_path(clinic_id))
    root = parse_html(built_samples.path(clinic_id, "html").read_text(encoding="utf-8"))
    assert root.find("p", class_="clinic-name").text() == clinic.name
    assert root.find("a", href=clinic.main_phone.href).text() == clinic.main_phone.display


def test_make_demo_builds_every_sample(sample_site: Path) -> None:
    """The command `make demo` runs (sample_site runs it, with the output folder moved into tmp)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^demo:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe, "the Makefile has no demo target"
    assert f"\t$(BIN)/leaflet {' '.join(DEMO_ARGUMENTS)} --out output\n" in recipe.group(1)
    for clinic_id in SAMPLE_IDS:
        assert (sample_site / clinic_id / "ptsd.en.pdf").read_bytes().startswith(b"%PDF-")
        assert (sample_site / clinic_id / "ptsd.en.html").is_file()


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages).split())
