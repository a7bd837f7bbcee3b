"""brand.font, brand.font_bold and brand.heading_font at validation: a shipped family by name, or a font file that
is a font, small enough, inside the clinic's folder, with a bold and every character the leaflets show; anything
else is a problem with the file, line:column, field, what is wrong and how to fix it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, WriteClinic
from font_support import DEJAVU, LATIN, cff_font, empty_glyphs, make_font
from fontTools.ttLib import TTFont

from leaflet import InvalidInput, load_clinic
from leaflet.fonts import BrandFont
from leaflet.fonts.checks import shipped_families
from leaflet.fonts.files import MAX_FONT_BYTES

VARIABLE = ROOT / "tests" / "fonts" / "open-sans-variable-latin.woff2"
HEAD = 'name: Clinic\nphone: "505-639-4973"\nroutes: [iv]\n'


def problems(path: Path) -> list[tuple[int, int, str, str]]:
    with pytest.raises(InvalidInput) as caught:
        load_clinic(path)
    return [(p.line, p.column, p.field, p.message) for p in caught.value.problems]


def with_fonts(tmp_path: Path, write_clinic: WriteClinic, brand: str, about: str = "") -> Path:
    """A clinic file whose brand: mapping is `brand`, beside a Latin test font and its bold."""
    make_font(DEJAVU / "DejaVuSans.ttf", tmp_path / "Brand.ttf", LATIN)
    make_font(DEJAVU / "DejaVuSans-Bold.ttf", tmp_path / "Brand-Bold.ttf", LATIN, style="Bold")
    text = HEAD + (f'about: "{about}"\n' if about else "") + "brand:\n" + brand
    return write_clinic(text)


def test_the_default_is_atkinson_hyperlegible(write_clinic: WriteClinic) -> None:
    clinic = load_clinic(write_clinic(HEAD))
    assert clinic.brand.font == BrandFont("Atkinson Hyperlegible")
    assert clinic.brand.heading_font is None


@pytest.mark.parametrize(("written", "family"), [("Open Sans", "Open Sans"), ("noto serif", "Noto Serif")])
def test_a_shipped_family_by_name_in_any_case(write_clinic: WriteClinic, written: str, family: str) -> None:
    clinic = load_clinic(write_clinic(HEAD + f"brand:\n  font: {written}\n  heading_font: {written}\n"))
    assert clinic.brand.font == BrandFont(family) == clinic.brand.heading_font


def test_an_unknown_family_is_refused_with_did_you_mean(write_clinic: WriteClinic) -> None:
    [(line, column, field, message)] = problems(write_clinic(HEAD + "brand:\n  font: Open San\n"))
    assert (line, column, field) == (5, 9, "brand.font")
    assert message == (
        f"'Open San' is not a font shipped with leaflet; did you mean 'Open Sans'? ({', '.join(shipped_families())}); "
        "or give a font file beside the clinic file (.ttf, .otf, .woff, .woff2)"
    )


def test_a_static_file_with_its_bold(tmp_path: Path, write_clinic: WriteClinic) -> None:
    clinic = load_clinic(
        with_fonts(tmp_path, write_clinic, "  font: Brand.ttf\n  font_bold: Brand-Bold.ttf\n", "Café Núñez")
    )
    assert clinic.brand.font == BrandFont("", tmp_path / "Brand.ttf", tmp_path / "Brand-Bold.ttf")


def test_a_static_file_without_a_bold_is_refused(tmp_path: Path, write_clinic: WriteClinic) -> None:
    [(line, column, field, message)] = problems(with_fonts(tmp_path, write_clinic, "  font: Brand.ttf\n"))
    assert (line, column, field) == (5, 9, "brand.font")
    assert message.startswith("'Brand.ttf' is one static face, with no bold: headings and labels are bold")
    assert "Add the family's bold file beside it as `font_bold: <its name>-Bold.ttf`" in message


def test_a_heading_font_file_is_one_face_and_needs_no_bold(tmp_path: Path, write_clinic: WriteClinic) -> None:
    clinic = load_clinic(with_fonts(tmp_path, write_clinic, "  heading_font: Brand-Bold.ttf\n"))
    assert clinic.brand.heading_font == BrandFont("", tmp_path / "Brand-Bold.ttf")
    assert clinic.brand.font == BrandFont()


def test_a_variable_font_gives_its_own_bold(tmp_path: Path, write_clinic: WriteClinic) -> None:
    shutil.copy(VARIABLE, tmp_path / "Variable.woff2")
    clinic = load_clinic(write_clinic(HEAD + "brand:\n  font: Variable.woff2\n"))
    assert clinic.brand.font == BrandFont("", tmp_path / "Variable.woff2")


def test_font_bold_is_only_for_a_font_file(write_clinic: WriteClinic) -> None:
    [(line, column, field, message)] = problems(
        write_clinic(HEAD + "brand:\n  font: Open Sans\n  font_bold: Bold.ttf\n")
    )
    assert (line, column, field) == (6, 14, "brand.font_bold")
    assert message == "is only for a font file in brand.font (a shipped family has its bold); remove font_bold"


def test_a_file_that_is_not_a_font_is_refused(tmp_path: Path, write_clinic: WriteClinic) -> None:
    (tmp_path / "Brand.ttf").write_text("<html>not a font</html>", encoding="utf-8")
    [(line, column, field, message)] = problems(write_clinic(HEAD + "brand:\n  heading_font: Brand.ttf\n"))
    assert (line, column, field) == (5, 17, "brand.heading_font")
    assert message == (
        "'Brand.ttf' is not a font fontTools can read (a damaged file, or another kind of file renamed); "
        "export the font again as .ttf, .otf or .woff2"
    )


def test_a_font_too_big_is_refused_before_it_is_parsed(tmp_path: Path, write_clinic: WriteClinic) -> None:
    (tmp_path / "Huge.otf").write_bytes(b"OTTO" + bytes(MAX_FONT_BYTES))
    [(_, _, field, message)] = problems(write_clinic(HEAD + "brand:\n  heading_font: Huge.otf\n"))
    assert field == "brand.heading_font"
    assert message.startswith("'Huge.otf' is larger than 3 MiB, and every leaflet's HTML would carry it: use ")


def test_a_font_lacking_characters_is_refused_naming_them(tmp_path: Path, write_clinic: WriteClinic) -> None:
    make_font(DEJAVU / "DejaVuSans.ttf", tmp_path / "Ascii.ttf", list(range(0x20, 0x7F)))
    [(line, column, field, message)] = problems(
        write_clinic(HEAD + 'about: "Café mañana"\nbrand:\n  heading_font: Ascii.ttf\n')
    )
    assert (line, column, field) == (6, 17, "brand.heading_font")
    # The clinic's é and ñ, and the content's and the footer's · — … in code point order.
    assert message.startswith(
        "'Ascii.ttf' (Leaflet Test Sans Regular) lacks 5 characters the clinic's leaflets show: ·, é, ñ, —, …; "
        "use a version of the font with Latin Extended"
    )
    assert message.endswith(f"or a shipped family: {', '.join(shipped_families())}")


def test_hebrew_and_arabic_need_not_be_in_the_brand_font(tmp_path: Path, write_clinic: WriteClinic) -> None:
    """Their letters fall back to the shipped Noto faces, as they do with the default family."""
    path = with_fonts(tmp_path, write_clinic, "  heading_font: Brand.ttf\n", "שלום مرحبا")
    assert load_clinic(path).brand.heading_font is not None


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("../Brand.ttf", "'../Brand.ttf' goes outside the clinic file's folder; move the font beside the clinic file"),
        (
            "/etc/Brand.ttf",
            "'/etc/Brand.ttf' must be a path relative to the clinic file's folder, like Brand-Regular.ttf",
        ),
        ("https://example.com/a.ttf", "'https://example.com/a.ttf' is a URL; put the font file beside the clinic file"),
        ("Missing.ttf", "'Missing.ttf' does not exist (looked for "),
        ("Link.ttf", "'Link.ttf' is a link to a file outside the clinic file's folder; copy the font there instead"),
    ],
)
def test_a_font_must_be_a_file_inside_the_clinics_folder(
    tmp_path: Path, write_clinic: WriteClinic, written: str, message: str
) -> None:
    folder = tmp_path / "clinic"
    make_font(DEJAVU / "DejaVuSans-Bold.ttf", tmp_path / "Brand.ttf", LATIN)
    folder.mkdir()
    (folder / "Link.ttf").symlink_to(tmp_path / "Brand.ttf")  # a link in the folder to a file outside it
    [(_, _, field, found)] = problems(write_clinic(HEAD + f"brand:\n  heading_font: {written}\n", "clinic/c.yaml"))
    assert field == "brand.heading_font"
    assert found.startswith(message)


def test_validate_and_build_exit_2_naming_the_file_field_and_fix(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    shutil.copytree(FIXTURES / "brand-font", folder)
    clinic = folder / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("  font_bold: BrandSans-Bold.ttf\n", ""), "utf-8")
    for command in (["validate", str(clinic)], ["build", str(clinic), "--out", str(tmp_path / "out")]):
        result = subprocess.run([sys.executable, "-m", "leaflet", *command], capture_output=True, text=True)
        assert result.returncode == 2, result.stderr
        assert f"{clinic}: 1 problem\n  11:9  brand.font  'BrandSans-Regular.ttf' is one static face" in result.stderr
        assert "Nothing was built." in result.stderr
    assert not (tmp_path / "out" / "brand-font").exists()


def test_text_written_per_language_must_be_in_the_font_too(tmp_path: Path, write_clinic: WriteClinic) -> None:
    make_font(DEJAVU / "DejaVuSans.ttf", tmp_path / "Brand.ttf", LATIN)
    about = 'languages: [en, es]\nabout:\n  en: "Open daily."\n  es: "Clínica Ωmega."\n'
    [(line, column, field, message)] = problems(write_clinic(HEAD + about + "brand:\n  heading_font: Brand.ttf\n"))
    assert (line, column, field) == (9, 17, "brand.heading_font")
    assert message.startswith("'Brand.ttf' (Leaflet Test Sans Regular) lacks 1 character the clinic's leaflets show: Ω")


def test_a_font_whose_digits_draw_nothing_is_refused_naming_them(tmp_path: Path, write_clinic: WriteClinic) -> None:
    """A character map that has the digits, with glyphs that have no outline: the phone would print blank."""
    clinic_file = with_fonts(tmp_path, write_clinic, "  font: Brand.ttf\n  font_bold: Brand-Bold.ttf\n")
    empty_glyphs(tmp_path / "Brand.ttf", "0123456789")
    [(line, column, field, message)] = problems(clinic_file)
    assert (line, column, field) == (5, 9, "brand.font")
    assert message == (
        "'Brand.ttf' (Leaflet Test Sans Regular) draws nothing for 10 characters the clinic's leaflets show: "
        "'0'–'9' (U+0030–U+0039) (its glyphs for them are empty); use another version of the font or another "
        "font, or remove font (and font_bold) to use Atkinson Hyperlegible"
    )


def test_a_bold_file_whose_letters_draw_nothing_is_refused(tmp_path: Path, write_clinic: WriteClinic) -> None:
    clinic_file = with_fonts(tmp_path, write_clinic, "  font: Brand.ttf\n  font_bold: Brand-Bold.ttf\n", "Café")
    empty_glyphs(tmp_path / "Brand-Bold.ttf", "é")
    [(line, column, field, message)] = problems(clinic_file)
    assert (line, column, field) == (7, 14, "brand.font_bold")
    assert "draws nothing for 1 character the clinic's leaflets show: 'é' (U+00E9) (its glyphs" in message
    assert message.endswith("or remove font and font_bold to use Atkinson Hyperlegible")


def test_a_cff_font_whose_charstrings_draw_nothing_is_refused(tmp_path: Path, write_clinic: WriteClinic) -> None:
    cff_font(tmp_path / "Heading.otf", LATIN, blank="()-")
    [(line, column, field, message)] = problems(write_clinic(HEAD + "brand:\n  heading_font: Heading.otf\n"))
    assert (line, column, field) == (5, 17, "brand.heading_font")
    assert message == (
        "'Heading.otf' (Leaflet Test CFF) draws nothing for 3 characters the clinic's leaflets show: "
        "'('–')' (U+0028–U+0029), '-' (U+002D) (its glyphs for them are empty); use another version of the font "
        "or another font, or remove heading_font to set the headings in brand.font"
    )


def test_spaces_may_draw_nothing_and_a_cff_font_that_draws_the_rest_passes(
    tmp_path: Path, write_clinic: WriteClinic
) -> None:
    cff_font(tmp_path / "Heading.otf", LATIN, blank="\u00a0\u2009")  # and the space, always empty
    clinic = load_clinic(write_clinic(HEAD + "brand:\n  heading_font: Heading.otf\n"))
    assert clinic.brand.heading_font == BrandFont("", tmp_path / "Heading.otf")


def test_a_variable_font_is_checked_in_the_instances_it_embeds(tmp_path: Path, write_clinic: WriteClinic) -> None:
    shutil.copy(VARIABLE, tmp_path / "Variable.ttf")
    font = TTFont(tmp_path / "Variable.ttf")
    font.flavor = None
    font.save(tmp_path / "Variable.ttf")
    empty_glyphs(tmp_path / "Variable.ttf", "7")
    [(_, _, field, message)] = problems(write_clinic(HEAD + "brand:\n  font: Variable.ttf\n"))
    assert field == "brand.font"
    assert "draws nothing for 1 character the clinic's leaflets show: '7' (U+0037)" in message


def test_a_cff_glyph_that_cannot_be_drawn_is_refused_not_a_traceback(tmp_path: Path, write_clinic: WriteClinic) -> None:
    font = TTFont(cff_font(tmp_path / "Heading.otf", LATIN), recalcBBoxes=False)
    zero = font["CFF "].cff.topDictIndex[0].CharStrings["uni0030"]
    zero.decompile()
    zero.program = [100, "callsubr", "endchar"]  # a subroutine the font does not have
    font.save(tmp_path / "Heading.otf")
    [(_, _, field, message)] = problems(write_clinic(HEAD + "brand:\n  heading_font: Heading.otf\n"))
    assert field == "brand.heading_font"
    assert message.startswith("'Heading.otf' is not a font fontTools can read (a damaged file")
