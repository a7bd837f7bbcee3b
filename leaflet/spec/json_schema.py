"""The clinic file as a JSON Schema (draft 2020-12), for editors: made from the declarations in leaflet.spec.clinic,
as `leaflet schema` makes the reference from them, so a field added there is in both.

An editor with the YAML language server reads it through the modeline `leaflet new` writes (the schema beside the
clinic file), for completion, hover text and the mistakes a schema can show as you type: an unknown key, a word
that is not one of a field's choices, text over its length, a colour or an id of the wrong form. It never refuses
a file `leaflet validate` accepts. The language server reads YAML 1.2, where `postal_code: 87109` is a number and
`in_home: false` a boolean, while leaflet reads every value as the text typed; so a kind that takes any text also
takes a number or a boolean, and an optional field may be left empty (`key:`, `key: ~` or `""`), as the walk
allows. What needs more than the file's own text is left to `leaflet validate`. Only keywords draft-07 has too are
used: the YAML language server validates documents by draft-07, whatever a schema declares.
"""

from __future__ import annotations

import json
from typing import Any

from leaflet import crisis
from leaflet.plain_text import UNSAFE
from leaflet.spec import scalars
from leaflet.spec.kinds import DictOf, Key, Kind, ListOf, Mapping, Retired
from leaflet.spec.scalars import (
    ID,
    Bool,
    Choice,
    Color,
    Country,
    Date,
    Email,
    Font,
    FontBold,
    Hash,
    Id,
    Language,
    Line,
    Logo,
    Pattern,
    PerLanguage,
    PhoneNumber,
    Text,
    Url,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# What the YAML language server may read a value leaflet takes as text as: `name: 2024`, `id: true`.
ANY_TEXT = ["string", "number", "boolean"]
# An optional field left empty: the walk gives it its default.
BLANK: dict[str, Any] = {"type": ["null", "string"], "pattern": r"^\s*$"}
OUT_OF_REACH = (
    "What this schema cannot check is left to `leaflet validate`, which checks it all: that a logo or font file "
    "exists beside the clinic file and is safe, that a phone number is a real one in the clinic's country, that a "
    "colour shows on white, that the fonts have every character, a date not after today, ids that differ between "
    "locations, the checks that join fields (a phone unless every location has one, nasal_spray only with the "
    "intranasal route) and the lint (claims a leaflet must not make, reading level)."
)


def clinic_json_schema() -> dict[str, Any]:
    """The JSON Schema of a clinic file."""
    from leaflet.spec.clinic import CLINIC  # clinic.py reads the content and fonts; only when asked

    return {
        "$schema": DIALECT,
        "title": "leaflet clinic file",
        "description": "One clinic's leaflets: its name, contacts, routes, conditions, languages, locations and "
        f"brand (README, 'The clinic file'). {OUT_OF_REACH}",
        **_mapping(CLINIC),
    }


def clinic_json_schema_text() -> str:
    """The schema as `leaflet schema --format json-schema` writes it: the same bytes on every machine."""
    return json.dumps(clinic_json_schema(), indent=2, ensure_ascii=True) + "\n"


def fragment(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one kind of value."""
    if isinstance(kind, Mapping):
        return _mapping(kind)
    if isinstance(kind, ListOf):
        return _list(kind)
    if isinstance(kind, PerLanguage):
        languages = Language().examples()
        each = _non_empty(fragment(kind.text))
        per_language = {"type": "object", "properties": {code: each for code in languages}}
        return {"anyOf": [fragment(kind.text), {**per_language, "additionalProperties": False, "minProperties": 1}]}
    if isinstance(kind, DictOf):
        return {"type": "object", "propertyNames": fragment(kind.key), "additionalProperties": fragment(kind.value)}
    if isinstance(kind, Retired):
        return {"type": "null", "deprecated": True, "description": kind.message}
    if isinstance(kind, Text):
        return _text(kind)
    if isinstance(kind, Choice):
        return {"type": "string", "enum": list(kind.words)}
    if isinstance(kind, Language):
        return {"type": "string", "enum": list(kind.examples())}
    if isinstance(kind, Bool):  # read in any case: True, FALSE
        return _matching(["boolean", "string"], _any_case("true") + "|" + _any_case("false"), "true or false")
    if isinstance(kind, Country):  # read in any case: us is US
        countries = crisis.supported_countries()
        found = _matching(["string"], "|".join(map(_any_case, countries)), f"one of {', '.join(countries)}")
        return {**found, "examples": list(countries)}
    return _scalar(kind)


def _scalar(kind: Kind) -> dict[str, Any]:
    """A kind of single value whose form is a regular expression, or that takes any text."""
    # The expressions are the very ones the kinds read (private to scalars.py: one declaration of each form).
    if isinstance(kind, Color):
        return _matching(["string"], scalars._COLOR.pattern, "a colour like '#1a6b8c' or '#18c', in quotes")
    if isinstance(kind, Email):
        found = _matching(["string"], scalars._EMAIL.pattern, "an email address like info@example.com")
        return {**found, "maxLength": kind.max_length}
    if isinstance(kind, Url):  # urlsplit reads the scheme in any case
        start = f"{_any_case('http')}[Ss]?://.*"
        return {**_matching(["string"], start, "a web address starting with https://"), "maxLength": kind.max_length}
    if isinstance(kind, Date):
        found = _matching(["string"], scalars._DATE.pattern, "a date like 2026-11-15 (year-month-day)")
        return {**found, "format": "date"}
    if isinstance(kind, Hash):
        return _matching(ANY_TEXT, scalars._HASH.pattern, "the content hash `leaflet review-hash` prints")
    if isinstance(kind, Id):
        return _matching(ANY_TEXT, ID.pattern, "an id: a-z, 0-9 and -, starting with a letter or digit")
    if isinstance(kind, Pattern):
        return _matching(ANY_TEXT, kind.pattern.pattern, kind.what)
    if isinstance(kind, Font):
        from leaflet.fonts.checks import shipped_families

        return {"type": ANY_TEXT, "examples": list(shipped_families())}
    if isinstance(kind, (PhoneNumber, Logo, FontBold)):
        return {"type": ANY_TEXT}
    raise TypeError(f"{type(kind).__name__} has no JSON Schema: add it to leaflet.spec.json_schema.fragment")


def _mapping(mapping: Mapping) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {key.name: _property(key) for key in mapping.keys},
        "required": [key.name for key in mapping.keys if key.required],
        "additionalProperties": False,
    }


def _list(kind: ListOf) -> dict[str, Any]:
    # A list unique by a key of its items (locations by id) is beyond JSON Schema; validate checks it.
    found: dict[str, Any] = {"type": "array", "items": _non_empty(fragment(kind.item))}
    if kind.unique is True:
        found["uniqueItems"] = True
    if not kind.allow_empty:
        found["minItems"] = 1
    return found


def _property(key: Key) -> dict[str, Any]:
    """A key's schema with its description: a required key must have a value, an optional one may be empty."""
    value = _non_empty(fragment(key.kind)) if key.required else {"anyOf": [fragment(key.kind), BLANK]}
    described: dict[str, Any] = {"description": key.doc, "markdownDescription": _markdown(key), **value}
    default = _default(key)
    if default is not None:
        described["default"] = default
    return described


def _markdown(key: Key) -> str:
    """The hover text: the description, then what the reference's other columns say."""
    lines = [key.doc]
    if key.kind.choices():
        lines.append("One of: " + ", ".join(f"`{word}`" for word in key.kind.choices()) + ".")
    if key.kind.limits() != "-":
        lines.append(f"Limits: {key.kind.limits()}.")
    if key.required:
        lines.append("Required.")
    elif key.describe_default() != "optional":
        lines.append(f"Default: {key.describe_default()}.")
    return "\n\n".join(lines)


def _default(key: Key) -> Any:
    if key.describe_default() in ("required", "optional"):
        return None
    if isinstance(key.default, tuple):
        return list(key.default)
    return key.default if isinstance(key.default, (bool, str)) else key.describe_default()


def _text(kind: Text) -> dict[str, Any]:
    # No refused character (leaflet.plain_text.UNSAFE), and for a Line no line break inside the text; the walk
    # strips the text first, so spaces and breaks around it are let through.
    refused = _escaped(UNSAFE.pattern)
    assert refused.startswith("[") and refused.endswith("]"), "UNSAFE is one character class"
    line_break = r"\n" if isinstance(kind, Line) else ""
    allowed = f"[^{line_break}{refused[1:-1]}]*"
    what = "one line of text" if isinstance(kind, Line) else "text"
    message = f"{what} without control or text-direction characters"
    found = _matching(ANY_TEXT, allowed, message)
    return {**found, "maxLength": kind.max_length} if kind.max_length is not None else found


def _non_empty(found: dict[str, Any]) -> dict[str, Any]:
    """A value that must be there: text may not be blank (the walk says "is empty")."""
    types = found.get("type", [])
    return {**found, "minLength": 1} if "string" in types and "minLength" not in found else found


def _matching(types: list[str], pattern: str, what: str) -> dict[str, Any]:
    """Text of a form; around it the spaces that the kinds strip before they read it."""
    anchored = rf"^\s*(?:{pattern})\s*$"
    return {"type": types, "pattern": anchored, "patternErrorMessage": f"must be {what}"}


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


def _escaped(pattern: str) -> str:
    """A Python regular expression that holds raw control characters, written with \\u escapes that both Python's
    `re` and the editors' ECMAScript expressions read."""
    return "".join(c if " " <= c <= "~" else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else c for c in pattern)
