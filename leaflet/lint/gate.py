"""`leaflet build` lints first: a clinic whose own text has a lint error is refused like an invalid one (exit 2,
nothing built; with --keep-going the others build), and its lint warnings become build warnings.

Only the clinic files are linted here: the shipped content is linted by the tests and CI and by
`leaflet lint --content`, so an up-to-date rebuild pays for reading each clinic file once more, not for the
content (nor for Pyphen, which only a clinic's long `about` loads).
"""

from __future__ import annotations

from leaflet.errors import InvalidInput, Problem
from leaflet.lint.engine import errors, lint_clinics
from leaflet.model import Clinic


def lint_before_build(
    clinics: list[Clinic], keep_going: bool
) -> tuple[list[Clinic], list[Problem], list[tuple[str, str]]]:
    """The clinics without lint errors, each refused clinic's errors as input problems (raised as InvalidInput
    unless `keep_going`), and the warnings as (clinic id, message)."""
    found = lint_clinics(clinics)
    refused = [Problem(p.file, p.line, p.column, p.rule, p.message) for p in errors(found)]
    if refused and not keep_going:
        raise InvalidInput(refused)
    bad_files = {p.file for p in refused}
    by_file = {clinic.source: clinic.id for clinic in clinics}
    warnings = [
        (by_file[p.file], f"{p.file}:{p.line}:{p.column}: {p.rule} {p.message}")
        for p in found
        if p.level == "warning" and p.file not in bad_files
    ]
    return [c for c in clinics if c.source not in bad_files], refused, warnings
