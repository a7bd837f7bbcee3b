"""A clinic's medical sign-off, and the review lines every leaflet prints: a leaflet claims only reviews that
happened, and a sign-off lapses after 24 months or when the content it covered changes."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pypdf
import pytest
from conftest import FIXTURES, MINIMAL_CLINIC, SAMPLE_IDS, WriteClinic, parse_html, sample_path

from leaflet import load_clinic, resources, review
from leaflet.batch import BuildOptions, build_clinics
from leaflet.batch.plan import plan_warnings
from leaflet.documents import KINDS
from leaflet.model import Clinic
from leaflet.render.html import render_html
from leaflet.render.pdf import render_pdf

SIGNER = "Dr Jane Doe, medical director"
SIGNED = f"Reviewed for Minimal Clinic by {SIGNER} on November 20, 2026."
NOT_SIGNED = "This information has not yet been reviewed by the medical team at {}."
BUILD_DAY = date(2026, 11, 29)
WRITTEN = re.compile(r"Written from the sources listed, \w+ \d+, \d{4}; next check due \w+ \d+, \d{4}\.")


def epoch(day: date) -> str:
    return str(int(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()))


@pytest.fixture(autouse=True)
def build_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here builds on one known day: the only input of a build that is a date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(BUILD_DAY))


def signed_clinic(write_clinic: WriteClinic, on: str = "2026-11-20", content: str | None = None) -> Path:
    """The minimal clinic with a sign-off by SIGNER on `on`, covering `content` (default: the content as it is)."""
    covered = content or review.content_hash(load_clinic(write_clinic(MINIMAL_CLINIC, "signed.yaml")))
    block = f"medical_review:\n  by: {SIGNER}\n  on: {on}\n  content: {covered}\n"
    return write_clinic(MINIMAL_CLINIC + block, "signed.yaml")


def page_texts(clinic: Clinic) -> dict[str, str]:
    """The text of each HTML document of the clinic's, by kind, whitespace collapsed."""
    texts = {}
    for name, kind in KINDS.items():
        topic = kind.topics(clinic, "en")[0]
        seen = kind.view(clinic, topic)
        html = render_html(kind.make(seen, topic, "en"), seen)
        texts[name] = " ".join(parse_html(html).find("main").text().split())
    return texts


def clinic_line(html: str) -> str:
    """The clinic's review line of a page."""
    return " ".join(parse_html(html).find("p", class_="review-clinic").text().split())


def review_line(clinic: Clinic) -> str:
    return clinic_line(render_html(KINDS["handout"].make(clinic, "ptsd", "en"), clinic))


def printed_review(path: Path) -> str:
    return clinic_line(path.read_text(encoding="utf-8"))


# -- what a leaflet says --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_a_clinic_without_a_sign_off_says_its_medical_team_has_not_reviewed_it(clinic_id: str) -> None:
    clinic = load_clinic(sample_path(clinic_id))
    assert clinic.medical_review is None  # no sample clinic has been signed off: none may claim it
    for kind, text in page_texts(clinic).items():
        assert NOT_SIGNED.format(clinic.name) in text, kind
        assert "last reviewed" not in text.lower(), kind
        assert "Reviewed for" not in text, kind
        assert WRITTEN.search(text), kind


def test_a_signed_off_clinic_says_who_reviewed_it_for_the_clinic(write_clinic: WriteClinic) -> None:
    clinic = load_clinic(signed_clinic(write_clinic))
    assert clinic.signed_off is not None
    for kind, text in page_texts(clinic).items():
        assert SIGNED in text, kind
        assert "not yet been reviewed" not in text, kind
    html = render_html(KINDS["handout"].make(clinic, "ptsd", "en"), clinic)
    line = parse_html(html).find("p", class_="review-clinic")
    assert [time.attrs["datetime"] for time in line.find_all("time")] == ["2026-11-20"]


@pytest.mark.slow
def test_the_pdf_says_who_reviewed_it_for_the_clinic(write_clinic: WriteClinic, tmp_path: Path) -> None:
    clinic = load_clinic(signed_clinic(write_clinic))
    html = render_html(KINDS["handout"].make(clinic, "ptsd", "en"), clinic)
    pdf = tmp_path / "ptsd.pdf"
    pdf.write_bytes(render_pdf(html))
    text = " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages).split())
    assert SIGNED in text
    assert "not yet been reviewed" not in text


# -- when a sign-off lapses ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signed", "lapses"),
    [
        (date(2026, 11, 20), date(2028, 11, 20)),
        (date(2024, 2, 29), date(2026, 3, 1)),  # no 29 February in 2026: the day after the 28th
        (date(2025, 1, 31), date(2027, 1, 31)),
    ],
)
def test_a_sign_off_lapses_24_months_after_it_was_made(signed: date, lapses: date) -> None:
    assert review.lapses_on(signed) == lapses


def test_a_sign_off_over_24_months_old_is_reported_and_not_printed(
    write_clinic: WriteClinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = signed_clinic(write_clinic)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(date(2028, 11, 19)))
    assert load_clinic(path).signed_off is not None  # the last day it holds
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(date(2028, 11, 20)))
    clinic = load_clinic(path)
    assert clinic.signed_off is None
    assert review_line(clinic) == NOT_SIGNED.format("Minimal Clinic")
    assert plan_warnings(clinic) == [
        f"medical_review by {SIGNER} on 2026-11-20 has lapsed: it is 24 months old or more (it lapsed on "
        "2028-11-20). Its leaflets say they have not yet been reviewed by the medical team at Minimal Clinic"
    ]


def test_a_sign_off_of_other_content_is_reported_and_not_printed(write_clinic: WriteClinic) -> None:
    clinic = load_clinic(signed_clinic(write_clinic, content="0123456789abcdef"))
    assert clinic.signed_off is None
    assert review_line(clinic) == NOT_SIGNED.format("Minimal Clinic")
    current = review.content_hash(clinic)
    assert plan_warnings(clinic) == [
        f"medical_review by {SIGNER} on 2026-11-20 has lapsed: the content changed since (it covered "
        f"0123456789abcdef, the content is now {current}: have the changes reviewed, then write the new hash from "
        "`leaflet review-hash`). Its leaflets say they have not yet been reviewed by the medical team at Minimal Clinic"
    ]


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped data folder that leaflet reads instead, to edit."""
    copy = tmp_path / "data"
    shutil.copytree(resources.data_dir(), copy)
    monkeypatch.setattr(resources, "data_dir", lambda: copy)
    return copy


def test_the_content_hash_covers_every_file_the_clinics_leaflets_are_made_from(
    minimal_clinic: Clinic, data_copy: Path
) -> None:
    covered = {path.relative_to(data_copy).as_posix() for path in review.covered_files(minimal_clinic)}
    assert {"content/en/ptsd.yaml", "content/en/ketamine.yaml", "content/en/brochure.yaml"} <= covered
    assert "content/en/depression.yaml" not in covered  # the clinic lists only PTSD
    before = review.content_hash(minimal_clinic)
    brochure = data_copy / "content" / "en" / "brochure.yaml"
    brochure.write_text(brochure.read_text(encoding="utf-8") + "# an edit\n", encoding="utf-8")
    assert review.content_hash(minimal_clinic) != before


def test_a_content_change_lapses_the_sign_off_and_rebuilds_every_leaflet_that_claimed_it(
    write_clinic: WriteClinic, data_copy: Path, tmp_path: Path
) -> None:
    path = signed_clinic(write_clinic)
    out = tmp_path / "out"
    options = BuildOptions(jobs=0, formats=("html",), kinds=("handout",), gallery=False)
    first = build_clinics([load_clinic(path)], out, options)
    assert printed_review(out / "signed" / "ptsd.en.html") == SIGNED
    assert [w.message for w in first.warnings] == []
    # The brochure's words: no handout reads them, but the sign-off covered them.
    brochure = data_copy / "content" / "en" / "brochure.yaml"
    brochure.write_text(brochure.read_text(encoding="utf-8") + "# an edit\n", encoding="utf-8")
    second = build_clinics([load_clinic(path)], out, options)
    assert [outcome.reason for outcome in second.outcomes] == ["clinic file changed"]
    assert printed_review(out / "signed" / "ptsd.en.html") == NOT_SIGNED.format("Minimal Clinic")
    warnings = second.to_json()["warnings"]
    assert [(w["clinic"], w["message"].split(":")[0]) for w in warnings] == [
        ("signed", f"medical_review by {SIGNER} on 2026-11-20 has lapsed")
    ]


@pytest.mark.slow
def test_the_longest_review_lines_fit_the_brochure(tmp_path: Path) -> None:
    # The review lines sit in the panel that folds in, and name the clinic and its reviewer: at their longest
    # (the widest clinic name, a reviewer of 120 wide letters) the brochure still fits its two pages.
    folder = tmp_path / "extreme"
    shutil.copytree(FIXTURES / "extreme-brochure", folder)
    path = folder / "clinic.yaml"
    covered = review.content_hash(load_clinic(path))
    widest = ("Dr " + " ".join(["Wwwwwwwwwww"] * 10))[:120]
    block = f"medical_review:\n  by: {widest}\n  on: 2026-11-20\n  content: {covered}\n"
    path.write_text(path.read_text(encoding="utf-8") + block, encoding="utf-8")
    clinic = load_clinic(path)
    assert clinic.signed_off is not None
    kind = KINDS["brochure"]
    seen = kind.view(clinic, "main")
    html = render_html(kind.make(seen, "main", "en"), seen)
    assert f"Reviewed for {clinic.name} by {widest} on November 20, 2026." in " ".join(parse_html(html).text().split())
    render_pdf(html, max_pages=kind.max_pages)  # raises RenderFailed naming the panel that does not fit
