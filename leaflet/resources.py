"""Where the shipped theme (templates, CSS, fonts) and data (content, documents, catalogs) are.

In an installed wheel they sit inside the package (setup.cfg maps them there); in a source checkout they sit at
the top of the repository, where reviewers and designers edit them. Nothing else in leaflet needs to know which.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _shipped(name: str, checkout_name: str) -> Path:
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent / checkout_name
    if checkout.is_dir():
        return checkout
    raise RuntimeError(f"leaflet is installed without its {checkout_name}/ folder; reinstall it")  # pragma: no cover


def templates_dir() -> Path:
    return _shipped("templates", "templates")


def data_dir() -> Path:
    return _shipped("data", "data")


def content_dir() -> Path:
    return data_dir() / "content"


def documents_dir() -> Path:
    return data_dir() / "documents"


def locale_dir() -> Path:
    return data_dir() / "locale"
