"""What the preview serves besides the built files: its index page, the script it adds to each page it serves,
and PNGs of the PDFs' pages.

The script is added to the response, never to the built file: the HTML leaflet stays byte for byte what
`leaflet build` writes.
"""

from __future__ import annotations

import json
import re
import threading
from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import quote

from leaflet.batch.thumbnail import draw_page
from leaflet.preview.state import Document, View

PROBLEMS_ID = "leaflet-preview-problems"
BUILDING_ID = "leaflet-preview-building"
STATE_PATH = "/_preview/state"  # `_` starts no clinic id, so no built file can have these paths
PAGES_PATH = "/_preview/pages/"
PAGE_WIDTH = 840  # pixels: twice the width the index shows a page at, for a sharp picture on a HiDPI screen
_PDFIUM = threading.Lock()  # PDFium is not thread-safe, and the server answers each request in a thread

# Long-polls for the state: reloads when the leaflets were rebuilt, shows or hides the problems otherwise.
_SCRIPT = """<script>(() => {
  const epoch = %(epoch)d;
  let version = -1;
  const badge = (building) => {
    let box = document.getElementById("%(building_id)s");
    if (!box) {
      box = document.createElement("div");
      box.id = "%(building_id)s";
      box.setAttribute("role", "status");
      box.textContent = "Rebuilding…";
      box.style.cssText = "position:fixed;bottom:1rem;right:1rem;z-index:2147483647;padding:0.4rem 0.8rem;" +
        "background:#1f2933;color:#fff;border-radius:4px;font:14px/1.4 system-ui,sans-serif;";
      document.body.append(box);
    }
    box.hidden = !building;
  };
  const show = (text) => {
    let box = document.getElementById("%(id)s");
    if (!box) {
      box = document.createElement("pre");
      box.id = "%(id)s";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:2147483647;margin:0;padding:1rem;" +
        "max-height:60vh;overflow:auto;white-space:pre-wrap;background:#fff;color:#7f1d1d;" +
        "border-bottom:4px solid #b91c1c;font:14px/1.4 monospace;";
      document.body.append(box);
    }
    box.hidden = !text;
    box.textContent = text ? "Not rebuilt; this is the last good build.\\n\\n" + text : "";
  };
  const poll = () => fetch(`%(state)s?epoch=${epoch}&version=${version}`, {cache: "no-store"})
    .then((response) => response.json())
    .then((state) => {
      if (state.epoch !== epoch) { location.reload(); return; }
      version = state.version;
      show(state.problems);
      badge(state.building);
      poll();
    })
    .catch(() => setTimeout(poll, 1000));
  poll();
})();</script>"""


def reload_script(epoch: int) -> bytes:
    names = {"epoch": epoch, "id": PROBLEMS_ID, "building_id": BUILDING_ID, "state": STATE_PATH}
    return (_SCRIPT % names).encode("utf-8")


def with_script(html: bytes, epoch: int) -> bytes:
    """The page with the reload script added before its `</body>` (at its end if it has none)."""
    end = html.rfind(b"</body>")
    end = len(html) if end < 0 else end
    return html[:end] + reload_script(epoch) + html[end:]


def state_json(view: View) -> bytes:
    state = {"epoch": view.epoch, "version": view.version, "problems": view.problems, "building": view.building}
    return json.dumps(state).encode("utf-8")


def page_url(pdf: str, number: int) -> str:
    return f"{PAGES_PATH}{quote(pdf)}/{number}.png"


def page_number(name: str) -> int | None:
    """The page a picture's name in page_url() asks for ("2.png": 2); None for a name page_url() never writes:
    "0.png", "02.png", "².png" ('²'.isdigit() is true, but int('²') raises), or more digits than int() reads."""
    found = _PAGE_NAME.fullmatch(name)
    return int(found[1]) if found else None


_PAGE_NAME = re.compile(r"([1-9][0-9]{0,5})\.png")  # ASCII digits only; a million pages is no leaflet


def index_html(view: View, source: Path) -> bytes:
    """The index: the clinic's documents, each with its HTML, its PDF and a picture of each page."""
    title = f"Preview: {view.clinic or source.name}"
    if not view.epoch:
        body = "<p>Building the leaflets…</p>" if not view.problems else ""
    elif not view.documents:
        body = "<p>This clinic has no documents of the kinds asked for.</p>"
    else:
        body = "\n".join(_document(document) for document in view.documents)
    warnings = "".join(f"<li>{escape(warning)}</li>" for warning in view.warnings)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; color: #1f2933; }}
section {{ border-top: 1px solid #cbd2d9; padding: 0.5rem 0 1rem; }}
.pages {{ display: flex; flex-wrap: wrap; gap: 1rem; }}
.pages img {{ width: 420px; max-width: 100%; height: auto; border: 1px solid #9aa5b1; }}
pre {{ white-space: pre-wrap; }}
</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p>From <code>{escape(str(source))}</code>; rebuilt and reloaded when you save it, its logo or its font.</p>
<pre id="{PROBLEMS_ID}" role="alert"{"" if view.problems else " hidden"}>{escape(view.problems)}</pre>
{f"<h2>Warnings</h2><ul>{warnings}</ul>" if warnings else ""}
{body}
</body>
</html>
"""
    return with_script(page.encode("utf-8"), view.epoch)


def _document(document: Document) -> str:
    files = (("HTML", document.html), ("PDF", document.pdf))
    links = " · ".join(f'<a href="/{quote(path)}">{kind}</a>' for kind, path in files if path)
    pages = "".join(
        f'<img src="{page_url(document.pdf, n)}" alt="{escape(document.title)}, page {n} of {document.pages}" '
        'width="420" loading="lazy">'
        for n in range(1, document.pages + 1)
        if document.pdf
    )
    return (
        f"<section><h2>{escape(document.title)}</h2><p>{escape(document.label)}: {links}</p>"
        f'<div class="pages">{pages}</div></section>'
    )


def page_count(pdf: Path) -> int:
    import pypdfium2  # imported on first use, as the gallery's thumbnails do

    with _PDFIUM:
        try:
            document = pypdfium2.PdfDocument(pdf)
        except pypdfium2.PdfiumError:
            return 0
        try:
            return len(document)
        finally:
            document.close()


def page_png(pdf: Path, number: int) -> bytes | None:
    """Page `number` (from 1) of a PDF as a PNG, PAGE_WIDTH pixels wide; None if it has no such page."""
    stat = pdf.stat()
    return _page_png(pdf, number, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)  # the file's mtime and size are in the key: a rebuilt PDF is drawn again
def _page_png(pdf: Path, number: int, mtime_ns: int, size: int) -> bytes | None:
    import pypdfium2

    try:
        return draw_page(pdf, number - 1, PAGE_WIDTH, _PDFIUM)
    except (pypdfium2.PdfiumError, IndexError):
        return None
