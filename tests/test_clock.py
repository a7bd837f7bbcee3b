"""SOURCE_DATE_EPOCH, read as reproducible-builds.org specifies: ASCII digits, else the build stops (exit 2)."""

from __future__ import annotations

from datetime import date

import pytest

from leaflet import clock
from leaflet.errors import EXIT_INVALID_INPUT, UsageError

FIX = "set it to a number of seconds since 1970 (as `date +%s` prints it) or unset it (`unset SOURCE_DATE_EPOCH`)"


def test_ascii_digits_are_seconds_and_an_empty_value_is_as_if_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    read = [
        ("1795953600", 1795953600, date(2026, 11, 29)),
        (" 1795953600\n", 1795953600, date(2026, 11, 29)),  # as a file read into it may leave it
        ("0", 0, date(1970, 1, 1)),
        ("253402300799", 253402300799, date(9999, 12, 31)),  # the last second a date can be written for
        ("", None, date.today()),  # `${SOURCE_DATE_EPOCH:-...}`, as the spec's own examples read it
        ("  ", None, date.today()),
    ]
    for value, seconds, day in read:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
        assert (clock.source_date_epoch(), clock.build_date()) == (seconds, day), value
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "-1")  # was ignored: the build went on with today's date
    with pytest.raises(UsageError):
        clock.build_date()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("²", "'²'"),  # str.isdigit() takes it; int() does not
        ("٣", "'٣'"),  # an Arabic-Indic three: int() reads it as 3
        ("-1", "'-1'"),
        ("+5", "'+5'"),
        ("abc", "'abc'"),
        ("1.5", "'1.5'"),
        ("1e9", "'1e9'"),
        ("\x1b[2J", "'\\x1b[2J'"),
    ],
)
def test_a_value_that_is_not_ascii_digits_stops_the_build(
    monkeypatch: pytest.MonkeyPatch, value: str, shown: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UsageError) as caught:
        clock.source_date_epoch()
    assert str(caught.value) == f"SOURCE_DATE_EPOCH={shown} is not a whole number of seconds; {FIX}"
    assert caught.value.exit_code == EXIT_INVALID_INPUT


@pytest.mark.parametrize("value", ["253402300800", "99999999999999999", "9" * 5000])
def test_a_date_after_the_year_9999_stops_the_build(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UsageError, match=r"^SOURCE_DATE_EPOCH='\d+…?' is after the year 9999; set it to a number"):
        clock.build_date()
