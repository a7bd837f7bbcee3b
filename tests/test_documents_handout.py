"""The one-sheet handout: exactly two pages on Letter and A4 for every clinic, the crisis lines on page 1, plain
words, the clinic's own routes, spray and settings, its guide beside it, and a QR code that opens the guide
when the clinic publishes its leaflets."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from conftest import (
    EXTREME_IDS,
    SAMPLE_IDS,
    Built,
    fixture_path,
    parse_html,
    read_qr_codes,
    sample_path,
)
from test_content import flesch_kincaid_grade

from leaflet import content, load_clinic
from leaflet.batch import build, plan_jobs
from leaflet.documents import KINDS
from leaflet.errors import RenderFailed
from leaflet.lint.readability import spanish_ease
from leaflet.render.html import render_html
from leaflet.render.pdf import render_pdf
from leaflet.validate import load_clinics

pytestmark = pytest.mark.slow

FIXTURES = ("a4/clinic.yaml", "all-routes/clinic.yaml", "esketamine/clinic.yaml", "compounded/clinic.yaml")
EXTREMES = tuple(f"extreme/{clinic_id}/clinic.yaml" for clinic_id in EXTREME_IDS)
# What the reading grade leaves out: how to reach the clinic, the sources, the dates.
NOT_MAIN_TEXT = (".section-contact", ".section-references", ".section-review")


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Every handout and guide (PDF and HTML) of the samples and of the fixtures above, built once."""
    paths = [sample_path(clinic_id) for clinic_id in SAMPLE_IDS] + [fixture_path(p) for p in FIXTURES + EXTREMES]
    clinics = load_clinics(paths)
    out = tmp_path_factory.mktemp("sheets")
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        env.delenv("LEAFLET_BUILD_FAULT", raising=False)
        report = build(plan_jobs(clinics, kinds=("handout", "guide")), out)
    assert not report.failed, report.failed
    return Built(out, {clinic.id: clinic for clinic in clinics})


def handouts(sheets: Built) -> list[tuple[str, str]]:
    return [(c.id, topic) for c in sheets.clinics.values() for topic in KINDS["handout"].topics(c, "en")]


def pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(path).pages]


def test_every_handout_is_exactly_two_pages_with_the_crisis_lines_on_page_one(sheets: Built) -> None:
    papers = set()
    for clinic_id, condition in handouts(sheets):
        text = pages(sheets.out / clinic_id / f"{condition}.en.pdf")
        assert len(text) == 2, (clinic_id, condition)
        for number in ("988", "911", "838255"):
            assert number in text[0], (clinic_id, condition, number)
        papers.add(sheets.clinics[clinic_id].paper)
    assert papers == {"letter", "a4"}


def test_every_handout_has_its_guide_beside_it_with_every_source(sheets: Built) -> None:
    references = content.references()
    for clinic_id, condition in handouts(sheets):
        guide = " ".join(pages(sheets.out / clinic_id / f"{condition}.guide.en.pdf")).replace(" ", "")
        listed = content.condition_content("en", condition).references + content.shared_content("en").references
        for ref_id in listed:
            assert references[ref_id].title.replace(" ", "")[:40] in guide, (clinic_id, condition, ref_id)
        handout = " ".join(pages(sheets.out / clinic_id / f"{condition}.en.pdf"))
        assert "full guide" in handout


def main_text(html_file: Path) -> str:
    article = parse_html(html_file.read_text(encoding="utf-8")).find("article")
    skipped = {id(element) for selector in NOT_MAIN_TEXT for element in article.find_all(class_=selector[1:])}
    blocks = [child for child in article.children if not isinstance(child, str) and id(child) not in skipped]
    return " ".join(block.text() for block in blocks)


@pytest.mark.parametrize("condition", ["ptsd", "depression", "anxiety"])
def test_the_main_text_reads_at_grade_seven_or_below(sheets: Built, condition: str) -> None:
    text = main_text(sheets.out / "all-routes" / f"{condition}.en.html")
    assert len(text.split()) > 300
    assert flesch_kincaid_grade(text) <= 7.0


@pytest.mark.parametrize("name", ["ptsd", "depression", "anxiety", "ptsd.guide", "depression.guide", "anxiety.guide"])
def test_the_spanish_main_text_reads_fairly_easy(sheets: Built, name: str) -> None:
    # The sample Austin clinic lists Spanish. Fernández-Huerta 70-80 is "bastante fácil" (fairly easy).
    text = main_text(sheets.out / "austin" / f"{name}.es.html")
    assert len(text.split()) > 300
    assert spanish_ease([text]).fernandez_huerta >= 70


def test_the_in_home_sample_reads_right_for_a_nurse_at_the_home(sheets: Built) -> None:
    for condition in ("ptsd", "depression"):
        html = parse_html((sheets.out / "home-visit" / f"{condition}.en.html").read_text(encoding="utf-8"))
        care = html.find("section", data_section="care")
        assert [li.attrs.get("data-setting") for li in care.find_all("li") if "data-setting" in li.attrs] == [
            "clinician_home"
        ]
        text = html.find("article").text()
        for wrong in ("no health worker", "until you are ready to go home", "until the staff say you can leave"):
            assert wrong not in text, (condition, wrong)
        assert content.shared_content("en").sheet_settings["clinician_home"].split()[0] in care.text()


def test_a_clinic_that_names_its_spray_gets_matching_words(sheets: Built) -> None:
    shared = content.shared_content("en")
    spravato = parse_html((sheets.out / "esketamine" / "depression.en.html").read_text(encoding="utf-8"))
    line = spravato.find("li", data_route="intranasal").text()
    assert "Spravato" in line and "compounding" not in line
    compounded = parse_html((sheets.out / "compounded" / "depression.en.html").read_text(encoding="utf-8"))
    line = compounded.find("li", data_route="intranasal").text()
    assert "compound" in line and line != spravato.find("li", data_route="intranasal").text()
    assert "Spravato" not in line or "not Spravato" in line
    unnamed = parse_html((sheets.out / "austin" / "ptsd.en.html").read_text(encoding="utf-8"))
    assert "ask" in unnamed.find("li", data_route="intranasal").text().lower()
    assert shared.sheet_sprays["unknown"] != shared.sheet_sprays["esketamine"]


def test_doses_taken_at_home_are_said_so(sheets: Built) -> None:
    html = parse_html((sheets.out / "compounded" / "depression.en.html").read_text(encoding="utf-8"))
    places = [li.attrs["data-setting"] for li in html.find_all("li", data_setting=True)]
    assert places == ["clinic", "self_home"]


def test_with_a_publish_url_the_qr_code_opens_the_guide_there(sheets: Built) -> None:
    [code] = read_qr_codes(sheets.out / "esketamine" / "depression.en.pdf")
    assert code.text == "https://riverside.example.com/leaflets/depression.guide.en.html"
    html = parse_html((sheets.out / "esketamine" / "depression.en.html").read_text(encoding="utf-8"))
    assert "Scan to read the full guide" in html.find("figure", class_="qr").text()
    [booking] = read_qr_codes(sheets.out / "austin" / "ptsd.en.pdf")
    assert booking.text == "https://austin-ketamine.example.com/book"


def test_a_sheet_lists_three_locations_and_says_how_many_more(sheets: Built) -> None:
    clinic = sheets.clinics["wide-letter"]
    assert len(clinic.locations) > 3
    html = parse_html((sheets.out / "wide-letter" / "ptsd.en.html").read_text(encoding="utf-8"))
    shown = html.find("p", class_="location-brief")
    assert len(shown.find_all("span", data_location=True)) == 3
    assert f"and {len(clinic.locations) - 3} more locations" in shown.text()


def test_what_does_not_fit_two_pages_fails_naming_it(tmp_path: Path) -> None:
    """A valid clinic always fits (above); the limit itself is checked on content made too long on purpose."""
    clinic = load_clinic(sample_path("cache"))
    document = KINDS["handout"].make(clinic, "ptsd", "en")
    long = replace(document, blocks=document.blocks * 3)
    with pytest.raises(RenderFailed, match=r"does not fit on 2 pages: \d+ mm runs onto page 3 \("):
        render_pdf(render_html(long, clinic), max_pages=2)


def test_the_extreme_fixtures_fit_two_pages_on_the_other_paper_too(tmp_path: Path) -> None:
    """Each extreme clinic on the paper it does not use (Letter is wider and shorter than A4): still two pages."""
    paths = []
    for clinic_id in EXTREME_IDS:
        source = fixture_path(f"extreme/{clinic_id}/clinic.yaml")
        folder = tmp_path / clinic_id
        shutil.copytree(source.parent, folder)
        text = (folder / "clinic.yaml").read_text(encoding="utf-8")
        swapped = "paper: letter" if "\npaper: a4" in text else "paper: a4"
        text = re.sub(r"^paper: .*$", "", text, flags=re.MULTILINE) + f"\n{swapped}\n"
        (folder / "clinic.yaml").write_text(text, encoding="utf-8")
        paths.append(folder / "clinic.yaml")
    clinics = load_clinics(paths)
    assert {clinic.paper for clinic in clinics} == {"letter", "a4"}
    report = build(plan_jobs(clinics, ("pdf",), ("handout",)), tmp_path / "out")
    assert not report.failed, report.failed
    for clinic in clinics:
        for condition in KINDS["handout"].topics(clinic, "en"):
            text = pages(tmp_path / "out" / clinic.id / f"{condition}.en.pdf")
            assert len(text) == 2 and "988" in text[0] and "911" in text[0], (clinic.id, clinic.paper, condition)
