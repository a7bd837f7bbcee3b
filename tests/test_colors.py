"""Brand colours: a colour too light for text is printed in a darker shade and the build says which; a (near)
white colour, which no shade rescues, is refused with where it is and a fix."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL_CLINIC, ROOT, SAMPLES, WriteClinic

from leaflet import InvalidInput, load_clinic
from leaflet.colors import VISIBLE_ON_WHITE, contrast, near_white_problem, readable_on_white
from leaflet.validate import load_clinics

LEAFLET = Path(sys.executable).with_name("leaflet")


@pytest.mark.parametrize("color", ["#ffffff", "#fffff0", "#ffff00", "#eeeeee", "#fff4e5"])
def test_a_near_white_colour_has_no_shade_that_rescues_it(color: str) -> None:
    assert contrast(color, "#ffffff") < VISIBLE_ON_WHITE
    problem = near_white_problem(color, "#f4a261")
    assert problem is not None
    assert problem.startswith(f"{color} is too close to white (")
    assert problem.endswith(
        f"(darkened for text it turns {readable_on_white(color)}); choose a darker or stronger colour, such as #f4a261"
    )


def test_every_sample_clinics_colours_show_on_white() -> None:
    """The lightest sample accent, a pale green (1.41:1), is a choice leaflet keeps."""
    for clinic in load_clinics([SAMPLES]):
        for color in (clinic.brand.primary_color, clinic.brand.accent_color):
            assert near_white_problem(color, "#000000") is None, (clinic.id, color)
    assert near_white_problem("#b7e4c7", "#000000") is None


def test_validate_refuses_a_white_accent_with_line_column_field_and_fix(write_clinic: WriteClinic) -> None:
    path = write_clinic(MINIMAL_CLINIC + 'brand:\n  primary_color: "#FFF"\n  accent_color: "#fefefe"\n')
    with pytest.raises(InvalidInput) as caught:
        load_clinic(path)
    assert str(caught.value).splitlines() == [
        f"{path}: 2 problems",
        "  5:18  brand.primary_color  #ffffff is too close to white (1.00:1 on white, at least 1.25:1 is needed): "
        "its rules and bands would not show on the page, and no darker shade of it is the same colour (darkened "
        "for text it turns #757575); choose a darker or stronger colour, such as #2a6f97",
        "  6:17  brand.accent_color   #fefefe is too close to white (1.01:1 on white, at least 1.25:1 is needed): "
        "its rules and bands would not show on the page, and no darker shade of it is the same colour (darkened "
        "for text it turns #757575); choose a darker or stronger colour, such as #f4a261",
    ]


def test_the_validate_command_exits_2_for_a_white_accent(write_clinic: WriteClinic) -> None:
    path = write_clinic(MINIMAL_CLINIC + 'brand:\n  accent_color: "#ffffff"\n')
    result = subprocess.run([str(LEAFLET), "validate", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "5:17  brand.accent_color  #ffffff is too close to white" in result.stderr


@pytest.mark.slow
def test_the_build_warns_with_the_original_the_shade_used_and_the_ratios(
    write_clinic: WriteClinic, tmp_path: Path
) -> None:
    path = write_clinic(MINIMAL_CLINIC + 'brand:\n  primary_color: "#f4a261"\n')
    report = tmp_path / "report.json"
    args = ["build", str(path), "--out", str(tmp_path / "out"), "--kind", "brochure", "--json", str(report)]
    result = subprocess.run([str(LEAFLET), *args], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    message = (
        "brand-contrast primary_color #f4a261 has 2.06:1 contrast on white; text in it is printed in #9f693f "
        "(4.60:1), a darker shade of it that reaches the 4.5:1 text needs: the headings, links and masthead band. "
        "Choose a darker colour to print your own"
    )
    assert f"warning: clinic: {path}:5:18: {message}" in result.stderr.splitlines()
    warnings = json.loads(report.read_text(encoding="utf-8"))["warnings"]
    assert {"clinic": "clinic", "job": None, "message": f"{path}:5:18: {message}"} in warnings
