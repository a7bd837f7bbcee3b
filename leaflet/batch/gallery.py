"""The output folder's index.html: every clinic's documents with a thumbnail of each PDF's first page, links to
every file, and the warnings per clinic.

It is made from the manifest, so it shows every output in the folder, built this time or before, and from the
build's report (failures, stale files, invalid clinic files). Thumbnails are written by the PDF jobs into
`_gallery/`; this module only lays out the page, and rewrites it only when it changes.

The page carries a digest of what it shows (its model, its template, leaflet's version) in a <meta> element, so a
no-op rebuild that would show the same reads that one line instead of importing Jinja and laying out the page.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from leaflet import __version__, resources
from leaflet.batch.manifest import ClinicRecord, Entry, Manifest
from leaflet.batch.output import read_head, write_output
from leaflet.batch.report import BuildReport
from leaflet.documents import KINDS
from leaflet.errors import format_problems

if TYPE_CHECKING:
    import jinja2

GALLERY_NAME = "index.html"
TEMPLATE_NAME = "gallery.html.j2"  # in the theme (templates/), beside the leaflets' templates
_DIGEST = re.compile(rb'<meta name="leaflet-gallery" content="([0-9a-f]{64})">')


@dataclass
class _Link:
    format: str
    href: str


@dataclass
class _Picture:
    href: str
    width: int
    height: int


@dataclass
class _Document:
    title: str
    label: str  # the file's stem and language: "ptsd, en", "brochure.north, en"
    files: list[_Link] = field(default_factory=list)
    thumbnail: _Picture | None = None


@dataclass
class _Clinic:
    id: str
    name: str
    source: str
    warnings: list[str]
    documents: list[_Document]


def write_gallery(out_dir: Path, manifest: Manifest, report: BuildReport) -> Path:
    clinics = [_clinic(out_dir, record, manifest, report) for record in sorted(manifest.clinics.values(), key=_order)]
    problems = format_problems(report.problems) if report.problems else ""
    # repr() of these dataclasses spells out every value the page shows, in order.
    digest = hashlib.sha256(repr((__version__, _template_digest(), clinics, problems)).encode("utf-8")).hexdigest()
    target = out_dir / GALLERY_NAME
    if _digest_of(out_dir) == digest:
        return target
    # A different digest is in the new page's head, so the bytes differ too: no need to compare them.
    html = _template().render(
        version=__version__,
        digest=digest,
        clinics=clinics,
        documents=sum(len(c.documents) for c in clinics),
        problems=problems,
    )
    write_output(out_dir, GALLERY_NAME, html.encode("utf-8"))
    return target


def _clinic(out_dir: Path, record: ClinicRecord, manifest: Manifest, report: BuildReport) -> _Clinic:
    stale = set(report.stale)
    entries = sorted(
        ((job_id, e) for job_id, e in manifest.entries.items() if e.clinic == record.id and job_id not in stale),
        key=lambda item: (_kind_order(item[1].kind), item[1].name, item[1].language, item[1].format != "pdf"),
    )
    documents: dict[tuple[str, str], _Document] = {}
    warnings = list(record.warnings)
    for job_id, entry in entries:
        document = documents.setdefault(
            (entry.name, entry.language),
            _Document(entry.title or entry.name, _label(entry)),
        )
        document.files.append(_Link(entry.format, _href(job_id)))
        for path in entry.files:
            if path.endswith(".png"):
                document.thumbnail = _picture(out_dir, path)
        warnings.extend(f"{job_id}: {message}" for message in entry.warnings)
    warnings += [f"{job.id} was not built: {error}" for job, error in report.failed if job.clinic.id == record.id]
    prefix = f"{record.id}/"
    mine = sorted(job_id for job_id in stale if job_id.startswith(prefix))
    warnings += [f"{job_id} is no longer built; --prune removes it" for job_id in mine]
    return _Clinic(record.id, record.name, Path(record.source).name, warnings, list(documents.values()))


def _digest_of(out_dir: Path) -> str | None:
    """The digest an earlier build wrote into the page's head, if the page is there and has one."""
    head = read_head(out_dir, GALLERY_NAME, 1024)
    found = _DIGEST.search(head or b"")
    return found.group(1).decode("ascii") if found else None


@cache
def _template_digest() -> str:
    return hashlib.sha256((resources.templates_dir() / TEMPLATE_NAME).read_bytes()).hexdigest()


def _picture(out_dir: Path, path: str) -> _Picture | None:
    """The thumbnail's link and pixel size, read from its PNG header (IHDR: width, height at bytes 16-24)."""
    header = read_head(out_dir, path, 24)
    if header is None or len(header) < 24 or not header.startswith(b"\x89PNG"):
        return None
    return _Picture(_href(path), int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big"))


def _label(entry: Entry) -> str:
    return f"{entry.name}, {entry.language}"


def _kind_order(kind: str) -> int:
    """Kinds in the order of leaflet.documents.KINDS (handouts, then brochures); one no longer known, last."""
    order = list(KINDS)
    return order.index(kind) if kind in order else len(order)


def _href(path: str) -> str:
    return quote(path)  # paths inside the output folder are already POSIX


def _order(record: ClinicRecord) -> tuple[str, str]:
    return (record.name.casefold(), record.id)


@cache
def _template() -> jinja2.Template:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resources.templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(TEMPLATE_NAME)
