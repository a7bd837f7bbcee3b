"""The print shop's ICC profile is untrusted input: only a CMYK output profile within the size limit is used.

Real profiles from Debian's libgs-common (Ghostscript's): its CMYK profile passes, its RGB and grey ones do not.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import GHOSTSCRIPT_ICC, GS_CMYK, GS_RGB

from leaflet.errors import Problem
from leaflet.print_profile import MAX_ICC_BYTES, BadProfile, check_profile, profile_problems, read_profile


def test_a_cmyk_output_profile_is_read_whole_with_its_description() -> None:
    assert read_profile(GS_CMYK) == GS_CMYK.read_bytes()
    assert check_profile(GS_CMYK.read_bytes()) == "Artifex CMYK SWOP Profile"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("default_rgb.icc", "is a profile of the RGB colour space, not CMYK; ask the print shop"),
        ("default_gray.icc", "is a profile of the GRAY colour space, not CMYK"),
        ("lab.icc", "is a profile of the Lab colour space, not CMYK"),
    ],
)
def test_a_profile_of_another_colour_space_is_refused(name: str, message: str) -> None:
    with pytest.raises(BadProfile, match=r"^" + message):
        read_profile(GHOSTSCRIPT_ICC / name)


def test_a_cmyk_profile_that_is_not_an_output_profile_is_refused(tmp_path: Path) -> None:
    data = bytearray(GS_CMYK.read_bytes())
    data[12:16] = b"scnr"  # an input (scanner) profile
    with pytest.raises(BadProfile, match=r"^is a 'scnr' profile, not an output \(printer\) profile"):
        check_profile(bytes(data))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), r"is not an ICC colour profile \(no 'acsp' signature"),
        (b"", "is not an ICC colour profile"),
        (GS_CMYK.read_bytes()[:5000], "is cut short or padded: its header says 187484 bytes, the file has 5000"),
    ],
)
def test_a_file_that_is_no_whole_profile_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(BadProfile, match=r"^" + message):
        check_profile(data)


def test_a_damaged_profile_that_littlecms_cannot_read_is_refused() -> None:
    data = bytearray(GS_CMYK.read_bytes())
    data[128:132] = (100000).to_bytes(4, "big")  # a tag count far beyond the file
    with pytest.raises(BadProfile, match=r"^is damaged: LittleCMS cannot read it"):
        check_profile(bytes(data))


def test_a_profile_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.icc"
    with big.open("wb") as file:
        file.truncate(MAX_ICC_BYTES + 1)  # sparse: nothing is written, nothing need be read
    with pytest.raises(BadProfile, match=r"^is 8192 KiB, more than the 8 MiB a profile may be"):
        read_profile(big)


def test_a_link_or_a_folder_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "print.icc"
    link.symlink_to(GS_CMYK)
    with pytest.raises(BadProfile, match=r"^is a link; copy the profile itself here"):
        read_profile(link)
    with pytest.raises(BadProfile, match=r"^is not a regular file"):
        read_profile(tmp_path)
    with pytest.raises(BadProfile, match=r"^cannot be read \(No such file or directory\)"):
        read_profile(tmp_path / "missing.icc")


def test_problems_name_the_file_and_where_it_was_named(tmp_path: Path) -> None:
    rgb = GS_RGB
    problems = profile_problems([(GS_CMYK, "--icc"), (rgb, "print.icc"), (rgb, "print.icc")])
    assert problems == [
        Problem(
            rgb,
            0,
            0,
            "print.icc",
            "is a profile of the RGB colour space, not CMYK; ask the print shop for its CMYK output profile "
            "(an .icc file, such as FOGRA39 or GRACoL)",
        )
    ]


def test_a_profile_with_a_right_header_and_no_usable_tags_is_refused() -> None:
    # LittleCMS opens it, yet no colour conversion can be built from it: as an output intent it would be useless.
    data = bytearray(GS_CMYK.read_bytes()[:128]) + (0).to_bytes(4, "big")  # the header, then a tag count of 0
    data[0:4] = len(data).to_bytes(4, "big")
    with pytest.raises(BadProfile, match=r"^has no colour conversion LittleCMS can use \(its tables are missing"):
        check_profile(bytes(data))


def test_a_profile_with_only_one_direction_of_conversion_is_refused() -> None:
    # A press profile converts both ways: RGB to its CMYK (B2A tags), and back, to show the print file (A2B).
    from PIL import ImageCms

    data = _without_tags(GS_CMYK.read_bytes(), {b"A2B0", b"A2B1", b"A2B2"})
    ImageCms.ImageCmsProfile(io.BytesIO(data))  # LittleCMS opens it
    with pytest.raises(BadProfile, match=r"^has no colour conversion LittleCMS can use"):
        check_profile(data)


def _without_tags(data: bytes, drop: set[bytes]) -> bytes:
    """The profile `data` with the tags `drop` left out of its tag table (their bytes stay, unreferenced)."""
    count = int.from_bytes(data[128:132], "big")
    entries = [data[132 + 12 * i : 144 + 12 * i] for i in range(count)]
    kept = [entry for entry in entries if entry[:4] not in drop]
    table = len(kept).to_bytes(4, "big") + b"".join(kept) + bytes(12 * (count - len(kept)))
    return data[:128] + table + data[132 + 12 * count :]
