"""review-date: a content file's `next_review` has passed (error) or comes within REVIEW_SOON_DAYS (warning).
Judged against SOURCE_DATE_EPOCH when it is set (a reproducible build's date), else today.

The warning stays a warning in the shipped content: it gives the reviewers time, it is not yet wrong.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime

from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.targets import Role, Target
from leaflet.load import Scalar

ID = "review-date"
LEVEL: Level = "error"
TARGETS: frozenset[Role] = frozenset({"content"})
DESCRIPTION = "next_review has passed (error) or comes within 60 days (warning)"
REVIEW_SOON_DAYS = 60


def today() -> date:
    """SOURCE_DATE_EPOCH's date when set (reproducible builds, tests), else today's, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return datetime.now(UTC).date()


def check(target: Target) -> Iterator[LintProblem]:
    node = target.source.root.get("next_review")
    if not isinstance(node, Scalar):
        return  # a missing or malformed date is the content loader's error (leaflet.content)
    try:
        due = date.fromisoformat(node.value.strip())
    except ValueError:
        return
    left = (due - today()).days
    if left < 0:
        message = f"next_review {due.isoformat()} has passed: have a clinician review this file, then set new dates"
        yield target.problem(ID, target.level(LEVEL), node.line, node.column, message)
    elif left <= REVIEW_SOON_DAYS:
        message = f"next_review {due.isoformat()} is in {left} days: plan the review"
        yield target.problem(ID, "warning", node.line, node.column, message)
