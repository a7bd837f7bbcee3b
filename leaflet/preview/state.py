"""What the preview shows, shared between the build loop (which replaces it) and the request threads (which read
it or wait for it to change).

Like mkdocs' live-reload server, each page carries the epoch of the build it was served from and long-polls for a
newer one: a page served just before a rebuild finished still sees it, which an event sent once could miss.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Document:
    """One document of the clinic as the index lists it: its HTML and its PDF, by their paths in the build."""

    title: str
    label: str  # "ptsd, en": its name and language
    html: str | None
    pdf: str | None
    pages: int  # the PDF's pages, each shown as a PNG


@dataclass(frozen=True)
class View:
    epoch: int = 0  # the build the leaflets come from (0: none yet); a page from an older one reloads
    version: int = 0  # changes with anything below, so a waiting page learns of problems shown or gone
    clinic: str = ""  # the clinic's name, once it has been read
    documents: tuple[Document, ...] = ()
    problems: str = ""  # why the last change was not built (validation problems, failed renders); "" if none
    building: bool = False  # a rebuild is under way: the pages say so, since one can take seconds
    warnings: tuple[str, ...] = ()
    files: dict[str, Path] = field(default_factory=dict)  # the only files served: path in the build -> file


class Board:
    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._view = View()
        self._closed = False

    @property
    def view(self) -> View:
        with self._changed:
            return self._view

    def publish(self, new_epoch: bool, **changes: object) -> View:
        """Replace what is shown; `new_epoch`: the leaflets changed, so open pages reload."""
        with self._changed:
            view = self._view
            epoch = view.epoch + 1 if new_epoch else view.epoch
            self._view = dataclasses.replace(view, epoch=epoch, version=view.version + 1, **changes)  # type: ignore[arg-type]
            self._changed.notify_all()
            return self._view

    def wait(self, epoch: int, version: int, timeout: float) -> View:
        """The view once it differs from what a page has (its epoch and the version it last saw), or after
        `timeout` seconds (the page asks again), or at once when the preview stops."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._closed or self._view.epoch != epoch or self._view.version != version, timeout
            )
            return self._view

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()
