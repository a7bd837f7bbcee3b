"""brand-contrast: a primary colour darkened for contrast is a warning naming both colours and ratios."""

from __future__ import annotations

from pathlib import Path

from lint_support import clinic_file_target, found, places

from leaflet.lint.rules import brand_contrast


def test_a_light_primary_colour_is_a_warning_with_the_shade_used(tmp_path: Path) -> None:
    target = clinic_file_target(tmp_path, 'brand:\n  primary_color: "#f4a261"\n')
    problems = found(brand_contrast, target)
    assert places(problems) == [(5, 18, "warning")]
    assert problems[0].message == (
        "primary_color #f4a261 has 2.06:1 contrast on white; text in it is printed in #9f693f (4.60:1), a darker "
        "shade of it that reaches the 4.5:1 text needs: the headings, links and masthead band. Choose a darker "
        "colour to print your own"
    )


def test_a_dark_enough_colour_passes(tmp_path: Path) -> None:
    assert found(brand_contrast, clinic_file_target(tmp_path, 'brand:\n  primary_color: "#1b6b73"\n')) == []
