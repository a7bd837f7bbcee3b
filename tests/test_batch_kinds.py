"""The batch builder knows document kinds only through leaflet.documents.KINDS: brochures are planned, keyed,
rebuilt, pruned and shown beside handouts, and a build of some kinds leaves the others' files alone."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from conftest import copy_samples, parse_html

from leaflet import resources
from leaflet.batch import BuildOptions, BuildReport, build_clinics, plan_build
from leaflet.documents import KINDS
from leaflet.validate import load_clinics

HTML = ("html",)
KINDS_HERE = ("handout", "brochure")  # a kind per location and one per condition; the guide is keyed as the handout


def build_html(folder: Path, out: Path, **options: object) -> BuildReport:
    """Handouts' and brochures' HTML, in this process: everything about planning and keys but the rendering cost."""
    options.setdefault("kinds", KINDS_HERE)
    report = build_clinics(load_clinics([folder]), out, BuildOptions(jobs=0, formats=HTML, **options))  # type: ignore[arg-type]
    assert report.failed == []
    return report


def reasons(folder: Path, out: Path) -> dict[str, str | None]:
    plan = plan_build(load_clinics([folder]), out, formats=HTML, kinds=KINDS_HERE)
    return {d.job.id: d.reason for d in plan.decisions}


@pytest.fixture
def austin(tmp_path: Path) -> tuple[Path, Path]:
    """The two-location sample clinic built (HTML) into tmp_path/out."""
    folder = copy_samples(tmp_path, "austin", english_only=True)
    out = tmp_path / "out"
    build_html(folder, out)
    return folder, out


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_clinic_gets_handouts_and_a_brochure_per_location(austin: tuple[Path, Path]) -> None:
    _, out = austin
    assert sorted(p.name for p in (out / "austin").iterdir()) == [
        "anxiety.en.html",
        "brochure.central.en.html",
        "brochure.north.en.html",
        "depression.en.html",
        "ptsd.en.html",
    ]


def test_editing_one_location_rebuilds_its_brochure_and_the_handouts_not_the_other_brochure(
    austin: tuple[Path, Path],
) -> None:
    folder, out = austin
    edit(folder / "austin.yaml", '"Tue-Sat 9:00-16:00"', '"Tue-Sat 10:00-16:00"')  # North Austin's hours
    changed = {job_id: why for job_id, why in reasons(folder, out).items() if why}
    assert changed == {
        "austin/brochure.north.en.html": "clinic file changed",
        "austin/ptsd.en.html": "clinic file changed",
        "austin/depression.en.html": "clinic file changed",
        "austin/anxiety.en.html": "clinic file changed",
    }


def test_a_comment_in_the_clinic_file_rebuilds_nothing(austin: tuple[Path, Path]) -> None:
    folder, out = austin
    with (folder / "austin.yaml").open("a", encoding="utf-8") as stream:
        stream.write("# a note for the marketing team\n")
    assert {job_id for job_id, why in reasons(folder, out).items() if why} == set()


def test_editing_the_brochures_words_rebuilds_brochures_only(
    austin: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder, out = austin
    data = tmp_path / "data"
    shutil.copytree(resources.data_dir(), data)
    monkeypatch.setattr(resources, "data_dir", lambda: data)
    edit(data / "content" / "en" / "brochure.yaml", "title:", "title: ")
    changed = {job_id for job_id, why in reasons(folder, out).items() if why == "content changed"}
    assert changed == {"austin/brochure.central.en.html", "austin/brochure.north.en.html"}


def test_a_removed_location_leaves_a_stale_brochure_that_prune_removes(austin: tuple[Path, Path]) -> None:
    folder, out = austin
    text = (folder / "austin.yaml").read_text(encoding="utf-8")
    (folder / "austin.yaml").write_text(text[: text.index("  - id: north")] + text[text.index("brand:") :])
    assert plan_build(load_clinics([folder]), out, formats=HTML, kinds=KINDS_HERE).stale == [
        "austin/brochure.north.en.html"
    ]
    report = build_html(folder, out, prune=True)
    assert report.pruned == ["austin/brochure.north.en.html"]
    assert not (out / "austin" / "brochure.north.en.html").exists()
    assert (out / "austin" / "brochure.central.en.html").exists()


def test_a_build_of_one_kind_leaves_the_other_kinds_files_alone(austin: tuple[Path, Path]) -> None:
    folder, out = austin
    plan = plan_build(load_clinics([folder]), out, formats=HTML, kinds=("handout",))
    assert plan.stale == []
    assert {d.job.kind for d in plan.decisions} == {"handout"}
    report = build_html(folder, out, kinds=("handout",), prune=True)
    assert report.pruned == []
    assert (out / "austin" / "brochure.north.en.html").exists()


def test_the_gallery_shows_brochures_beside_handouts(austin: tuple[Path, Path]) -> None:
    _, out = austin
    page = parse_html((out / "index.html").read_text(encoding="utf-8"))
    links = [a.attrs["href"] for a in page.find_all("a") if a.attrs["href"].startswith("austin/")]
    assert links == [
        "austin/anxiety.en.html",
        "austin/depression.en.html",
        "austin/ptsd.en.html",
        "austin/brochure.central.en.html",
        "austin/brochure.north.en.html",
    ]


# -- no kind's name in planning, keys or the worker --------------------------------------------------------------


@pytest.mark.parametrize("module", ["plan.py", "keys.py", "worker.py", "incremental.py", "run.py", "gallery.py"])
def test_the_batch_builder_names_no_kind(module: str) -> None:
    source = (Path(__file__).parent.parent / "leaflet" / "batch" / module).read_text(encoding="utf-8")
    strings = [node.value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Constant)]
    named = [s for s in strings if isinstance(s, str) and s in KINDS]
    assert named == [], f"{module} names the kinds {named}: look them up in leaflet.documents.KINDS"
