"""One clinic's font never reaches another's PDF (issue 19). A clinic's font file becomes a CSS family named by its
faces' content, so a worker that has rendered one clinic sets the next in the next one's own font: each PDF is the
same bytes as when its clinic is built alone, whatever else the build holds, its order and -j; a preview that keeps
its workers serves a font file saved anew; and a process that renders many fonts keeps a bounded font state."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES
from font_support import DEJAVU, LATIN, embedded, make_font

from leaflet import load_clinic
from leaflet.documents import KINDS
from leaflet.fonts.css import face_rule
from leaflet.preview.session import Preview
from leaflet.render import pdf as render_pdf_module
from leaflet.render.html import render_html

pytestmark = pytest.mark.slow

BRANDS = {"a": ("DejaVuSans", "Brand A"), "b": ("DejaVuSerif", "Brand B")}  # each clinic's font, and its family


def write_fonts(folder: Path, letter: str, source: str, family: str) -> None:
    """The font file and bold that clinic `letter`'s file names: `source` cut to Latin and renamed `family`."""
    make_font(DEJAVU / f"{source}.ttf", folder / f"{letter.upper()}.ttf", LATIN, family=family)
    make_font(DEJAVU / f"{source}-Bold.ttf", folder / f"{letter.upper()}-Bold.ttf", LATIN, family=family, style="Bold")


def write_clinic(folder: Path, letter: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_fonts(folder, letter, *BRANDS[letter])
    path = folder / f"{letter}.yaml"
    path.write_text(
        f'name: Clinic {letter.upper()}\nid: clinic-{letter}\nphone: "207-555-0143"\nroutes: [iv]\n'
        f"conditions: [ptsd]\nbrand:\n  font: {letter.upper()}.ttf\n  font_bold: {letter.upper()}-Bold.ttf\n",
        encoding="utf-8",
    )
    return path


def build(out: Path, paths: list[Path], jobs: int) -> dict[str, bytes]:
    """`leaflet build` in a process of its own, with `jobs` workers: each PDF's bytes, by its path in `out`."""
    command = [sys.executable, "-m", "leaflet", "build", "--out", str(out), "-j", str(jobs), "--kind", "handout"]
    done = subprocess.run([*command, "-q", *map(str, paths)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return {str(path.relative_to(out)): path.read_bytes() for path in sorted(out.rglob("*.pdf"))}


def families(pdf: bytes) -> set[str]:
    """The family names in the fonts the PDF embeds: the font files' own, read back with fontTools."""
    return {font["name"].getDebugName(1) for font in embedded(pdf).values()}


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Each clinic built by itself, in a build of its own."""
    root = tmp_path_factory.mktemp("alone")
    pdfs: dict[str, bytes] = {}
    for letter in BRANDS:
        pdfs.update(build(root / f"out-{letter}", [write_clinic(root / letter, letter)], jobs=1))
    return pdfs


@pytest.mark.parametrize(("order", "jobs"), [("ab", 1), ("ba", 1), ("ab", 2)])
def test_each_pdf_is_the_bytes_of_its_clinic_built_alone(
    alone: dict[str, bytes], tmp_path: Path, order: str, jobs: int
) -> None:
    paths = [write_clinic(tmp_path / "clinics", letter) for letter in order]  # both files in one folder
    together = build(tmp_path / "out", paths, jobs)
    assert set(together) == set(alone) == {"clinic-a/ptsd.en.pdf", "clinic-b/ptsd.en.pdf"}
    for letter, (_, family) in BRANDS.items():
        pdf = together[f"clinic-{letter}/ptsd.en.pdf"]
        assert families(pdf) == {family}, f"clinic-{letter} is set in another clinic's font"
        assert pdf == alone[f"clinic-{letter}/ptsd.en.pdf"]
    names = [set(embedded(pdf)) for pdf in together.values()]
    assert not names[0] & names[1]  # the two clinics' faces are families of their own


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Preview, Path]]:
    preview = Preview(write_clinic(tmp_path / "clinic", "a"), ("handout",), tmp_path / "out", lambda *_: None)
    try:
        yield preview, tmp_path / "out" / "clinic-a" / "ptsd.en.pdf"
    finally:
        preview.workers.close()


def test_the_preview_serves_a_font_file_saved_anew(preview: tuple[Preview, Path]) -> None:
    """The preview keeps its workers warm from one rebuild to the next: the saved font must replace the old one."""
    session, pdf = preview
    session.rebuild()
    assert families(pdf.read_bytes()) == {"Brand A"}
    write_fonts(session.source.parent, "a", *BRANDS["b"])  # saved over the same files
    session.rebuild()
    assert not session.board.view.problems
    assert families(pdf.read_bytes()) == {"Brand B"}


def test_a_process_that_renders_many_fonts_keeps_its_font_state_bounded(tmp_path: Path) -> None:
    """Each version of a font file a preview saves is a family of its own; the fonts WeasyPrint loaded for them
    (a file each in the font configuration's folder) must not pile up, and what is rendered after stays the same."""
    clinic = load_clinic(FIXTURES / "brand-font" / "clinic.yaml")
    html = render_html(KINDS["handout"].make(clinic, "ptsd", "en"), clinic)
    before = render_pdf_module.render_pdf(html)
    font = make_font(DEJAVU / "DejaVuSans.ttf", tmp_path / "Small.ttf", list(range(0x20, 0x7F))).read_bytes()
    for version in range(40):
        rules = face_rule(f"Leaflet Font {version:016x}", "normal", 400, "font/ttf", font) + "\n"
        render_pdf_module._font_faces(rules)
    loaded = list(render_pdf_module._font_config()._folder.iterdir())
    assert len(loaded) <= 16, f"{len(loaded)} fonts loaded in one process"
    assert render_pdf_module.render_pdf(html) == before
