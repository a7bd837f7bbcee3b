"""What a lint rule reports: a problem at a place in a file, an error or a warning."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from leaflet.plain_text import shown_path

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class LintProblem:
    file: Path
    line: int  # 1-based; 0 for the file as a whole
    column: int  # 1-based; 0 when unknown
    level: Level
    rule: str  # the rule's ID, a key of leaflet.lint.rules.RULES
    message: str

    def __str__(self) -> str:
        """The compiler style editors and CI annotate from: `file:line:col: [level] rule-id message`."""
        return f"{shown_path(self.file)}:{self.line}:{self.column}: [{self.level}] {self.rule} {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "line": self.line,
            "column": self.column,
            "level": self.level,
            "rule": self.rule,
            "message": self.message,
        }
