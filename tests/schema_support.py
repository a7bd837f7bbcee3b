"""A clinic file as an editor's YAML language server reads it, to check it against the JSON Schema."""

from __future__ import annotations

import re
from typing import Any

from leaflet.load import Mapping, Node, Scalar

# YAML 1.2's core schema, as the YAML language server resolves a plain (unquoted) scalar.
NULL = re.compile(r"~|null|Null|NULL|")
BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


def editor_view(node: Node) -> Any:
    """The value the YAML language server validates: a node's YAML 1.2 reading."""
    if isinstance(node, Mapping):
        return {key.value: editor_view(value) for key, value in node.items}
    if not isinstance(node, Scalar):
        return [editor_view(item) for item in node.items]
    text = node.value
    if node.quoted:
        return text
    if NULL.fullmatch(text):
        return None
    if BOOL.fullmatch(text):
        return text.lower() == "true"
    if INT.fullmatch(text):
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if FLOAT.fullmatch(text):
        return float(text.replace(".", "", 1)) if re.search("(?i)inf|nan", text) else float(text)
    return text
