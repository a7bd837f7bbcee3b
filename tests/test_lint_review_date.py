"""review-date: judged against SOURCE_DATE_EPOCH when set."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from lint_support import content_target, found, places

from leaflet.lint.rules import review_date

TEXT = "reviewed: 2026-01-10\nnext_review: 2027-01-10\n"


def on(day: str, monkeypatch: pytest.MonkeyPatch) -> None:
    epoch = int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2027-01-11", [(2, 14, "error")]),  # passed
        ("2026-11-11", [(2, 14, "warning")]),  # 60 days left
        ("2026-11-10", []),  # 61 days left
    ],
)
def test_next_review_passed_is_an_error_and_near_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: str, expected: list[tuple[int, int, str]]
) -> None:
    on(day, monkeypatch)
    assert places(found(review_date, content_target(tmp_path, TEXT))) == expected


def test_the_message_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on("2027-02-01", monkeypatch)
    [problem] = found(review_date, content_target(tmp_path, TEXT))
    assert problem.message == (
        "next_review 2027-01-10 has passed: have a clinician review this file, then set new dates"
    )


def test_without_source_date_epoch_today_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert review_date.today() == datetime.now(UTC).date()
    assert places(found(review_date, content_target(tmp_path, "next_review: 2000-01-01\n"))) == [(1, 14, "error")]
