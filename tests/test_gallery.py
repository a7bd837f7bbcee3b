"""The output folder's index.html: a thumbnail of each PDF's first page, links to every file, warnings per
clinic; valid, accessible, self-contained HTML. And the --json report."""

from __future__ import annotations

import itertools
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, Element, copy_samples, parse_html

from leaflet.batch import BuildOptions, build_clinics
from leaflet.batch.worker import FAULT_VARIABLE
from leaflet.cli import cli
from leaflet.validate import load_clinics

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gallery_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """cache and tranquility (which asks for conditions without content) built with one failing job, and an
    invalid clinic file, under --keep-going; returns (output folder, JSON report)."""
    root = tmp_path_factory.mktemp("gallery")
    clinics = root / "clinics"
    shutil.copytree(SAMPLES / "logos", clinics / "logos")
    for clinic_id in ("cache", "tranquility"):
        shutil.copy(SAMPLES / f"{clinic_id}.yaml", clinics)
    (clinics / "broken.yaml").write_text("name: Broken\nphone: '505-639-4973'\nroutes: [teleport]\n", "utf-8")
    out, report = root / "out", root / "report.json"
    result = CliRunner().invoke(
        cli,
        ["build", str(clinics), "--out", str(out), "--keep-going", "-q", "--json", str(report)],
        env={FAULT_VARIABLE: "fail:tranquility/anxiety.en.html"},
    )
    assert result.exit_code == 1, result.output
    return out, report


@pytest.fixture(scope="module")
def page(gallery_build: tuple[Path, Path]) -> Element:
    out, _ = gallery_build
    return parse_html((out / "index.html").read_text(encoding="utf-8"))


def test_one_thumbnail_per_pdf(gallery_build: tuple[Path, Path], page: Element) -> None:
    out, _ = gallery_build
    pdfs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    # cache: 2 handouts, 2 guides, a brochure; tranquility: 3 handouts (anxiety's PDF failed), 3 guides, a brochure
    assert len(pdfs) == 12
    sources = sorted(img.attrs["src"] for img in page.find_all("img"))
    assert sources == sorted(f"_gallery/{pdf.removesuffix('.pdf')}.png" for pdf in pdfs)
    for img in page.find_all("img"):
        picture = (out / img.attrs["src"]).read_bytes()
        assert picture.startswith(b"\x89PNG\r\n\x1a\n")
        assert (int(img.attrs["width"]), int(img.attrs["height"])) == (
            int.from_bytes(picture[16:20], "big"),
            int.from_bytes(picture[20:24], "big"),
        )
        assert img.attrs["alt"].startswith("First page of Ketamine therapy")


def test_links_to_every_file_and_only_to_files_that_exist(gallery_build: tuple[Path, Path], page: Element) -> None:
    out, _ = gallery_build
    links = [a.attrs["href"] for a in page.find_all("a") if not a.attrs["href"].startswith("#")]
    outputs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.*") if p.suffix in (".pdf", ".html"))
    outputs.remove("index.html")
    assert sorted(links) == outputs
    for anchor in page.find_all("a"):
        href = anchor.attrs["href"]
        if href.startswith("#"):
            assert page.find(id=href[1:])
        assert anchor.attrs.get("aria-label", anchor.text()).endswith(anchor.text())


def test_warnings_per_clinic(page: Element) -> None:
    tranquility = page.find("section", id="clinic-tranquility")
    warnings = [li.text() for li in tranquility.find("div", class_="warnings").find_all("li")]
    assert warnings == [
        "no en handout for chronic_pain, ocd: there is no content for it yet",
        f"tranquility/anxiety.en.html was not built: failed on purpose ({FAULT_VARIABLE})",
    ]
    assert page.find("section", id="clinic-cache").find_all("div", class_="warnings") == []
    problems = page.find("section", aria_labelledby="h-problems").text()
    assert "broken.yaml: 1 problem" in problems and "'teleport' is not a route" in problems


def test_the_gallery_is_self_contained_valid_and_accessible(gallery_build: tuple[Path, Path], page: Element) -> None:
    out, _ = gallery_build
    text = (out / "index.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>\n")
    html = page.find("html")
    assert html.attrs["lang"] == "en"
    assert page.find("title").text() == "Leaflets: 2 clinics, 12 documents"
    assert page.find("meta", charset="utf-8")
    assert page.find_all("script") == [] and page.find_all("link") == []
    assert "http://" not in text and "https://" not in text and "url(" not in text
    assert len(page.find_all("main")) == 1 and len(page.find_all("h1")) == 1
    ids = [element.attrs["id"] for element in page.iter() if "id" in element.attrs]
    assert [name for name, count in Counter(ids).items() if count > 1] == []
    for element in page.iter():
        if "aria-labelledby" in element.attrs:
            assert element.attrs["aria-labelledby"] in ids
    levels = [int(element.tag[1]) for element in page.iter() if element.tag in ("h1", "h2", "h3")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_the_json_report_parses_and_adds_up(gallery_build: tuple[Path, Path]) -> None:
    out, report_file = gallery_build
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report["format"] == 1 and report["exit_code"] == 1 and report["out"] == str(out)
    assert report["summary"] == {
        "built": 23,
        "up_to_date": 0,
        "failed": 1,
        "not_run": 0,
        "input_problems": 1,
        "stale": 0,
        "pruned": 0,
        "warnings": 8,  # the one below, and the lint's 7: the samples' example.com addresses and 555-01xx numbers
    }
    assert [w for w in report["warnings"] if " placeholder-contact " not in w["message"]] == [
        {
            "clinic": "tranquility",
            "job": None,
            "message": "no en handout for chronic_pain, ocd: there is no content for it yet",
        }
    ]
    assert report["error"] is None
    by_id = {job["id"]: job for job in report["jobs"]}
    assert by_id["cache/ptsd.en.pdf"]["files"] == ["cache/ptsd.en.pdf", "_gallery/cache/ptsd.en.png"]
    assert by_id["cache/ptsd.en.pdf"]["status"] == "built" and by_id["cache/ptsd.en.pdf"]["reason"] == "new"
    assert by_id["tranquility/anxiety.en.html"]["error"] == f"failed on purpose ({FAULT_VARIABLE})"
    assert [p["field"] for p in report["problems"]] == ["routes[0]"]
    assert all(worker["peak_rss_kib"] > 0 for worker in report["worker_stats"])


def test_the_gallery_is_rewritten_only_when_what_it_shows_changes(tmp_path: Path) -> None:
    folder, out = copy_samples(tmp_path, "cache", "lakeshore"), tmp_path / "out"
    options = BuildOptions(jobs=0, formats=("html",))
    gallery = out / "index.html"

    def build() -> tuple[str, int]:
        build_clinics(load_clinics([folder]), out, options, inputs=[folder])
        return gallery.read_text(encoding="utf-8"), gallery.stat().st_mtime_ns

    first, written = build()
    assert build() == (first, written)  # a no-op rebuild leaves the page alone

    (folder / "lakeshore.yaml").unlink()  # nothing to build, but the page now has something new to say
    second, rewritten = build()
    assert rewritten != written and "lakeshore/ptsd.en.html is no longer built" in second
    assert build() == (second, rewritten)

    gallery.write_text(first.replace('name="leaflet-gallery"', 'name="x"'), encoding="utf-8")  # no digest: remade
    assert build()[0] == second
