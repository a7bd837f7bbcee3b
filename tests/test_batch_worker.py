"""The worker's garbage-collector settings (issue 14): the warm state frozen, collections rarer."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from leaflet.batch import worker


@pytest.fixture
def restored_gc() -> Iterator[None]:
    threshold = gc.get_threshold()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


@pytest.mark.usefixtures("restored_gc")
def test_tuning_freezes_what_lives_and_raises_the_threshold() -> None:
    kept = [object() for _ in range(10)]  # a warm cache's objects
    worker._tune_gc()
    assert gc.get_freeze_count() > len(kept)
    assert gc.get_threshold() == worker.GC_THRESHOLD
    assert gc.get_threshold()[0] > 700  # Python's default, which collected ~50 times a render
