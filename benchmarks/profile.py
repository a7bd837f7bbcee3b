"""Where a warm render's time goes, by stage, for one document of each kind (issue 14).

    python benchmarks/profile.py               # the first sample document of each kind, 5 profiled renders each
    python benchmarks/profile.py --renders 10  # more renders per kind: steadier shares

Each kind's first sample document (benchmarks/samples.py) is rendered as leaflet's worker renders it, warm (fonts
loaded, caches filled by an earlier render), under cProfile. Every function's own time goes to one stage, by the
module it is in; a C function's own time (zlib, Pango through cffi, a dict method) goes to the stage of the Python
function that called it. cProfile slows pure-Python code more than C, so the shares are what to read, not the
milliseconds; the un-profiled time of the same render is printed beside them. Garbage collection is timed apart,
in un-profiled renders, with gc.callbacks (its time is inside the other stages' figures too).
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file's folder comes first on sys.path, where this file would stand in for the standard library's `profile`
# module, which cProfile imports: put the folder after the standard library.
HERE = str(Path(__file__).resolve().parent)
sys.path[:] = [path for path in sys.path if path != HERE] + [HERE]

import argparse  # noqa: E402
import cProfile  # noqa: E402
import gc  # noqa: E402
import pstats  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

from samples import Sample, by_kind, render_like_worker, sample_documents, tune_like_worker  # noqa: E402 - beside this file

# (stage, module path prefixes, in the installed packages); the first stage whose prefix matches wins.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("parse HTML", ("tinyhtml5/", "xml/", "weasyprint/html.py")),
    ("parse CSS", ("tinycss2/", "weasyprint/css/validation/", "weasyprint/css/tokens.py", "weasyprint/css/media")),
    ("style cascade", ("cssselect2/", "weasyprint/css/")),
    ("build boxes", ("weasyprint/formatting_structure/build.py",)),
    ("layout (incl. text shaping)", ("weasyprint/layout/", "weasyprint/text/line_break.py", "weasyprint/text/ffi")),
    ("layout: box copies", ("weasyprint/formatting_structure/boxes.py",)),
    ("drawing", ("weasyprint/draw/", "weasyprint/stacking.py", "weasyprint/pdf/stream.py", "weasyprint/matrix.py")),
    ("PDF: tags (PDF/UA)", ("weasyprint/pdf/tags.py", "weasyprint/pdf/pdfua.py")),
    ("PDF: fonts (subsetting, embedding)", ("weasyprint/pdf/fonts.py", "fontTools/", "weasyprint/text/fonts.py")),
    ("PDF: objects, compression, writing", ("pydyf/", "weasyprint/pdf/", "weasyprint/anchors.py")),
    ("image decoding", ("weasyprint/images.py", "PIL/", "weasyprint/svg/")),
    ("leaflet (page check, fetcher)", ("leaflet/",)),
    ("WeasyPrint's document, other", ("weasyprint/",)),
)
OTHER = "other (Python, logging)"


def stage_of(filename: str) -> str:
    path = filename.replace("\\", "/")
    for marker in ("site-packages/", "/lib/python3", "/leaflet/"):
        if marker in path:
            path = path.split(marker, 1)[1] if marker != "/leaflet/" else "leaflet/" + path.split(marker, 1)[1]
            break
    if path.startswith("11/"):  # the standard library: /lib/python3.11/...
        path = path.split("/", 1)[1]
    for stage, prefixes in STAGES:
        if path.startswith(prefixes):
            return stage
    return OTHER


def breakdown(stats: pstats.Stats) -> dict[str, float]:
    """Seconds of own time per stage; a C function's own time is shared out over its callers' stages."""
    table: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    totals: dict[str, float] = {}
    for (filename, _, _), (_, _, own, _, callers) in table.items():
        if filename != "~":
            totals[stage_of(filename)] = totals.get(stage_of(filename), 0.0) + own
            continue
        from_callers = {caller: values[2] for caller, values in callers.items()}
        spread = sum(from_callers.values())
        for caller, seconds in from_callers.items():
            stage = stage_of(caller[0]) if caller[0] != "~" else OTHER
            totals[stage] = totals.get(stage, 0.0) + own * seconds / spread if spread else 0.0
    return totals


class GcTimer:
    """Wall time spent in the garbage collector, from gc.callbacks."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = [0, 0, 0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started
            self.collections[info["generation"]] += 1


def profile_kind(sample: Sample, renders: int) -> tuple[dict[str, float], float, float, list[int]]:
    """(seconds per stage, un-profiled ms a render, GC ms a render, collections by generation) for `sample`."""
    render_like_worker(sample)  # warm: this document's fonts and caches
    tune_like_worker()
    timer = GcTimer()
    wall = []
    gc.callbacks.append(timer)
    try:
        for _ in range(renders):
            started = time.perf_counter()
            render_like_worker(sample)
            wall.append(time.perf_counter() - started)
    finally:
        gc.callbacks.remove(timer)
    profiler = cProfile.Profile()
    for _ in range(renders):
        profiler.enable()
        render_like_worker(sample)
        profiler.disable()
    totals = breakdown(pstats.Stats(profiler))
    per_render = [count // renders for count in timer.collections]
    return totals, 1000 * statistics.median(wall), 1000 * timer.seconds / renders, per_render


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--renders", type=int, default=5, help="profiled renders per kind (default 5)")
    args = parser.parse_args()
    import os

    import weasyprint

    kinds = by_kind(sample_documents())
    print(
        f"warm render profile: WeasyPrint {weasyprint.__version__}, Python {sys.version.split()[0]}, "
        f"{args.renders} renders per kind; load average {os.getloadavg()[0]:.1f}"
    )
    results = {kind: profile_kind(samples[0], args.renders) for kind, samples in kinds.items()}
    stages = [stage for stage, _ in STAGES] + [OTHER]
    print(f"\n{'share of a warm render (cProfile)':<38}" + "".join(f"{kind:>10}" for kind in results))
    for stage in stages:
        shares = [100 * totals.get(stage, 0.0) / sum(totals.values()) for totals, *_ in results.values()]
        if max(shares) >= 0.05:
            print(f"{stage:<38}" + "".join(f"{share:>9.1f}%" for share in shares))
    print(f"{'un-profiled, ms a render (median)':<38}" + "".join(f"{r[1]:>10.0f}" for r in results.values()))
    print(f"{'  of which GC pauses, ms':<38}" + "".join(f"{r[2]:>10.1f}" for r in results.values()))
    print(
        f"{'  GC runs a render (gen 0/1/2)':<38}" + "".join(f"{'/'.join(map(str, r[3])):>10}" for r in results.values())
    )
    for kind, samples in kinds.items():
        print(f"  {kind}: {samples[0].job_id}")


if __name__ == "__main__":
    main()
