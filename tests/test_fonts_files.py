"""A clinic's font file is read by fontTools without its log lines reaching the terminal bare."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from font_support import DEJAVU, LATIN, make_font
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables.DefaultTable import DefaultTable


def font_with_padded_head(tmp_path: Path) -> Path:
    """A font whose 'head' table has 2 bytes of padding too many: fontTools reads it, and logs that it did."""
    path = make_font(DEJAVU / "DejaVuSans.ttf", tmp_path / "Brand-Regular.ttf", LATIN)
    font = TTFont(path)
    head = DefaultTable("head")
    head.data = font.reader["head"] + bytes(2)
    font["head"] = head
    font.save(path)
    return path


def test_what_fonttools_logs_of_a_font_it_reads_never_reaches_the_terminal(tmp_path: Path) -> None:
    path = font_with_padded_head(tmp_path)
    code = (
        "from pathlib import Path; from leaflet.fonts.files import read_font; "
        f"print(read_font(Path({str(path)!r})).name)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Leaflet Test Sans Regular\n"
    assert result.stderr == ""  # was "extra bytes at the end of 'head' table", naming no file or field
