"""Crisis lines per country: the US lines as FACTS.md states them, and a clinic elsewhere refused, not misled."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, WriteClinic, leaflet_exit
from pdf_measure import flat, page_texts

from leaflet import InvalidInput, content, crisis, load_clinic, resources
from leaflet.content import available_languages, references, shared_content
from leaflet.crisis import crisis_lines, supported_countries, worded_languages

ABROAD = FIXTURES / "abroad" / "clinic.yaml"
HOW_TO_ADD = "add data/crisis/{0}.yaml with its crisis lines and have the content reviewed for {0}"


def test_the_us_is_the_one_country_served() -> None:
    assert supported_countries() == ("US",)


def test_the_us_lines_are_988_the_veterans_line_and_911() -> None:
    lines = {line.id: line for line in crisis_lines("US").lines}
    assert (lines["lifeline"].call, lines["lifeline"].text) == ("988", "988")
    assert "press 2" in lines["lifeline"].how and "text AYUDA to 988" in lines["lifeline"].how
    assert (lines["veterans"].call, lines["veterans"].text) == ("988", "838255")
    assert "press 1" in lines["veterans"].how
    assert lines["emergency"].call == "911"


def test_a_country_without_a_file_has_no_lines() -> None:
    with pytest.raises(KeyError):
        crisis_lines("AU")


def test_every_line_cites_a_known_reference() -> None:
    cited = [line.reference for line in crisis_lines("US").lines if line.reference]
    assert cited and [ref for ref in cited if ref not in references()] == []


def test_the_spanish_lines_say_press_2_ayuda_press_1_and_911() -> None:
    lines = {line.id: line for line in crisis_lines("US", "es").lines}
    assert lines["lifeline"].name == "988 Línea de Prevención del Suicidio y Crisis"
    assert "marque 2 para español" in lines["lifeline"].how and "envíe AYUDA" in lines["lifeline"].how
    assert "Llame al 988 y marque 1" in lines["veterans"].how and "838255" in lines["veterans"].how
    assert "llame al 911" in lines["emergency"].how
    assert (lines["veterans"].call, lines["veterans"].text) == ("988", "838255")  # the numbers are not translated


def languages_without_crisis_wording() -> list[tuple[str, str]]:
    return [
        (country, language)
        for country in supported_countries()
        for language in available_languages()
        if language not in worded_languages(country)
    ]


def test_every_language_a_clinic_can_choose_has_crisis_wording() -> None:
    assert "en" in available_languages()
    assert languages_without_crisis_wording() == []


def test_a_language_with_content_but_no_crisis_wording_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(resources.data_dir(), data)
    shutil.copytree(data / "content" / "en", data / "content" / "fr", dirs_exist_ok=True)
    monkeypatch.setattr(resources, "data_dir", lambda: data)
    for cached in (content.available_languages, crisis.supported_countries, crisis._read):
        cached.cache_clear()
    try:
        assert languages_without_crisis_wording() == [("US", "fr")]
        with pytest.raises(InvalidInput) as caught:
            crisis_lines("US", "fr")
        first = caught.value.problems[0]
        assert (first.line, first.field, first.message) == (15, "lines[0].name", "has no `fr` wording")
    finally:
        for cached in (content.available_languages, crisis.supported_countries, crisis._read):
            cached.cache_clear()


@pytest.mark.parametrize("language", available_languages())
def test_the_get_help_section_names_every_us_number(language: str) -> None:
    body = shared_content(language).sections["get_help"].body
    numbers = {n for line in crisis_lines("US").lines for n in (line.call, line.text) if n}
    assert numbers == {"988", "838255", "911"}
    assert [n for n in numbers if n not in body] == []


def test_a_clinic_abroad_is_refused_at_its_country() -> None:
    with pytest.raises(InvalidInput) as caught:
        load_clinic(ABROAD)
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.field) == (2, 10, "country")
    assert problem.message.startswith("no crisis lines for AU yet; supported: US.")
    assert HOW_TO_ADD.format("AU") in problem.message
    assert "CONTRIBUTING.md" in problem.message


def test_a_phone_number_abroad_is_refused_even_without_a_country(write_clinic: WriteClinic) -> None:
    path = write_clinic('name: London Clinic\nphone: "+44 20 7946 0958"\nroutes: [iv]\n')
    with pytest.raises(InvalidInput) as caught:
        load_clinic(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.field) == (2, 8, "phone")
    assert problem.message.startswith("'+44 20 7946 0958' is a number in GB: no crisis lines for GB yet;")


def test_a_location_phone_abroad_is_refused(write_clinic: WriteClinic) -> None:
    text = (
        'name: Clinic\nphone: "505-639-4973"\nroutes: [iv]\nlocations:\n'
        '  - id: london\n    name: London\n    phone: "+44 20 7946 0958"\n'
    )
    with pytest.raises(InvalidInput) as caught:
        load_clinic(write_clinic(text))
    assert [(p.line, p.field) for p in caught.value.problems] == [(7, "locations[0].phone")]


def test_build_of_a_clinic_abroad_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = leaflet_exit(monkeypatch, "build", ABROAD, "--out", tmp_path / "out")
    err = capsys.readouterr().err
    assert code == 2
    assert f"{ABROAD}: 1 problem\n  2:10  country  no crisis lines for AU yet; supported: US." in err
    assert not (tmp_path / "out").exists()


def test_an_international_service_number_is_refused(write_clinic: WriteClinic) -> None:
    path = write_clinic('name: Clinic\nphone: "+800 1234 5678"\nroutes: [iv]\n')
    with pytest.raises(InvalidInput) as caught:
        load_clinic(path)
    assert [p.message for p in caught.value.problems] == [
        "'+800 1234 5678' is in no country; give the clinic's number in US"
    ]


# -- what a patient reading a built document alone gets (sample_site: every document of every sample clinic) --

US_NUMBERS = sorted({n for line in crisis_lines("US").lines for n in (line.call, line.text) if n})


def test_every_guide_gives_988_on_its_first_page(sample_site: Path) -> None:
    guides = sorted(sample_site.glob("*/*.guide.*.pdf"))
    assert {path.name.split(".")[-2] for path in guides} == {"en", "es"}
    assert [path.name for path in guides if "988" not in page_texts(path)[0]] == []


def test_every_brochure_gives_988_on_both_faces(sample_site: Path) -> None:
    brochures = sorted(sample_site.glob("*/brochure*.pdf"))
    assert {path.name.split(".")[-2] for path in brochures} == {"en", "es"}
    for path in brochures:
        outside, inside = page_texts(path)
        # The crisis lines themselves on the outside, not only the 988 Lifeline among its sources.
        how = crisis_lines("US", path.name.split(".")[-2]).lines[0].how
        assert "988" in how and flat(how) in flat(outside), path
        assert "988" in inside, path


def test_no_crisis_number_runs_into_a_digit(sample_site: Path) -> None:
    # A citation marker printed against a number is extracted as more digits of it ("8382556"): a reader copying
    # the number, or a screen reader, gets another number.
    whole = re.compile(rf"(?<![\d-])({'|'.join(US_NUMBERS)})\d")
    runs = [
        (path.relative_to(sample_site).as_posix(), match.group(0))
        for path in sorted(sample_site.glob("*/*.pdf"))
        for match in whole.finditer(flat("\n".join(page_texts(path))))
    ]
    assert runs == []
