"""The guide as data: the sections the definition lists, the clinic's own routes in its order (the nasal spray it
names), a part for each place it gives doses, and sources numbered in the order a reader meets them."""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLE_IDS, fixture_path, handout_conditions, sample_path

from leaflet import content, load_clinic
from leaflet.documents import KINDS, Block, Document
from leaflet.documents.guide import SECTIONS
from leaflet.documents.parts import definition
from leaflet.model import Clinic

GUIDE = KINDS["guide"]
guide = GUIDE.make

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


def test_blocks_follow_the_guide_definition(minimal_clinic: Clinic) -> None:
    document = guide(minimal_clinic, "ptsd", "en")
    ids = [block.id for block in document.blocks]
    assert ids == [entry.rpartition(".")[2] for entry in definition(GUIDE.definition_path, SECTIONS).sections]
    special = ["crisis", "routes", "contact", "review", "references"]
    assert [b.kind for b in document.blocks if b.kind != "text"] == special


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_route_parts_are_the_sample_clinics_routes_in_order(clinic_id: str) -> None:
    clinic = load_clinic(sample_path(clinic_id))
    parts = routes_block(guide(clinic, "ptsd", "en")).parts
    assert tuple(part.route for part in parts if part.route) == clinic.routes


def test_route_parts_keep_the_clinics_order_not_the_schemas(all_routes: Clinic) -> None:
    parts = routes_block(guide(all_routes, "ptsd", "en")).parts
    assert [part.route for part in parts] == ["oral", "intramuscular", "iv", "intranasal", None, None]
    shared = content.shared_content("en")
    for part in parts[:4]:
        assert part.route is not None
        words = shared.sprays[all_routes.spray] if part.route == "intranasal" else shared.routes[part.route]
        assert part.heading == words.heading
        assert part.html.strip().startswith("<")


def test_a_part_for_each_place_the_clinic_gives_doses(all_routes: Clinic, minimal_clinic: Clinic) -> None:
    assert all_routes.settings == ("clinic", "clinician_home")  # in_home: true, as older files say it
    places = [part for part in routes_block(guide(all_routes, "ptsd", "en")).parts if part.route is None]
    assert [part.id for part in places] == ["clinic", "clinician_home"]
    assert places[1].heading == content.shared_content("en").settings["clinician_home"].heading
    assert [part.id for part in routes_block(guide(minimal_clinic, "ptsd", "en")).parts] == ["iv", "clinic"]


def test_the_sample_home_visit_clinic_reads_as_a_nurse_at_home() -> None:
    clinic = load_clinic(sample_path("home-visit"))
    assert clinic.settings == ("clinician_home",)
    parts = routes_block(guide(clinic, "ptsd", "en")).parts
    assert [part.id for part in parts] == ["iv", "clinician_home"]
    text = " ".join(part.html for block in guide(clinic, "ptsd", "en").blocks for part in block.parts)
    for wrong in ("no health worker", "until you are ready to go home", "until the staff say you can leave"):
        assert wrong not in text


@pytest.mark.parametrize("condition", handout_conditions("en"))
def test_citations_are_numbered_in_order_of_first_appearance(all_routes: Clinic, condition: str) -> None:
    document = guide(all_routes, condition, "en")
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
    document = guide(minimal_clinic, condition, "en")
    numbers = [citation.number for citation in document.citations]
    ids = [citation.reference.id for citation in document.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(set(ids)) == len(ids)
    about = content.condition_content("en", condition)
    shared = content.shared_content("en")
    # Sources a file lists but does not cite in the text are still listed, after the cited ones.
    assert set(ids) == set(about.references) | set(shared.references) | {ref for ref, _ in markers(document)}


def test_document_fields(minimal_clinic: Clinic) -> None:
    document = guide(minimal_clinic, "ptsd", "en")
    about = content.condition_content("en", "ptsd")
    shared = content.shared_content("en")
    assert (document.kind, document.name, document.language) == ("guide", "ptsd.guide", "en")
    assert document.title == about.title
    assert document.summary == about.summary
    assert document.review.reviewed == min(about.review.reviewed, shared.review.reviewed)
    assert document.review.next_review == min(about.review.next_review, shared.review.next_review)
    assert {path.name for path in document.inputs} == {
        "guide.yaml",
        "references.yaml",
        "ptsd.yaml",
        "ketamine.yaml",
        "US.yaml",  # the crisis lines on its first page
    }
    assert all(path.is_file() for path in document.inputs)


def test_guides_are_made_for_the_conditions_with_content_in_the_clinics_order() -> None:
    clinic = load_clinic(sample_path("tranquility"))
    assert clinic.conditions == ("depression", "ptsd", "chronic_pain", "ocd", "anxiety")
    assert GUIDE.topics(clinic, "en") == ("depression", "ptsd", "anxiety")


def test_no_raw_html_from_content_reaches_the_page() -> None:
    assert content.markdown_to_html("<script>x</script> and **bold**", frozenset()) == (
        "<p>&lt;script&gt;x&lt;/script&gt; and <strong>bold</strong></p>\n"
    )


@pytest.mark.parametrize(
    ("link", "kept"),
    [("tel:988", True), ("https://988lifeline.org", True), ("javascript:alert(1)", False), ("file:///etc", False)],
)
def test_content_links_are_limited_to_web_phone_and_mail(link: str, kept: bool) -> None:
    html = content.markdown_to_html(f"[call]({link})", frozenset())
    assert (f'href="{link}"' in html) is kept
