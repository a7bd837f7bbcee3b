"""No text printed over text, in every kind of document, whatever the clinic, its font, its language and its paper:
each PDF read back with pdftotext (tests/pdf_measure.py), independently of the layout WeasyPrint reports to the
build's own check (leaflet.render.layout).

The factors: the clinic (the five samples and the six extreme fixtures: every field at its limit, unbroken words,
right-to-left names, a 20:1 logo, A4), its font (the families a clinic may name: Atkinson Hyperlegible, Open Sans,
Noto Serif; and font files beside the clinic file: a wide sans, DejaVu Sans, with DejaVu Serif Bold for headings as in
issue 19; a condensed sans, DejaVu Sans Condensed; a serif, DejaVu Serif), its language (en, es), its paper
(Letter, A4) and the document (a handout, a guide, a brochure, a brochure's print file). The whole product is
11 x 6 x 2 x 2 x 4 = 1056 documents, too slow for `make test`; this is a covering design instead: every clinic
with every font (the largest pair of factors, 66 rows), each row's language, paper and document chosen in turn as
the values that cover the most pairs of factor values not yet covered (greedy, as AETG/PICT do), then rows added
the same way until every pair of values of any two factors appears together at least once (the test below checks
it). One document a row: about 70 PDFs, 25-30 s on 2 cores.
"""

from __future__ import annotations

import copy
import itertools
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import EXTREME_IDS, FIXTURES, SAMPLE_IDS, SAMPLES
from pdf_measure import MM, page_sizes, words_across, words_outside_page, words_printed_over

from leaflet.batch import build, plan_jobs
from leaflet.documents.brochure import SHEETS
from leaflet.render.print_ready import BLEED_MM, PrintOptions
from leaflet.validate import load_clinics

pytestmark = pytest.mark.slow

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")  # fonts-dejavu-core and fonts-dejavu-extra
SAMPLE_CLINICS = {name: SAMPLES / f"{name}.yaml" for name in SAMPLE_IDS}
EXTREME_CLINICS = {
    **{name: FIXTURES / "extreme" / name / "clinic.yaml" for name in EXTREME_IDS},
    "extreme-brochure": FIXTURES / "extreme-brochure" / "clinic.yaml",
    "a4": FIXTURES / "a4" / "clinic.yaml",
}
CLINICS = {**SAMPLE_CLINICS, **EXTREME_CLINICS}
# A shipped family by name, or font files (regular, bold, headings) from DEJAVU copied beside the clinic file.
FONTS: dict[str, str | tuple[str, str, str | None]] = {
    "atkinson": "Atkinson Hyperlegible",
    "open-sans": "Open Sans",
    "noto-serif": "Noto Serif",
    "dejavu-sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif-Bold.ttf"),
    "dejavu-condensed": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf", None),
    "dejavu-serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", None),
}
LANGUAGES = ("en", "es")
PAPERS = ("letter", "a4")
DOCUMENTS = ("handout", "guide", "brochure", "brochure print file")
FACTORS: tuple[tuple[str, ...], ...] = (tuple(CLINICS), tuple(FONTS), LANGUAGES, PAPERS, DOCUMENTS)
# Words whose middles are closer than this share of the shorter's height are text over text (words_printed_over).
PRINTED_OVER = 0.5

Row = tuple[str, str, str, str, str]


def _pairs(row: Row) -> set[tuple[int, str, int, str]]:
    return {(i, row[i], j, row[j]) for i, j in itertools.combinations(range(len(row)), 2)}


@cache
def design() -> tuple[Row, ...]:
    """The covering design (see the module's docstring): deterministic, so every run builds the same rows."""
    uncovered = set().union(*(_pairs(row) for row in itertools.product(*FACTORS)))  # type: ignore[arg-type]
    rows: list[Row] = []

    def best(prefixes: list[tuple[str, ...]]) -> Row:
        candidates = [(*prefix, *rest) for prefix in prefixes for rest in itertools.product(*FACTORS[len(prefix) :])]
        return max(candidates, key=lambda row: len(_pairs(row) & uncovered))  # type: ignore[arg-type]

    for clinic, font in itertools.product(FACTORS[0], FACTORS[1]):
        rows.append(best([(clinic, font)]))
        uncovered -= _pairs(rows[-1])
    while uncovered:
        rows.append(best([(clinic,) for clinic in FACTORS[0]]))
        uncovered -= _pairs(rows[-1])
    return tuple(rows)


def test_the_design_covers_every_pair_of_values() -> None:
    covered = set().union(*(_pairs(row) for row in design()))
    every = set().union(*(_pairs(row) for row in itertools.product(*FACTORS)))  # type: ignore[arg-type]
    assert covered == every
    assert {row[4] for row in design()} == set(DOCUMENTS)
    assert len(design()) < 80  # the suite's budget: about 60 s on 2 cores


def clinic_file(source: Path, folder: Path, font: str, language: str, paper: str, clinic_id: str) -> Path:
    """A copy of the clinic file `source` (with what lies beside it: its logo) in `folder`, in `font`, `language`
    and `paper`, treating its first condition and location only: the others are the same layout again."""
    shutil.copytree(source.parent, folder, ignore=shutil.ignore_patterns("*.yaml", "*.yml"), dirs_exist_ok=True)
    clinic = yaml.safe_load(source.read_text(encoding="utf-8"))
    clinic.update(id=clinic_id, languages=[language], paper=paper, conditions=clinic.get("conditions", ["ptsd"])[:1])
    clinic["locations"] = clinic.get("locations", [])[:1]
    brand = clinic.setdefault("brand", {})
    for key in ("font", "font_bold", "heading_font"):
        brand.pop(key, None)
    face = FONTS[font]
    if isinstance(face, str):
        brand["font"] = face
    else:
        regular, bold, headings = face
        brand.update(font=regular, font_bold=bold)
        if headings:
            brand["heading_font"] = headings
        for name in filter(None, face):
            shutil.copy(DEJAVU / name, folder / name)
    path = folder / "clinic.yaml"
    path.write_text(yaml.safe_dump(clinic, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Matrix:
    pdfs: dict[Row, Path]


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Matrix:
    """Every row's document, built as `leaflet build` builds it (a process pool, the layout check on)."""
    root = tmp_path_factory.mktemp("matrix")
    paths = {
        row: clinic_file(CLINICS[row[0]], root / "clinics" / f"row{number}", *row[1:4], f"row{number}")
        for number, row in enumerate(design())
    }
    clinics = {clinic.id: clinic for clinic in load_clinics(list(paths.values()))}
    jobs = []
    for number, row in enumerate(design()):
        kind, fmt = ("brochure", "print.pdf") if row[4] == "brochure print file" else (row[4], "pdf")
        jobs += plan_jobs([clinics[f"row{number}"]], (fmt,), (kind,), PrintOptions())
    report = build(jobs, root / "out")
    assert not report.failed, [(job.id, error) for job, error in report.failed]
    pdfs = {}
    for number, row in enumerate(design()):
        built = sorted((root / "out" / f"row{number}").glob("*.pdf"))
        assert len(built) == 1, built
        pdfs[row] = built[0]
    return Matrix(pdfs)


@pytest.mark.parametrize("row", design(), ids="-".join)
def test_no_word_is_printed_over_another(matrix: Matrix, row: Row) -> None:
    crossing = words_printed_over(matrix.pdfs[row], PRINTED_OVER)
    assert [(a.page, a.text, b.text, round(b.y0 - a.y0, 1)) for a, b in crossing] == []


@pytest.mark.parametrize("row", design(), ids="-".join)
def test_every_word_is_on_its_page(matrix: Matrix, row: Row) -> None:
    """Inside the trim: of the page, or of a print file's page less its bleed. (The unprintable 3 mm at the edge
    is tested for the shipped font in test_layout_limits; a clinic's own font may set a long name into it.)"""
    edge = BLEED_MM * MM if row[4] == "brochure print file" else 0
    assert [(word.page, word.text) for word in words_outside_page(matrix.pdfs[row], edge - 0.5)] == []


@pytest.mark.parametrize("row", [row for row in design() if row[4].startswith("brochure")], ids="-".join)
def test_brochure_text_stays_inside_its_panel(matrix: Matrix, row: Row) -> None:
    """No word crosses a fold: each panel's edges are where leaflet.documents.brochure.SHEETS puts them."""
    pdf = matrix.pdfs[row]
    folds = [list(itertools.accumulate(_points(width) for _, width in face))[:-1] for face in SHEETS[row[3]]]
    assert len(page_sizes(pdf)) == len(folds)
    assert [(word.page, word.text) for word in words_across(pdf, folds)] == []


def _points(width: str) -> float:
    """A panel's CSS width ("3.625in", "97mm") in points."""
    return float(width[:-2]) * (72 if width.endswith("in") else MM)


def test_the_clinic_of_issue_19_builds_its_spanish_brochures_whole(tmp_path: Path) -> None:
    """DejaVu Sans with its bold, DejaVu Serif Bold for headings, three locations, en and es: every brochure and
    its print file is built, none with a line over another (the fold-in panel's sources once ran on to the inside
    face, printed over its first heading, reported as success)."""
    source = SAMPLE_CLINICS["austin"]
    clinic = yaml.safe_load(source.read_text(encoding="utf-8"))
    third = copy.deepcopy(dict(clinic["locations"][0], id="south", name="South Austin"))
    clinic["locations"].append(third)
    clinic["brand"].update(font="DejaVuSans.ttf", font_bold="DejaVuSans-Bold.ttf", heading_font="DejaVuSerif-Bold.ttf")
    shutil.copytree(source.parent / "logos", tmp_path / "logos")
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif-Bold.ttf"):
        shutil.copy(DEJAVU / name, tmp_path / name)
    path = tmp_path / "clinic.yaml"
    path.write_text(yaml.safe_dump(clinic, allow_unicode=True, sort_keys=False), encoding="utf-8")
    jobs = plan_jobs(load_clinics([path]), ("pdf", "print.pdf"), ("brochure",), PrintOptions())
    report = build(jobs, tmp_path / "out")
    assert not report.failed, [(job.id, error) for job, error in report.failed]
    pdfs = sorted((tmp_path / "out" / "austin").glob("brochure.*.pdf"))
    assert len(pdfs) == 12
    for pdf in pdfs:
        assert words_printed_over(pdf, PRINTED_OVER) == [], pdf.name
