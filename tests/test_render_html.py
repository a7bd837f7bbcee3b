"""The standalone HTML leaflet, checked by structure: what a browser and a screen reader get."""

from __future__ import annotations

import re
from functools import cache

import pytest
import tinycss2
from conftest import SAMPLE_IDS, Element, WriteClinic, fixture_path, parse_html, sample_path

from leaflet import load_clinic
from leaflet.colors import AA_CONTRAST, contrast
from leaflet.document import handout
from leaflet.model import Clinic
from leaflet.render.html import css_string, render_html

E164_TEL = re.compile(r"tel:\+[1-9]\d{6,14}")
CRISIS_LINES = {"tel:988", "tel:911"}  # short codes the shared content links; they have no E.164 form
FIXTURE_CLINICS = (
    "a4/clinic.yaml",
    "all-routes/clinic.yaml",
    "hostile-text/clinic.yaml",
    "location-phones/clinic.yaml",
)


@cache
def clinic(source: str) -> Clinic:
    return load_clinic(sample_path(source) if source in SAMPLE_IDS else fixture_path(source))


@cache
def rendered(source: str, condition: str = "ptsd") -> str:
    """The HTML leaflet of a sample clinic (by id) or a fixture clinic (by path under tests/clinics)."""
    return render_html(handout(clinic(source), condition, "en"), clinic(source))


def page(source: str) -> Element:
    return parse_html(rendered(source))


ALL = (*SAMPLE_IDS, *FIXTURE_CLINICS)


@pytest.mark.parametrize("source", ALL)
def test_document_outline(source: str) -> None:
    root = page(source)
    assert rendered(source).startswith("<!DOCTYPE html>")
    [html] = root.find_all("html")
    assert html.attrs.get("lang") == "en"
    assert len(root.find_all("h1")) == 1
    assert len(root.find_all("main")) == 1
    assert root.find("h1").text() == "Ketamine therapy for PTSD"
    assert root.find("title").text().startswith("Ketamine therapy for PTSD · ")
    assert root.find("meta", name="viewport").attrs["content"] == "width=device-width, initial-scale=1"


@pytest.mark.parametrize("source", ALL)
def test_every_section_has_a_heading_it_is_labelled_by(source: str) -> None:
    root = page(source)
    for section in root.find_all("section", aria_labelledby=True):
        heading = root.find(id=section.attrs["aria-labelledby"])
        assert heading.tag in ("h2", "h3")
        assert heading.text()


@pytest.mark.parametrize("source", ALL)
def test_route_sections_are_the_clinics_routes_in_order(source: str) -> None:
    routes = [element.attrs["data-route"] for element in page(source).find_all(data_route=True)]
    assert routes == list(clinic(source).routes)


def test_all_four_routes_and_care_at_home() -> None:
    root = page("all-routes/clinic.yaml")
    routes_section = root.find("section", data_section="routes")
    assert [e.attrs["data-route"] for e in routes_section.find_all(data_route=True)] == [
        "oral",
        "intramuscular",
        "iv",
        "intranasal",
    ]
    assert [e.attrs["data-setting"] for e in routes_section.find_all(data_setting=True)] == ["in_home"]
    assert "offers 4 ways of receiving ketamine" in routes_section.text()


def test_no_care_at_home_section_unless_offered() -> None:
    assert page("tranquility").find_all(data_setting=True) == []
    assert "offers one way of receiving ketamine" in page("tranquility").find("section", data_section="routes").text()


@pytest.mark.parametrize("source", ALL)
def test_references_section_is_a_numbered_list(source: str) -> None:
    root = page(source)
    section = root.find("section", data_section="references")
    [ordered] = section.find_all("ol")
    items = ordered.find_all("li")
    document = handout(clinic(source), "ptsd", "en")
    assert len(items) == len(document.citations) > 0
    assert [item.attrs["id"] for item in items] == [f"ref-{c.reference.id}" for c in document.citations]
    # Every marker in the text points at an item of the list.
    targets = {a.attrs["href"].removeprefix("#") for a in root.find_all("a", class_="cite")}
    assert targets and targets <= {item.attrs["id"] for item in items}


@pytest.mark.parametrize("source", ALL)
def test_nothing_is_loaded_from_outside_the_file(source: str) -> None:
    root = page(source)
    for element in root.find_all():
        if element.tag in ("img", "script", "link", "iframe", "object", "embed", "source", "audio", "video"):
            for attr in ("src", "href", "data", "srcset"):
                if attr in element.attrs:
                    assert element.attrs[attr].startswith("data:"), f"<{element.tag} {attr}={element.attrs[attr]!r}>"
    assert root.find_all("script") == []
    assert root.find_all("link") == []
    css = "".join(style.data() for style in root.find_all("style"))
    for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", css):
        assert url.startswith("data:"), url
    assert "@import" not in css


def test_the_logo_is_embedded_with_alternative_text() -> None:
    [logo] = page("all-routes/clinic.yaml").find_all("img")
    assert logo.attrs["src"].startswith("data:image/png;base64,")
    assert logo.attrs["alt"] == "All Routes Clinic logo"
    [svg_logo] = page("tranquility").find_all("img")
    assert svg_logo.attrs["src"].startswith("data:image/svg+xml;base64,")


def test_no_logo_means_no_img() -> None:
    assert page("a4/clinic.yaml").find_all("img") == []


def test_clinic_text_is_always_text_never_markup() -> None:
    source = "hostile-text/clinic.yaml"
    root = page(source)
    assert root.find_all("script") == []
    assert root.find_all("b") == []
    assert root.find_all("i") == []
    assert root.find("p", class_="about").text() == "<script>alert(1)</script>"
    name = 'Clinic "A" </style><script>alert(1)</script> & Co'
    assert root.find("p", class_="clinic-name").text() == name
    assert root.find("meta", name="author").attrs["content"] == name
    assert root.find("p", class_="location-name").text() == "<b>Main</b> office"
    assert "<script>" not in rendered(source)
    # One <style> element, ending where the theme ends: the name cannot close it early.
    [style] = root.find_all("style")
    assert style.data().count("@bottom-left { content:") == 1
    assert style.data().rstrip().endswith("}")


def footer_content(html: str) -> str:
    """The text the PDF footer shows: the strings of the @bottom-left `content`, decoded as CSS reads them."""
    match = re.search(r"@bottom-left \{ content: (.*?); \}", html)
    assert match, "no footer rule"
    tokens = tinycss2.parse_component_value_list(match.group(1))
    strings = [token for token in tokens if token.type == "string"]
    assert [t.type for t in tokens if t.type not in ("whitespace",)] == ["string"]
    return "".join(token.value for token in strings)


@pytest.mark.parametrize("source", ALL)
def test_footer_text_survives_css_escaping(source: str) -> None:
    expected = f"{clinic(source).name} · {clinic(source).main_phone.display}"
    assert footer_content(rendered(source)) == expected


@pytest.mark.parametrize(
    "text",
    ["Tranquility Ketamine Clinic · (505) 639-4973", 'a"b', "x</style>y", "\\ and ;}{", "é — ü", "a  b", "(1) 2"],
)
def test_css_string_reads_back_as_the_same_text(text: str) -> None:
    [token] = tinycss2.parse_component_value_list(str(css_string(text)))
    assert token.type == "string"
    assert token.value == text


@pytest.mark.parametrize("source", ALL)
def test_phone_links_dial_e164(source: str) -> None:
    root = page(source)
    hrefs = {a.attrs["href"] for a in root.find_all("a") if a.attrs.get("href", "").startswith("tel:")}
    assert clinic(source).main_phone.href in hrefs
    for href in hrefs - CRISIS_LINES:
        assert E164_TEL.fullmatch(href), href
    masthead = root.find("header", class_="masthead")
    [link] = masthead.find_all("a")
    assert link.attrs["href"] == clinic(source).main_phone.href
    assert link.text() == clinic(source).main_phone.display


def test_each_location_phone_is_a_link() -> None:
    root = page("location-phones/clinic.yaml")
    locations = root.find_all("div", class_="location")
    assert [loc.attrs["data-location"] for loc in locations] == ["east", "west"]
    assert [loc.find("a").attrs["href"] for loc in locations] == ["tel:+15056394975", "tel:+15056394976"]


@pytest.mark.parametrize(("source", "size"), [("tranquility", "letter"), ("a4/clinic.yaml", "A4")])
def test_page_size_follows_the_clinics_paper(source: str, size: str) -> None:
    assert re.search(r"@page \{\s*size: (\S+);", rendered(source)).group(1) == size  # type: ignore[union-attr]
    assert page(source).find("body").attrs["class"] == f"paper-{clinic(source).paper}"


def custom_property(html: str, name: str) -> str:
    match = re.search(rf"--{name}: (#[0-9a-f]{{6}});", html)
    assert match, name
    return match.group(1)


@pytest.mark.parametrize("source", ALL)
def test_brand_text_colour_keeps_aa_contrast_on_white(source: str) -> None:
    html = rendered(source)
    assert custom_property(html, "primary") == clinic(source).brand.primary_color
    assert contrast(custom_property(html, "primary-text"), "#ffffff") >= AA_CONTRAST


def test_a_light_brand_colour_is_darkened_for_text() -> None:
    html = rendered("all-routes/clinic.yaml")
    assert custom_property(html, "primary") == "#f4a261"
    assert custom_property(html, "primary-text") != "#f4a261"


def test_contact_block_lists_what_the_clinic_gave() -> None:
    section = page("tranquility").find("section", data_section="contact")
    text = section.text()
    assert "(505) 639-4973" in text
    assert "info@tranquility.example.com" in text
    assert "tranquility.example.com/consultation" in text
    assert "Founded by two emergency physicians." in text
    assert "also treats: depression, chronic pain, OCD, anxiety." in text
    assert section.find("a", href="mailto:info@tranquility.example.com")


def test_review_dates_are_machine_readable() -> None:
    section = page("tranquility").find("section", data_section="review")
    assert [time.attrs["datetime"] for time in section.find_all("time")] == ["2026-11-15", "2027-11-15"]
    assert "November 15, 2026" in section.text()


def test_same_inputs_give_the_same_html() -> None:
    first = render_html(handout(clinic("tranquility"), "ptsd", "en"), clinic("tranquility"))
    assert first == render_html(handout(clinic("tranquility"), "ptsd", "en"), clinic("tranquility"))


def test_source_date_epoch_sets_the_created_date() -> None:
    html = render_html(handout(clinic("tranquility"), "ptsd", "en"), clinic("tranquility"), source_date_epoch=0)
    assert parse_html(html).find("meta", name="dcterms.created").attrs["content"] == "1970-01-01"


def test_about_keeps_its_paragraphs(write_clinic: WriteClinic) -> None:
    text = (
        'name: Clinic\nphone: "505-639-4973"\nroutes: [iv]\nabout: |\n'
        "  We opened in 2019.\n  Our nurses stay with you.\n  \n\n  Parking is free.\n"
    )
    written = load_clinic(write_clinic(text))
    root = parse_html(render_html(handout(written, "ptsd", "en"), written))
    paragraphs = [p.text() for p in root.find_all("p", class_="about")]
    assert paragraphs == ["We opened in 2019. Our nurses stay with you.", "Parking is free."]


def test_no_about_means_no_about_paragraph() -> None:
    assert page("a4/clinic.yaml").find_all("p", class_="about") == []
