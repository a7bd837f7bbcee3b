"""Shared fixtures: the sample and fixture clinics built once per session, a clinic-file writer, an HTML reader."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
import zxingcpp

from leaflet import content, load_clinic
from leaflet.batch import build, plan_jobs
from leaflet.model import Clinic
from leaflet.validate import load_clinics

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "clinics"
FIXTURES = Path(__file__).resolve().parent / "clinics"
# Ghostscript's ICC profiles (Debian's libgs-common, which scripts/install-system-deps installs): a real CMYK output
# profile stands in for a print shop's in the print-file tests; the RGB one is a profile no printer prints with.
GHOSTSCRIPT_ICC = Path("/usr/share/color/icc/ghostscript")
GS_CMYK = GHOSTSCRIPT_ICC / "default_cmyk.icc"
GS_RGB = GHOSTSCRIPT_ICC / "default_rgb.icc"
SAMPLE_IDS = ("austin", "cache", "home-visit", "lakeshore", "tranquility")
DEMO_ARGUMENTS = ("build", "data/clinics")  # what `make demo` gives `leaflet`, before its --out
# The fixture clinics the rendering tests share; each is built (PTSD handout only) once per session.
BUILT_FIXTURES = ("a4/clinic.yaml", "all-routes/clinic.yaml", "hostile-text/clinic.yaml")
# Valid but extreme clinics (tests/clinics/extreme/<id>/): fields at the schema's limits, unbroken words, a 20:1
# logo, right-to-left names. Their PTSD handouts are built once per session and measured by test_layout_limits.
EXTREME_IDS = ("wide-letter", "unbroken-a4", "hebrew", "arabic")

WriteClinic = Callable[..., Path]


def leaflet_exit(monkeypatch: pytest.MonkeyPatch, *args: str | Path) -> int:
    """Run `leaflet ARGS` in this process through main(), the console script's entry point with its error
    handling; its exit code (its output: capsys)."""
    from leaflet.cli import main

    monkeypatch.setattr(sys, "argv", ["leaflet", *map(str, args)])
    with pytest.raises(SystemExit) as exited:
        main()
    code = exited.value.code
    assert isinstance(code, int), code  # main() always exits with a documented code
    return code


def sample_path(clinic_id: str) -> Path:
    return SAMPLES / f"{clinic_id}.yaml"


def handout_conditions(language: str) -> list[str]:
    """The conditions with a handout in `language`, in a stable order."""
    return sorted(content.conditions_with_content(language))


def fixture_path(relative: str) -> Path:
    return FIXTURES / relative


@dataclass(frozen=True)
class Built:
    """Leaflets built into `out`, and the clinics they were built for, by id."""

    out: Path
    clinics: dict[str, Clinic]

    def path(self, clinic_id: str, fmt: str, condition: str = "ptsd", language: str = "en") -> Path:
        return self.out / clinic_id / f"{condition}.{language}.{fmt}"

    def guide_path(self, clinic_id: str, fmt: str, condition: str = "ptsd", language: str = "en") -> Path:
        return self.out / clinic_id / f"{condition}.guide.{language}.{fmt}"


def build_handouts(paths: list[Path], out: Path, conditions: tuple[str, ...] = ("ptsd",)) -> Built:
    """Build the handouts and guides for `conditions` of the clinics in `paths` through the library, as `leaflet
    build` does; fail the session at once if anything did not build."""
    clinics = load_clinics(paths)
    jobs = [job for job in plan_jobs(clinics, kinds=("handout", "guide")) if job.topic in conditions]
    with pytest.MonkeyPatch.context() as env:
        # Outputs the tests compare with a render of their own must not depend on the caller's environment.
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        env.delenv("LEAFLET_BUILD_FAULT", raising=False)
        report = build(jobs, out)
    assert not report.failed, report.failed
    assert len(report.built) == len(jobs)
    return Built(out, {clinic.id: clinic for clinic in clinics})


@pytest.fixture(scope="session")
def built_samples(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The PTSD handout and guide (PDF and HTML) of each of the five sample clinics, built once."""
    return build_handouts([SAMPLES], tmp_path_factory.mktemp("samples"))


@pytest.fixture(scope="session")
def built_fixtures(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The PTSD handout of the a4, all-routes and hostile-text fixture clinics, built once."""
    return build_handouts([fixture_path(p) for p in BUILT_FIXTURES], tmp_path_factory.mktemp("fixtures"))


def built_outputs(out: Path, suffix: str) -> list[Path]:
    """Every file ending in `suffix` (".html", ".pdf") that a build wrote into `out`, whatever its kind."""
    return sorted(out.rglob(f"*{suffix}"))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every document of every sample clinic, and the gallery, built once by the command `make demo` runs, with the
    output folder in tmp; that folder. Tests find the files in it, so a new kind of document is checked too."""
    out = tmp_path_factory.mktemp("sample-site")
    # A fault injected for another test would fail the build.
    env = {name: value for name, value in os.environ.items() if name != "LEAFLET_BUILD_FAULT"}
    result = subprocess.run(
        [str(Path(sys.executable).with_name("leaflet")), *DEMO_ARGUMENTS, "--out", str(out), "--quiet"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def built_extremes(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The PTSD handout of each extreme fixture clinic, built once."""
    paths = [FIXTURES / "extreme" / clinic_id / "clinic.yaml" for clinic_id in EXTREME_IDS]
    return build_handouts(paths, tmp_path_factory.mktemp("extremes"))


@pytest.fixture
def write_clinic(tmp_path: Path) -> WriteClinic:
    """Write a clinic file into tmp_path from an indented string; return its path.

    `write_clinic(text)` writes clinic.yaml; `write_clinic(text, "north.yaml")` picks the name (and so the
    default id). Line 1 of the file is the first line after the opening triple quote."""

    def write(text: str, name: str = "clinic.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


MINIMAL_CLINIC = """\
name: Minimal Clinic
phone: "505-639-4973"
routes: [iv]
"""


@pytest.fixture
def minimal_clinic(write_clinic: WriteClinic) -> Clinic:
    """A valid clinic with only the required fields (and the phone), so every other field has its default."""
    return load_clinic(write_clinic(MINIMAL_CLINIC, "minimal.yaml"))


# -- reading HTML by structure ---------------------------------------------------------------------------------

VOID_ELEMENTS = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")
)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = field(default=None, repr=False)
    children: list[Element | str] = field(default_factory=list, repr=False)

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str | bool) -> list[Element]:
        """Elements by tag and attributes (`data_route=True`: has the attribute; `class_="x"`: has class x)."""
        found = []
        for element in self.iter():
            if tag is not None and element.tag != tag:
                continue
            if all(element.matches(name, value) for name, value in attrs.items()):
                found.append(element)
        return found

    def find(self, tag: str | None = None, **attrs: str | bool) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag or '*'}> with {attrs}"
        return found[0]

    def matches(self, name: str, value: str | bool) -> bool:
        if name == "class_":
            return isinstance(value, str) and value in self.attrs.get("class", "").split()
        attr = name.replace("_", "-")
        if value is True:
            return attr in self.attrs
        return self.attrs.get(attr) == value

    def data(self) -> str:
        """The raw text directly inside, as written: the CSS of a <style>, the code of a <script>."""
        return "".join(child for child in self.children if isinstance(child, str))

    def text(self) -> str:
        """The text inside, with white space collapsed, as a reader sees it (script and style excluded)."""
        pieces: list[str] = []

        def walk(node: Element | str) -> None:
            if isinstance(node, str):
                pieces.append(node)
            elif node.tag not in ("script", "style"):
                for child in node.children:
                    walk(child)

        walk(self)
        return " ".join("".join(pieces).split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs}, parent=self.current)
        self.current.children.append(element)
        if tag not in VOID_ELEMENTS:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, {name: value or "" for name, value in attrs}, parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"</{tag}> closes nothing that is open"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse_html(text: str) -> Element:
    """The document tree of `text` (stdlib html.parser: no lxml, no html5lib)."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def copy_samples(tmp_path: Path, *ids: str, english_only: bool = False) -> Path:
    """Copies of sample clinic files (and their logos) that a test may edit; `english_only` takes the other
    languages out of them (Austin lists Spanish too), for tests about something else than languages."""
    folder = tmp_path / "clinics"
    shutil.copytree(SAMPLES / "logos", folder / "logos", dirs_exist_ok=True)
    for clinic_id in ids:
        copy = folder / f"{clinic_id}.yaml"
        shutil.copy(SAMPLES / f"{clinic_id}.yaml", copy)
        if english_only:
            text = copy.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^languages:.*$", "languages: [en]", text)
            copy.write_text(re.sub(r"(?m)^ +es: .*\n", "", text), encoding="utf-8")  # text per language
    return folder


def assert_attaches_nothing(pdf_path: Path) -> None:
    """The PDF carries no attachment and no embedded file: in its names, its pages' annotations, its objects."""
    with pikepdf.open(pdf_path) as pdf:
        names = pdf.Root.get("/Names")
        assert names is None or "/EmbeddedFiles" not in names
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                assert annotation.get("/Subtype") != pikepdf.Name.FileAttachment
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                assert obj.get("/Type") not in (pikepdf.Name.EmbeddedFile, pikepdf.Name.Filespec)


# -- reading QR codes as a phone would --------------------------------------------------------------------------

QR_DPI = 150


def read_qr_codes(pdf_path: Path, page_index: int | None = None) -> list[zxingcpp.Barcode]:
    """The QR codes zxing-cpp reads from a page of the PDF (or every page) drawn at 150 dpi, in page order."""
    document = pypdfium2.PdfDocument(pdf_path)
    try:
        pages = range(len(document)) if page_index is None else [page_index]
        found = []
        for index in pages:
            image = document[index].render(scale=QR_DPI / 72).to_pil()
            found += [code for code in zxingcpp.read_barcodes(image) if code.format == zxingcpp.BarcodeFormat.QRCode]
        return found
    finally:
        document.close()


def qr_width_mm(code: zxingcpp.Barcode) -> float:
    """The printed width of a code read by read_qr_codes: its symbol, plus the 4-module quiet zone each side."""
    modules = 17 + 4 * int(code.extra["Version"])
    symbol_mm = (code.position.top_right.x - code.position.top_left.x) / QR_DPI * 25.4
    return symbol_mm * (modules + 8) / modules
