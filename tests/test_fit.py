"""Sizes and shortenings chosen from the shipped font's widths: the masthead's name size, the footer's name."""

from __future__ import annotations

import pytest

from leaflet.render import fit


def test_widths_come_from_the_font() -> None:
    assert fit.width_em("W") > fit.width_em("i") > 0
    assert fit.width_em("WW", bold=True) == pytest.approx(2 * fit.width_em("W", bold=True))
    # Letters the shipped font lacks are counted wide, never as nothing.
    assert fit.width_em("מרפאה") == pytest.approx(5 * 0.75)


@pytest.mark.parametrize(
    ("text", "line_em", "lines"),
    [
        ("", 10, 1),
        ("one", 10, 1),
        ("aaaa aaaa aaaa", 2.3, 3),  # each word fits a line alone, not two together
        ("W" * 30, 10, 3),  # one word longer than a line breaks anywhere
    ],
)
def test_line_count_wraps_as_the_renderer_does(text: str, line_em: float, lines: int) -> None:
    assert fit.line_count(text, line_em) == lines


def test_a_short_name_keeps_the_full_size() -> None:
    assert fit.masthead_name_size("Tranquility Ketamine Clinic", has_logo=True) == fit.NAME_SIZES[0]


@pytest.mark.parametrize("has_logo", [False, True])
def test_longer_names_get_smaller_sizes(has_logo: bool) -> None:
    sizes = [fit.masthead_name_size("W" * n, has_logo).points for n in (20, 40, 60, 80, 100, 120)]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] > sizes[-1]


@pytest.mark.parametrize("name", ["W" * 120, " ".join(["WMWMWMWMW"] * 12)[:120], "M" * 119 + "W"])
def test_every_name_of_the_longest_valid_length_fits_its_lines(name: str) -> None:
    size = fit.masthead_name_size(name, has_logo=True)
    assert fit.line_count(name, fit.MASTHEAD_WIDTH_BESIDE_LOGO / size.points, bold=True) <= size.max_lines
    assert size.points >= 9, "no text below 9 pt"


@pytest.mark.parametrize(
    "name", ["Tranquility Ketamine Clinic", "Home Visit Ketamine Care (sample name)", "Lakeshore Pain and Spine Center"]
)
def test_the_footer_keeps_an_ordinary_name_whole(name: str) -> None:
    assert fit.footer_name(name, "(505) 639-4973") == name


def test_the_footer_shortens_a_long_name_at_a_word() -> None:
    name = " ".join(["Wonderful Mountain Wellness"] * 4)
    short = fit.footer_name(name, "+44 20 7946 0958")
    assert short.endswith(fit.ELLIPSIS)
    assert name.startswith(short.removesuffix(fit.ELLIPSIS))
    assert name[len(short) - 1] == " ", "cut at a word"
    assert fit.width_em(f"{short} · +44 20 7946 0958") <= fit.FOOTER_EM


def test_the_footer_cuts_an_unbroken_name_anywhere() -> None:
    short = fit.footer_name("W" * 120, "(505) 639-4973")
    assert short == "W" * (len(short) - 1) + fit.ELLIPSIS
    assert 20 < len(short) < 60
    assert fit.width_em(f"{short} · (505) 639-4973") <= fit.FOOTER_EM
