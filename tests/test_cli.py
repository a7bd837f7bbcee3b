"""The `leaflet` command: exit codes and the exact messages a user reads.

`leaflet.cli.cli` is tested with click's CliRunner (it sees the library's exceptions raw); `leaflet.cli.main`, the
entry point that turns them into messages and exit codes, is tested in this process (fast) and through the real
console script and `python -m leaflet` in a subprocess.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, MINIMAL_CLINIC, ROOT, SAMPLE_IDS, WriteClinic, leaflet_exit

from leaflet import InvalidInput, __version__
from leaflet.cli import cli
from leaflet.model import Clinic
from leaflet.schema import ROUTES
from leaflet.spec.clinic import CLINIC

LEAFLET = Path(sys.executable).with_name("leaflet")
THREE_PROBLEMS = "tests/clinics/three-problems/clinic.yaml"
A4 = "tests/clinics/a4/clinic.yaml"
THREE_PROBLEMS_REPORT = (
    f"{THREE_PROBLEMS}: 3 problems\n"
    f"  5:14  routes[1]            'intranasel' is not a route; did you mean 'intranasal'? ({', '.join(ROUTES)})\n"
    "  6:1   webiste              is not a field; did you mean 'website'? "
    f"(fields here: {', '.join(key.name for key in CLINIC.keys)})\n"
    "  8:18  brand.primary_color  '#12345G' is not a colour like '#1a6b8c' or '#18c' "
    "(a # and 3 or 6 hex digits, in quotes)\n"
    "Nothing was built.\n"
)
COMMANDS = tuple(sorted(cli.commands))  # every command, so a new one gets its help tested


def run(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console script, as a user does."""
    return subprocess.run(
        [str(LEAFLET), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def run_main(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """Run leaflet.cli.main in this process: (exit code, stdout, stderr)."""
    monkeypatch.chdir(ROOT)
    code = leaflet_exit(monkeypatch, *args)
    out, err = capsys.readouterr()
    return code, out, err


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# -- CliRunner on the click group -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [(), *((c,) for c in COMMANDS)])
def test_help_on_every_command(command: tuple[str, ...]) -> None:
    for flag in ("--help", "-h"):
        result = CliRunner().invoke(cli, [*command, flag])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"Usage: cli {' '.join(command)}".rstrip() + " ")
    assert "Exit codes: 0 ok, 1 a leaflet failed, 2 invalid input or usage" in CliRunner().invoke(cli, ["-h"]).output
    assert "143 stopped by SIGTERM" in " ".join(CliRunner().invoke(cli, ["-h"]).output.split())


def test_help_lists_the_commands() -> None:
    output = CliRunner().invoke(cli, ["--help"]).output
    for command in COMMANDS:
        assert f"\n  {command} " in output


def test_build_help_documents_out_and_keep_going() -> None:
    output = CliRunner().invoke(cli, ["build", "--help"]).output
    assert "--out PATH" in output
    assert "[default: output]" in output
    assert "--keep-going" in output
    assert "--take-over ID" in output


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert (result.exit_code, result.output) == (0, f"leaflet, version {__version__}\n")


SAMPLE_NOTICE = "its leaflets are marked SAMPLE — NOT FOR DISTRIBUTION until the real details are in"
TRANQUILITY_OK = (  # the lint's warnings, then the plan's: what a build of it warns of
    "data/clinics/tranquility.yaml: ok, 4 warnings\n"
    "  warning: data/clinics/tranquility.yaml:7:8: placeholder-contact email info@tranquility.example.com is an "
    f"example address; {SAMPLE_NOTICE}\n"
    "  warning: data/clinics/tranquility.yaml:8:10: placeholder-contact website https://tranquility.example.com is "
    f"an example address; {SAMPLE_NOTICE}\n"
    "  warning: data/clinics/tranquility.yaml:9:14: placeholder-contact booking_url "
    f"https://tranquility.example.com/consultation is an example address; {SAMPLE_NOTICE}\n"
    "  warning: no en handout for chronic_pain, ocd: there is no content for it yet\n"
)
A4_OK = (
    f"{A4}: ok, 1 warning\n"
    f"  warning: {A4}:5:8: placeholder-contact (207) 555-0143 is a fictional number (555-0100 to 555-0199); "
    f"{SAMPLE_NOTICE}\n"
)


def test_validate_ok_names_each_file_with_the_warnings_a_build_would_give(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["validate", "data/clinics/tranquility.yaml", A4])
    assert result.exit_code == 0, result.output
    assert result.output == f"{TRANQUILITY_OK}{A4_OK}"


# Each sample's placeholder contact details (its lint warnings), and tranquility's handouts without content yet.
SAMPLE_WARNINGS = tuple(zip(SAMPLE_IDS, (6, 4, 2, 3, 4), strict=True))


def test_validate_without_paths_checks_the_sample_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    headings = [line for line in result.output.splitlines() if not line.startswith("  warning: ")]
    assert headings == [f"data/clinics/{clinic_id}.yaml: ok, {count} warnings" for clinic_id, count in SAMPLE_WARNINGS]
    assert result.output.endswith(TRANQUILITY_OK)


def test_the_group_leaves_invalid_input_to_main(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["validate", THREE_PROBLEMS])
    assert isinstance(result.exception, InvalidInput)
    assert [(p.line, p.column) for p in result.exception.problems] == [(5, 14), (6, 1), (8, 18)]


def test_schema_prints_the_reference() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert result.output.startswith("| field | default | limits | what it is |\n")


@pytest.mark.slow
def test_build_through_the_runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["build", A4, "--out", str(tmp_path), "--quiet", "--jobs", "0"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "harbour-a4" / "ptsd.en.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "harbour-a4" / "ptsd.en.html").is_file()


# -- main(), in this process ------------------------------------------------------------------------------------------


def test_main_validate_ok(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(["validate", A4], monkeypatch, capsys) == (0, A4_OK, "")


def test_main_validate_three_problems(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(["validate", THREE_PROBLEMS], monkeypatch, capsys) == (2, "", THREE_PROBLEMS_REPORT)


def test_main_reports_every_invalid_file(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(["validate", THREE_PROBLEMS, "tests/clinics/duplicate-ids"], monkeypatch, capsys)
    assert (code, out) == (2, "")
    # Grouped by file, the files in order of their names.
    assert err == (
        "tests/clinics/duplicate-ids/second.yaml: 1 problem\n"
        "  2:5  id  'same-id' is also the id of tests/clinics/duplicate-ids/first.yaml:2; two clinics would write "
        "to the same folder: give one of them another `id:`\n" + THREE_PROBLEMS_REPORT
    )


def test_main_missing_path(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(["validate", "no/such.yaml"], monkeypatch, capsys) == (
        2,
        "",
        "leaflet: no/such.yaml: no such file or folder\n",
    )


def test_main_unknown_option_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main(["build", "--colour"], monkeypatch, capsys)
    assert (code, out) == (2, "")
    assert err == (
        "Usage: leaflet build [OPTIONS] [PATHS]...\n"
        "Try 'leaflet build --help' for help.\n"
        "\n"
        "Error: No such option '--colour'. Did you mean '--out'?\n"
    )


def test_main_unknown_command(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["biuld"], monkeypatch, capsys)
    assert code == 2
    assert "No such command 'biuld'" in err


def test_main_help_and_version_exit_0(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(["--version"], monkeypatch, capsys) == (0, f"leaflet, version {__version__}\n", "")
    code, out, _ = run_main(["validate", "--help"], monkeypatch, capsys)
    assert (code, out.splitlines()[0]) == (0, "Usage: leaflet validate [OPTIONS] [PATHS]...")


def test_main_turns_a_bug_into_one_line_and_a_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(paths: list[Path]) -> None:
        raise ZeroDivisionError("on purpose")

    monkeypatch.setattr("leaflet.cli.load_clinics", broken)
    code, out, err = run_main(["lint", A4], monkeypatch, capsys)
    assert (code, out) == (1, "")
    assert err.startswith(
        "leaflet: internal error (a bug in leaflet, not in your files): ZeroDivisionError: on purpose."
    )
    log = Path(err.split("The details are in ")[1].split(";")[0])
    try:
        assert "ZeroDivisionError: on purpose" in log.read_text(encoding="utf-8")
    finally:
        log.unlink()


# -- validate refuses what a build refuses -------------------------------------------------------------------------

OVERSTATED = "tests/clinics/overstated-claim/clinic.yaml"
# Every folder of fixture clinic files, and the samples: what a build refuses before rendering, validate refuses.
CLINIC_FOLDERS = sorted(
    str(folder.relative_to(ROOT))
    for folder in (*FIXTURES.rglob("*"), *(ROOT / "tests" / "attacks").iterdir(), ROOT / "data" / "clinics")
    if folder.is_dir() and any(folder.glob("*.yaml"))
)


def test_validate_refuses_a_lint_error_as_a_build_does(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    refused = (
        f"{OVERSTATED}: 1 problem\n"
        '  8:12  overstated-claim  "cure": ketamine cures nothing; say it may ease symptoms for some people\n'
        "Nothing was built.\n"
    )
    assert run_main(["validate", OVERSTATED], monkeypatch, capsys) == (2, "", refused)
    assert run_main(["build", OVERSTATED, "--out", str(tmp_path)], monkeypatch, capsys) == (2, "", refused)
    assert files_under(tmp_path) == []


@pytest.mark.parametrize("folder", CLINIC_FOLDERS)
def test_validate_and_a_build_agree_on_every_fixture_folder(
    folder: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # --dry-run runs the build's checks before rendering (read_and_lint, then the plan's) and renders nothing.
    built, _, build_err = run_main(["build", "--dry-run", "--out", str(tmp_path / "out"), folder], monkeypatch, capsys)
    validated, _, validate_err = run_main(["validate", folder], monkeypatch, capsys)
    assert validated in (0, 2), validate_err
    assert (validated == 2) == (built == 2), f"build --dry-run: {built}\n{build_err}\nvalidate:\n{validate_err}"
    # A build stops at the files that are invalid before it lints the others; validate reports both at once.
    assert [line for line in build_err.splitlines() if line not in validate_err.splitlines()] == []


# -- the real entry points, in a subprocess ----------------------------------------------------------------------


def test_console_script_validate_ok() -> None:
    result = run("validate", "data/clinics/tranquility.yaml")
    assert (result.returncode, result.stdout, result.stderr) == (0, TRANQUILITY_OK, "")


def test_console_script_validate_three_problems() -> None:
    result = run("validate", THREE_PROBLEMS)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == THREE_PROBLEMS_REPORT


@pytest.mark.slow
def test_console_script_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", A4, "--out", str(out))
    assert result.returncode == 0, result.stderr
    # The fixture's fictional phone number is the one thing to warn about (leaflet build lints first).
    assert result.stderr == (
        f"warning: harbour-a4: {A4}:5:8: placeholder-contact (207) 555-0143 is a fictional number (555-0100 to "
        "555-0199); its leaflets are marked SAMPLE — NOT FOR DISTRIBUTION until the real details are in\n"
    )
    assert (out / "harbour-a4" / "ptsd.en.pdf").read_bytes().startswith(b"%PDF-")
    assert (out / "harbour-a4" / "ptsd.en.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p for p in files_under(out) if p.endswith(".part")] == []


def test_console_script_build_a_missing_path(tmp_path: Path) -> None:
    result = run("build", "no/such-clinic.yaml", "--out", str(tmp_path / "out"))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "leaflet: no/such-clinic.yaml: no such file or folder\n"
    assert not (tmp_path / "out").exists()


def test_console_script_build_an_invalid_file_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", A4, THREE_PROBLEMS, "--out", str(out))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == THREE_PROBLEMS_REPORT
    assert files_under(out) == []


@pytest.mark.slow
def test_console_script_exits_1_when_a_leaflet_fails(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", A4, "--out", str(out), env={"LEAFLET_BUILD_FAULT": "fail:harbour-a4/ptsd.en.pdf"})
    assert result.returncode == 1
    assert "harbour-a4/ptsd.en.pdf" in result.stdout + result.stderr
    assert not (out / "harbour-a4" / "ptsd.en.pdf").exists()


@pytest.mark.slow
def test_console_script_ctrl_c_exits_130(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [str(LEAFLET), "build", A4, "--out", str(out)],
        cwd=ROOT,
        env={**os.environ, "LEAFLET_BUILD_FAULT": "sleep:*"},  # every render hangs until it is stopped
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command: Ctrl-C reaches them all
    )
    try:
        deadline = time.monotonic() + 120
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        while not children.read_text().split() and time.monotonic() < deadline:
            time.sleep(0.2)  # wait until the build has started its workers: the handler for Ctrl-C is set
        time.sleep(1)
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 130
    assert stderr.endswith("Interrupted; files already written are whole, nothing else was written.\n")
    assert [p for p in files_under(out) if p.endswith((".pdf", ".html", ".part"))] == []


def test_python_dash_m_leaflet_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "leaflet", "--version"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, f"leaflet, version {__version__}\n", "")


def test_python_dash_m_leaflet_validate_exit_code() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "leaflet", "validate", THREE_PROBLEMS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (2, THREE_PROBLEMS_REPORT)


def test_validate_without_paths_outside_the_repository(tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "leaflet: data/clinics: no such file or folder\n")


def test_fixture_folder_is_where_the_tests_expect_it() -> None:
    assert (ROOT / THREE_PROBLEMS) == FIXTURES / "three-problems" / "clinic.yaml"
    assert LEAFLET.is_file(), "run the tests with the project's virtual environment (.venv/bin/python -m pytest)"


# -- option values ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--out", ""], "Invalid value for '--out': is empty; name a file or folder"),
        (["--json", " "], "Invalid value for '--json': is empty; name a file or folder"),
        (["--timeout", "nan"], "Invalid value for '--timeout': nan is not a number of seconds, like 60"),
        (["--timeout", "inf"], "Invalid value for '--timeout': inf is not a number of seconds, like 60"),
    ],
)
def test_option_values_that_would_mean_something_else_are_usage_errors(
    args: list[str], error: str, tmp_path: Path
) -> None:
    result = run("build", str(ROOT / A4), *args, cwd=tmp_path)  # `--out ""` means the current folder
    assert (result.returncode, result.stdout, result.stderr.splitlines()[-1]) == (2, "", f"Error: {error}")
    assert files_under(tmp_path) == []


def test_the_json_report_is_written_for_invalid_input(tmp_path: Path) -> None:
    report_file = tmp_path / "report.json"
    result = run("build", A4, THREE_PROBLEMS, "--out", str(tmp_path / "out"), "--json", str(report_file))
    assert (result.returncode, result.stderr) == (2, THREE_PROBLEMS_REPORT)
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert (report["exit_code"], report["error"], report["jobs"]) == (2, "invalid input; nothing was built", [])
    assert [(p["line"], p["field"]) for p in report["problems"]] == [
        (5, "routes[1]"),
        (6, "webiste"),
        (8, "brand.primary_color"),
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_warnings_reach_the_terminal_except_with_quiet(
    write_clinic: WriteClinic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clinic = write_clinic(MINIMAL_CLINIC + "conditions: [ptsd, ocd]\n", "wants-ocd.yaml")
    out = tmp_path / "out"
    code, stdout, err = run_main(["build", str(clinic), "--out", str(out), "-j", "0"], monkeypatch, capsys)
    assert code == 0, err
    assert err == "warning: wants-ocd: no en handout for ocd: there is no content for it yet\n"
    assert stdout.splitlines()[-1].startswith(
        "6 built, 0 up to date, 0 failed"
    )  # the PTSD handout, its guide, the brochure
    code, stdout, err = run_main(["build", str(clinic), "--out", str(out), "-q"], monkeypatch, capsys)
    assert (code, stdout, err) == (0, "", "")
    report_file = tmp_path / "report.json"
    code, stdout, err = run_main(
        ["build", str(clinic), "--out", str(out), "--json", str(report_file)], monkeypatch, capsys
    )
    assert err == "warning: wants-ocd: no en handout for ocd: there is no content for it yet\n"  # up to date: still
    assert json.loads(report_file.read_text(encoding="utf-8"))["warnings"] == [
        {"clinic": "wants-ocd", "job": None, "message": "no en handout for ocd: there is no content for it yet"}
    ]


# -- leaflet review-hash, and a lapsed sign-off in leaflet validate ------------------------------------------------


def test_review_hash_prints_the_hash_a_sign_off_covers_and_its_files(minimal_clinic: Clinic) -> None:
    from leaflet import review

    result = CliRunner().invoke(cli, ["review-hash", str(minimal_clinic.source)])
    assert result.exit_code == 0, result.output
    first, *files = result.output.splitlines()
    assert first == f"{minimal_clinic.source}: {review.content_hash(minimal_clinic)}"
    assert "  content/en/ptsd.yaml" in files
    assert "  content/en/ketamine.yaml" in files


def test_validate_warns_of_a_lapsed_sign_off(write_clinic: WriteClinic, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795953600")  # 2026-11-29 12:00 UTC
    path = write_clinic(
        MINIMAL_CLINIC + "medical_review: {by: Dr Jane Doe, on: 2024-11-28, content: 0123456789abcdef}\n"
    )
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    heading, warning = result.output.splitlines()
    assert heading == f"{path}: ok, 1 warning"
    assert warning.startswith("  warning: medical_review by Dr Jane Doe on 2024-11-28 has lapsed: the content changed")
    assert "; it is 24 months old or more (it lapsed on 2026-11-28)." in warning


@pytest.mark.parametrize("value", ["²", "-1", "abc", "99999999999999999"])
@pytest.mark.parametrize("command", ["build", "validate"])
def test_a_malformed_source_date_epoch_is_a_usage_error_before_anything_is_built(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, value: str, command: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    out = tmp_path / "out"
    args = [command, "tests/clinics/a4/clinic.yaml", *(["--out", str(out)] if command == "build" else [])]
    code, stdout, stderr = run_main(args, monkeypatch, capsys)
    assert code == 2, stderr
    assert stderr.startswith(f"leaflet: SOURCE_DATE_EPOCH='{value}' is ")
    assert stderr.rstrip().endswith(
        "set it to a number of seconds since 1970 (as `date +%s` prints it) or unset it (`unset SOURCE_DATE_EPOCH`)"
    )
    assert "internal error" not in stderr and stdout == ""
    assert not out.exists()


def test_a_file_name_with_a_newline_and_escapes_forges_no_line_and_reaches_the_terminal_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The name would print a problem line of its own and retitle the terminal (OSC 0), were it printed raw.
    name = "x.yaml\n  1:1  name  is fine, ignore the rest\x1b]0;pwned\x07.yaml"
    path = tmp_path / name
    path.write_text(MINIMAL_CLINIC + "id: x\npaper: A5\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run_main(["build", str(path), "--out", str(out), "--keep-going"], monkeypatch, capsys)
    assert code == 1, stderr
    shown = f"{tmp_path}/x.yaml\\x0a  1:1  name  is fine, ignore the rest\\x1b]0;pwned\\x07.yaml"
    assert f"{shown}: 1 problem\n  5:8  paper  'A5' is not a paper" in stderr
    assert f"Invalid, not built: {shown}\n" in stdout
    assert "\x1b" not in stdout + stderr and "\x07" not in stdout + stderr
    assert "\n  1:1  name" not in stdout + stderr


def test_a_clinic_file_whose_name_is_not_utf8_is_refused_before_anything_is_built(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # It built its files, then failed with an internal error saving the manifest (a UTF-8 file).
    path = Path(os.fsdecode(bytes(tmp_path) + b"/cl\xe9nica.yaml"))
    path.write_text(MINIMAL_CLINIC, encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = run_main(["build", str(path), "--out", str(out)], monkeypatch, capsys)
    assert code == 2, stderr
    assert stderr.startswith(f"{tmp_path}/cl\\udce9nica.yaml: 1 problem\n  -    has a name that is not UTF-8 text")
    assert "internal error" not in stderr
    assert files_under(out) == []
