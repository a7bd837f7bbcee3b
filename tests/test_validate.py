"""Validation: every problem in a file, each with its exact line, column, field, what is wrong and how to fix it."""

from __future__ import annotations

import errno
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, MINIMAL_CLINIC, WriteClinic

from leaflet import InvalidInput, load_clinic, load_clinics
from leaflet.errors import UsageError, format_problems
from leaflet.model import Brand, Clinic, Phone, Wording
from leaflet.schema import CONDITIONS, ROUTES
from leaflet.spec.clinic import CLINIC
from leaflet.spec.scalars import parse_phone
from leaflet.validate import check_clinics, clinic_files

FIELDS_HERE = ", ".join(key.name for key in CLINIC.keys)
ROUTE_LIST = ", ".join(ROUTES)
PHONE_MISSING = (
    'is missing; add the main number, e.g. phone: "505-555-0100" '
    "(it may be left out only when every location has its own phone)"
)


def report(path: Path) -> str:
    """What `leaflet validate` prints for `path` before "Nothing was built."."""
    with pytest.raises(InvalidInput) as caught:
        load_clinic(path)
    return str(caught.value)


def problem_lines(path: Path) -> list[str]:
    """The problem lines of the report, without the file's heading line."""
    heading, *lines = report(path).splitlines()
    assert heading.startswith(f"{path}: ")
    return lines


# -- the acceptance fixture -------------------------------------------------------------------------------------


def test_three_problems_are_reported_with_exact_lines() -> None:
    path = FIXTURES / "three-problems" / "clinic.yaml"
    assert report(path) == (
        f"{path}: 3 problems\n"
        f"  5:14  routes[1]            'intranasel' is not a route; did you mean 'intranasal'? ({ROUTE_LIST})\n"
        f"  6:1   webiste              is not a field; did you mean 'website'? (fields here: {FIELDS_HERE})\n"
        "  8:18  brand.primary_color  '#12345G' is not a colour like '#1a6b8c' or '#18c' "
        "(a # and 3 or 6 hex digits, in quotes)"
    )


def test_str_of_invalid_input_is_format_problems() -> None:
    path = FIXTURES / "three-problems" / "clinic.yaml"
    with pytest.raises(InvalidInput) as caught:
        load_clinic(path)
    assert [(p.line, p.column, p.field) for p in caught.value.problems] == [
        (5, 14, "routes[1]"),
        (6, 1, "webiste"),
        (8, 18, "brand.primary_color"),
    ]
    assert str(caught.value) == format_problems(caught.value.problems)


def test_problems_from_several_files_are_grouped_by_file(write_clinic: WriteClinic) -> None:
    first = write_clinic("name: A\nroutes: [iv]\nphone: '505-639-4973'\npaper: A5\n", "a.yaml")
    second = write_clinic("name: B\nroutes: [oral]\nphone: '505-639-4973'\nin_home: NO\n", "b.yaml")
    with pytest.raises(InvalidInput) as caught:
        load_clinics([first, second])
    assert str(caught.value) == (
        f"{first}: 1 problem\n"
        "  4:8  paper  'A5' is not a paper (letter, a4)\n"
        f"{second}: 1 problem\n"
        "  4:10  in_home  'NO' is not true or false; write in_home: true or in_home: false"
    )


# -- did you mean ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typo", "hint"),
    [
        ("intranasel", "; did you mean 'intranasal'?"),
        ("IV", "; did you mean 'iv'?"),
        ("intramuscle", "; did you mean 'intramuscular'?"),
        ("orl", "; did you mean 'oral'?"),
        ("subcutaneous", ""),
    ],
)
def test_route_typos_get_a_suggestion_and_the_allowed_list(write_clinic: WriteClinic, typo: str, hint: str) -> None:
    path = write_clinic(f"name: Clinic\nphone: '505-639-4973'\nroutes: [{typo}]\n")
    assert problem_lines(path) == [f"  3:10  routes[0]  '{typo}' is not a route{hint} ({ROUTE_LIST})"]


@pytest.mark.parametrize(
    ("key", "hint"),
    [("booking-url", "booking_url"), ("emial", "email"), ("telephone", "phone"), ("langauges", "languages")],
)
def test_unknown_keys_get_a_suggestion(write_clinic: WriteClinic, key: str, hint: str) -> None:
    path = write_clinic(f"name: Clinic\nphone: '505-639-4973'\nroutes: [iv]\n{key}: x\n")
    width = len(key)
    assert problem_lines(path) == [
        f"  4:1  {key:<{width}}  is not a field; did you mean '{hint}'? (fields here: {FIELDS_HERE})"
    ]


def test_unknown_keys_in_a_nested_mapping_list_that_mappings_fields(write_clinic: WriteClinic) -> None:
    path = write_clinic(
        """
        name: Clinic
        phone: '505-639-4973'
        routes: [iv]
        brand:
          primary_colour: "#123456"
        locations:
          - id: main
            name: Main
            adress: 1 Example Street
        """
    )
    assert problem_lines(path) == [
        "  5:3  brand.primary_colour  is not a field; did you mean 'primary_color'? "
        "(fields here: logo, primary_color, accent_color, font, font_bold, heading_font)",
        "  9:5  locations[0].adress   is not a field; did you mean 'address'? "
        "(fields here: id, name, address, city, region, postal_code, phone, hours)",
    ]


# -- colours -----------------------------------------------------------------------------------------------------


def test_unquoted_hash_colours_get_the_comment_hint(write_clinic: WriteClinic) -> None:
    path = write_clinic(
        """
        name: Clinic
        phone: '505-639-4973'
        routes: [iv]
        brand:
          primary_color: #ff0000
          accent_color: #abc   # a comment after it
        """
    )
    assert problem_lines(path) == [
        "  5:17  brand.primary_color  is empty because YAML reads an unquoted # as a comment; write it in quotes: "
        'primary_color: "#ff0000"',
        "  6:16  brand.accent_color   is empty because YAML reads an unquoted # as a comment; write it in quotes: "
        'accent_color: "#abc"',
    ]


@pytest.mark.parametrize(("written", "read"), [("#1B6B73", "#1b6b73"), ("#18c", "#1188cc"), ("#ABC", "#aabbcc")])
def test_colours_are_normalised_to_lower_case_six_digits(write_clinic: WriteClinic, written: str, read: str) -> None:
    clinic = load_clinic(write_clinic(MINIMAL_CLINIC + f'brand:\n  primary_color: "{written}"\n'))
    assert clinic.brand.primary_color == read


def test_brand_defaults_when_absent(minimal_clinic: Clinic) -> None:
    assert minimal_clinic.brand == Brand(logo=None, primary_color="#2a6f97", accent_color="#f4a261")


# -- phone numbers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "region", "display", "e164"),
    [
        ("505-639-4973", "US", "(505) 639-4973", "+15056394973"),
        ("(505) 639 4973", "US", "(505) 639-4973", "+15056394973"),
        ("505.639.4973", "US", "(505) 639-4973", "+15056394973"),
        ("+1 505 639 4973", "US", "(505) 639-4973", "+15056394973"),
        ("020 7946 0958", "GB", "020 7946 0958", "+442079460958"),
        ("+44 20 7946 0958", "US", "+44 20 7946 0958", "+442079460958"),  # a foreign number keeps its +
    ],
)
def test_phone_numbers_are_read_as_written_and_formatted_as_the_country_does(
    written: str, region: str, display: str, e164: str
) -> None:
    phone = parse_phone(written, region)
    assert phone == Phone(display=display, e164=e164)
    assert phone.href == f"tel:{e164}"


def test_clinic_phone_is_parsed_for_the_clinic(minimal_clinic: Clinic) -> None:
    assert minimal_clinic.phone == Phone(display="(505) 639-4973", e164="+15056394973")


def test_the_clinic_country_is_read_in_capitals(write_clinic: WriteClinic) -> None:
    clinic = load_clinic(write_clinic("name: Clinic\ncountry: us\nphone: '505-639-4973'\nroutes: [iv]\n"))
    assert clinic.country == "US"


@pytest.mark.parametrize("written", ["555-0100", "1", "call us", "505-639-49733"])
def test_a_bad_phone_number_says_how_to_write_one(write_clinic: WriteClinic, written: str) -> None:
    path = write_clinic(f"name: Clinic\nroutes: [iv]\nphone: '{written}'\n")
    # Only what is wrong with the number: it is there, so it is not also "missing".
    assert problem_lines(path) == [
        f"  3:8  phone  '{written}' is not a phone number in US; write it like \"505-555-0100\" "
        'or with the country code, like "+1 505 555 0100"'
    ]


def test_phone_is_required_without_locations(write_clinic: WriteClinic) -> None:
    path = write_clinic("name: Clinic\nroutes: [iv]\n")
    assert problem_lines(path) == [f"  1:1  phone  {PHONE_MISSING}"]


def test_phone_is_required_when_a_location_has_none(write_clinic: WriteClinic) -> None:
    path = write_clinic(
        """
        name: Clinic
        routes: [iv]
        locations:
          - id: east
            name: East
            phone: '505-639-4975'
          - id: west
            name: West
        """
    )
    assert problem_lines(path) == [f"  1:1  phone  {PHONE_MISSING}"]


def test_phone_may_be_left_out_when_every_location_has_one() -> None:
    clinic = load_clinic(FIXTURES / "location-phones" / "clinic.yaml")
    assert clinic.phone is None
    assert [location.phone for location in clinic.locations] == [
        Phone("(505) 639-4975", "+15056394975"),
        Phone("(505) 639-4976", "+15056394976"),
    ]
    assert clinic.main_phone == Phone("(505) 639-4975", "+15056394975")


# -- ids ------------------------------------------------------------------------------------------------------------


def test_id_defaults_to_the_file_name(write_clinic: WriteClinic) -> None:
    assert load_clinic(write_clinic(MINIMAL_CLINIC, "northside-2.yaml")).id == "northside-2"


def test_an_explicit_id_wins_over_the_file_name(write_clinic: WriteClinic) -> None:
    assert load_clinic(write_clinic(MINIMAL_CLINIC + "id: northside\n", "Northside Clinic.yaml")).id == "northside"


@pytest.mark.parametrize(
    ("file_name", "suggestion"),
    [("Northside Clinic.yaml", "northside-clinic"), ("north_side.yml", "north-side"), ("____.yaml", "my-clinic")],
)
def test_a_file_name_that_is_not_an_id_needs_an_id(write_clinic: WriteClinic, file_name: str, suggestion: str) -> None:
    path = write_clinic(MINIMAL_CLINIC, file_name)
    stem = Path(file_name).stem
    assert problem_lines(path) == [
        f"  1:1  id  is missing and the file name '{stem}' is not a valid id; add `id: {suggestion}`"
    ]


def test_an_invalid_id_gets_a_suggestion(write_clinic: WriteClinic) -> None:
    path = write_clinic(MINIMAL_CLINIC + "id: My Clinic\n")
    assert problem_lines(path) == [
        "  4:5  id  'My Clinic' is not an id: use 1-64 of a-z, 0-9 and -, starting with a letter or digit; "
        "try 'my-clinic'"
    ]


def test_duplicate_location_ids(write_clinic: WriteClinic) -> None:
    path = write_clinic(
        """
        name: Clinic
        phone: '505-639-4973'
        routes: [iv]
        locations:
          - id: main
            name: Main
          - id: main
            name: Annex
        """
    )
    assert problem_lines(path) == ["  7:5  locations[1].id  'main' is also the id of locations[0]; ids must differ"]


def test_duplicate_clinic_ids_across_two_files() -> None:
    folder = FIXTURES / "duplicate-ids"
    with pytest.raises(InvalidInput) as caught:
        load_clinics([folder])
    assert str(caught.value) == (
        f"{folder / 'second.yaml'}: 1 problem\n"
        f"  2:5  id  'same-id' is also the id of {folder / 'first.yaml'}:2; two clinics would write to the same "
        "folder: give one of them another `id:`"
    )


def test_a_clinic_whose_id_comes_from_its_file_name_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "same-id.yaml").write_text("name: By Name\nphone: '505-639-4973'\nroutes: [iv]\n", "utf-8")
    (tmp_path / "z.yaml").write_text("name: Z\nid: same-id\nphone: '505-639-4974'\nroutes: [iv]\n", "utf-8")
    _, found = check_clinics([tmp_path])
    assert [(p.line, p.column, p.message.split(";")[0]) for p in found] == [
        (2, 5, f"'same-id' is also the id of {tmp_path / 'same-id.yaml'} (from its file name)")
    ]


def test_check_clinics_keeps_the_first_of_two_clinics_with_one_id() -> None:
    clinics, found = check_clinics([FIXTURES / "duplicate-ids"])
    assert [clinic.name for clinic in clinics] == ["First Clinic"]
    assert [(p.file.name, p.field) for p in found] == [("second.yaml", "id")]


def test_a_file_named_twice_is_checked_once() -> None:
    path = FIXTURES / "location-phones" / "clinic.yaml"
    assert [clinic.id for clinic in load_clinics([path, path, path.parent])] == ["clinic"]
    assert clinic_files([path.parent / "." / path.name, path]) == [path.parent / "." / path.name]


# -- logo paths -------------------------------------------------------------------------------------------------


@pytest.fixture
def logo_folder(tmp_path: Path) -> Path:
    """A clinic folder with a logo inside, and one logo outside it."""
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    (tmp_path / "clinic").mkdir()
    (tmp_path / "clinic" / "logo.svg").write_bytes(svg)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "logo.svg").write_bytes(svg)
    return tmp_path / "clinic"


def logo_problem(folder: Path, written: str) -> str:
    path = folder / "clinic.yaml"
    path.write_text(MINIMAL_CLINIC + f"brand:\n  logo: '{written}'\n", encoding="utf-8")
    lines = problem_lines(path)
    assert len(lines) == 1, lines
    prefix = "  5:9  brand.logo  "
    assert lines[0].startswith(prefix)
    return lines[0].removeprefix(prefix)


def test_a_logo_beside_the_clinic_file_is_resolved(logo_folder: Path) -> None:
    path = logo_folder / "clinic.yaml"
    path.write_text(MINIMAL_CLINIC + "brand:\n  logo: logo.svg\n", encoding="utf-8")
    assert load_clinic(path).brand.logo == (logo_folder / "logo.svg").resolve()


def test_a_link_to_a_logo_inside_the_folder_is_allowed(logo_folder: Path) -> None:
    (logo_folder / "link.svg").symlink_to("logo.svg")
    path = logo_folder / "clinic.yaml"
    path.write_text(MINIMAL_CLINIC + "brand:\n  logo: link.svg\n", encoding="utf-8")
    assert load_clinic(path).brand.logo is not None


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("missing.svg", "'missing.svg' does not exist (looked for {folder}/missing.svg)"),
        ("../elsewhere/logo.svg", "'../elsewhere/logo.svg' goes outside the clinic file's folder"),
        ("logos/../../elsewhere/logo.svg", "goes outside the clinic file's folder"),
        ("{outside}", "must be a path relative to the clinic file's folder, like logo.svg"),
        ("~/logo.svg", "must be a path relative to the clinic file's folder"),
        ("https://example.com/logo.svg", "'https://example.com/logo.svg' is a URL; put the logo file beside"),
        ("file:///etc/logo.svg", "is a URL"),
        ("data:image/svg+xml;base64,PHN2Zz4=", "is a URL"),
        ("logo.gif", "'logo.gif' is not a .svg, .png or .jpg file"),
        ("logo.svg.exe", "is not a .svg, .png or .jpg file"),
    ],
)
def test_logo_path_rules(logo_folder: Path, written: str, says: str) -> None:
    outside = logo_folder.parent / "elsewhere" / "logo.svg"
    written = written.format(outside=outside)
    assert says.format(folder=logo_folder.resolve()) in logo_problem(logo_folder, written)


def test_a_logo_linking_outside_the_folder_is_refused(logo_folder: Path) -> None:
    (logo_folder / "link.svg").symlink_to(logo_folder.parent / "elsewhere" / "logo.svg")
    assert logo_problem(logo_folder, "link.svg").startswith(
        "'link.svg' is a link to a file outside the clinic file's folder; copy the file there instead"
    )


def test_a_logo_that_is_a_folder_is_refused(logo_folder: Path) -> None:
    (logo_folder / "folder.svg").mkdir()
    assert "is not a regular file" in logo_problem(logo_folder, "folder.svg")


# -- languages and lists --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("[en, fr]", "  4:17  languages[1]  there is no content in 'fr' yet; languages available: en, es"),
        ("[english]", "  4:13  languages[0]  'english' is not a language code like 'en'"),
        ("[EN]", "  4:13  languages[0]  'EN' is not a language code like 'en'; did you mean 'en'?"),
        ("[en, en]", "  4:17  languages[1]  'en' is listed twice; remove one"),
        ("en", "  4:12  languages  must be a list, like languages: [en]"),
    ],
)
def test_languages_must_have_content(write_clinic: WriteClinic, written: str, message: str) -> None:
    path = write_clinic(MINIMAL_CLINIC + f"languages: {written}\n")
    assert problem_lines(path) == [message]


def test_an_empty_list_of_languages_or_conditions_is_a_problem(write_clinic: WriteClinic) -> None:
    # An empty list would validate a clinic for which `leaflet build` makes nothing.
    path = write_clinic(MINIMAL_CLINIC + "languages: []\nconditions: []\n")
    conditions = ", ".join(CONDITIONS)
    assert problem_lines(path) == [
        "  4:12  languages   is empty; list at least one of: en, es",
        f"  5:13  conditions  is empty; list at least one of: {conditions}",
    ]


def test_the_other_list_and_choice_problems(write_clinic: WriteClinic) -> None:
    path = write_clinic(
        """
        name: Clinic
        phone: '505-639-4973'
        routes: [iv, iv]
        conditions: [ptsdd, cancer]
        paper: A4
        in_home: yes
        """
    )
    conditions = ", ".join(CONDITIONS)
    assert problem_lines(path) == [
        "  3:14  routes[1]      'iv' is listed twice; remove one",
        f"  4:14  conditions[0]  'ptsdd' is not a condition; did you mean 'ptsd'? ({conditions})",
        f"  4:21  conditions[1]  'cancer' is not a condition ({conditions})",
        "  5:8   paper          'A4' is not a paper; did you mean 'a4'? (letter, a4)",
        "  6:10  in_home        'yes' is not true or false; write in_home: true or in_home: false",
    ]


def test_required_fields_missing_or_empty(write_clinic: WriteClinic) -> None:
    path = write_clinic("name:\nphone: '505-639-4973'\nroutes: []\n")
    assert problem_lines(path) == [
        "  1:6  name    is empty; the clinic's name as it appears on every leaflet.",
        f"  3:9  routes  is empty; list at least one of: {ROUTE_LIST}",
    ]
    path = write_clinic("phone: '505-639-4973'\n")
    assert problem_lines(path) == [
        "  1:1  name    is missing; add `name:` (The clinic's name as it appears on every leaflet.)",
        "  1:1  routes  is missing; add `routes:` (How the clinic gives ketamine; at least one.)",
    ]


def test_defaults_of_a_minimal_clinic(minimal_clinic: Clinic) -> None:
    assert minimal_clinic.id == "minimal"
    assert minimal_clinic.routes == ("iv",)
    assert minimal_clinic.conditions == ("ptsd",)
    assert minimal_clinic.languages == ("en",)
    assert minimal_clinic.paper == "letter"
    assert minimal_clinic.country == "US"
    assert minimal_clinic.settings == ("clinic",)
    assert minimal_clinic.nasal_spray is None and minimal_clinic.publish_url is None
    assert minimal_clinic.locations == ()


def test_text_with_control_or_direction_characters_is_refused(write_clinic: WriteClinic) -> None:
    path = write_clinic(MINIMAL_CLINIC + 'about: "Safe\\u202e text"\n')
    assert problem_lines(path) == [
        "  4:8  about  contains the text-direction character U+202E RIGHT-TO-LEFT OVERRIDE, which makes the text read "
        "differently from what it is; delete it (leaflet sets the direction of right-to-left text itself)"
    ]


@pytest.mark.parametrize(
    ("mark", "name"),
    [
        ("\\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\\u200e", "U+200E LEFT-TO-RIGHT MARK"),
        ("\\u061c", "U+061C ARABIC LETTER MARK"),
    ],
)
def test_a_text_direction_mark_is_refused_as_the_other_direction_controls_are(
    write_clinic: WriteClinic, mark: str, name: str
) -> None:
    # "9:00<RLM>-17:00" prints "9:0017:00-": what copying the hours from a Hebrew or Arabic page leaves.
    path = write_clinic(MINIMAL_CLINIC + f'locations:\n  - id: main\n    name: Main\n    hours: "9:00{mark}-17:00"\n')
    assert problem_lines(path) == [
        f"  7:12  locations[0].hours  contains {name}, an invisible text-direction mark that copying from a "
        "right-to-left (Hebrew or Arabic) page leaves behind; delete it (leaflet sets the direction of right-to-left "
        "text itself)"
    ]


@pytest.mark.parametrize(
    "invisible",
    ["\\u200b", "\\u00ad", "\\u2060", "\\u0301", " \\u200b\\u00a0\\u3000 ", "\\u3164"],
    ids=["zero-width space", "soft hyphen", "word joiner", "lone combining accent", "spaces", "hangul filler"],
)
def test_text_with_no_visible_character_is_empty(
    write_clinic: WriteClinic, monkeypatch: pytest.MonkeyPatch, invisible: str
) -> None:
    # A cover with no clinic name, "Reviewed ... by on June 1, 2025.": what such a name or reviewer printed.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795953600")  # 2026-11-29 12:00 UTC
    path = write_clinic(
        f'name: "{invisible}"\nphone: "505-639-4973"\nroutes: [iv]\n'
        f'medical_review: {{by: "{invisible}", on: 2026-11-01, content: 0123456789abcdef}}\n'
    )
    assert problem_lines(path) == [
        "  1:7   name               is empty; the clinic's name as it appears on every leaflet.",
        '  4:22  medical_review.by  is empty; who reviewed it: a name and role, "Dr Jane Doe, medical director".',
    ]


def test_per_language_text_with_no_visible_character_is_refused(write_clinic: WriteClinic) -> None:
    path = write_clinic(MINIMAL_CLINIC + 'about: {en: "\\u200b\\u200b"}\n')
    assert problem_lines(path) == [
        "  4:13  about.en  is empty; write the text in this language, or leave the language out"
    ]


# -- which files ---------------------------------------------------------------------------------------------------


def test_a_folder_means_the_clinic_files_directly_inside_it(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "notes.txt"):
        (tmp_path / name).write_text(MINIMAL_CLINIC, encoding="utf-8")
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "c.yaml").write_text(MINIMAL_CLINIC, encoding="utf-8")
    assert clinic_files([tmp_path]) == [tmp_path / "a.yml", tmp_path / "b.yaml"]


def test_a_folder_yields_yaml_in_any_case_and_skips_hidden_files_saying_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for name in ("a.yaml", "B.YAML", "c.Yml", "._a.yaml", ".d.yaml", ".notes.txt"):
        (tmp_path / name).write_text(MINIMAL_CLINIC, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="leaflet"):
        assert clinic_files([tmp_path]) == [tmp_path / "B.YAML", tmp_path / "a.yaml", tmp_path / "c.Yml"]
    assert caplog.messages == [
        f"{tmp_path / '._a.yaml'}: skipped, a Mac's metadata file (AppleDouble), not a clinic file",
        f"{tmp_path / '.d.yaml'}: skipped, a hidden file; rename it without the leading dot to build it",
    ]


def test_a_skipped_file_is_a_warning_on_stderr_and_the_rest_validates(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL_CLINIC, encoding="utf-8")
    (tmp_path / "._a.yaml").write_bytes(b"\0\5\26\7\0\2\0\0Mac OS X        ")  # what a Mac writes: binary
    result = subprocess.run(
        [sys.executable, "-m", "leaflet", "validate", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, f"{tmp_path / 'a.yaml'}: ok\n")
    assert (
        result.stderr == f"{tmp_path / '._a.yaml'}: skipped, a Mac's metadata file (AppleDouble), not a clinic file\n"
    )


def not_clinic_files(folder: Path) -> dict[str, str]:
    """What a folder holds besides its clinic file a.yaml, each *.yaml name with why a listing skips it."""
    (folder / "a.yaml").write_text(MINIMAL_CLINIC, encoding="utf-8")
    os.mkfifo(folder / "pipe.yaml")  # opened, it would wait for a writer for ever
    (folder / "gone.yaml").symlink_to("nowhere.yaml")
    (folder / "to-pipe.yml").symlink_to("pipe.yaml")
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "notes.yaml").mkdir()
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(folder / "socket.yaml"))
    return {
        "gone.yaml": "a link to nothing (nowhere.yaml does not exist); point it at a clinic file or remove it",
        "loop.yaml": "a link to a file that cannot be read: Too many levels of symbolic links",
        "notes.yaml": "a folder, not a clinic file",
        "pipe.yaml": "a named pipe (FIFO), not a regular file; give a .yaml file",
        "socket.yaml": "a socket, not a regular file; give a .yaml file",
        "to-pipe.yml": "a link to a named pipe (FIFO), not a regular file; give a .yaml file",
    }


def test_a_folder_skips_what_is_not_a_regular_file_saying_why(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    skipped = not_clinic_files(tmp_path)
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere.yaml"
    outside.write_text(MINIMAL_CLINIC, encoding="utf-8")
    (tmp_path / "linked.yaml").symlink_to(outside)  # a link to a clinic file, anywhere, is one: as before
    with caplog.at_level(logging.WARNING, logger="leaflet"):
        assert clinic_files([tmp_path]) == [tmp_path / "a.yaml", tmp_path / "linked.yaml"]
    assert caplog.messages == [f"{tmp_path / name}: skipped, {why}" for name, why in sorted(skipped.items())]


@pytest.mark.parametrize(
    "command", [["validate"], ["lint"], ["build", "--dry-run", "--out", "{out}"]], ids=["validate", "lint", "build"]
)
def test_a_named_pipe_in_a_folder_is_skipped_with_a_warning_and_nothing_hangs(
    tmp_path: Path, command: list[str]
) -> None:
    folder = tmp_path / "clinics"
    folder.mkdir()
    skipped = not_clinic_files(folder)
    arguments = [part.format(out=tmp_path / "out") for part in command]
    result = subprocess.run(  # in a process of its own, with a timeout: a regression fails instead of hanging
        [sys.executable, "-m", "leaflet", *arguments, str(folder)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if ": skipped, " in line]
    assert warnings == [f"{folder / name}: skipped, {why}" for name, why in sorted(skipped.items())]
    assert not (tmp_path / "out").exists()


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        clinic_files([tmp_path / "nope.yaml"])
    assert str(caught.value) == f"{tmp_path / 'nope.yaml'}: no such file or folder"


def test_a_folder_without_clinic_files_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        clinic_files([tmp_path])
    assert str(caught.value) == f"{tmp_path}: no clinic files (*.yaml) in this folder"


def test_every_sample_clinic_is_valid() -> None:
    clinics = load_clinics([FIXTURES.parent.parent / "data" / "clinics"])
    assert sorted(clinic.id for clinic in clinics) == ["austin", "cache", "home-visit", "lakeshore", "tranquility"]


def test_an_unreadable_file_says_so(write_clinic: WriteClinic, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_clinic(MINIMAL_CLINIC)
    real_open = os.open

    def refuse(name: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if Path(name) == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(name))
        return real_open(name, flags, *args, **kwargs)

    # Tests may run as root, who can read a file with no permissions: refuse the open itself.
    monkeypatch.setattr(os, "open", refuse)
    assert report(path) == f"{path}: 1 problem\n  -    cannot be read: Permission denied"


def test_a_fifo_named_like_a_clinic_file_is_refused_without_hanging(tmp_path: Path) -> None:
    path = tmp_path / "clinic.yaml"
    os.mkfifo(path)
    assert report(path) == f"{path}: 1 problem\n  -    is not a regular file; give a .yaml file"


# -- what a leaflet prints must fit it -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [
        ("website", "https://example.com/" + "a" * 81, 100),
        ("booking_url", "https://example.com/" + "b" * 81, 100),
        ("email", "x" * 69 + "@example.com", 80),
    ],
)
def test_a_web_address_or_email_too_long_to_print_is_refused(
    write_clinic: WriteClinic, field: str, value: str, limit: int
) -> None:
    """The brochure's back panel and every QR code have room for these at their limit (tests/clinics/
    extreme-brochure); one character more is refused before anything is built."""
    assert len(value) == limit + 1
    path = write_clinic(f"name: Clinic\nroutes: [iv]\nphone: '505-639-4973'\n{field}: {value}\n")
    [line] = problem_lines(path)
    assert line.split()[1] == field and "characters long;" in line and f"at most {limit}" in line
    shorter = write_clinic(
        f"name: Clinic\nroutes: [iv]\nphone: '505-639-4973'\n{field}: {value[:-2] + value[-1]}\n", "ok.yaml"
    )
    assert load_clinic(shorter).name == "Clinic"


# -- where doses are given, which spray ------------------------------------------------------------------------------


def test_in_home_true_is_read_as_a_clinician_at_home(write_clinic: WriteClinic) -> None:
    clinic = load_clinic(write_clinic("name: Clinic\nroutes: [iv]\nphone: '505-639-4973'\nin_home: true\n"))
    assert clinic.settings == ("clinic", "clinician_home")


def test_in_home_beside_settings_is_refused(write_clinic: WriteClinic) -> None:
    path = write_clinic("name: Clinic\nroutes: [iv]\nphone: '505-639-4973'\nin_home: true\nsettings: [self_home]\n")
    assert problem_lines(path) == [
        "  4:10  in_home  is replaced by settings, which this file has too: remove in_home",
    ]


def test_a_nasal_spray_without_the_intranasal_route_is_refused(write_clinic: WriteClinic) -> None:
    path = write_clinic("name: Clinic\nroutes: [iv]\nphone: '505-639-4973'\nnasal_spray: esketamine\n")
    [line] = problem_lines(path)
    assert line.split()[:2] == ["4:14", "nasal_spray"] and "add intranasal to routes" in line


def test_settings_and_spray_are_read(write_clinic: WriteClinic) -> None:
    text = "name: C\nroutes: [intranasal]\nphone: '505-639-4973'\nnasal_spray: compounded\nsettings: [self_home]\n"
    clinic = load_clinic(write_clinic(text))
    assert (clinic.settings, clinic.nasal_spray, clinic.spray) == (("self_home",), "compounded", "compounded")
    both = load_clinic(write_clinic(text.replace("compounded", "both"), "both.yaml"))
    assert both.spray == "unknown"  # both kinds: the leaflet says which exist and to ask


# -- medical_review: the clinic's sign-off (see also tests/test_review.py) -----------------------------------------


def test_bad_medical_review_values_are_reported_with_their_positions(
    write_clinic: WriteClinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795953600")  # 2026-11-29 12:00 UTC
    path = write_clinic(
        MINIMAL_CLINIC
        + "medical_review:\n"
        + f"  by: Dr {'x' * 120}\n"
        + "  on: 2026-02-30\n"
        + "  content: 3D1A51A5\n"
    )
    assert problem_lines(path) == [
        "  5:7   medical_review.by       is 123 characters long; keep it to 120",
        "  6:7   medical_review.on       '2026-02-30' is not a day of the calendar; check the month and the day",
        "  7:12  medical_review.content  '3D1A51A5' is not a content hash; copy the one `leaflet review-hash` "
        "prints for this clinic",
    ]


def test_a_medical_review_needs_who_when_and_what(write_clinic: WriteClinic, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795953600")  # 2026-11-29 12:00 UTC
    path = write_clinic(MINIMAL_CLINIC + 'medical_review:\n  by: ""\n  on: 2026-11-30\n')
    assert problem_lines(path) == [
        "  5:3  medical_review.content  is missing; add `content:` (The hash `leaflet review-hash` printed for this "
        "clinic when the review was done: what was reviewed.)",
        '  5:7  medical_review.by       is empty; who reviewed it: a name and role, "Dr Jane Doe, medical director".',
        "  6:7  medical_review.on       '2026-11-30' is after the build's date, 2026-11-29; give the day it was done",
    ]


def test_a_medical_review_date_must_be_a_date(write_clinic: WriteClinic) -> None:
    path = write_clinic(
        MINIMAL_CLINIC + "medical_review: {by: Dr Jane Doe, on: 20/11/2026, content: 0123456789abcdef}\n"
    )
    assert problem_lines(path) == [
        "  4:39  medical_review.on  '20/11/2026' is not a date like 2026-11-15 (year-month-day)"
    ]


@pytest.mark.parametrize(
    "port",
    ["0", "00", "65536", "99999", "http", "-1"],
)
def test_a_web_address_with_a_port_no_server_listens_on_is_refused(write_clinic: WriteClinic, port: str) -> None:
    path = write_clinic(MINIMAL_CLINIC + f"website: https://example.com:{port}/book\n")
    assert problem_lines(path) == [
        f"  4:10  website  'https://example.com:{port}/book' has a port that is not a number from 1 to 65535 after "
        "the host's ':'; remove the port (and its ':'), or write the one the site gives"
    ]


@pytest.mark.parametrize(
    ("url", "escape"),
    [("https://example.com/100%", "%"), ("https://example.com/a%2", "%2"), ("https://example.com/?q=%zz", "%zz")],
)
def test_a_web_address_with_a_malformed_percent_escape_is_refused(
    write_clinic: WriteClinic, url: str, escape: str
) -> None:
    path = write_clinic(MINIMAL_CLINIC + f"website: https://example.com:8443/a%20b%C3%A9\nbooking_url: {url}\n")
    assert problem_lines(path) == [
        f"  5:14  booking_url  '{url}' has a % not followed by two hex digits ('{escape}'); a % in an address starts "
        "an escape like %20: copy the address again from the browser, or write a % as %25"
    ]


def test_a_content_hash_in_capitals_says_to_write_it_in_lower_case(write_clinic: WriteClinic) -> None:
    path = write_clinic(
        MINIMAL_CLINIC + "medical_review: {by: Dr Jane Doe, on: 2024-11-01, content: 0123456789ABCDEF}\n"
    )
    assert problem_lines(path) == [
        "  4:60  medical_review.content  '0123456789ABCDEF' is written in capitals; write it in lower case: "
        "'0123456789abcdef'"
    ]


# -- interpreter --------------------------------------------------------------------------------------------------


def test_interpreter_is_false_unless_the_clinic_says_so(write_clinic: WriteClinic, minimal_clinic: Clinic) -> None:
    assert minimal_clinic.interpreter is False
    assert load_clinic(write_clinic(MINIMAL_CLINIC + "interpreter: true\n")).interpreter is True


def test_interpreter_must_be_true_or_false(write_clinic: WriteClinic) -> None:
    path = write_clinic(MINIMAL_CLINIC + "interpreter: Spanish\n")
    assert problem_lines(path) == [
        "  4:14  interpreter  'Spanish' is not true or false; write interpreter: true or interpreter: false"
    ]


# -- a clinic's own text per language (about, hours) -----------------------------------------------------------


def test_text_written_once_is_in_the_first_language_and_text_per_language_in_the_clinics_order(
    write_clinic: WriteClinic,
) -> None:
    clinic = load_clinic(
        write_clinic(
            """
            name: Two Languages
            phone: "505-639-4973"
            routes: [iv]
            languages: [es, en]
            about: "Fundada por dos médicas de urgencias."
            locations:
              - id: main
                name: Main
                hours: {en: "Mon-Fri 9:00-17:00", es: "lun. a vie., 9:00-17:00"}
            """
        )
    )
    assert clinic.about == Wording((("es", "Fundada por dos médicas de urgencias."),))
    assert clinic.locations[0].hours == Wording((("es", "lun. a vie., 9:00-17:00"), ("en", "Mon-Fri 9:00-17:00")))


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("{}", '  4:8  about  must be text, or one text per language: {en: "...", es: "..."}'),
        ("[one, two]", '  4:8  about  must be text, or one text per language: {en: "...", es: "..."}'),
        ('{english: "Hello there."}', "  4:9  about.english  'english' is not a language code like 'en'"),
        ('{en: ""}', "  4:13  about.en  is empty; write the text in this language, or leave the language out"),
        # Not the word "null" on the leaflet ("Hours: null"):
        ("{en: null}", "  4:13  about.en  is empty; write the text in this language, or leave the language out"),
        (
            "{en: ~, es: Hola.}",
            "  4:13  about.en  is empty; write the text in this language, or leave the language out",
        ),
        # A key the build would not find its language by (it crashed lint and build):
        ('{"en ": "Hello."}', "  4:9  about.en   'en ' has spaces around it; write the code alone: 'en'"),
        ('{" es": "Hola."}', "  4:9  about. es  ' es' has spaces around it; write the code alone: 'es'"),
    ],
)
def test_text_per_language_must_be_a_mapping_of_language_codes_to_text(
    write_clinic: WriteClinic, written: str, problem: str
) -> None:
    path = write_clinic(f'name: X Clinic\nphone: "505-639-4973"\nroutes: [iv]\nabout: {written}\n')
    assert problem_lines(path) == [problem]
