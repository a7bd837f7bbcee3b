"""The standalone HTML leaflet, checked by structure: what a browser and a screen reader get."""

from __future__ import annotations

import re
from functools import cache

import pytest
import tinycss2
from conftest import EXTREME_IDS, SAMPLE_IDS, Element, WriteClinic, fixture_path, parse_html, sample_path

from leaflet import load_clinic
from leaflet.colors import AA_CONTRAST, contrast
from leaflet.documents import KINDS
from leaflet.model import Clinic
from leaflet.render import fit
from leaflet.render.html import css_string, render_html

handout = KINDS["guide"].make  # the guide shows every block; the one-sheet handout: test_documents_handout.py

FSI, PDI = "\u2068", "\u2069"  # the isolates around each piece of clinic text in the footer
E164_TEL = re.compile(r"tel:\+[1-9]\d{6,14}")
CRISIS_LINES = {"tel:988", "tel:911"}  # short codes the shared content links; they have no E.164 form
FIXTURE_CLINICS = (
    "a4/clinic.yaml",
    "all-routes/clinic.yaml",
    "hostile-text/clinic.yaml",
    "location-phones/clinic.yaml",
    *(f"extreme/{clinic_id}/clinic.yaml" for clinic_id in EXTREME_IDS),
)


@cache
def clinic(source: str) -> Clinic:
    return load_clinic(sample_path(source) if source in SAMPLE_IDS else fixture_path(source))


@cache
def rendered(source: str, condition: str = "ptsd") -> str:
    """The HTML guide of a sample clinic (by id) or a fixture clinic (by path under tests/clinics): the document
    that shows every block of the page (the one-sheet handout: tests/test_documents_handout.py)."""
    return render_html(KINDS["guide"].make(clinic(source), condition, "en"), clinic(source))


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


def test_all_four_routes_and_each_place_doses_are_given() -> None:
    root = page("all-routes/clinic.yaml")
    routes_section = root.find("section", data_section="routes")
    assert [e.attrs["data-route"] for e in routes_section.find_all(data_route=True)] == [
        "oral",
        "intramuscular",
        "iv",
        "intranasal",
    ]
    assert [e.attrs["data-setting"] for e in routes_section.find_all(data_setting=True)] == ["clinic", "clinician_home"]
    assert "offers 4 ways of receiving ketamine" in routes_section.text()


def test_no_care_at_home_section_unless_offered() -> None:
    assert [e.attrs["data-setting"] for e in page("tranquility").find_all(data_setting=True)] == ["clinic"]
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
    [logo] = page("all-routes/clinic.yaml").find_all("img", class_="logo")
    assert logo.attrs["src"].startswith("data:image/png;base64,")
    assert logo.attrs["alt"] == "All Routes Clinic logo"
    [svg_logo] = page("tranquility").find_all("img", class_="logo")
    assert svg_logo.attrs["src"].startswith("data:image/svg+xml;base64,")


def test_no_logo_means_no_img_but_the_qr_code() -> None:
    assert [img.attrs["class"] for img in page("a4/clinic.yaml").find_all("img")] == ["qr-code"]


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
    phone = clinic(source).main_phone.display
    expected = f"{FSI}{fit.footer_name(clinic(source).name, phone)}{PDI} · {FSI}{phone}{PDI}"
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
    assert re.search(r"@page \{\s*size: (\S+) portrait;", rendered(source)).group(1) == size  # type: ignore[union-attr]
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
    # Only the conditions no handout of their own says what they are, each defined, and no promise about them
    assert (
        "also treats: chronic pain (long-lasting pain); OCD (obsessive-compulsive disorder: unwanted thoughts and "
        "urges to repeat actions)." in " ".join(text.split())
    )
    assert "PTSD" not in section.find("p", class_="other-conditions").text()
    assert "offers ketamine for" not in text and "may help" not in text
    assert section.find("a", href="mailto:info@tranquility.example.com")


def test_review_dates_are_machine_readable() -> None:
    section = page("tranquility").find("section", data_section="review")
    assert [time.attrs["datetime"] for time in section.find_all("time")] == ["2026-12-08", "2027-12-08"]
    assert "December 8, 2026" in section.text()


def test_same_inputs_give_the_same_html() -> None:
    first = render_html(handout(clinic("tranquility"), "ptsd", "en"), clinic("tranquility"))
    assert first == render_html(handout(clinic("tranquility"), "ptsd", "en"), clinic("tranquility"))


def test_source_date_epoch_sets_the_created_date() -> None:
    html = render_html(handout(clinic("tranquility"), "ptsd", "en"), clinic("tranquility"), source_date_epoch=0)
    assert parse_html(html).find("meta", name="dcterms.created").attrs["content"] == "1970-01-01"


# -- clinic text of any direction and length ------------------------------------------------------------------


@pytest.mark.parametrize("source", ["extreme/hebrew/clinic.yaml", "extreme/arabic/clinic.yaml"])
def test_right_to_left_clinic_text_is_isolated_and_intact(source: str) -> None:
    """Each piece of clinic text in the masthead, footer, headings and contact lines sits in its own <bdi>, so a
    right-to-left name cannot reorder the phone beside it; the name inside is exactly the clinic's."""
    root = page(source)
    name, phone = clinic(source).name, clinic(source).main_phone.display

    def isolated(element: Element) -> list[str]:
        return [bdi.text() for bdi in element.find_all("bdi")]

    masthead = root.find("header", class_="masthead")
    assert isolated(masthead) == [name, phone]
    assert isolated(root.find("footer", class_="page-footer")) == [name, phone]
    assert footer_content(rendered(source)) == f"{FSI}{name}{PDI} · {FSI}{phone}{PDI}"
    assert isolated(root.find("h2", id="h-contact")) == [name]
    assert isolated(root.find("h2", id="h-routes")) == [name]
    for location in clinic(source).locations:
        block = root.find("div", data_location=location.id)
        expected = [location.name, *location.address_lines]
        if location.phone:
            expected.append(location.phone.display)
        assert location.hours is not None
        assert isolated(block) == [*expected, location.hours.in_language("en").text]
    assert root.find("p", class_="about").attrs["dir"] == "auto"
    assert name in root.find("title").text()


@pytest.mark.parametrize(
    ("source", "size"),
    [
        ("tranquility", "name-fit-1"),
        ("extreme/hebrew/clinic.yaml", "name-fit-1"),
        ("extreme/wide-letter/clinic.yaml", "name-fit-4"),
    ],
)
def test_the_masthead_names_its_name_size(source: str, size: str) -> None:
    assert root_class(page(source).find("header", class_="masthead")) == {"masthead", size}


def root_class(element: Element) -> set[str]:
    return set(element.attrs["class"].split())


def test_a_long_name_is_shortened_in_the_footer_only() -> None:
    source = "extreme/wide-letter/clinic.yaml"
    name = clinic(source).name
    footer = footer_content(rendered(source))
    short = footer.split(PDI)[0].removeprefix(FSI)
    assert short.endswith("…")
    assert name.startswith(short.removesuffix("…"))
    assert page(source).find("p", class_="clinic-name").text() == name


@pytest.mark.parametrize("source", ["tranquility", "extreme/wide-letter/clinic.yaml"])
def test_web_addresses_offer_breaks_after_slash_dot_and_hyphen(source: str) -> None:
    """<wbr> after each / . - (not in "www."), and the address reads as it did without them."""
    links = [a for a in page(source).find_all("a") if a.attrs.get("href", "").startswith("http")]
    assert links
    for link in links:
        shown = link.text()
        breaks = link.find_all("wbr")
        assert len(breaks) == len(re.findall(r"[/.\-](?!$)", shown)) - shown.startswith("www.")
        assert link.children[0] != "www.", "a break after the www. dot"


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


def test_a_clinics_text_a_language_lacks_is_shown_in_the_one_it_has_marked_with_it(write_clinic: WriteClinic) -> None:
    written = load_clinic(
        write_clinic(
            """
            name: Two Languages
            phone: "505-639-4973"
            routes: [iv]
            languages: [en, es]
            about: "Founded by two emergency physicians."
            locations:
              - id: main
                name: Main
                hours: {en: "Mon-Fri 9:00-17:00", es: "lun. a vie., 9:00-17:00"}
            """
        )
    )
    spanish = parse_html(render_html(KINDS["guide"].make(written, "ptsd", "es"), written))
    english = parse_html(render_html(KINDS["guide"].make(written, "ptsd", "en"), written))
    about = spanish.find("p", class_="about")
    assert (about.text(), about.attrs.get("lang")) == ("Founded by two emergency physicians.", "en")
    assert "lang" not in english.find("p", class_="about").attrs
    hours = [bdi for bdi in spanish.find("div", data_location="main").find_all("bdi") if "9:00" in bdi.text()]
    assert [(bdi.text(), bdi.attrs.get("lang")) for bdi in hours] == [("lun. a vie., 9:00-17:00", None)]
