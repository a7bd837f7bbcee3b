"""Decide, before anything renders, which jobs to run and why, and which old outputs are stale.

A job is up to date when the manifest records the same key for it and every file it wrote is still there as
leaflet wrote it. An output is stale only when this build can tell that no job makes it any more:

- its clinic is part of this build (by id, or by its clinic file) and no longer asks for that document, language,
  format or id; or
- its clinic file was deleted from a folder this build reads whole, and no clinic of this build has its id.

Everything else keeps its outputs: clinics not part of this build, invalid files under --keep-going, and clinics
whose file is gone from somewhere this build does not read, since a folder that was moved or renamed looks just
the same as one that was deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from leaflet.batch.keys import PART_REASONS, JobKey, KeyMaker
from leaflet.batch.manifest import ClinicRecord, Entry, Manifest, check_file, resolved
from leaflet.batch.ownership import check_owners, source_sha256
from leaflet.batch.plan import ALL_KINDS, FORMATS, Job, plan_jobs, plan_warnings
from leaflet.clock import source_date_epoch
from leaflet.documents import KINDS
from leaflet.errors import InvalidInput
from leaflet.model import Clinic
from leaflet.print_profile import profile_problems
from leaflet.render.formats import FORMATS as OUTPUT_FORMATS
from leaflet.render.formats import PRINT
from leaflet.render.print_ready import PrintOptions


@dataclass(frozen=True)
class Decision:
    job: Job
    key: JobKey
    reason: str | None  # why the job must run; None when it is up to date


@dataclass
class BuildPlan:
    out_dir: Path
    decisions: list[Decision]
    stale: list[str]  # ids of manifest entries that no job makes any more
    manifest: Manifest
    clinics: dict[str, ClinicRecord] = field(default_factory=dict)

    @property
    def to_build(self) -> list[Decision]:
        return [d for d in self.decisions if d.reason is not None]

    @property
    def up_to_date(self) -> list[Decision]:
        return [d for d in self.decisions if d.reason is None]


def plan_build(
    clinics: list[Clinic],
    out_dir: Path,
    *,
    force: bool = False,
    formats: tuple[str, ...] = FORMATS,
    kinds: tuple[str, ...] = ALL_KINDS,
    languages: tuple[str, ...] | None = None,
    jobs: list[Job] | None = None,
    inputs: list[Path] | None = None,
    take_over: frozenset[str] = frozenset(),
    printing: PrintOptions | None = None,
) -> BuildPlan:
    """The plan for building `clinics` (or just `jobs` of them) into `out_dir`. Reads, never writes.

    `inputs`: the files and folders the clinics were read from (see the module's docstring). Raises InvalidInput
    for a clinic whose id belongs to another clinic file in `out_dir` and is not in `take_over`, and for a colour
    profile a print file would use that is not a CMYK output profile (`printing`: --proof, --icc).
    """
    manifest = Manifest.load(out_dir)
    check_owners(clinics, manifest, out_dir, take_over)
    if PRINT in formats:
        sources = (PrintOptions() if printing is None else printing).profile_source
        if problems := profile_problems(source for clinic in clinics if (source := sources(clinic))):
            raise InvalidInput(problems)
    keys = KeyMaker(source_date_epoch())
    decisions = []
    for job in plan_jobs(clinics, formats, kinds, printing, languages) if jobs is None else jobs:
        key = keys.key(job)
        decisions.append(Decision(job, key, "forced" if force else _reason(job, key, manifest, out_dir)))
    planned = {d.job.id for d in decisions}
    building = _Building({c.id for c in clinics}, {resolved(c.source) for c in clinics})
    folders = {resolved(path) for path in inputs or [] if path.is_dir()}
    stale = sorted(
        job_id
        for job_id, entry in manifest.entries.items()
        if job_id not in planned
        and _gone(entry, building, folders)
        and (entry.kind in kinds or entry.kind not in KINDS)  # a build of some kinds leaves the others alone
        and (entry.format in formats or entry.format not in OUTPUT_FORMATS)
        and (languages is None or entry.language in languages)  # and of some languages, the others
    )
    records = {
        c.id: ClinicRecord(c.id, c.name, resolved(c.source), plan_warnings(c), source_sha256(c.source)) for c in clinics
    }
    return BuildPlan(out_dir, decisions, stale, manifest, records)


@dataclass(frozen=True)
class _Building:
    ids: set[str]
    sources: set[str]  # resolved


def _gone(entry: Entry, building: _Building, folders: set[str]) -> bool:
    """Whether this build can tell that the clinic of an output not planned no longer makes it."""
    if entry.clinic in building.ids or entry.source in building.sources:
        return True
    source = Path(entry.source)
    return str(source.parent) in folders and not source.exists()


def _reason(job: Job, key: JobKey, manifest: Manifest, out_dir: Path) -> str | None:
    entry = manifest.entries.get(job.id)
    if entry is None:
        return "new"
    if entry.key != key.key:
        changed = [part for part in PART_REASONS if entry.parts.get(part) != key.parts.get(part)]
        return PART_REASONS[changed[0]] if changed else "leaflet, a library or an option changed"
    return _files_reason(job, entry, out_dir)


def _files_reason(job: Job, entry: Entry, out_dir: Path) -> str | None:
    for path in map(str, job.files):
        recorded = entry.files.get(path)
        if recorded is None:
            return "output missing"
        why, refreshed = check_file(out_dir, path, recorded)
        if why:
            return why
        entry.files[path] = refreshed  # a touched but unchanged file: remember its new mtime
    entry.source = resolved(job.clinic.source)  # the clinic file may have moved; its bytes did not change
    return None
