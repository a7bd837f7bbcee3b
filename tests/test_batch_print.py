"""Print files through the build: planned only when asked for, keyed on their options and profile, rebuilt,
left alone and pruned like any output; a bad profile refuses the build, a missing one is one warning line.

The clinic is the no-locations fixture (one brochure), copied so that a print.icc can sit beside it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, GS_CMYK, GS_RGB, ROOT, leaflet_exit

from leaflet.batch import plan_build, plan_jobs
from leaflet.batch.keys import KeyMaker
from leaflet.render.formats import PRINT
from leaflet.render.print_ready import PrintOptions, PrintSetup
from leaflet.validate import load_clinic

SRGB_WARNING = (
    "warning: the print files of no-locations are sRGB, not PDF/X-4: no CMYK profile was given. Give the print "
    "shop's profile with --icc FILE, or put it beside the clinic file as print.icc"
)


@pytest.fixture
def clinic_file(tmp_path: Path) -> Path:
    folder = tmp_path / "clinics"
    folder.mkdir()
    return Path(shutil.copy(FIXTURES / "no-locations" / "clinic.yaml", folder / "clinic.yaml"))


def leaflet(args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run `leaflet` in this process: (exit code, stderr)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("LEAFLET_BUILD_FAULT", raising=False)
    return leaflet_exit(monkeypatch, *args), capsys.readouterr().err


def test_print_files_are_planned_only_when_asked_for_beside_each_pdf(clinic_file: Path) -> None:
    clinic = load_clinic(clinic_file)
    assert {job.format for job in plan_jobs([clinic])} == {"pdf", "html"}
    jobs = [job for job in plan_jobs([clinic], ("pdf", "html", PRINT)) if job.kind == "brochure"]
    assert [job.id for job in jobs] == [
        "no-locations/brochure.en.pdf",
        "no-locations/brochure.en.html",
        "no-locations/brochure.en.print.pdf",
    ]
    printed = jobs[2]
    assert printed.print_setup == PrintSetup(marks=False, profile=None)
    assert printed.files == (printed.output,)  # no thumbnail: the gallery shows the PDF's
    assert jobs[0].print_setup is None


def test_the_profile_is_icc_option_else_print_icc_beside_the_clinic_file(clinic_file: Path) -> None:
    clinic = load_clinic(clinic_file)
    assert PrintOptions().setup(clinic) == PrintSetup(False, None)
    beside = Path(shutil.copy(GS_CMYK, clinic_file.with_name("print.icc")))
    assert PrintOptions(marks=True).setup(clinic) == PrintSetup(True, beside)
    assert PrintOptions(icc=GS_CMYK).setup(clinic) == PrintSetup(False, GS_CMYK)


def test_a_print_files_key_differs_and_hashes_its_marks_and_profile_bytes(clinic_file: Path, tmp_path: Path) -> None:
    clinic = load_clinic(clinic_file)
    copy = Path(shutil.copy(GS_CMYK, tmp_path / "shop.icc"))

    def keys(printing: PrintOptions) -> dict[str, tuple[str, dict[str, str]]]:
        found = KeyMaker(None)
        jobs = plan_jobs([clinic], ("pdf", PRINT), ("brochure",), printing)
        return {job.format: (found.key(job).key, found.key(job).parts) for job in jobs}

    plain, proof, profiled = keys(PrintOptions()), keys(PrintOptions(marks=True)), keys(PrintOptions(icc=copy))
    assert plain["pdf"] == proof["pdf"] == profiled["pdf"]  # the PDF/UA file's key is not touched
    assert "print" not in plain["pdf"][1]
    assert plain["pdf"][0] != plain[PRINT][0]
    assert len({plain[PRINT][0], proof[PRINT][0], profiled[PRINT][0]}) == 3
    data = bytearray(copy.read_bytes())
    data[24:26] = (int.from_bytes(data[24:26], "big") + 1).to_bytes(2, "big")  # the profile's year: still valid
    copy.write_bytes(bytes(data))
    changed = keys(PrintOptions(icc=copy))
    assert changed[PRINT][1]["print"] != profiled[PRINT][1]["print"]
    assert {k: v for k, v in changed[PRINT][1].items() if k != "print"} == {
        k: v for k, v in profiled[PRINT][1].items() if k != "print"
    }


@pytest.mark.slow
def test_print_files_are_rebuilt_left_alone_and_pruned_like_any_output(
    clinic_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    shop = Path(shutil.copy(GS_CMYK, tmp_path / "shop.icc"))
    base = ["build", str(clinic_file), "--out", str(out), "--kind", "brochure", "-j0", "-q"]
    assert leaflet([*base, "--icc", str(shop)], monkeypatch, capsys)[0] == 0
    printed = out / "no-locations" / "brochure.en.print.pdf"
    assert printed.is_file()
    manifest = json.loads((out / ".leaflet-manifest.json").read_text(encoding="utf-8"))
    assert "no-locations/brochure.en.print.pdf" in json.dumps(manifest)

    data = bytearray(shop.read_bytes())
    data[24:26] = (int.from_bytes(data[24:26], "big") + 1).to_bytes(2, "big")
    shop.write_bytes(bytes(data))
    clinic = load_clinic(clinic_file)
    plan = plan_build(
        [clinic], out, kinds=("brochure",), formats=("pdf", "html", PRINT), printing=PrintOptions(icc=shop)
    )
    reasons = {d.job.id: d.reason for d in plan.decisions}
    assert reasons == {
        "no-locations/brochure.en.pdf": None,
        "no-locations/brochure.en.html": None,
        "no-locations/brochure.en.print.pdf": "print options or colour profile changed",
    }

    # The clinic gets a location: its brochure becomes brochure.north.en.*, and the old files are stale. A build
    # that makes print files finds the old print file stale too; one that makes none leaves it alone, like the
    # files of a kind it does not build.
    with clinic_file.open("a", encoding="utf-8") as file:
        file.write("locations:\n  - id: north\n    name: North\n")
    moved = load_clinic(clinic_file)
    old = ["no-locations/brochure.en.html", "no-locations/brochure.en.pdf"]
    assert plan_build([moved], out, kinds=("brochure",)).stale == old
    with_print = plan_build([moved], out, kinds=("brochure",), formats=("pdf", "html", PRINT))
    assert with_print.stale == sorted([*old, "no-locations/brochure.en.print.pdf"])
    code, _ = leaflet([*base, "--print-ready", "--prune"], monkeypatch, capsys)
    assert code == 0
    assert sorted(p.name for p in (out / "no-locations").iterdir()) == [
        "brochure.north.en.html",
        "brochure.north.en.pdf",
        "brochure.north.en.print.pdf",
    ]


def test_a_bad_profile_refuses_the_build_naming_file_and_fix(
    clinic_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    beside = Path(shutil.copy(GS_RGB, clinic_file.with_name("print.icc")))
    code, err = leaflet(["build", str(clinic_file), "--out", str(out), "--print-ready", "-j0"], monkeypatch, capsys)
    assert code == 2
    assert err.splitlines() == [
        f"{beside}: 1 problem",
        "  -  print.icc  is a profile of the RGB colour space, not CMYK; ask the print shop for its CMYK output "
        "profile (an .icc file, such as FOGRA39 or GRACoL)",
        "Nothing was built.",
    ]
    assert [p.name for p in out.rglob("*") if p.suffix in (".pdf", ".html")] == []
    not_icc = tmp_path / "shop.icc"
    not_icc.write_text("not a profile", encoding="utf-8")
    code, err = leaflet(["build", str(clinic_file), "--out", str(out), "--icc", str(not_icc)], monkeypatch, capsys)
    assert code == 2
    assert f"{not_icc}: 1 problem\n  -  --icc  is not an ICC colour profile" in err
    # Without --print-ready a print.icc is not read at all.
    assert leaflet(["build", str(clinic_file), "--out", str(out), "--dry-run"], monkeypatch, capsys)[0] == 0


def test_validate_refuses_the_bad_profile_a_print_build_refuses(
    clinic_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # What validate accepts, `build --print-ready` renders: a print.icc it would refuse is refused here too.
    beside = Path(shutil.copy(GS_RGB, clinic_file.with_name("print.icc")))
    code, err = leaflet(["validate", str(clinic_file)], monkeypatch, capsys)
    assert code == 2
    assert err.splitlines()[:2] == [
        f"{beside}: 1 problem",
        "  -  print.icc  is a profile of the RGB colour space, not CMYK; ask the print shop for its CMYK output "
        "profile (an .icc file, such as FOGRA39 or GRACoL)",
    ]
    Path(shutil.copy(GS_CMYK, beside))
    assert leaflet(["validate", str(clinic_file)], monkeypatch, capsys)[0] == 0


@pytest.mark.slow
def test_without_a_profile_the_build_says_so_once_on_stderr_and_in_json(
    clinic_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out, report = tmp_path / "out", tmp_path / "report.json"
    args = ["build", str(clinic_file), "--out", str(out), "--kind", "brochure", "--proof", "-j0", "--json", str(report)]
    code, err = leaflet(args, monkeypatch, capsys)
    assert code == 0, err
    assert err.splitlines().count(SRGB_WARNING) == 1
    warnings = json.loads(report.read_text(encoding="utf-8"))["warnings"]
    assert {"clinic": None, "job": None, "message": SRGB_WARNING.removeprefix("warning: ")} in warnings
    assert (out / "no-locations" / "brochure.en.print.pdf").is_file()
