"""Which clinic file each clinic folder of an output folder belongs to.

The manifest records the clinic file each clinic was built from. Another file with the same id would overwrite
the leaflets both make and leave the others: a folder mixing two clinics. So it is refused, before anything is
built, unless the user names the id with --take-over. A file that moved is the same clinic, not another: the
recorded file is gone (its folder was moved or renamed), or had the very same bytes (a copy: the manifest keeps
the hash; the recorded path, which comes from the untrusted output folder, is never opened).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection
from pathlib import Path

from leaflet.batch.manifest import Manifest, resolved
from leaflet.errors import InvalidInput, Problem
from leaflet.model import Clinic


def owners(manifest: Manifest) -> dict[str, tuple[str, str]]:
    """Each clinic id in the output folder, the clinic file (resolved) it was last built from, and that file's
    sha256 ("" when the manifest does not say)."""
    found = {record.id: (record.source, record.sha256) for record in manifest.clinics.values()}
    for entry in manifest.entries.values():  # a manifest's outputs name their clinic file too
        found.setdefault(entry.clinic, (entry.source, ""))
    return found


def check_owners(clinics: list[Clinic], manifest: Manifest, out_dir: Path, take_over: Collection[str]) -> None:
    """Refuse (InvalidInput: exit 2, nothing built) a clinic whose id belongs to another clinic file in `out_dir`,
    unless its id is in `take_over`."""
    recorded = owners(manifest)
    problems = []
    for clinic in clinics:
        if clinic.id not in recorded or clinic.id in take_over:
            continue
        owner, sha256 = recorded[clinic.id]
        if owner == resolved(clinic.source) or _same_clinic(owner, sha256, clinic.source):
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


def source_sha256(source: Path) -> str:
    """The sha256 of a clinic file of this build (read already, so readable), as its ClinicRecord keeps it."""
    return hashlib.sha256(source.read_bytes()).hexdigest()


def _same_clinic(owner: str, sha256: str, source: Path) -> bool:
    """Whether a clinic file at another path than the recorded one is the recorded clinic, moved or copied.

    The recorded path comes from the output folder, which is untrusted: it is never opened (it could be a FIFO,
    /dev/zero, another user's file), only looked up; a copy is known by the hash the manifest kept.
    """
    if not os.path.lexists(owner):  # the recorded file is gone: this one is it, moved
        return True
    return bool(sha256) and sha256 == source_sha256(source)
