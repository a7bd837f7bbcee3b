"""The errors leaflet reports to its users, and the exit codes they map to.

Library code raises these; the CLI catches them once, prints them and exits with the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leaflet.plain_text import shown_path

EXIT_OK = 0
EXIT_LEAFLET_FAILED = 1
EXIT_INVALID_INPUT = 2
EXIT_INTERRUPTED = 130  # Ctrl-C (SIGINT): 128 + 2, as a shell reports it
EXIT_TERMINATED = 143  # SIGTERM, what `timeout`, `kill` and CI runners send: 128 + 15


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, with where it is and how to fix it."""

    file: Path
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    field: str  # the field path, like "brand.primary_color" or "routes[1]"; "" for the whole file
    message: str  # what is wrong and how to fix it

    def position(self) -> str:
        return f"{self.line}:{self.column}" if self.line else "-"


class LeafletError(Exception):
    """Base of every error leaflet reports to its user (never a bug)."""

    exit_code = EXIT_LEAFLET_FAILED


class InvalidInput(LeafletError):
    """One or more input files are invalid; nothing was built."""

    exit_code = EXIT_INVALID_INPUT

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.file), p.line, p.column, p.field))
        super().__init__(format_problems(self.problems))


class UsageError(LeafletError):
    """The command was called wrongly (a missing path, a bad option); nothing was built."""

    exit_code = EXIT_INVALID_INPUT


class ReportFileRefused(UsageError):
    """`--json FILE` names a file the build reads or leaflet keeps, or one it cannot write; no report is written."""


class UnsafeLogo(LeafletError):
    """A logo file is refused; the message says why and how to fix it, and starts with a verb ("is ...",
    "has ..."), so the validator can put the file name in front of it."""

    exit_code = EXIT_INVALID_INPUT


class UnsafeFont(LeafletError):
    """A clinic's font file (brand.font) is refused; like UnsafeLogo, the message starts with a verb."""

    exit_code = EXIT_INVALID_INPUT


class RenderFailed(LeafletError):
    """A leaflet could not be rendered; others may have been."""

    exit_code = EXIT_LEAFLET_FAILED


class DoesNotFit(RenderFailed):
    """A leaflet's layout needs more pages than its kind allows (leaflet.render.overflow)."""


class OutputError(LeafletError):
    """An output could not be written (read-only folder, full disk, a path outside --out)."""

    exit_code = EXIT_LEAFLET_FAILED


class ForeignFile(OutputError):
    """A file in the output folder that leaflet did not write as it is: a link, a FIFO, a device, a folder where
    a file should be, or a file larger than any leaflet. Never opened, read, followed or removed."""

    def __init__(self, path: Path, what: str, why: str = "leaflet reads only regular files there") -> None:
        self.path, self.what = path, what
        super().__init__(f"{path}: is {what}; {why} and follows no link: remove it and build again")


class OutputFolderError(OutputError):
    """The output folder cannot be used at all (a file, read-only, missing rights); nothing was built. A usage
    error, found before anything renders, unlike a disk that fills up halfway (exit 1)."""

    exit_code = EXIT_INVALID_INPUT


class Terminated(BaseException):
    """The build was sent SIGTERM. Like KeyboardInterrupt (Ctrl-C) a BaseException, so that no `except Exception`
    swallows it: the build stops its workers, saves the manifest and exits 143."""

    exit_code = EXIT_TERMINATED


def format_problems(problems: list[Problem]) -> str:
    """Format problems grouped by file, aligned in columns, the way `leaflet validate` prints them."""
    lines: list[str] = []
    by_file: dict[Path, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    for file, found in by_file.items():
        count = f"{len(found)} problem" + ("s" if len(found) != 1 else "")
        lines.append(f"{shown_path(file)}: {count}")
        pos_width = max(len(p.position()) for p in found)
        field_width = max(len(p.field) for p in found)
        for p in found:
            lines.append(f"  {p.position():<{pos_width}}  {p.field:<{field_width}}  {p.message}".rstrip())
    return "\n".join(lines)
