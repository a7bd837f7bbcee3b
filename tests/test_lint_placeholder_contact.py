"""placeholder-contact, and the SAMPLE mark on the leaflets of a clinic with placeholder details."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_IDS, Built, parse_html
from lint_support import clinic_file_target, found, places
from pypdf import PdfReader

from leaflet import load_clinic
from leaflet.documents import KINDS
from leaflet.lint.placeholder import is_fictional_phone, is_reserved_address
from leaflet.lint.rules import placeholder_contact
from leaflet.render.html import render_html

SAMPLE_MARK = "SAMPLE — NOT FOR DISTRIBUTION"


@pytest.mark.parametrize(
    ("e164", "fictional"),
    [
        ("+15125550100", True),
        ("+15125550142", True),
        ("+15125550199", True),
        ("+15125550099", False),  # 555 numbers outside 0100-0199 can be real
        ("+15125550200", False),
        ("+15056394973", False),
        ("+445555550150", False),  # not a North American number
    ],
)
def test_fictional_phone_numbers_are_555_0100_to_0199(e164: str, fictional: bool) -> None:
    assert is_fictional_phone(e164) is fictional


@pytest.mark.parametrize(
    ("value", "reserved"),
    [
        ("info@example.com", True),
        ("https://clinic.example.org/book", True),
        ("http://example.net", True),
        ("care@clinic.example", True),
        ("https://examples.com", False),
        ("info@myexample.com", False),
        ("https://example.com.evil.org", False),
    ],
)
def test_example_addresses_are_placeholders(value: str, reserved: bool) -> None:
    assert is_reserved_address(value) is reserved


def test_each_placeholder_is_a_warning_at_its_value(tmp_path: Path) -> None:
    text = """\
    email: info@clinic.example.com
    website: https://clinic.example.org
    locations:
      - id: north
        name: North
        phone: "512-555-0143"
    """
    problems = found(placeholder_contact, clinic_file_target(tmp_path, text))
    assert places(problems) == [(4, 8, "warning"), (5, 10, "warning"), (9, 12, "warning")]
    assert problems[2].message.startswith("(512) 555-0143 is a fictional number (555-0100 to 555-0199); its leaflets")


def test_real_details_pass(tmp_path: Path) -> None:
    target = clinic_file_target(tmp_path, "email: info@tranquilityclinic.com\n")
    assert found(placeholder_contact, target) == []
    assert target.clinic is not None and not target.clinic.placeholder_contact


def _html(clinic_path: Path) -> str:
    clinic = load_clinic(clinic_path)
    return render_html(KINDS["handout"].make(clinic, "ptsd", "en"), clinic)


def test_the_leaflet_of_a_clinic_with_placeholders_says_it_is_a_sample(tmp_path: Path) -> None:
    path = tmp_path / "clinic.yaml"
    path.write_text('name: X\nphone: "505-639-4973"\nroutes: [iv]\nemail: a@b.example.com\n', encoding="utf-8")
    main = parse_html(_html(path)).find("main")
    assert main.find("p", class_="sample-mark").text() == SAMPLE_MARK
    path.write_text('name: X\nphone: "505-639-4973"\nroutes: [iv]\nemail: a@b.com\n', encoding="utf-8")
    assert parse_html(_html(path)).find("main").find_all("p", class_="sample-mark") == []


@pytest.mark.slow
@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_every_sample_clinics_pdf_is_marked(built_samples: Built, clinic_id: str) -> None:
    """The sample clinics use 555-01xx numbers and example.com addresses, so their leaflets are samples."""
    assert built_samples.clinics[clinic_id].placeholder_contact
    reader = PdfReader(built_samples.path(clinic_id, "pdf"))
    assert SAMPLE_MARK in " ".join(reader.pages[0].extract_text().split())
