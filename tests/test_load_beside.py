"""leaflet.load.beside: where a file a clinic file names may be, and how it is read (its callers' words are tested
in test_logos, test_fonts_checks, test_validate and test_print_profile)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from leaflet.load.beside import Kind, Refused, path_beside, read_capped

PICTURE = Kind(
    noun="picture",
    file="image file",
    its_name="the picture's file name",
    example="a.png",
    suffixes=(".png",),
    suffixes_shown=".png",
    copied="picture",
)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("a\x1b.png", "contains a control character; give the picture's file name, like a.png"),
        ("https://example.com/a.png", "is a URL; put the picture file beside the clinic file and give its name"),
        ("/etc/a.png", "must be a path relative to the clinic file's folder, like a.png"),
        ("~/a.png", "must be a path relative to the clinic file's folder"),
        ("sub\\a.png", "must be a path relative to the clinic file's folder"),
        ("sub/../../a.png", "goes outside the clinic file's folder; move the picture beside the clinic file"),
        ("a.gif", "is not a .png file"),
        ("out.png", "is a link to a file outside the clinic file's folder; copy the picture there instead"),
    ],
)
def test_a_path_out_of_the_folder_or_of_another_kind_is_refused(tmp_path: Path, written: str, message: str) -> None:
    (tmp_path / "out.png").symlink_to("/etc/hostname")
    with pytest.raises(Refused) as caught:
        path_beside(tmp_path / "clinic.yaml", written, PICTURE)
    assert message in str(caught.value)
    assert caught.value.reason == "path"


def test_a_path_in_the_folder_is_given_unresolved(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.png").write_bytes(b"x")
    (tmp_path / "link.png").symlink_to(tmp_path / "sub" / "a.png")  # inside the folder: the reader refuses it
    assert path_beside(tmp_path / "clinic.yaml", " sub/a.png ", PICTURE) == tmp_path.resolve() / "sub/a.png"
    assert path_beside(tmp_path / "clinic.yaml", "link.png", PICTURE) == tmp_path.resolve() / "link.png"


def test_a_file_is_read_up_to_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(b"12345")
    data, info = read_capped(path, 5, "image file", "is too big")
    assert (data, info.st_size) == (b"12345", 5)
    with pytest.raises(Refused, match=r"^is too big$") as caught:
        read_capped(path, 4, "image file", "is too big")
    assert (caught.value.reason, caught.value.size) == ("large", 5)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    with path.open("wb") as file:
        file.truncate(1 << 40)  # sparse: a terabyte nobody could read in a test
    with pytest.raises(Refused) as caught:
        read_capped(path, 1024, "image file")
    assert (str(caught.value), caught.value.size) == ("is larger than 1,024 bytes", 1 << 40)


@pytest.mark.parametrize(
    ("make", "reason", "message"),
    [
        (lambda p: p.symlink_to("/dev/zero"), "link", "is a symbolic link; copy the font file itself beside the"),
        (lambda p: os.mkfifo(p), "special", "is not a regular file; give the name of a font file"),
        (lambda p: p.mkdir(), "special", "is not a regular file; give the name of a font file"),
        (lambda p: None, "missing", "does not exist (looked for "),
    ],
)
def test_a_link_fifo_folder_or_missing_file_is_refused_without_blocking(
    tmp_path: Path, make: Callable[[Path], object], reason: str, message: str
) -> None:
    path = tmp_path / "a.ttf"
    make(path)
    with pytest.raises(Refused) as caught:
        read_capped(path, 1024, "font file", "is too big")
    assert str(caught.value).startswith(message)
    assert caught.value.reason == reason


def test_an_unreadable_file_says_why(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(b"x")
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("running as root: every file is readable")
    with pytest.raises(Refused, match=r"^cannot be read \(Permission denied\)$") as caught:
        read_capped(path, 1024, "image file")
    assert (caught.value.reason, caught.value.strerror) == ("unreadable", "Permission denied")
