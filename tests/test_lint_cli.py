"""`leaflet lint` and the lint in `leaflet build`: exit codes, the compiler-style lines, JSON, refusal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINIMAL_CLINIC, ROOT, WriteClinic

from leaflet.cli import cli

LEAFLET = Path(sys.executable).with_name("leaflet")
CLAIMS = """\
name: Claims Clinic
phone: "505-639-4973"
routes: [iv]
about: |
  Our infusions cure PTSD in a single session, guaranteed. Ketamine is
  FDA-approved for PTSD, completely safe and effective, with no side effects.
"""
CLAIM_LINES = [
    ("5:17", '"cure"'),
    ("5:27", '"in a single session"'),
    ("5:48", '"guaranteed"'),
    ("5:60", '"Ketamine is FDA-approved for PTSD"'),
    ("6:26", '"completely safe and effective"'),
    ("6:62", '"no side effects"'),
]


def lint(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["lint", *args])
    return result.exit_code, result.stdout, result.stderr


def test_each_claim_is_a_line_with_its_place_and_the_exit_code_is_1(write_clinic: WriteClinic) -> None:
    path = write_clinic(CLAIMS)
    code, out, err = lint(str(path))
    assert code == 1
    lines = out.splitlines()
    assert [(line.split(": [")[0], line.split(" overstated-claim ")[1].split(":")[0]) for line in lines] == [
        (f"{path}:{place}", said) for place, said in CLAIM_LINES
    ]
    assert all(" [error] overstated-claim " in line for line in lines)
    assert err == "6 errors, 0 warnings\n"


def test_json_lists_every_problem(write_clinic: WriteClinic) -> None:
    path = write_clinic(CLAIMS)
    code, out, _ = lint("--format", "json", str(path))
    problems = json.loads(out)["problems"]
    assert code == 1
    assert [(p["line"], p["column"], p["level"], p["rule"]) for p in problems][:2] == [
        (5, 17, "error", "overstated-claim"),
        (5, 27, "error", "overstated-claim"),
    ]
    assert len(problems) == 6 and all(p["file"] == str(path) for p in problems)


def test_warnings_alone_exit_0(write_clinic: WriteClinic) -> None:
    path = write_clinic(MINIMAL_CLINIC + "email: info@clinic.example.com\n")
    code, out, err = lint(str(path))
    assert (code, err) == (0, "0 errors, 1 warning\n")
    assert out.startswith(f"{path}:4:8: [warning] placeholder-contact email info@clinic.example.com")


def test_the_sample_clinics_and_the_shipped_content_lint_without_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = lint()  # default: data/clinics
    assert code == 0
    assert out.count("[warning] placeholder-contact") >= 5 and "[error]" not in out
    assert lint("--content") == (0, "", "0 errors, 0 warnings\n")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LEAFLET), *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=300)


def test_build_refuses_a_clinic_with_lint_errors_and_writes_nothing(write_clinic: WriteClinic, tmp_path: Path) -> None:
    path = write_clinic(CLAIMS)
    report = tmp_path / "report.json"
    result = run("build", str(path), "--out", "out", "--json", str(report), cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    lines = result.stderr.splitlines()
    assert lines[0] == f"{path}: 6 problems"
    assert lines[1].split()[:3] == ["5:17", "overstated-claim", '"cure":']
    assert lines[-1] == "Nothing was built."
    assert not (tmp_path / "out").exists()
    written = json.loads(report.read_text(encoding="utf-8"))
    assert (written["exit_code"], len(written["problems"])) == (2, 6)
    assert written["problems"][0]["field"] == "overstated-claim"


def test_build_no_lint_says_it_skipped(write_clinic: WriteClinic, tmp_path: Path) -> None:
    result = run("build", str(write_clinic(CLAIMS)), "--out", "out", "--no-lint", "--dry-run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "leaflet: --no-lint: the clinic files were not linted\n"


@pytest.mark.slow
def test_build_warns_about_lint_warnings_on_the_terminal_and_in_json(write_clinic: WriteClinic, tmp_path: Path) -> None:
    path = write_clinic(MINIMAL_CLINIC + "email: info@clinic.example.com\n", "sample.yaml")
    report = tmp_path / "report.json"
    result = run("build", str(path), "--out", "out", "--kind", "brochure", "--json", str(report), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    message = f"{path}:4:8: placeholder-contact email info@clinic.example.com is an example address"
    assert result.stderr.startswith(f"warning: sample: {message}")
    [warning] = json.loads(report.read_text(encoding="utf-8"))["warnings"]
    assert (warning["clinic"], warning["job"]) == ("sample", None)
    assert warning["message"].startswith(message)


def test_keep_going_plans_the_other_clinics_and_reports_the_refused_one(
    write_clinic: WriteClinic, tmp_path: Path
) -> None:
    bad, good = write_clinic(CLAIMS, "claims.yaml"), write_clinic(MINIMAL_CLINIC, "good.yaml")
    result = run("build", str(bad), str(good), "--out", "out", "--keep-going", "--dry-run", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{bad}: 6 problems\n")
    planned = {line.split()[1].split("/")[0] for line in result.stdout.splitlines() if line.startswith("build ")}
    assert planned == {"good"}
