"""A clinic's medical sign-off: what content it covers, when it lapses, and what the build says when it has.

A clinic file may record that a named clinician reviewed its leaflets' content for the clinic:

    medical_review:
      by: Dr Jane Doe, medical director
      on: 2026-11-20
      content: 3f9a1c2b7d4e5f60     # what `leaflet review-hash` printed when the review was done

The sign-off lapses SIGN_OFF_MONTHS after `on`, or as soon as the content it covered changes. The hash of that
content is written in the clinic file, not remembered in an output folder: a manifest would first see a sign-off
in whatever content is current at that build (a fresh checkout, a new --out, CI), and would then vouch for text
the clinician never read; the clinic file, under version control, says exactly what was reviewed, and
`leaflet validate` can tell without building. A lapsed sign-off is a warning, and the leaflets then say they have
not yet been reviewed by the clinic's medical team.
"""

from __future__ import annotations

import hashlib
from datetime import MAXYEAR, date, timedelta
from pathlib import Path

from leaflet import resources
from leaflet.documents import KINDS
from leaflet.model import Clinic, MedicalReview
from leaflet.schema import CONTENT_HASH_LENGTH, SIGN_OFF_MONTHS


def covered_files(clinic: Clinic) -> list[Path]:
    """The data files every leaflet of the clinic is made from (content, sources, document definitions), in each
    of its languages: a sign-off covers all of them."""
    files = {
        path
        for language in clinic.languages
        for kind in KINDS.values()
        for topic in kind.topics(clinic, language)
        for path in kind.inputs(topic, language)
    }
    return sorted(files)


def content_hash(clinic: Clinic) -> str:
    """The hash of the content the clinic's leaflets are made from, as `leaflet review-hash` prints it. Files are
    named by their place in the data folder, so a moved checkout or an installed copy gives the same hash."""
    root = resources.data_dir()
    pieces = [
        f"{path.relative_to(root).as_posix()}={hashlib.sha256(path.read_bytes()).hexdigest()}"
        for path in covered_files(clinic)
    ]
    return hashlib.sha256("\n".join(pieces).encode("utf-8")).hexdigest()[:CONTENT_HASH_LENGTH]


def lapses_on(signed: date) -> date:
    """The first day a sign-off made on `signed` no longer holds."""
    year, month = divmod(signed.month - 1 + SIGN_OFF_MONTHS, 12)
    if signed.year + year > MAXYEAR:  # signed in 9999 (a SOURCE_DATE_EPOCH that far on): no later date exists
        return date.max
    try:
        return signed.replace(year=signed.year + year, month=month + 1)
    except ValueError:  # 29 February, or the 31st of a shorter month: the first of the next month
        next_month = date(signed.year + year, month + 1, 1) + timedelta(days=31)
        return next_month.replace(day=1) if next_month.year <= MAXYEAR else date.max


def lapse(clinic: Clinic, review: MedicalReview, today: date) -> str | None:
    """Why `review` no longer holds for `clinic` on `today` (the build's date); None while it holds."""
    reasons = []
    current = content_hash(clinic)
    if review.content != current:
        reasons.append(
            f"the content changed since (it covered {review.content}, the content is now {current}: "
            "have the changes reviewed, then write the new hash from `leaflet review-hash`)"
        )
    if today >= lapses_on(review.on):
        reasons.append(f"it is {SIGN_OFF_MONTHS} months old or more (it lapsed on {lapses_on(review.on).isoformat()})")
    return "; ".join(reasons) or None


def warnings(clinic: Clinic) -> list[str]:
    """The warning a lapsed sign-off gives, for the terminal, the JSON report, the gallery and `leaflet validate`."""
    review = clinic.medical_review
    if review is None or review.lapsed is None:
        return []
    return [
        f"medical_review by {review.by} on {review.on.isoformat()} has lapsed: {review.lapsed}. Its leaflets say "
        f"they have not yet been reviewed by the medical team at {clinic.name}"
    ]
