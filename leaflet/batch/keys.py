"""A job's key: a hash of everything the job reads, so an unchanged key means an unchanged output.

The key is made of named parts — the clinic file, its logo, the content, the templates, the tool — so that when a
key changes the plan can say which input changed. Each file is hashed once per build however many jobs read it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from leaflet import __version__, resources
from leaflet.batch.plan import Job
from leaflet.batch.thumbnail import THUMBNAIL_VERSION
from leaflet.documents import KINDS
from leaflet.model import Clinic
from leaflet.render import assets, print_ready
from leaflet.render.formats import FORMATS
from leaflet.render.print_ready import PrintSetup

# Why a job is rebuilt, by the part of its key that changed; checked in this order.
PART_REASONS = {
    "clinic": "clinic file changed",
    "logo": "logo changed",
    "font": "font changed",
    "content": "content changed",
    "template": "template changed",
    "print": "print options or colour profile changed",
    "tool": "leaflet, a library or an option changed",
}
# The tags by which a template reads another, and the quoted names in them. Every quoted string in such a tag
# counts as a name read, which can only add files to a key, never leave one out; a tag with no quoted string
# names its template by an expression, so the key takes every template. tests/test_batch_plan.py checks this
# finds what Jinja's own jinja2.meta.find_referenced_templates finds; it costs a no-op rebuild no Jinja import.
_REFERENCE_TAG = re.compile(r"\{%[-+]?\s*(?:extends|include|import|from)\b(.*?)[-+]?%\}", re.DOTALL)
_QUOTED = re.compile(r"""(["'])(.*?)\1""", re.DOTALL)


@dataclass(frozen=True)
class JobKey:
    key: str  # sha256 over the parts
    parts: dict[str, str]  # part name (see PART_REASONS) -> sha256 of that part's inputs


def digest(*pieces: str) -> str:
    return hashlib.sha256("\0".join(pieces).encode("utf-8")).hexdigest()


class FileHashes:
    """sha256 of files, each read once per build."""

    def __init__(self) -> None:
        self._known: dict[Path, str] = {}

    def __call__(self, path: Path) -> str:
        known = self._known.get(path)
        if known is None:
            known = self._known[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return known

    def combined(self, paths: Iterable[Path]) -> str:
        """One hash for a set of files, named by their place in the theme or data, so a moved checkout or an
        installed copy gives the same hash and two swapped files do not."""
        return digest(*sorted(f"{_label(path)}={self(path)}" for path in paths))


class KeyMaker:
    """Computes job keys for one build; caches what jobs share (content, templates, versions)."""

    def __init__(self, source_date_epoch: int | None) -> None:
        self.hashes = FileHashes()
        self._source_date_epoch = source_date_epoch
        self._content: dict[tuple[str, str | None, str], str] = {}
        self._templates: dict[str, str] = {}

    def key(self, job: Job) -> JobKey:
        logo = job.clinic.brand.logo
        parts = {
            "clinic": clinic_part(KINDS[job.kind].view(job.clinic, job.topic)),
            "logo": self.hashes(logo) if logo else "none",
            "font": self._font_part(job.clinic),
            "content": self._content_part(job),
            "template": self._template_part(job.kind),
            "tool": tool_part(job.format, self._source_date_epoch),
        }
        if job.print_setup is not None:  # only print files have this part: the other outputs' keys stay as they were
            parts["print"] = self._print_part(job.print_setup)
        return JobKey(digest(*(f"{name}={value}" for name, value in sorted(parts.items()))), parts)

    def _font_part(self, clinic: Clinic) -> str:
        """The bytes of the clinic's own font files (brand.font, font_bold, heading_font), like the logo's."""
        brand = clinic.brand
        paths = [*brand.font.files(), *(brand.heading_font.files() if brand.heading_font else ())]
        return digest(*(self.hashes(path) for path in paths)) if paths else "none"

    def _content_part(self, job: Job) -> str:
        # A document's inputs depend on the document and the language, never on the clinic (whose file is a part
        # of its own): hashed once per (kind, topic, language), and found without building the document.
        index = (job.kind, job.topic, job.language)
        if index not in self._content:
            inputs = list(KINDS[job.kind].inputs(job.topic, job.language))
            catalog = resources.locale_dir() / job.language / "LC_MESSAGES" / "leaflet.po"
            if catalog.is_file():
                inputs.append(catalog)
            self._content[index] = self.hashes.combined(inputs)
        return self._content[index]

    def _print_part(self, setup: PrintSetup) -> str:
        """A print file's own inputs: its stylesheet, whether it has crop marks, and the profile's bytes."""
        stylesheet = resources.templates_dir() / print_ready.STYLESHEET
        profile = self.hashes(setup.profile) if setup.profile is not None else "none"
        return digest(f"stylesheet={self.hashes(stylesheet)}", f"marks={setup.marks}", f"profile={profile}")

    def _template_part(self, kind: str) -> str:
        if kind not in self._templates:
            self._templates[kind] = self.hashes.combined(theme_files(kind))
        return self._templates[kind]


def clinic_part(clinic: Clinic) -> str:
    """A hash of what a document reads of its clinic (the kind's `view`: a location's brochure sees only its
    location), so an edit elsewhere in the file does not rebuild it. The file's path and the logo's and fonts'
    are left out: a moved folder changes no leaflet, and the logo's and fonts' bytes are parts of their own."""
    seen = dataclasses.asdict(clinic)
    del seen["source"]
    seen["brand"]["logo"] = seen["brand"]["logo"] is not None
    for font in (seen["brand"]["font"], seen["brand"]["heading_font"]):  # their bytes are the font part
        if font is not None:
            font["file"], font["bold"] = font["file"] is not None, font["bold"] is not None
    # default=str: dates (a sign-off's) as ISO text
    text = json.dumps(seen, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def theme_files(kind: str) -> list[Path]:
    """The templates a document kind renders with (following extends/import/include/from), and the CSS and
    fonts that leaflet.render.assets inlines into every page."""
    root = resources.templates_dir()
    seen: set[str] = set()
    todo = [KINDS[kind].template]
    while todo:
        name = todo.pop()
        if name in seen or not (root / name).is_file():  # a name that is no template: rendering will say so
            continue
        seen.add(name)
        todo.extend(referenced_templates((root / name).read_text(encoding="utf-8"), root))
    files = [root / name for name in sorted(seen)]
    files.extend(root / name for name in KINDS[kind].stylesheets)
    files.extend(root / "fonts" / face[0] for face in assets.FONT_FACES)
    return files


def referenced_templates(source: str, root: Path) -> list[str]:
    """The names of the templates `source` extends, imports or includes (see _REFERENCE_TAG)."""
    names = []
    for tag in _REFERENCE_TAG.finditer(source):
        quoted = [found.group(2) for found in _QUOTED.finditer(tag.group(1))]
        names.extend(quoted or sorted(p.relative_to(root).as_posix() for p in root.rglob("*.j2")))
    return names


@cache
def tool_part(fmt: str, source_date_epoch: int | None) -> str:
    versions = [f"leaflet={__version__}", f"format={fmt}", f"source_date_epoch={source_date_epoch}"]
    versions.extend(f"{name}={_library_version(name)}" for name in FORMATS[fmt].libraries)
    if FORMATS[fmt].thumbnail:
        versions.append(f"thumbnail={THUMBNAIL_VERSION}")
    return digest(*versions)


@cache
def _library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def _label(path: Path) -> str:
    for root in (resources.templates_dir(), resources.data_dir()):
        if path.is_relative_to(root):
            return path.relative_to(root).as_posix()
    return str(path)
