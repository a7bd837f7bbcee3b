"""placeholder-contact: a phone number in the fictional 555-0100..0199 range, or an email address or web address
at example.com/.org/.net: not the clinic's real details. A warning; until they are replaced every leaflet of the
clinic carries "SAMPLE — NOT FOR DISTRIBUTION" (Clinic.placeholder_contact)."""

from __future__ import annotations

from collections.abc import Iterator

from leaflet.lint.placeholder import is_fictional_phone, is_reserved_address
from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.targets import Role, Target
from leaflet.lint.text import fields
from leaflet.load import Mapping, Scalar

ID = "placeholder-contact"
LEVEL: Level = "warning"
TARGETS: frozenset[Role] = frozenset({"clinic"})
DESCRIPTION = "a 555-01xx phone number or an example.com address: the leaflets are marked as samples"
ADDRESSES = ("email", "website", "booking_url")


def check(target: Target) -> Iterator[LintProblem]:
    clinic = target.clinic
    if clinic is None:
        return
    root = target.source.root
    # The validator keeps the file's order of locations, so each location's node pairs with its model.
    places = zip(fields(root, "locations[]"), clinic.locations, strict=False)
    phones = [(root.get("phone"), clinic.phone)]
    phones += [(node.get("phone") if isinstance(node, Mapping) else None, loc.phone) for node, loc in places]
    for node, phone in phones:
        if isinstance(node, Scalar) and phone is not None and is_fictional_phone(phone.e164):
            yield _problem(target, node, f"{phone.display} is a fictional number (555-0100 to 555-0199)")
    for name in ADDRESSES:
        node = root.get(name)
        value = getattr(clinic, name)
        if isinstance(node, Scalar) and value and is_reserved_address(value):
            yield _problem(target, node, f"{name} {value} is an example address")


def _problem(target: Target, node: Scalar, what: str) -> LintProblem:
    return target.problem(
        ID,
        target.level(LEVEL),
        node.line,
        node.column,
        f"{what}; its leaflets are marked SAMPLE — NOT FOR DISTRIBUTION until the real details are in",
    )
