"""The document definitions, declared once: data/documents/<kind>.yaml lists a kind's sections in order, or its
panels in reading order, each with its sections.

Which sections and panels a kind has is the kind's to say (leaflet.documents.<kind>.SECTIONS, PANELS), so the
shape is made for each kind; a typo fails with its line and column, not in a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from leaflet.load import read_yaml
from leaflet.spec.kinds import Key, ListOf, Mapping, Walk
from leaflet.spec.scalars import Choice, Id


class PanelSections(NamedTuple):
    id: str
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Definition:
    """A kind's definition file: its sections in order, or its panels with theirs."""

    sections: tuple[str, ...] = ()
    panels: tuple[PanelSections, ...] = ()


def shape(allowed: frozenset[str], panels: frozenset[str] = frozenset()) -> Mapping:
    """A definition file of a kind with the sections `allowed`, laid out in `panels` when it has any."""
    sections = ListOf(Choice(tuple(sorted(allowed)), "section"), allow_empty=True)
    name = Key("id", Id(), "The kind's name, as in its file's name.")
    if not panels:
        return Mapping(name, Key("sections", sections, "The document's sections, in order.", required=True))
    panel = Mapping(
        Key("id", Choice(tuple(sorted(panels)), "panel"), "Which panel: where it sits is the kind's.", required=True),
        Key("sections", sections, "The panel's sections, top to bottom.", required=True),
        build=PanelSections,
    )
    return Mapping(name, Key("panels", ListOf(panel, unique="id"), "The panels, in reading order.", required=True))


def read_definition(path: Path, allowed: frozenset[str], panels: frozenset[str] = frozenset()) -> Definition:
    walk = Walk(read_yaml(path))
    values: dict[str, Any] = shape(allowed, panels).walk(walk.source.root, "", walk)
    if not panels:
        walk.finish()
        return Definition(sections=values["sections"])
    laid_out: tuple[PanelSections, ...] = values["panels"]
    node = walk.source.root.get("panels")
    if node is not None and sorted(panel.id for panel in laid_out) != sorted(panels):
        walk.problem(node, "panels", f"must list each panel once: {', '.join(sorted(panels))}")
    walk.finish()
    return Definition(panels=laid_out)
