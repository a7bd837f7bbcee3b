"""The build plan: job keys made of everything a job reads, each file hashed once, and `--dry-run` saying what
would be built and why."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import jinja2.meta
import pytest
from click.testing import CliRunner
from conftest import copy_samples

from leaflet import resources
from leaflet.batch import BuildOptions, build_clinics, plan_build
from leaflet.batch import keys as keys_module
from leaflet.batch.plan import Job, plan_jobs, slowest_first
from leaflet.cli import cli
from leaflet.model import Clinic
from leaflet.render.assets import FONT_FACES
from leaflet.validate import load_clinics

HTML = ("html",)
HANDOUTS = ("handout",)  # keys of brochures, which read one location each: tests/test_batch_kinds.py


def build_html(clinics: list[Clinic], out: Path) -> None:
    """A quick build to plan against: handouts' HTML only, in this process."""
    report = build_clinics(clinics, out, BuildOptions(jobs=0, formats=HTML, kinds=HANDOUTS, gallery=False))
    assert report.failed == [] and report.built


def reasons(clinics: list[Clinic], out: Path, force: bool = False) -> dict[str, str | None]:
    plan = plan_build(clinics, out, formats=HTML, kinds=HANDOUTS, force=force)
    return {d.job.id: d.reason for d in plan.decisions}


@pytest.fixture
def two_clinics(tmp_path: Path) -> tuple[Path, Path]:
    """Two sample clinics built (HTML) into tmp_path/out; returns (clinic folder, output folder)."""
    folder = copy_samples(tmp_path, "cache", "lakeshore")
    out = tmp_path / "out"
    build_html(load_clinics([folder]), out)
    return folder, out


# -- keys and reasons -----------------------------------------------------------------------------------------


def test_a_fresh_output_folder_builds_everything_as_new(tmp_path: Path) -> None:
    clinics = load_clinics([copy_samples(tmp_path, "cache")])
    assert reasons(clinics, tmp_path / "out") == {"cache/ptsd.en.html": "new", "cache/depression.en.html": "new"}


def test_after_a_build_everything_is_up_to_date(two_clinics: tuple[Path, Path]) -> None:
    folder, out = two_clinics
    assert set(reasons(load_clinics([folder]), out).values()) == {None}


def test_editing_one_clinic_file_marks_only_its_outputs(two_clinics: tuple[Path, Path]) -> None:
    folder, out = two_clinics
    clinic_file = folder / "cache.yaml"
    clinic_file.write_text(clinic_file.read_text(encoding="utf-8").replace("Exampleton", "Otherton"), "utf-8")
    found = reasons(load_clinics([folder]), out)
    assert {job: why for job, why in found.items() if why} == {
        "cache/ptsd.en.html": "clinic file changed",
        "cache/depression.en.html": "clinic file changed",
    }


def test_replacing_a_logo_marks_the_clinics_that_show_it(two_clinics: tuple[Path, Path]) -> None:
    folder, out = two_clinics
    logo = folder / "logos" / "lakeshore.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace("</svg>", "<!-- new --></svg>"), encoding="utf-8")
    found = reasons(load_clinics([folder]), out)
    assert {job for job, why in found.items() if why == "logo changed"} == {
        f"lakeshore/{name}.en.html" for name in ("depression", "anxiety", "ptsd")
    }
    assert {why for job, why in found.items() if job.startswith("cache/")} == {None}


def test_editing_content_marks_the_documents_that_use_it_and_no_others(
    two_clinics: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, out = two_clinics
    data = tmp_path / "data"  # a copy of the shipped data that the keys are computed from
    shutil.copytree(resources.data_dir(), data)
    monkeypatch.setattr(resources, "data_dir", lambda: data)
    assert set(reasons(load_clinics([folder]), out).values()) == {None}  # a copy: the same keys

    ptsd = data / "content" / "en" / "ptsd.yaml"
    ptsd.write_text(ptsd.read_text(encoding="utf-8") + "# a reviewer's edit\n", encoding="utf-8")
    found = reasons(load_clinics([folder]), out)
    assert {job for job, why in found.items() if why} == {"cache/ptsd.en.html", "lakeshore/ptsd.en.html"}
    assert {why for why in found.values() if why} == {"content changed"}

    shared = data / "content" / "en" / "ketamine.yaml"
    shared.write_text(shared.read_text(encoding="utf-8") + "# a reviewer's edit\n", encoding="utf-8")
    assert set(reasons(load_clinics([folder]), out).values()) == {"content changed"}


@pytest.fixture
def theme_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped templates that the keys are computed from (rendering still uses the real ones)."""
    copy = tmp_path / "templates"
    shutil.copytree(resources.templates_dir(), copy)
    monkeypatch.setattr(resources, "templates_dir", lambda: copy)
    return copy


def test_a_copied_theme_gives_the_same_keys(two_clinics: tuple[Path, Path], theme_copy: Path) -> None:
    folder, out = two_clinics
    assert set(reasons(load_clinics([folder]), out).values()) == {None}


@pytest.mark.parametrize("name", ["sections.html.j2", "base.html.j2", "css/leaflet.css"])
def test_editing_a_shared_template_marks_every_document_using_it(
    two_clinics: tuple[Path, Path], theme_copy: Path, name: str
) -> None:
    folder, out = two_clinics
    with (theme_copy / name).open("a", encoding="utf-8") as stream:
        stream.write("\n")
    found = reasons(load_clinics([folder]), out)
    assert len(found) == 5
    assert set(found.values()) == {"template changed"}


def test_a_template_no_document_uses_changes_nothing(two_clinics: tuple[Path, Path], theme_copy: Path) -> None:
    folder, out = two_clinics
    (theme_copy / "brochure.html.j2").write_text("{% extends 'base.html.j2' %}", encoding="utf-8")
    assert set(reasons(load_clinics([folder]), out).values()) == {None}


def test_the_templates_a_document_uses_are_followed_through_extends_and_imports() -> None:
    root = resources.templates_dir()
    names = {path.relative_to(root).as_posix() for path in keys_module.theme_files("handout")}
    assert {"handout.html.j2", "base.html.j2", "sections.html.j2", "css/leaflet.css"} <= names
    assert {name for name in names if name.startswith("fonts/")} == {f"fonts/{face[0]}" for face in FONT_FACES}


@pytest.mark.parametrize(
    "source",
    [
        '{%- extends "base.html.j2" -%}{%- import "sections.html.j2" as sections with context -%}',
        "{% include 'a.html.j2' %}{%+ from \"b.html.j2\" import macro %}",
        '{% include ["c.html.j2", "d.html.j2"] ignore missing %}',
        "{%\n  include\n  'multi-line.html.j2'\n%}",
        "{% extends layout %}",  # a computed name
        "{% if x %}{% include 'inside.html.j2' %}{% endif %}{{ 'not a tag.html.j2' }}",
    ],
)
def test_template_references_include_everything_jinja_finds(source: str, tmp_path: Path) -> None:
    for name in ("base.html.j2", "sections.html.j2", "other.html.j2"):
        (tmp_path / name).write_text("", encoding="utf-8")
    every = sorted(p.name for p in tmp_path.glob("*.j2"))
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    by_jinja = list(jinja2.meta.find_referenced_templates(env.parse(source)))
    expected = {name for name in by_jinja if name is not None} | (set(every) if None in by_jinja else set())
    assert set(keys_module.referenced_templates(source, tmp_path)) == expected


def test_every_shipped_template_s_references_are_found() -> None:
    root = resources.templates_dir()
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    for path in root.rglob("*.j2"):
        source = path.read_text(encoding="utf-8")
        by_jinja = set(jinja2.meta.find_referenced_templates(env.parse(source)))
        assert None not in by_jinja
        assert set(keys_module.referenced_templates(source, root)) == by_jinja, path.name


def test_source_date_epoch_is_part_of_the_key(two_clinics: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, out = two_clinics
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert set(reasons(load_clinics([folder]), out).values()) == {"leaflet, a library or an option changed"}


def test_force_marks_everything(two_clinics: tuple[Path, Path]) -> None:
    folder, out = two_clinics
    assert set(reasons(load_clinics([folder]), out, force=True).values()) == {"forced"}


def test_each_input_file_is_read_once_per_plan(two_clinics: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, out = two_clinics
    clinics = load_clinics([folder])
    reads: list[Path] = []
    real_read_bytes = Path.read_bytes

    def counting_read_bytes(path: Path) -> bytes:
        reads.append(path)
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counting_read_bytes)
    plan = plan_build(clinics, out, formats=("pdf", "html"))
    assert len(plan.decisions) == 24  # 5 handouts, 5 guides and 2 brochures, each a PDF and an HTML
    assert len(reads) == len(set(reads))
    assert folder / "logos" / "cache.svg" in reads  # the clinic file is hashed as read: see keys.clinic_part


# -- order ------------------------------------------------------------------------------------------------------


def test_slowest_jobs_start_first(tmp_path: Path) -> None:
    clinics = load_clinics([copy_samples(tmp_path, "cache", "lakeshore")])
    ordered = slowest_first(plan_jobs(clinics, kinds=HANDOUTS), {})
    formats = [job.format for job in ordered]
    assert formats == ["pdf"] * 5 + ["html"] * 5
    assert [job.id for job in ordered if job.format == "pdf"] == [
        job.id for job in plan_jobs(clinics, kinds=HANDOUTS) if job.format == "pdf"
    ]


def test_last_builds_times_order_the_next_build(tmp_path: Path) -> None:
    clinics = load_clinics([copy_samples(tmp_path, "cache")])
    jobs = plan_jobs(clinics)
    ordered = slowest_first(jobs, {"cache/depression.en.pdf": 2.0, "cache/ptsd.en.pdf": 0.5})
    assert [job.id for job in ordered][:2] == ["cache/depression.en.pdf", "cache/ptsd.en.pdf"]


def test_a_job_for_a_location_is_named_after_it(tmp_path: Path) -> None:
    clinic = load_clinics([copy_samples(tmp_path, "austin")])[0]
    job = Job(clinic, "brochure", "brochure.central", "en", "pdf", topic="central")
    assert (job.id, str(job.thumbnail)) == ("austin/brochure.central.en.pdf", "_gallery/austin/brochure.central.en.png")
    assert job.location == "central"
    assert Job(clinic, "handout", "ptsd", "en", "pdf", topic="ptsd").location is None


# -- leaflet build --dry-run --------------------------------------------------------------------------------------


def test_dry_run_prints_the_plan_and_writes_nothing(tmp_path: Path) -> None:
    folder = copy_samples(tmp_path, "cache")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(folder), "--out", str(out), "--dry-run", "--kind", "handout", "--kind", "brochure"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "build  cache/ptsd.en.pdf            new",
        "build  cache/ptsd.en.html           new",
        "build  cache/depression.en.pdf      new",
        "build  cache/depression.en.html     new",
        "build  cache/brochure.main.en.pdf   new",
        "build  cache/brochure.main.en.html  new",
        f"6 to build, 0 up to date, 0 stale (in {out}). Nothing was written.",
    ]
    assert not out.exists()


def test_dry_run_says_why_each_output_would_be_rebuilt(two_clinics: tuple[Path, Path]) -> None:
    folder, out = two_clinics
    (out / "cache" / "ptsd.en.html").unlink()
    with (out / "cache" / "depression.en.html").open("a", encoding="utf-8") as stream:
        stream.write("<!-- edited by hand -->")
    (folder / "lakeshore.yaml").unlink()
    before = sorted(p.name for p in out.rglob("*"))
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(out), "--dry-run", "--kind", "handout"])
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    assert "build cache/ptsd.en.html output missing" in lines
    assert "build cache/depression.en.html output modified" in lines
    assert "build cache/ptsd.en.pdf new" in lines
    assert "stale lakeshore/ptsd.en.html no longer built; --prune removes it" in lines
    assert lines[-1] == f"4 to build, 0 up to date, 3 stale (in {out}). Nothing was written."
    assert sorted(p.name for p in out.rglob("*")) == before


def test_dry_run_with_prune_lists_exactly_the_files_prune_removes(two_clinics: tuple[Path, Path]) -> None:
    folder, out = two_clinics
    (folder / "lakeshore.yaml").unlink()
    (out / "lakeshore" / "anxiety.en.html").write_text("edited by hand", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(out), "--dry-run", "--prune"])
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    listed = [line.split()[1] for line in lines if line.startswith("remove ")]
    assert listed == ["lakeshore/depression.en.html", "lakeshore/ptsd.en.html"]
    assert "keep lakeshore/anxiety.en.html no longer built, but changed since leaflet wrote it; --prune keeps it" in (
        lines
    )
    report = build_clinics(load_clinics([folder]), out, BuildOptions(jobs=0, formats=HTML, prune=True), inputs=[folder])
    assert (report.pruned, report.kept) == (listed, ["lakeshore/anxiety.en.html"])


def test_dry_run_lists_nothing_to_prune_for_a_folder_that_moved(two_clinics: tuple[Path, Path]) -> None:
    folder, out = two_clinics
    moved = folder.rename(folder.with_name("moved"))
    result = CliRunner().invoke(
        cli, ["build", str(moved / "cache.yaml"), "--out", str(out), "--dry-run", "--prune", "--kind", "handout"]
    )
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if line.startswith(("remove", "stale"))] == []
    assert result.output.splitlines()[-1] == f"2 to build, 2 up to date, 0 stale (in {out}). Nothing was written."
