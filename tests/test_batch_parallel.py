"""Building in worker processes: byte-identical outputs whatever -j, failures that stop only their own job under
--keep-going, and a time and memory limit per render that stops a runaway job and replaces its worker."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import SAMPLE_IDS, copy_samples

from leaflet.batch import BuildOptions, build_clinics, usable_cores
from leaflet.batch.run import WORKERS_PER_CORE
from leaflet.batch.worker import FAULT_VARIABLE
from leaflet.cli import cli
from leaflet.validate import load_clinics

pytestmark = pytest.mark.slow


# Two kinds: one made per condition, one per location (the guide is made like the handout), keeping counts small.
KINDS = ("--kind", "handout", "--kind", "brochure")


def leaflet_build(*args: str | Path, fault: str = "") -> Result:
    env = {FAULT_VARIABLE: fault, "SOURCE_DATE_EPOCH": None}
    return CliRunner().invoke(cli, ["build", *map(str, args), *KINDS], env=env)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_one_and_two_workers_give_byte_identical_outputs(tmp_path: Path) -> None:
    clinics = copy_samples(tmp_path, "cache", "home-visit")
    for jobs in ("1", "2"):
        result = leaflet_build(clinics, "--out", tmp_path / f"j{jobs}", "-j", jobs, "-q")
        assert result.exit_code == 0, result.output
    # The manifest differs: it records how long each render took.
    one, two = files(tmp_path / "j1"), files(tmp_path / "j2")
    del one[".leaflet-manifest.json"], two[".leaflet-manifest.json"]
    assert sorted(one) == sorted(two)
    assert len([name for name in one if name.endswith(".pdf")]) == 6
    assert len([name for name in one if name.endswith(".png")]) == 6
    assert [name for name in one if one[name] != two[name]] == []


def test_keep_going_builds_every_job_but_the_failing_one(tmp_path: Path) -> None:
    clinics = copy_samples(tmp_path, "cache", "home-visit")
    out = tmp_path / "out"
    result = leaflet_build(clinics, "--out", out, "-j", "2", "--keep-going", "-q", fault="fail:cache/ptsd.en.pdf")
    assert result.exit_code == 1
    assert f"failed  cache/ptsd.en.pdf: failed on purpose ({FAULT_VARIABLE})" in result.stderr.splitlines()
    assert "11 built, 0 up to date, 1 failed, 0 input problems" in result.stdout
    assert "Failed: cache/ptsd.en.pdf" in result.stdout.splitlines()
    assert not (out / "cache" / "ptsd.en.pdf").exists()
    assert (out / "cache" / "ptsd.en.html").exists() and (out / "home-visit" / "ptsd.en.pdf").exists()
    again = leaflet_build(clinics, "--out", out, "-j", "2")
    assert again.exit_code == 0
    assert again.stdout.splitlines()[:2] == ["11 up to date, 1 to build", f"built   {out / 'cache' / 'ptsd.en.pdf'}"]


def test_without_keep_going_the_first_failure_stops_the_build(tmp_path: Path) -> None:
    clinics = copy_samples(tmp_path, "cache", "home-visit")
    out = tmp_path / "out"
    result = leaflet_build(clinics, "--out", out, "-j", "1", "-q", fault="fail:*/ptsd.en.pdf")
    assert result.exit_code == 1
    assert "10 not built: the build stopped at the first failure (see --keep-going)." in result.stdout.splitlines()
    # Only what was already in the worker's hands is finished: the failing PDF's own HTML page.
    assert sorted(p.relative_to(out).as_posix() for p in out.glob("*/*.*")) == ["cache/ptsd.en.html"]


def test_a_job_past_the_time_limit_is_stopped_and_the_others_built(tmp_path: Path) -> None:
    clinics = copy_samples(tmp_path, "cache")
    out = tmp_path / "out"
    started = time.monotonic()
    result = leaflet_build(
        clinics, "--out", out, "-j", "2", "--timeout", "4", "--keep-going", "-q", fault="sleep:cache/ptsd.en.html"
    )
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    assert "failed  cache/ptsd.en.html: took longer than 4 s (--timeout); stopped" in result.stderr.splitlines()
    assert sorted(p.name for p in (out / "cache").iterdir()) == [
        "brochure.main.en.html",
        "brochure.main.en.pdf",
        "depression.en.html",
        "depression.en.pdf",
        "ptsd.en.pdf",
    ]


def test_a_job_past_the_memory_limit_is_stopped_and_its_worker_replaced(tmp_path: Path) -> None:
    clinics = copy_samples(tmp_path, "cache")
    out = tmp_path / "out"
    result = leaflet_build(
        clinics,
        "--out",
        out,
        "-j",
        "1",
        "--keep-going",
        "-q",
        "--json",
        tmp_path / "report.json",
        fault="hog:cache/ptsd.en.pdf",
    )
    assert result.exit_code == 1
    assert (
        "failed  cache/ptsd.en.pdf: needed more than the 1536 MiB a render may use (--max-memory); stopped"
        in result.stderr.splitlines()
    )
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["built"] == 5
    assert len(report["worker_stats"]) == 2  # the first worker, and the one that replaced it


def test_a_crashed_worker_fails_its_job_only(tmp_path: Path) -> None:
    clinics = copy_samples(tmp_path, "cache")
    result = leaflet_build(
        clinics, "--out", tmp_path / "out", "-j", "2", "--keep-going", "-q", fault="crash:*/ptsd.en.pdf"
    )
    assert result.exit_code == 1
    assert "failed  cache/ptsd.en.pdf: the worker rendering it stopped (exit code 70)" in result.stderr.splitlines()
    assert "5 built, 0 up to date, 1 failed" in result.stdout


def test_a_bug_in_a_worker_is_one_line_naming_the_log(tmp_path: Path) -> None:
    clinics = copy_samples(tmp_path, "cache")
    result = leaflet_build(
        clinics, "--out", tmp_path / "out", "-j", "1", "--keep-going", "-q", fault="bug:*/ptsd.en.html"
    )
    [line] = [line for line in result.stderr.splitlines() if line.startswith("failed")]
    assert line.startswith(
        "failed  cache/ptsd.en.html: internal error (a bug in leaflet, not in your files): "
        f"RuntimeError: a bug on purpose ({FAULT_VARIABLE}). The details are in "
    )
    log = Path(line.split("The details are in ")[1].removesuffix("; please report it."))
    assert "Traceback" in log.read_text(encoding="utf-8")
    log.unlink()
    assert "Traceback" not in result.output


def test_peak_memory_per_worker_is_reported_and_flat(tmp_path: Path) -> None:
    clinics = copy_samples(tmp_path, "austin", "lakeshore", english_only=True)
    report_file = tmp_path / "report.json"
    result = leaflet_build(clinics, "--out", tmp_path / "out", "-j", "2", "-q", "--json", report_file)
    assert result.exit_code == 0, result.output
    stats = json.loads(report_file.read_text(encoding="utf-8"))["worker_stats"]
    assert len(stats) == 2 and sum(s["jobs"] for s in stats) == 18
    for worker in stats:
        assert 0 < worker["peak_rss_kib"] < 300 * 1024
        assert min(worker["first_rss_kib"], worker["middle_rss_kib"], worker["last_rss_kib"]) > 0
        assert worker["last_rss_kib"] - worker["first_rss_kib"] < 40 * 1024


def test_more_than_four_workers_a_core_are_capped_with_a_warning(tmp_path: Path) -> None:
    clinics = load_clinics([copy_samples(tmp_path, *SAMPLE_IDS)])
    cores = usable_cores()
    cap = WORKERS_PER_CORE * cores
    report = build_clinics(clinics, tmp_path / "out", BuildOptions(jobs=cap + 22, formats=("html",), gallery=False))
    assert report.exit_code == 0
    documents = len(report.outcomes)
    assert report.workers == min(cap, documents)
    assert [str(w) for w in report.warnings if w.clinic is None] == [
        f"-j {cap + 22} is more than 4 workers for each of the {cores} usable cores, which only costs memory; "
        f"using -j {cap}"
    ]
    assert report.to_json()["warnings"][0] == {"clinic": None, "job": None, "message": str(report.warnings[0])}
