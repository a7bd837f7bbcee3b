"""The README shows real output: its clinic-file table and its problem report come from the code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from leaflet.schema import reference_markdown

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_schema_table_is_the_output_of_leaflet_schema() -> None:
    match = re.search(r"<!-- schema:start -->\n(.*?)\n<!-- schema:end -->", README, re.S)
    assert match, "README lost its schema markers"
    assert match.group(1) == reference_markdown()


def test_problem_report_example_is_what_validate_prints() -> None:
    example = ROOT / "tests" / "clinics" / "readme-example" / "northside.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "leaflet", "validate", str(example.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    printed = result.stderr.replace("tests/clinics/readme-example/", "clinics/")
    assert printed.strip() in README


def test_readme_gives_the_two_setup_commands() -> None:
    assert "make demo" in README
    assert "make test" in README
