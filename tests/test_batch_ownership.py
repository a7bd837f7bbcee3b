"""Each clinic folder in an output folder belongs to the clinic file that built it: another file with that id is
refused (exit 2, naming both, nothing built) unless --take-over names the id; a moved or copied file is the same
clinic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import copy_samples, leaflet_exit

from leaflet.batch import BuildOptions, BuildReport, build_clinics
from leaflet.batch.manifest import Manifest
from leaflet.errors import InvalidInput
from leaflet.validate import load_clinics

HTML = ("html",)


def build_html(paths: list[Path], out: Path, take_over: frozenset[str] = frozenset()) -> BuildReport:
    options = BuildOptions(jobs=0, formats=HTML, kinds=("handout",), take_over=take_over, prune=True)
    return build_clinics(load_clinics(paths), out, options, inputs=paths)


def snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, Path]:
    """cache (ptsd, depression) built into tmp_path/out; and another clinic file (lakeshore's, given cache's id
    and the conditions anxiety and ptsd) in another folder. Returns (cache's file, the other file, the output
    folder)."""
    cache = copy_samples(tmp_path, "cache") / "cache.yaml"
    out = tmp_path / "out"
    assert build_html([cache], out).exit_code == 0
    other = copy_samples(tmp_path / "other", "lakeshore") / "lakeshore.yaml"
    text = other.read_text(encoding="utf-8").replace("id: lakeshore\n", "id: cache\n")
    other.write_text(text.replace("conditions: [depression, anxiety, ptsd]", "conditions: [anxiety, ptsd]"), "utf-8")
    return cache, other, out


def test_another_file_with_a_built_clinics_id_is_refused_naming_both(
    built: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, other, out = built
    before = snapshot(out)
    assert leaflet_exit(monkeypatch, "build", other, "--out", out, "-j", "0") == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{other}: 1 problem",
        f"  -  id  'cache' is the id of {cache.resolve()}, whose leaflets are in {out / 'cache'}; give this clinic "
        "another `id:`, or build with --take-over cache to replace that clinic's leaflets with its own",
        "Nothing was built.",
    ]
    assert snapshot(out) == before


def test_take_over_replaces_the_other_clinics_leaflets(built: tuple[Path, Path, Path]) -> None:
    _, other, out = built
    with pytest.raises(InvalidInput):
        build_html([other], out)
    report = build_html([other], out, take_over=frozenset({"cache"}))
    assert sorted(str(p) for p in report.built) == [str(out / "cache" / f"{n}.en.html") for n in ("anxiety", "ptsd")]
    # What only the old clinic made is stale, and pruned: the folder no longer mixes two clinics.
    assert report.pruned == ["cache/depression.en.html"]
    assert Manifest.load(out).clinics["cache"].source == str(other.resolve())
    assert build_html([other], out).built == []  # the new file owns the folder now


def test_a_clinic_file_in_a_renamed_folder_is_the_same_clinic(built: tuple[Path, Path, Path]) -> None:
    cache, _, out = built
    moved = cache.parent.rename(cache.parent.with_name("renamed")) / "cache.yaml"
    report = build_html([moved], out)
    assert (report.exit_code, report.built, len(report.skipped)) == (0, [], 2)
    assert Manifest.load(out).clinics["cache"].source == str(moved.resolve())


def test_a_copy_of_the_clinic_file_is_the_same_clinic(built: tuple[Path, Path, Path], tmp_path: Path) -> None:
    cache, _, out = built
    copy = tmp_path / "copy" / "cache.yaml"
    shutil.copytree(cache.parent, copy.parent)
    report = build_html([copy], out)
    assert (report.exit_code, report.built, len(report.skipped)) == (0, [], 2)
