"""Planning and writing outputs: one job per condition with content × language × format, every path inside the
output folder, and a file replaced whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest
from conftest import MINIMAL_CLINIC, WriteClinic, fixture_path, sample_path

from leaflet import load_clinic
from leaflet.batch import BuildOptions, build, plan_jobs
from leaflet.batch.output import output_path, write_atomic
from leaflet.batch.plan import FORMATS, Job
from leaflet.batch.worker import FAULT_VARIABLE
from leaflet.documents import KINDS
from leaflet.errors import OutputError
from leaflet.model import Clinic


def part_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.part"))


def in_process(**options: bool) -> BuildOptions:
    """Render in this process (no worker pool to start: fast), without the gallery page."""
    return BuildOptions(jobs=0, gallery=False, **options)


# -- the plan ---------------------------------------------------------------------------------------------------


def test_one_job_per_condition_with_content_language_and_format() -> None:
    clinic = load_clinic(sample_path("tranquility"))
    assert [job.id for job in plan_jobs([clinic], kinds=("handout",))] == [
        "tranquility/depression.en.pdf",
        "tranquility/depression.en.html",
        "tranquility/ptsd.en.pdf",
        "tranquility/ptsd.en.html",
        "tranquility/anxiety.en.pdf",
        "tranquility/anxiety.en.html",
    ]


def test_conditions_without_content_make_no_jobs(write_clinic: WriteClinic) -> None:
    clinic = load_clinic(write_clinic(MINIMAL_CLINIC + "conditions: [ocd, chronic_pain]\n", "no-content.yaml"))
    assert plan_jobs([clinic], kinds=("handout",)) == []


@pytest.mark.parametrize(
    "source",
    [sample_path("austin"), sample_path("home-visit"), fixture_path("all-routes/clinic.yaml")],
    ids=lambda p: p.parent.name if p.name == "clinic.yaml" else p.stem,
)
def test_job_count_is_conditions_times_languages_times_formats(source: Path) -> None:
    clinic = load_clinic(source)
    jobs = plan_jobs([clinic])
    expected = sum(
        sum(len(kind.topics(clinic, language)) for kind in KINDS.values()) for language in clinic.languages
    ) * len(FORMATS)
    assert len(jobs) == expected > 0
    assert len({job.id for job in jobs}) == len(jobs)
    kinds = ("handout", "guide", "brochure")
    assert {(job.kind, job.language) for job in jobs} == {(k, lang) for k in kinds for lang in clinic.languages}


def test_formats_can_be_chosen(minimal_clinic: Clinic) -> None:
    assert [job.id for job in plan_jobs([minimal_clinic], ("html",))] == [
        "minimal/ptsd.en.html",
        "minimal/ptsd.guide.en.html",
        "minimal/brochure.en.html",
    ]


def test_jobs_of_several_clinics_keep_the_clinics_order(minimal_clinic: Clinic) -> None:
    other = load_clinic(fixture_path("a4/clinic.yaml"))
    assert [job.clinic.id for job in plan_jobs([other, minimal_clinic])] == ["harbour-a4"] * 6 + ["minimal"] * 6


def test_job_output_is_clinic_id_then_document_language_and_format(minimal_clinic: Clinic) -> None:
    job = Job(minimal_clinic, "handout", "ptsd", "en", "pdf")
    assert job.output == PurePosixPath("minimal/ptsd.en.pdf")


# -- output paths ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", [sample_path("tranquility"), fixture_path("all-routes/clinic.yaml")])
def test_every_planned_output_stays_inside_the_output_folder(tmp_path: Path, source: Path) -> None:
    for job in plan_jobs([load_clinic(source)]):
        target = output_path(tmp_path, job.output)
        assert target.resolve().is_relative_to(tmp_path.resolve())
        assert target.parent.name == job.clinic.id


@pytest.mark.parametrize(
    ("relative", "message"),
    [
        ("../escape.pdf", "../escape.pdf: output paths must stay inside {out}"),
        ("clinic/../../escape.pdf", "clinic/../../escape.pdf: output paths must stay inside {out}"),
        ("/etc/escape.pdf", "/etc/escape.pdf: output paths must stay inside {out}"),
    ],
)
def test_paths_leaving_the_output_folder_are_refused(tmp_path: Path, relative: str, message: str) -> None:
    with pytest.raises(OutputError) as caught:
        output_path(tmp_path, PurePosixPath(relative))
    assert str(caught.value) == message.format(out=tmp_path)


def test_a_link_leading_out_of_the_output_folder_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "clinic").symlink_to(elsewhere)
    with pytest.raises(OutputError) as caught:
        output_path(out, PurePosixPath("clinic/ptsd.en.pdf"))
    assert str(caught.value) == (
        f"{out}/clinic/ptsd.en.pdf: this path leads outside {out} (a link?); remove it and build again"
    )


# -- atomic writes ------------------------------------------------------------------------------------------------


def test_write_atomic_writes_the_bytes_readable_by_all(tmp_path: Path) -> None:
    target = tmp_path / "clinic" / "ptsd.en.pdf"
    write_atomic(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert target.stat().st_mode & 0o777 == 0o644
    assert part_files(tmp_path) == []


def test_write_atomic_replaces_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "ptsd.en.pdf"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"


def test_a_write_failing_half_way_leaves_the_previous_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ptsd.en.pdf"
    target.write_bytes(b"the previous leaflet")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"half of a new leaflet")
    assert str(caught.value) == f"{target}: cannot write: No space left on device"
    assert target.read_bytes() == b"the previous leaflet"
    assert part_files(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ptsd.en.pdf"]


def test_ctrl_c_during_a_write_leaves_the_previous_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "ptsd.en.pdf"
    target.write_bytes(b"the previous leaflet")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"half of a new leaflet")
    assert target.read_bytes() == b"the previous leaflet"
    assert part_files(tmp_path) == []


def test_an_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "clinic"
    blocker.write_text("a file where the clinic's folder should be", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        write_atomic(blocker / "ptsd.en.pdf", b"x")
    assert str(caught.value).startswith(f"{blocker}: cannot write here: ")


# -- building ----------------------------------------------------------------------------------------------------


def test_build_writes_each_job_under_the_output_folder(tmp_path: Path, minimal_clinic: Clinic) -> None:
    jobs = plan_jobs([minimal_clinic], ("html",), ("handout",))
    report = build(jobs, tmp_path / "out", options=in_process())
    assert report.failed == []
    assert report.built == [tmp_path / "out" / "minimal" / "ptsd.en.html"]
    assert (tmp_path / "out" / "minimal" / "ptsd.en.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert part_files(tmp_path) == []


def test_a_failing_render_leaves_the_previous_file_intact(
    tmp_path: Path, minimal_clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    jobs = plan_jobs([minimal_clinic], ("html",), ("handout",))
    build(jobs, out, options=in_process())
    target = out / "minimal" / "ptsd.en.html"
    before = target.read_bytes()
    # The build's own test hook: the worker raises RenderFailed for the jobs matching the pattern.
    monkeypatch.setenv(FAULT_VARIABLE, "fail:minimal/ptsd.en.html")
    report = build(jobs, out, options=in_process(force=True))
    assert [(job.id, error) for job, error in report.failed] == [
        ("minimal/ptsd.en.html", f"failed on purpose ({FAULT_VARIABLE})")
    ]
    assert report.built == []
    assert target.read_bytes() == before
    assert part_files(out) == []


def test_keep_going_builds_the_jobs_that_do_not_fail(
    tmp_path: Path, minimal_clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = load_clinic(fixture_path("location-phones/clinic.yaml"))
    jobs = plan_jobs([minimal_clinic, other], ("html",), ("handout",))
    monkeypatch.setenv(FAULT_VARIABLE, "fail:minimal/*")
    report = build(jobs, tmp_path, options=in_process(keep_going=True))
    assert [job.id for job, _ in report.failed] == ["minimal/ptsd.en.html"]
    assert report.built == [tmp_path / "clinic" / "ptsd.en.html"]
    assert not (tmp_path / "minimal" / "ptsd.en.html").exists()
    assert part_files(tmp_path) == []


def test_an_up_to_date_output_is_not_rebuilt(tmp_path: Path, minimal_clinic: Clinic) -> None:
    jobs = plan_jobs([minimal_clinic], ("html",), ("handout",))
    assert len(build(jobs, tmp_path, options=in_process()).built) == 1
    again = build(jobs, tmp_path, options=in_process())
    assert (again.built, [job.id for job in again.skipped]) == ([], ["minimal/ptsd.en.html"])
