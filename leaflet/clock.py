"""The build's date, for the two things that depend on it: the date a PDF says it was made, and whether a clinic's
medical sign-off has lapsed (see leaflet.review). Everything else a build makes depends only on its inputs.
"""

from __future__ import annotations

import os
import re
from datetime import MAXYEAR, UTC, date, datetime

from leaflet.errors import UsageError
from leaflet.plain_text import quoted

VARIABLE = "SOURCE_DATE_EPOCH"
# ASCII digits only, as `date +%s` writes them: int() and str.isdigit() would also take '²', '٣' and '-1'.
_SECONDS = re.compile(r"[0-9]+")
# The last second of 9999, the last year a date can be written with: datetime goes no further.
_LAST = int(datetime(MAXYEAR, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org): the date every output says it was made, when set. Unset or
    empty, None (as its spec's `${SOURCE_DATE_EPOCH:-$(date +%s)}` reads an empty one); malformed, a UsageError
    naming it, since the spec asks a build to stop rather than guess a date."""
    value = os.environ.get(VARIABLE, "")
    if not value.strip():
        return None
    if not _SECONDS.fullmatch(value.strip()):
        raise UsageError(f"{VARIABLE}={quoted(value)} is not a whole number of seconds; {_FIX}")
    digits = value.strip().lstrip("0")
    # Compared as text first: int() refuses more than 4300 digits (sys.get_int_max_str_digits).
    seconds = int(digits or "0") if len(digits) <= len(str(_LAST)) else _LAST + 1
    if seconds > _LAST:
        raise UsageError(f"{VARIABLE}={quoted(value)} is after the year {MAXYEAR}; {_FIX}")
    return seconds


_FIX = f"set it to a number of seconds since 1970 (as `date +%s` prints it) or unset it (`unset {VARIABLE}`)"


def build_date() -> date:
    """The build's date: SOURCE_DATE_EPOCH's day (UTC) when set, else today on this machine."""
    epoch = source_date_epoch()
    return datetime.fromtimestamp(epoch, tz=UTC).date() if epoch is not None else date.today()
