"""The tri-fold brochure: one per location on the clinic's paper turned landscape, two pages of three panels,
only its own location's details, a QR code that reads back, and a build that fails rather than cut text."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from conftest import SAMPLE_IDS, Built, fixture_path, parse_html, qr_width_mm, read_qr_codes, sample_path

from leaflet import load_clinic
from leaflet.batch import build, plan_jobs
from leaflet.documents import KINDS
from leaflet.documents.brochure import PANELS, SHEETS
from leaflet.errors import RenderFailed
from leaflet.render.pdf import render_pdf
from leaflet.validate import load_clinics

pytestmark = pytest.mark.slow

LETTER_LANDSCAPE = (792, 612)
A4_LANDSCAPE = (842, 595)
BROCHURE_FIXTURES = (
    "a4/clinic.yaml",
    "no-locations/clinic.yaml",
    "all-routes/clinic.yaml",
    "extreme-brochure/clinic.yaml",  # every field it shows at its longest, in wide letters; a 20:1 logo
)


@pytest.fixture(scope="module")
def brochures(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Every brochure of the sample clinics and of three fixtures (A4, no locations, every route), built once."""
    paths = [sample_path(clinic_id) for clinic_id in SAMPLE_IDS] + [fixture_path(p) for p in BROCHURE_FIXTURES]
    clinics = load_clinics(paths)
    out = tmp_path_factory.mktemp("brochures")
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        env.delenv("LEAFLET_BUILD_FAULT", raising=False)
        report = build(plan_jobs(clinics, kinds=("brochure",)), out)
    assert not report.failed, report.failed
    return Built(out, {clinic.id: clinic for clinic in clinics})


def pdf_path(brochures: Built, clinic_id: str, location: str | None) -> Path:
    return brochures.out / clinic_id / (f"brochure.{location}.en.pdf" if location else "brochure.en.pdf")


def page_texts(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(path).pages]


def decode_qr_codes(path: Path, page_index: int) -> list[str]:
    return [code.text for code in read_qr_codes(path, page_index)]


def text_origins(page: pypdf.PageObject) -> list[tuple[float, float]]:
    """Where each run of text on `page` starts, in points from the bottom left."""
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def every_brochure(brochures: Built) -> list[tuple[str, str | None]]:
    return [
        (clinic.id, location)
        for clinic in brochures.clinics.values()
        for location in KINDS["brochure"].topics(clinic, "en")
    ]


# -- one per location -------------------------------------------------------------------------------------------


def test_one_brochure_per_location_named_after_it() -> None:
    clinic = load_clinic(sample_path("austin"))
    jobs = plan_jobs([clinic], kinds=("brochure",))
    assert [job.id for job in jobs if job.language == "en"] == [
        "austin/brochure.central.en.pdf",
        "austin/brochure.central.en.html",
        "austin/brochure.north.en.pdf",
        "austin/brochure.north.en.html",
    ]


def test_a_clinic_without_locations_gets_one_brochure() -> None:
    clinic = load_clinic(fixture_path("no-locations/clinic.yaml"))
    assert [job.id for job in plan_jobs([clinic], ("pdf",), ("brochure",))] == ["no-locations/brochure.en.pdf"]


@pytest.mark.parametrize(("location", "other"), [("central", "north"), ("north", "central")])
def test_each_brochure_carries_only_its_own_address_hours_and_phone(
    brochures: Built, location: str, other: str
) -> None:
    clinic = brochures.clinics["austin"]
    mine, theirs = (next(loc for loc in clinic.locations if loc.id == lid) for lid in (location, other))
    text = " ".join(page_texts(pdf_path(brochures, "austin", location)))
    assert mine.phone is not None and theirs.phone is not None
    assert mine.hours is not None and theirs.hours is not None
    for piece in (mine.name, mine.address, mine.hours.in_language("en").text, mine.phone.display):
        assert piece is not None and piece in text
    for piece in (theirs.name, theirs.address, theirs.hours.in_language("en").text, theirs.phone.display):
        assert piece is not None and piece not in text


def test_a_spanish_brochure_gives_its_locations_hours_in_spanish(brochures: Built) -> None:
    central = next(location for location in brochures.clinics["austin"].locations if location.id == "central")
    assert central.hours is not None
    text = " ".join(page_texts(brochures.out / "austin" / "brochure.central.es.pdf"))
    assert central.hours.in_language("es").text in text
    assert central.hours.in_language("en").text not in text


def test_a_brochure_without_locations_carries_the_clinics_own_details(brochures: Built) -> None:
    text = " ".join(page_texts(pdf_path(brochures, "no-locations", None)))
    assert "Riverbend Ketamine Care" in text and "(505) 639-4973" in text and "riverbend.example.com" in text


# -- the sheet --------------------------------------------------------------------------------------------------


def test_every_brochure_is_two_landscape_pages(brochures: Built) -> None:
    for clinic_id, location in every_brochure(brochures):
        pages = pypdf.PdfReader(pdf_path(brochures, clinic_id, location)).pages
        expected = A4_LANDSCAPE if brochures.clinics[clinic_id].paper == "a4" else LETTER_LANDSCAPE
        sizes = {(round(float(page.mediabox.width)), round(float(page.mediabox.height))) for page in pages}
        assert (len(pages), sizes) == (2, {expected}), (clinic_id, location)


def test_the_panel_that_folds_in_is_narrower_and_the_panels_fill_the_sheet() -> None:
    inches = {"in": 72.0, "mm": 72 / 25.4}
    for paper, faces in SHEETS.items():
        width = LETTER_LANDSCAPE[0] if paper == "letter" else A4_LANDSCAPE[0]
        for face in faces:
            widths = {panel: float(w[:-2]) * inches[w[-2:]] for panel, w in face}
            assert sum(widths.values()) == pytest.approx(width, abs=1.0)
            narrow = min(widths, key=lambda panel: widths[panel])
            assert narrow in ("fold_in", "inside_right")  # the two faces of the panel that folds in
    assert {panel for face in SHEETS["letter"] for panel, _ in face} == PANELS


def test_the_cover_and_the_inside_in_reading_order(brochures: Built) -> None:
    outside, inside = page_texts(pdf_path(brochures, "austin", "central"))
    assert outside.index("Ketamine therapy") < outside.index("Questions to ask") < outside.index("Hours")
    assert "Austin Ketamine Specialists" in outside and "off-label" not in outside
    assert inside.index("What ketamine therapy is") < inside.index("How you may receive it") < inside.index("988")
    for needed in ("off-label", "911", "838255", "PTSD", "depression", "anxiety"):
        assert needed in inside, needed


def test_only_the_routes_the_clinic_offers(brochures: Built) -> None:
    html = parse_html((brochures.out / "austin" / "brochure.central.en.html").read_text(encoding="utf-8"))
    assert [li.attrs["data-route"] for li in html.find_all("li", data_route=True)] == ["iv", "intranasal"]
    every = parse_html((brochures.out / "all-routes" / "brochure.downtown.en.html").read_text(encoding="utf-8"))
    routes = [li.attrs["data-route"] for li in every.find_all("li", data_route=True)]
    assert routes == list(brochures.clinics["all-routes"].routes)
    assert [li.attrs["data-setting"] for li in every.find_all("li", data_setting=True)] == ["clinician_home"]
    assert sorted(brochures.clinics["all-routes"].routes) == ["intramuscular", "intranasal", "iv", "oral"]


def test_every_condition_the_clinic_treats_is_listed_those_without_a_handout_too(brochures: Built) -> None:
    html = parse_html((brochures.out / "tranquility" / "brochure.northeast.en.html").read_text(encoding="utf-8"))
    listed = [li.text() for li in html.find("ul", class_="condition-list").find_all("li")]
    assert listed == ["depression", "PTSD", "chronic pain", "OCD", "anxiety"]


def test_words_stay_clear_of_every_fold_and_the_trim(brochures: Built) -> None:
    """Every character at least 1/8 in (9 pt) from the sheet's edges and from each fold."""
    for clinic_id, location in every_brochure(brochures):
        path = pdf_path(brochures, clinic_id, location)
        faces = SHEETS[brochures.clinics[clinic_id].paper]
        for page, face in zip(pypdf.PdfReader(path).pages, faces, strict=True):
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            unit = {"in": 72.0, "mm": 72 / 25.4}
            folds, x = [], 0.0
            for _, panel_width in face[:-1]:
                x += float(panel_width[:-2]) * unit[panel_width[-2:]]
                folds.append(x)
            xs = text_origins(page)
            assert xs, (clinic_id, location)
            for x_pos, y_pos in xs:
                assert 9 <= x_pos <= width - 9 and 9 <= y_pos <= height - 9, (clinic_id, location, x_pos, y_pos)
                assert all(abs(x_pos - fold) >= 9 for fold in folds), (clinic_id, location, x_pos)


# -- the QR code ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("location", ["central", "north"])
def test_the_qr_code_on_the_back_reads_as_the_booking_url(brochures: Built, location: str) -> None:
    assert decode_qr_codes(pdf_path(brochures, "austin", location), 0) == ["https://austin-ketamine.example.com/book"]


def test_the_longest_booking_url_still_reads(brochures: Built) -> None:
    clinic = brochures.clinics["extreme-brochure"]
    assert clinic.booking_url is not None and len(clinic.booking_url) == 100  # the schema's limit
    [code] = read_qr_codes(pdf_path(brochures, "extreme-brochure", "main"), 0)
    assert code.text == clinic.booking_url


def test_the_longest_names_are_whole_on_the_cover(brochures: Built) -> None:
    clinic = brochures.clinics["extreme-brochure"]
    outside = page_texts(pdf_path(brochures, "extreme-brochure", "main"))[0].replace(" ", "")
    assert clinic.name.replace(" ", "") in outside
    assert clinic.locations[0].name.replace(" ", "") in outside


def test_without_a_booking_page_the_qr_code_goes_to_the_website(brochures: Built) -> None:
    assert decode_qr_codes(pdf_path(brochures, "no-locations", None), 0) == ["https://riverbend.example.com"]


def test_without_a_web_address_the_qr_code_calls_the_clinic(brochures: Built) -> None:
    clinic = brochures.clinics["harbour-a4"]
    assert clinic.website is None and clinic.booking_url is None
    assert decode_qr_codes(pdf_path(brochures, "harbour-a4", None), 0) == [clinic.main_phone.href]


def test_the_qr_code_is_a_figure_with_alt_text_and_the_address_beside_it(brochures: Built) -> None:
    html = parse_html((brochures.out / "austin" / "brochure.central.en.html").read_text(encoding="utf-8"))
    figure = html.find("figure", class_="qr")
    image = figure.find("img")
    assert image.attrs["alt"] == "QR code: austin-ketamine.example.com/book"
    assert image.attrs["src"].startswith("data:image/svg+xml")
    assert "austin-ketamine.example.com/book" in figure.find("figcaption").text()


def test_the_qr_code_is_at_least_2_cm_wide_with_error_correction_q(brochures: Built) -> None:
    [code] = read_qr_codes(pdf_path(brochures, "austin", "central"), 0)
    assert qr_width_mm(code) >= 20
    assert code.ec_level == "Q"


# -- nothing silently cut -----------------------------------------------------------------------------------------


def test_a_panel_that_does_not_fit_fails_naming_the_panel() -> None:
    too_long = "<p>" + "Many words in one panel. " * 400 + "</p>"
    html = f"""<!DOCTYPE html><html lang="en"><head><title>t</title><style>
    @page {{ size: letter landscape; margin: 0 }}
    .sheet {{ display: grid; grid-template-columns: 3.625in 3.6875in 3.6875in; height: 8.4in; break-after: page }}
    .panel {{ grid-row: 1; padding: 0.25in }}
    </style></head><body>
    <div class="sheet"><div class="panel" data-fit="cover panel">{too_long}</div><div class="panel">b</div></div>
    <div class="sheet"><div class="panel" data-fit="inside left panel">c</div></div></body></html>"""
    with pytest.raises(RenderFailed) as failure:
        render_pdf(html, max_pages=2)
    message = str(failure.value)
    assert message.startswith("does not fit on 2 pages: cover panel is ")
    assert re.search(r"cover panel is \d+ mm too long for its page", message)
    assert "inside left" not in message


def test_what_fits_renders_whole() -> None:
    html = (
        """<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p data-fit="x">Short.</p></body></html>"""
    )
    assert render_pdf(html, max_pages=2).startswith(b"%PDF-")
