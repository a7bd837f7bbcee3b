"""What a build shows while it runs: a bar on a terminal, one line per file otherwise, only failures with -q."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import sample_path

from leaflet import load_clinic
from leaflet.batch import plan_jobs, progress_for
from leaflet.batch import progress as progress_module
from leaflet.batch.progress import Bar, Lines, Progress
from leaflet.batch.report import JobOutcome


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def outcomes() -> list[JobOutcome]:
    jobs = plan_jobs([load_clinic(sample_path("cache"))], kinds=("handout",))
    return [JobOutcome(job, "built", "new") for job in jobs[:-1]] + [
        JobOutcome(jobs[-1], "failed", "new", error="it broke")
    ]


def test_the_display_suits_where_the_output_goes(tmp_path: Path) -> None:
    assert type(progress_for(tmp_path, quiet=False, stderr=Terminal())) is Bar
    assert type(progress_for(tmp_path, quiet=False, stderr=io.StringIO())) is Lines
    assert type(progress_for(tmp_path, quiet=True, stderr=Terminal())) is Progress


def test_the_bar_shows_counts_clinic_and_time_left_then_clears(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter(float(second) for second in range(100))
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: next(clock))
    out, err = io.StringIO(), Terminal()
    bar = progress_for(tmp_path, quiet=False, stdout=out, stderr=err)
    done = outcomes()
    bar.start({o.job.id: 0.4 if o.job.format == "pdf" else 0.1 for o in done}, up_to_date=2)
    assert err.getvalue() == "\r[------------------------] 0/4 (2 up to date)                        ETA --:--\x1b[K"
    bar.started(done[0].job)
    bar.finished(done[0])
    # 3 s in (the fake clock ticks a second a call), 0.4 of 1.0 expected seconds done: 4.5 s left.
    assert err.getvalue().split("\r")[-1] == (
        "[##########--------------] 1/4 (2 up to date)  cache                 ETA 0:04\x1b[K"
    )
    for outcome in done[1:]:
        bar.started(outcome.job)
        bar.finished(outcome)
    bar.close()
    screen = err.getvalue()
    assert "\r\x1b[Kfailed  cache/depression.en.html: it broke\n" in screen
    assert screen.split("\r")[-2].startswith("[########################] 4/4 (2 up to date)  cache")
    assert screen.endswith("\r\x1b[K")
    assert out.getvalue() == ""


def test_the_bar_is_redrawn_at_most_ten_times_a_second(tmp_path: Path) -> None:
    err = Terminal()
    bar = progress_for(tmp_path, quiet=False, stderr=err)
    done = outcomes()
    bar.start({o.job.id: 1.0 for o in done}, up_to_date=0)
    for outcome in done[:-1]:
        bar.started(outcome.job)
        bar.finished(outcome)
    assert err.getvalue().count("\r") == 1


def test_lines_name_each_file_built_and_each_failure(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    lines = progress_for(tmp_path, quiet=False, stdout=out, stderr=err)
    done = outcomes()
    lines.start({o.job.id: 1.0 for o in done}, up_to_date=3)
    for outcome in done:
        lines.finished(outcome)
    assert out.getvalue().splitlines() == [
        "3 up to date, 4 to build",
        f"built   {tmp_path / 'cache' / 'ptsd.en.pdf'}",
        f"built   {tmp_path / 'cache' / 'ptsd.en.html'}",
        f"built   {tmp_path / 'cache' / 'depression.en.pdf'}",
    ]
    assert err.getvalue() == "failed  cache/depression.en.html: it broke\n"


def test_quiet_shows_only_failures(tmp_path: Path) -> None:
    out, err = io.StringIO(), Terminal()
    quiet = progress_for(tmp_path, quiet=True, stdout=out, stderr=err)
    quiet.start({}, 0)
    for outcome in outcomes():
        quiet.finished(outcome)
    quiet.close()
    assert (out.getvalue(), err.getvalue()) == ("", "failed  cache/depression.en.html: it broke\n")


def test_a_line_shows_the_output_folder_with_its_controls_escaped(tmp_path: Path) -> None:
    out_dir = tmp_path / "out\nbuilt   forged\x1b]0;pwned\x07"
    out, err = io.StringIO(), io.StringIO()
    lines = Lines(out_dir, stdout=out, stderr=err)
    lines.start({}, up_to_date=0)
    lines.finished(outcomes()[0])
    shown = f"{tmp_path}/out\\x0abuilt   forged\\x1b]0;pwned\\x07"
    assert out.getvalue().splitlines() == [f"built   {shown}/{outcomes()[0].job.output}"]
