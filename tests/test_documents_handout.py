"""A handout as data: the sections the definition lists, the clinic's own routes in its order, care at home only
when offered, and sources numbered in the order a reader meets them."""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLE_IDS, fixture_path, handout_conditions, sample_path

from leaflet import content, load_clinic
from leaflet.documents import KINDS, Block, Document
from leaflet.documents.handout import SECTIONS
from leaflet.documents.parts import definition
from leaflet.model import Clinic

HANDOUT = KINDS["handout"]
handout = HANDOUT.make

MARKER = re.compile(
    r'<a class="cite" href="#ref-(?P<id>[a-z0-9_-]+)" aria-label="source (?P<label>\d+)">'
    r"<sup>(?P<number>\d+)</sup></a>"
)


def routes_block(document: Document) -> Block:
    [block] = [block for block in document.blocks if block.kind == "routes"]
    return block


def markers(document: Document) -> list[tuple[str, int]]:
    """(reference id, number) of every citation marker, in reading order."""
    html = "".join(part.html for block in document.blocks for part in block.parts)
    matches = list(MARKER.finditer(html))
    assert html.count('class="cite"') == len(matches), "a citation marker is not in the expected form"
    # A screen reader says "source 3" for the superscript 3.
    assert all(m["label"] == m["number"] for m in matches)
    return [(m["id"], int(m["number"])) for m in matches]


@pytest.fixture(scope="module")
def all_routes() -> Clinic:
    return load_clinic(fixture_path("all-routes/clinic.yaml"))


def test_blocks_follow_the_handout_definition(minimal_clinic: Clinic) -> None:
    document = handout(minimal_clinic, "ptsd", "en")
    ids = [block.id for block in document.blocks]
    assert ids == [entry.rpartition(".")[2] for entry in definition(HANDOUT.definition_path, SECTIONS).sections]
    assert [b.kind for b in document.blocks if b.kind != "text"] == ["routes", "contact", "review", "references"]


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_route_parts_are_the_sample_clinics_routes_in_order(clinic_id: str) -> None:
    clinic = load_clinic(sample_path(clinic_id))
    parts = routes_block(handout(clinic, "ptsd", "en")).parts
    assert tuple(part.route for part in parts if part.route) == clinic.routes


def test_route_parts_keep_the_clinics_order_not_the_schemas(all_routes: Clinic) -> None:
    parts = routes_block(handout(all_routes, "ptsd", "en")).parts
    assert [part.route for part in parts] == ["oral", "intramuscular", "iv", "intranasal", None]
    shared = content.shared_content("en")
    for part in parts[:4]:
        assert part.route is not None
        assert part.heading == shared.routes[part.route].heading
        assert part.html.strip().startswith("<")


def test_care_at_home_is_a_part_only_when_the_clinic_offers_it(all_routes: Clinic, minimal_clinic: Clinic) -> None:
    at_home = routes_block(handout(all_routes, "ptsd", "en")).parts[-1]
    assert (at_home.id, at_home.route) == ("in_home", None)
    assert at_home.heading == content.shared_content("en").in_home.heading
    assert [part.id for part in routes_block(handout(minimal_clinic, "ptsd", "en")).parts] == ["iv"]


def test_the_sample_home_visit_clinic_gets_the_at_home_part() -> None:
    clinic = load_clinic(sample_path("home-visit"))
    assert clinic.in_home
    assert [part.id for part in routes_block(handout(clinic, "ptsd", "en")).parts] == ["iv", "in_home"]


@pytest.mark.parametrize("condition", handout_conditions("en"))
def test_citations_are_numbered_in_order_of_first_appearance(all_routes: Clinic, condition: str) -> None:
    document = handout(all_routes, condition, "en")
    seen = markers(document)
    assert seen, "the handout cites nothing"
    first: dict[str, int] = {}
    for ref_id, number in seen:
        assert first.setdefault(ref_id, number) == number, f"{ref_id} has two numbers"
    assert list(first.values()) == list(range(1, len(first) + 1))
    cited_in_text = [(c.reference.id, c.number) for c in document.citations][: len(first)]
    assert cited_in_text == list(first.items())


@pytest.mark.parametrize("condition", handout_conditions("en"))
def test_reference_list_is_numbered_one_to_n_without_repeats(minimal_clinic: Clinic, condition: str) -> None:
    document = handout(minimal_clinic, condition, "en")
    numbers = [citation.number for citation in document.citations]
    ids = [citation.reference.id for citation in document.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(set(ids)) == len(ids)
    about = content.condition_content("en", condition)
    shared = content.shared_content("en")
    # Sources a file lists but does not cite in the text are still listed, after the cited ones.
    assert set(ids) == set(about.references) | set(shared.references) | {ref for ref, _ in markers(document)}


def test_document_fields(minimal_clinic: Clinic) -> None:
    document = handout(minimal_clinic, "ptsd", "en")
    about = content.condition_content("en", "ptsd")
    shared = content.shared_content("en")
    assert (document.kind, document.name, document.language) == ("handout", "ptsd", "en")
    assert document.title == about.title
    assert document.summary == about.summary
    assert document.review.reviewed == min(about.review.reviewed, shared.review.reviewed)
    assert document.review.next_review == min(about.review.next_review, shared.review.next_review)
    assert {path.name for path in document.inputs} == {"handout.yaml", "references.yaml", "ptsd.yaml", "ketamine.yaml"}
    assert all(path.is_file() for path in document.inputs)


def test_handout_names_are_the_conditions_with_content_in_the_clinics_order() -> None:
    clinic = load_clinic(sample_path("tranquility"))
    assert clinic.conditions == ("depression", "ptsd", "chronic_pain", "ocd", "anxiety")
    assert HANDOUT.topics(clinic, "en") == ("depression", "ptsd", "anxiety")


def test_no_raw_html_from_content_reaches_the_page() -> None:
    assert content.markdown_to_html("<script>x</script> and **bold**") == (
        "<p>&lt;script&gt;x&lt;/script&gt; and <strong>bold</strong></p>\n"
    )


@pytest.mark.parametrize(
    ("link", "kept"),
    [("tel:988", True), ("https://988lifeline.org", True), ("javascript:alert(1)", False), ("file:///etc", False)],
)
def test_content_links_are_limited_to_web_phone_and_mail(link: str, kept: bool) -> None:
    html = content.markdown_to_html(f"[call]({link})")
    assert (f'href="{link}"' in html) is kept
