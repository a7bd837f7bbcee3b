"""The build's date, for the two things that depend on it: the date a PDF says it was made, and whether a clinic's
medical sign-off has lapsed (see leaflet.review). Everything else a build makes depends only on its inputs.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org): the date every output says it was made, when set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def build_date() -> date:
    """The build's date: SOURCE_DATE_EPOCH's day (UTC) when set, else today on this machine."""
    epoch = source_date_epoch()
    return datetime.fromtimestamp(epoch, tz=UTC).date() if epoch is not None else date.today()
