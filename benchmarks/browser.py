"""leaflet side by side with a browser printing the same HTML to PDF (issue 14).

    python benchmarks/browser.py                      # 7 warm rounds, 3 cold rounds (make benchmark runs it)
    python benchmarks/browser.py --rounds 11 --cold-rounds 5

The peer is what a user would pick instead of leaflet: Debian's Chromium (/usr/bin/chromium) through Playwright,
one warm browser and one page reused, printing tagged PDFs with an outline at the paper size the document's CSS
asks for. Both print the same HTML: the HTML leaflet gives WeasyPrint, from leaflet.render.html for every PDF job
of the sample clinics (benchmarks/samples.py). Two figures, each measured in rounds that alternate which side goes
first, each ratio the median of the rounds' own ratios (the shared machine's speed drifts between rounds):

- warm, per document kind: ms a PDF, WeasyPrint rendering as leaflet's worker does (fonts and parsed @font-face
  rules kept from earlier documents) against Chromium's page.pdf() on a page that has printed before; and the
  right-to-left case, the brochures of the Hebrew test clinic (tests/clinics/extreme/hebrew: a Hebrew name,
  Hebrew and mixed-direction locations and hours, the Hebrew font beside the Latin one);
- cold, the whole sample build: `leaflet build data/clinics` (default -j, fresh output folder; it also writes the
  HTML files, the gallery and its thumbnails) against a new process that starts Playwright and Chromium and prints
  the same documents' HTML to PDF files: wall time of each, start-up included.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from samples import (  # the benchmarks' shared helpers, beside this file
    ROOT,
    SAMPLES,
    by_kind,
    median_ratio,
    render_like_worker,
    runs,
    sample_documents,
    tune_like_worker,
)

CHROMIUM = Path("/usr/bin/chromium")
RIGHT_TO_LEFT = ROOT / "tests" / "clinics" / "extreme" / "hebrew"
RIGHT_TO_LEFT_ROW = "brochure, Hebrew (RTL)"
# The flags the browser tests launch it with (tests/test_browser.py): no sandbox for root, no network chatter.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PDF_OPTIONS: dict[str, Any] = {
    "tagged": True,
    "outline": True,
    "prefer_css_page_size": True,  # the @page size leaflet's CSS sets: Letter or A4, portrait or landscape
    "print_background": True,  # the masthead, the summary and the crisis strip have backgrounds
}


class Printer:
    """One warm Chromium with one page, printing HTML strings to PDF bytes."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        self._page = self._browser.new_page()

    def pdf(self, html: str) -> bytes:
        self._page.set_content(html, wait_until="load")  # fonts and images are data: URIs, loaded by then
        data: bytes = self._page.pdf(**PDF_OPTIONS)
        return data

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()


def print_worker(listing: Path, out: Path) -> None:
    """The browser's cold run: start Playwright and Chromium, print each listed HTML file to a PDF in `out`."""
    printer = Printer()
    try:
        for line in listing.read_text(encoding="utf-8").splitlines():
            html = Path(line)
            target = out / html.parent.name / html.with_suffix(".pdf").name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(printer.pdf(html.read_text(encoding="utf-8")))
    finally:
        printer.close()


def leaflet_build(out: Path) -> float:
    """Wall time of `leaflet build data/clinics` into a fresh folder, default -j, Python's start-up included."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "LEAFLET_BUILD_FAULT")}
    command = [sys.executable, "-m", "leaflet", "build", str(SAMPLES), "--out", str(out), "-q"]
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def browser_build(listing: Path, out: Path) -> float:
    command = [sys.executable, __file__, "--print-worker", str(listing), str(out)]
    started = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - started


def warm(rounds: int) -> dict[str, dict[str, list[float]]]:
    """Seconds a PDF, per kind and per round: {"handout": {"leaflet": [...], "chromium": [...]}, ...}."""
    kinds = by_kind(sample_documents())
    kinds[RIGHT_TO_LEFT_ROW] = by_kind(sample_documents(RIGHT_TO_LEFT))["brochure"]
    printer = Printer()
    try:
        for samples in kinds.values():  # warm both: fonts loaded, caches filled, the page printed once
            render_like_worker(samples[0])
            printer.pdf(samples[0].html)
        tune_like_worker()
        times: dict[str, dict[str, list[float]]] = {kind: {"leaflet": [], "chromium": []} for kind in kinds}
        for round_ in range(rounds):
            for kind, samples in kinds.items():
                sides = ("leaflet", "chromium") if round_ % 2 == 0 else ("chromium", "leaflet")
                for side in sides:
                    started = time.perf_counter()
                    for sample in samples:
                        render_like_worker(sample) if side == "leaflet" else printer.pdf(sample.html)
                    times[kind][side].append((time.perf_counter() - started) / len(samples))
    finally:
        printer.close()
    return times


def cold(rounds: int, work: Path) -> tuple[list[float], list[float], int]:
    """Wall seconds of each round's leaflet build and browser print, and how many PDFs each made."""
    first = work / "first"
    leaflet_build(first)  # warms the disk cache, and writes the HTML the browser prints
    html_files = sorted(first.glob("*/*.html"))
    listing = work / "html-files.txt"
    listing.write_text("\n".join(map(str, html_files)), encoding="utf-8")
    browser_build(listing, work / "browser-warmup")
    ours: list[float] = []
    theirs: list[float] = []
    for round_ in range(rounds):
        sides = ("leaflet", "chromium") if round_ % 2 == 0 else ("chromium", "leaflet")
        for side in sides:
            out = work / f"{side}-{round_}"
            if side == "leaflet":
                ours.append(leaflet_build(out))
            else:
                theirs.append(browser_build(listing, out))
    return ours, theirs, len(html_files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7, help="warm rounds (default 7)")
    parser.add_argument("--cold-rounds", type=int, default=3, help="cold build rounds (default 3)")
    parser.add_argument("--print-worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.print_worker:
        print_worker(*args.print_worker)
        return
    import weasyprint
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        version = browser.version
        browser.close()
    print(
        f"leaflet against Chromium: WeasyPrint {weasyprint.__version__}, Chromium {version}, "
        f"{os.cpu_count()} cores; load average at start {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    times = warm(args.rounds)
    work = Path(tempfile.mkdtemp(prefix="leaflet-browser-"))
    try:
        ours, theirs, documents = cold(args.cold_rounds, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average over the last 5 minutes of measuring: {os.getloadavg()[1]:.1f}\n")
    print(f"{'warm, ms a PDF':<26} {'leaflet':>8} {'Chromium':>9} {'ratio':>6}  rounds: leaflet / Chromium / ratio")
    for kind, sides in times.items():
        leaflet, chromium = sides["leaflet"], sides["chromium"]
        print(
            f"{kind:<26} {1000 * statistics.median(leaflet):>8.0f} {1000 * statistics.median(chromium):>9.0f} "
            f"{median_ratio(leaflet, chromium):>5.2f}x  {runs(leaflet, 1000)} / {runs(chromium, 1000)} / "
            f"{runs([a / b for a, b in zip(leaflet, chromium, strict=True)], digits=2)}"
        )
    print(
        f"{f'cold, {documents} PDFs, s':<26} {statistics.median(ours):>8.2f} {statistics.median(theirs):>9.2f} "
        f"{median_ratio(ours, theirs):>5.2f}x  {runs(ours, digits=2)} / {runs(theirs, digits=2)} / "
        f"{runs([a / b for a, b in zip(ours, theirs, strict=True)], digits=2)}"
    )
    print("(ratio: leaflet's time over Chromium's, the median of each round's own; below 1.0 leaflet is faster)")
    print(json.dumps({"warm": times, "cold": {"leaflet": ours, "chromium": theirs}}), file=sys.stderr)


if __name__ == "__main__":
    main()
