"""QR codes: segno's SVG, error correction Q with its quiet zone, and on every handout's contact block a code a
phone reads back as the clinic's booking page (from a 150-dpi rendering of the PDF)."""

from __future__ import annotations

import urllib.parse

import pytest
from conftest import SAMPLE_IDS, Built, qr_width_mm, read_qr_codes

from leaflet.render.qr import qr_data_uri


def test_the_code_is_svg_black_on_white_and_the_same_every_time() -> None:
    uri = qr_data_uri("https://example.com/book")
    assert uri.startswith("data:image/svg+xml")
    svg = urllib.parse.unquote(uri.split(",", 1)[1])
    assert "<svg" in svg and "#000" in svg and "#fff" in svg
    assert qr_data_uri.__wrapped__("https://example.com/book") == uri  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_every_handout_has_a_qr_code_that_reads_as_the_clinics_contact_link(
    built_samples: Built, clinic_id: str
) -> None:
    found = read_qr_codes(built_samples.path(clinic_id, "pdf"))
    assert [code.text for code in found] == [built_samples.clinics[clinic_id].contact_url]
    assert found[0].ec_level == "Q"
    assert qr_width_mm(found[0]) >= 20
