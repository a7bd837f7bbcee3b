"""Every attack on the input side, run through the real `leaflet build` command as a user would run it.

Each case is a folder in tests/attacks/ (a clinic.yaml and the files it needs). A case is copied to a temporary
folder first; files that cannot be committed (a FIFO, a symlink to /dev/zero, a decompression bomb, an
oversized file) are made there at run time. A refused case must end within 10 seconds with exit 2, a message
naming the file, the field and the line, and nothing written under --out.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from conftest import assert_attaches_nothing
from PIL import Image

ATTACKS = Path(__file__).parent / "attacks"
LEAFLET = Path(sys.executable).parent / "leaflet"
TIMEOUT = 60  # a hang, not a slow build on a busy shared machine, is what this catches


@dataclass(frozen=True)
class Refused:
    case: str  # the folder in tests/attacks/
    line: int  # the line the message points at; 0 for a problem with the whole file
    field: str  # the field path the message names; "" for the whole file
    message: str  # a regular expression the message must match
    prepare: Callable[[Path], None] | None = None  # makes the files that cannot be committed

    def __str__(self) -> str:
        return self.case


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "logo.png")


def _dev_zero(folder: Path) -> None:
    (folder / "logo.png").symlink_to("/dev/zero")


def _bomb(folder: Path) -> None:
    # 400 megapixels of black: 48 KB on disk, 50 MB as bits, 1.6 GB as RGBA.
    Image.new("1", (20_000, 20_000)).save(folder / "logo.png")


def _oversized(folder: Path) -> None:
    clinic = folder / "clinic.yaml"
    padding = ("# " + "x" * 78 + "\n") * 4000  # 320 KB of comments: valid YAML, too large
    clinic.write_text(clinic.read_text(encoding="utf-8") + padding, encoding="utf-8")


REFUSED = [
    Refused("logo-url-loopback", 10, "brand.logo", r"'http://127\.0\.0\.1:\d+/logo\.png' is a URL"),
    Refused("svg-use-fanout", 9, "brand.logo", r"'logo\.svg' draws more than 10,000 elements .* <use>"),
    Refused("svg-image-file", 9, "brand.logo", r"'logo\.svg' has <image> on line 3: a logo may not load"),
    Refused("svg-image-loopback", 9, "brand.logo", r"'logo\.svg' has <image> on line 2"),
    Refused("svg-script", 9, "brand.logo", r"'logo\.svg' has <script> on line 3: scripts are not allowed"),
    Refused("svg-external-entity", 9, "brand.logo", r"'logo\.svg' has a <!DOCTYPE> or entity declaration on line 2"),
    Refused("svg-entity-bomb", 9, "brand.logo", r"'logo\.svg' has a <!DOCTYPE> or entity declaration on line 2"),
    Refused("svg-foreign-object", 9, "brand.logo", r"'logo\.svg' has <foreignObject> on line 2"),
    Refused("svg-external-use", 9, "brand.logo", r"'logo\.svg' has <use> on line 2 pointing to 'file:///etc/passwd#x'"),
    Refused("png-is-text", 9, "brand.logo", r"'logo\.png' is not a PNG image \(it is a text file\)"),
    Refused("png-is-jpeg", 9, "brand.logo", r"'logo\.png' is a JPEG image, not a PNG; rename it to end in \.jpg"),
    Refused("png-bomb", 9, "brand.logo", r"'logo\.png' .*at most 16 million pixels", _bomb),
    Refused("logo-fifo", 9, "brand.logo", r"'logo\.png' is not a regular file", _fifo),
    Refused(
        "logo-dev-zero", 9, "brand.logo", r"'logo\.png' is a link to a file outside the clinic file's folder", _dev_zero
    ),
    Refused("logo-dotdot", 9, "brand.logo", r"'\.\./secret\.png' goes outside the clinic file's folder"),
    Refused("id-traversal", 3, "id", r"'\.\./\.\./etc' is not an id"),
    Refused("yaml-duplicate-keys", 8, "phone", r"appears twice, on lines 4 and 8; keep one"),
    Refused("yaml-norway-no", 9, "in_home", r"'yes' is not true or false"),
    Refused("yaml-octal-number", 11, "locations[0].phone", r"'01234' is not a phone number"),
    Refused("yaml-unquoted-colour", 9, "brand.primary_color", r"YAML reads an unquoted # as a comment.*\"#ff0000\""),
    Refused("yaml-aliases-bomb", 9, "lol[0]", r"defines the anchor &l0; anchors are not allowed"),
    Refused("yaml-python-tag", 8, "about", r"uses the explicit tag !!python/object/apply:os\.system; remove it"),
    Refused("yaml-oversized", 0, "", r"is larger than 256 KiB", _oversized),
    Refused("yaml-not-utf8", 8, "", r"is not UTF-8 text; save it as UTF-8"),
    Refused("text-direction-override", 2, "name", r"text-direction character U\+202E"),
    Refused("text-terminal-escape", 8, "about", r"control or text-direction character U\+001B"),
    Refused("url-javascript", 8, "website", r"'javascript:alert\(document\.cookie\)' must start with https://"),
    Refused("url-credentials", 8, "booking_url", r"has a user name or password before the @"),
    Refused("email-header-injection", 8, "email", r"is not an email address"),
    Refused("text-direction-mark", 11, r"locations[0].hours", r"contains U\+200F RIGHT-TO-LEFT MARK, .* delete it"),
    Refused("text-invisible-name", 2, "name", r"is empty; the clinic's name"),
    Refused("text-per-language-null", 11, "locations[0].hours.en", r"is empty; write the text in this language"),
    Refused("text-per-language-key-space", 8, "about.en ", r"'en ' has spaces around it; write the code alone: 'en'"),
    Refused("url-port-zero", 8, "website", r"has a port that is not a number from 1 to 65535"),
    Refused("url-bad-escape", 8, "booking_url", r"has a % not followed by two hex digits \('%zz'\)"),
    Refused("yaml-raw-escape", 8, "", r"has U\+001B ESCAPE here: a control character, which YAML does not allow"),
    Refused("yaml-raw-line-separator", 8, "", r"has U\+2028 LINE SEPARATOR here: YAML reads it as a line break"),
]


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A TCP port on the loopback address that records whether anything connected to it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        server.setblocking(False)
        yield server


def copy_case(case: str, tmp_path: Path) -> Path:
    folder = tmp_path / case
    shutil.copytree(ATTACKS / case, folder, symlinks=True)
    return folder


def leaflet_build(clinic: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LEAFLET), "build", str(clinic), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )


def written(out: Path) -> list[Path]:
    return [path for path in out.rglob("*") if not path.is_dir()] if out.exists() else []


def assert_no_connection(server: socket.socket) -> None:
    with pytest.raises(BlockingIOError):
        server.accept()


@pytest.mark.parametrize("attack", REFUSED, ids=str)
def test_attack_is_refused_with_file_field_and_line(attack: Refused, tmp_path: Path, listener: socket.socket) -> None:
    folder = copy_case(attack.case, tmp_path)
    port = listener.getsockname()[1]
    for path in (folder / "clinic.yaml", folder / "logo.svg"):
        if path.is_file():
            path.write_bytes(path.read_bytes().replace(b"127.0.0.1:9/", f"127.0.0.1:{port}/".encode()))
    if attack.prepare:
        attack.prepare(folder)
    clinic = folder / "clinic.yaml"
    out = tmp_path / "out"

    result = leaflet_build(clinic, out)

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert f"{clinic}: " in result.stderr
    position = f"{attack.line}:\\d+" if attack.line else "-"
    field = re.escape(attack.field) + r"\s+" if attack.field else ""
    assert re.search(rf"^\s+{position}\s+{field}.*{attack.message}", result.stderr, re.MULTILINE), result.stderr
    assert "\x1b" not in result.stderr, "a control character from the clinic file reached the terminal"
    assert written(out) == []
    assert_no_connection(listener)


def test_python_tag_runs_nothing(tmp_path: Path) -> None:
    folder = copy_case("yaml-python-tag", tmp_path)
    marker = tmp_path / "pwned"
    clinic = folder / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("/tmp/leaflet-pwned", str(marker)), "utf-8")

    result = leaflet_build(clinic, tmp_path / "out")

    assert result.returncode == 2
    assert not marker.exists()


def test_hostile_free_text_builds_and_shows_literally(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("leaflet-secret-3f9c2e71b4", encoding="utf-8")
    folder = copy_case("free-text-markup", tmp_path)
    clinic = folder / "clinic.yaml"
    clinic.write_text(
        clinic.read_text(encoding="utf-8").replace("file:///tmp/leaflet-secret.txt", secret.as_uri()), "utf-8"
    )
    out = tmp_path / "out"

    result = leaflet_build(clinic, out)

    assert result.returncode == 0, result.stderr
    # The guide shows every free-text field (the one-sheet handout leaves `about` out).
    html = (out / "attack-test" / "ptsd.guide.en.html").read_text(encoding="utf-8")
    pdf_path = out / "attack-test" / "ptsd.guide.en.pdf"
    # In the HTML: escaped text, never markup; template code shown as written, never run.
    assert "&lt;link rel=attachment href=file:///etc/passwd&gt;" in html
    assert "Clinic &lt;img src=file:///etc/hostname&gt; {{ 7*7 }}" in html
    assert "{{ config }}" in html
    assert "&lt;style&gt;@import url(file:///etc/passwd)&lt;/style&gt;" in html
    assert not re.search(r"<(link|img|iframe|object|script|svg)\b[^>]*(file:|javascript:|onload)", html)
    # In the PDF: no attachment, no embedded file, and none of the files' content.
    assert_attaches_nothing(pdf_path)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf_path).pages)
    assert "<link rel=attachment href=file:///etc/passwd>" in text
    assert "{{ 7*7 }}" in text
    assert "leaflet-secret-3f9c2e71b4" not in text
    assert b"leaflet-secret-3f9c2e71b4" not in pdf_path.read_bytes()
    passwd_first_line = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    assert passwd_first_line not in text
    hostname = Path("/etc/hostname").read_text(encoding="utf-8").strip() if Path("/etc/hostname").exists() else ""
    if len(hostname) >= 6:  # a short host name ("vm") could appear in any text by chance
        assert hostname not in text


def test_logo_url_never_connects(tmp_path: Path, listener: socket.socket) -> None:
    """The loopback URL is refused at validation: the listener sees no connection, even a failed one."""
    folder = copy_case("logo-url-loopback", tmp_path)
    port = listener.getsockname()[1]
    clinic = folder / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("127.0.0.1:9/", f"127.0.0.1:{port}/"), "utf-8")

    result = leaflet_build(clinic, tmp_path / "out")

    assert result.returncode == 2
    assert f"127.0.0.1:{port}" in result.stderr
    assert_no_connection(listener)
