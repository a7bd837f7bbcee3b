"""brand-contrast: a primary colour darkened for contrast is a warning naming both colours and ratios."""

from __future__ import annotations

from pathlib import Path

from lint_support import clinic_file_target, found, places

from leaflet.lint.rules import brand_contrast


def test_a_light_primary_colour_is_a_warning_with_the_shade_used(tmp_path: Path) -> None:
    target = clinic_file_target(tmp_path, 'brand:\n  primary_color: "#f4a261"\n')
    problems = found(brand_contrast, target)
    assert places(problems) == [(5, 18, "warning")]
    assert problems[0].message.startswith(
        "primary_color #f4a261 has 2.06:1 contrast on white; text in it is printed in #"
    )
    assert ":1). Choose a darker colour" in problems[0].message


def test_a_dark_enough_colour_passes(tmp_path: Path) -> None:
    assert found(brand_contrast, clinic_file_target(tmp_path, 'brand:\n  primary_color: "#1b6b73"\n')) == []
