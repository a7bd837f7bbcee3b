"""Which clinic file each clinic folder of an output folder belongs to.

The manifest records the clinic file each clinic was built from. Another file with the same id would overwrite
the leaflets both make and leave the others: a folder mixing two clinics. So it is refused, before anything is
built, unless the user names the id with --take-over. A file that moved is the same clinic, not another: the
recorded file is gone (its folder was moved or renamed), or holds the very same bytes (a copy).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from leaflet.batch.manifest import Manifest, resolved
from leaflet.errors import InvalidInput, Problem
from leaflet.model import Clinic


def owners(manifest: Manifest) -> dict[str, str]:
    """Each clinic id in the output folder and the clinic file (resolved) it was last built from."""
    found = {record.id: record.source for record in manifest.clinics.values()}
    for entry in manifest.entries.values():  # a manifest's outputs name their clinic file too
        found.setdefault(entry.clinic, entry.source)
    return found


def check_owners(clinics: list[Clinic], manifest: Manifest, out_dir: Path, take_over: Collection[str]) -> None:
    """Refuse (InvalidInput: exit 2, nothing built) a clinic whose id belongs to another clinic file in `out_dir`,
    unless its id is in `take_over`."""
    recorded = owners(manifest)
    problems = []
    for clinic in clinics:
        owner = recorded.get(clinic.id)
        if owner is None or owner == resolved(clinic.source) or clinic.id in take_over:
            continue
        if _same_clinic(Path(owner), clinic.source):  # moved or copied: read only then
            continue
        problems.append(
            Problem(
                clinic.source,
                0,
                0,
                "id",
                f"'{clinic.id}' is the id of {owner}, whose leaflets are in {out_dir / clinic.id}; give this clinic "
                f"another `id:`, or build with --take-over {clinic.id} to replace that clinic's leaflets with its own",
            )
        )
    if problems:
        raise InvalidInput(problems)


def _same_clinic(owner: Path, source: Path) -> bool:
    """Whether a clinic file at another path than the recorded one is the recorded clinic, moved or copied."""
    try:
        return owner.read_bytes() == source.read_bytes()
    except FileNotFoundError:  # the recorded file is gone: this one is it, moved
        return True
    except OSError:  # there but unreadable: it cannot be shown to be the same
        return False
