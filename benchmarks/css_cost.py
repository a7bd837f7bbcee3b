"""What the handout's CSS costs to render, change by change (`python benchmarks/batch.py --css`).

Each variant renders the same documents with one change to the HTML leaflet made, in one warm process, with the
write_pdf options leaflet uses; rounds alternate the variants so that a noisy machine slows all of them alike.
Some variants change the look (they say so): they measure what a feature costs, not a proposal to drop it.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Variant = Callable[[str], tuple[str, list[Any]]]


def measure_css(html_files: list[Path], rounds: int = 5) -> None:
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from leaflet.documents import KINDS
    from leaflet.render import assets

    fonts = FontConfiguration()
    faces, theme = str(assets.font_faces_css()), str(assets.theme_css(KINDS["handout"].stylesheets))
    # The variants edit the handout's stylesheet: documents of other kinds (with more CSS) are left out.
    html_files = [path for path in html_files if theme + "\n</style>" in path.read_text(encoding="utf-8")]
    parsed_all = [weasyprint.CSS(string=faces + "\n" + theme, font_config=fonts)]
    parsed_faces = [weasyprint.CSS(string=faces, font_config=fonts)]

    images: dict[str, Any] = {}
    shared_images = object()  # a marker: render with WeasyPrint's image cache kept across documents

    def theme_edit(old: str, new: str) -> Variant:
        def apply(html: str) -> tuple[str, list[Any]]:
            return html.replace(theme, theme.replace(old, new)), []

        return apply

    variants: dict[str, Variant] = {
        "as built (baseline)": lambda html: (html, []),
        "fonts and theme as CSS objects parsed once": lambda html: (
            html.replace(faces, "").replace(theme, ""),
            parsed_all,
        ),
        "fonts as a CSS object parsed once": lambda html: (html.replace(faces, ""), parsed_faces),
        "images cached across documents (cache=)": lambda html: (html, [shared_images]),
        "no rounded corners (looks different)": theme_edit("border-radius", "--unused-radius"),
        "no break-inside: avoid": theme_edit("break-inside: avoid", "--unused: avoid"),
        "no running masthead (looks different)": theme_edit("position: running(masthead)", "position: static"),
        "system font, no @font-face (looks different)": lambda html: (html.replace(faces, ""), []),
        "justified and hyphenated (costlier, for scale)": theme_edit(
            "body {", "body { text-align: justify; hyphens: auto;"
        ),
    }
    strings = [path.read_text(encoding="utf-8") for path in html_files]

    def changes_nothing(variant: Variant) -> bool:
        html, sheets = variant(strings[0])
        return html == strings[0] and not sheets

    missing = [name for name, variant in list(variants.items())[1:] if changes_nothing(variant)]

    def render(html: str, stylesheets: list[Any]) -> None:
        options: dict[str, Any] = {"cache": images} if stylesheets == [shared_images] else {}
        weasyprint.HTML(string=html, base_url="data:,").write_pdf(
            stylesheets=[s for s in stylesheets if s is not shared_images],
            font_config=fonts,
            pdf_tags=True,
            pdf_variant="pdf/ua-1",
            **options,
        )

    for variant in variants.values():  # warm every variant once (fonts, caches)
        render(*variant(strings[0]))
    times: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    for round_ in range(rounds):
        shift = round_ % len(names)  # rotate: the first variant of a round is not always the same one
        for name in names[shift:] + names[:shift]:
            prepared = [variants[name](html) for html in strings]
            gc.collect()
            started = time.perf_counter()
            for html, sheets in prepared:
                render(html, sheets)
            times[name].append((time.perf_counter() - started) / len(strings))
    baseline = statistics.median(times["as built (baseline)"])
    print(f"CSS cost: {len(strings)} documents, median of {rounds} rounds, ms per PDF")
    for name, values in times.items():
        per = statistics.median(values)
        note = "  (no change found in the HTML)" if name in missing else ""
        print(f"  {name:<50} {1000 * per:>7.0f} ms  {100 * (per / baseline - 1):+6.1f}%{note}")
