"""Shell completion as docs/editors-and-shells.md gives it: each shell's line, run as written, prints leaflet's
completion script, and the script's requests are answered."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

DOC = ROOT / "docs" / "editors-and-shells.md"
BIN = Path(sys.executable).parent  # where the console script `leaflet` is installed
SHELLS = ("bash", "zsh", "fish")
# What each shell's script holds: the function it defines and how it registers it for `leaflet`.
SCRIPT_MARKS = {
    "bash": ("_leaflet_completion()", "complete -o nosort -F _leaflet_completion leaflet"),
    "zsh": ("#compdef leaflet", "compdef _leaflet_completion leaflet"),
    "fish": ("function _leaflet_completion", "complete --no-files --command leaflet"),
}


def documented_line(shell: str) -> str:
    """The line the page gives for a shell: the only one in its code block."""
    blocks = re.findall(rf"```{shell}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 1, f"docs/editors-and-shells.md needs one ```{shell} block"
    [line] = blocks[0].strip().splitlines()
    return line


def source_command(line: str) -> tuple[dict[str, str], list[str]]:
    """The environment variable and command a documented line runs to get the script."""
    match = re.search(r"(_LEAFLET_COMPLETE)=(\w+) (leaflet)\b", line)
    assert match, line
    return {match[1]: match[2]}, [match[3]]


def leaflet_environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **extra}


@pytest.mark.parametrize("shell", SHELLS)
def test_each_shells_documented_line_prints_a_completion_script(shell: str) -> None:
    variables, command = source_command(documented_line(shell))
    assert variables == {"_LEAFLET_COMPLETE": f"{shell}_source"}
    done = subprocess.run(command, env=leaflet_environment(**variables), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    for mark in SCRIPT_MARKS[shell]:
        assert mark in done.stdout, done.stdout


def test_the_bash_line_registers_completion_for_leaflet_in_bash() -> None:
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    script = f"{documented_line('bash')}\ncomplete -p leaflet"
    done = subprocess.run(["bash", "-c", script], env=leaflet_environment(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "complete -o nosort -F _leaflet_completion leaflet"


@pytest.mark.parametrize(
    ("words", "expected"),
    [("leaflet ne", ["plain,new"]), ("leaflet schema --format ", ["plain,markdown", "plain,json-schema"])],
)
def test_a_completion_request_is_answered_with_leaflets_commands_and_words(words: str, expected: list[str]) -> None:
    environment = leaflet_environment(
        _LEAFLET_COMPLETE="bash_complete", COMP_WORDS=words, COMP_CWORD=str(len(words.split(" ")) - 1)
    )
    done = subprocess.run(["leaflet"], env=environment, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == expected
