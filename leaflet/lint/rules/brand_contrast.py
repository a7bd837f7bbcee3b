"""brand-contrast: a brand colour too light to read as text on white, which the leaflets darken (see
leaflet.colors.readable_on_white): the clinic should know its colour is not printed as given. A warning."""

from __future__ import annotations

from collections.abc import Iterator

from leaflet.colors import AA_CONTRAST, contrast, readable_on_white
from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.targets import Role, Target
from leaflet.lint.text import field

ID = "brand-contrast"
LEVEL: Level = "warning"
TARGETS: frozenset[Role] = frozenset({"clinic"})
DESCRIPTION = "a brand colour darkened for 4.5:1 contrast: the original, the shade used and the ratios"


def check(target: Target) -> Iterator[LintProblem]:
    if target.clinic is None:
        return
    given = target.clinic.brand.primary_color
    used = readable_on_white(given)
    if used == given:
        return
    node = field(target.source.root, "brand.primary_color") or target.source.root
    yield target.problem(
        ID,
        target.level(LEVEL),
        node.line,
        node.column,
        f"primary_color {given} has {contrast(given, '#ffffff'):.2f}:1 contrast on white; text in it is printed "
        f"in {used} ({contrast(used, '#ffffff'):.2f}:1), a darker shade of it that reaches the {AA_CONTRAST}:1 "
        "text needs: the headings, links and masthead band. Choose a darker colour to print your own",
    )
