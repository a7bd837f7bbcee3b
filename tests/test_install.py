"""A non-editable install works from any folder: the theme, fonts and content ship inside the package.

The repository is copied first (without its virtual environment, VCS data and build leftovers) and the copy is
installed, because pip builds a source tree in place: installing the checkout itself would write build/ and
leaflet.egg-info/ into it while other work uses it. pip's own configuration (indexes, find-links) is used as is.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, sample_path

pytestmark = pytest.mark.slow

LEFT_OUT_AT_TOP = {".venv", ".git", "build", "dist", "output", ".mypy_cache", ".ruff_cache", ".pytest_cache", "tests"}


def _leave_out(folder: str, names: list[str]) -> set[str]:
    skipped = {name for name in names if name == "__pycache__" or name.endswith(".egg-info")}
    if Path(folder).resolve() == ROOT:
        skipped |= LEFT_OUT_AT_TOP & set(names)
    return skipped


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False, timeout=900, env=env
    )


@pytest.fixture(scope="module")
def venv_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh virtual environment with leaflet installed from a copy of this repository."""
    base = tmp_path_factory.mktemp("install")
    source = base / "leaflet-source"
    shutil.copytree(ROOT, source, ignore=_leave_out, symlinks=True)
    created = run([sys.executable, "-m", "venv", base / "venv"], cwd=base)
    assert created.returncode == 0, created.stderr
    bin_dir = base / "venv" / "bin"
    # An absolute path: a bare folder name would be looked up as a package name on the index.
    installed = run([bin_dir / "python", "-m", "pip", "install", "--quiet", source.resolve()], cwd=base)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    shutil.rmtree(source)  # the installed leaflet must not need the source tree
    return bin_dir


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder with no data/ or templates/ in it: only the installed package can supply them."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def test_install_is_not_editable(venv_bin: Path, elsewhere: Path) -> None:
    probe = (
        "import leaflet, leaflet.resources as r; print(leaflet.__file__); print(r.templates_dir()); print(r.data_dir())"
    )
    result = run([venv_bin / "python", "-c", probe], cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    site_packages = venv_bin.parent / "lib"
    for line in result.stdout.splitlines():
        assert Path(line).resolve().is_relative_to(site_packages.resolve()), line
    package = Path(result.stdout.splitlines()[0]).parent
    assert (package / "templates" / "fonts" / "atkinson-hyperlegible-latin-400-normal.woff2").is_file()
    assert (package / "data" / "content" / "en" / "ptsd.yaml").is_file()
    assert (package / "data" / "documents" / "handout.yaml").is_file()


def test_installed_leaflet_builds_a_clinic_given_by_path(venv_bin: Path, elsewhere: Path) -> None:
    clinic = sample_path("tranquility").resolve()
    result = run([venv_bin / "leaflet", "build", clinic, "--out", "out"], cwd=elsewhere)
    assert result.returncode == 0, result.stdout + result.stderr
    for condition in ("ptsd", "depression", "anxiety"):
        assert (elsewhere / "out" / "tranquility" / f"{condition}.en.pdf").read_bytes().startswith(b"%PDF-")
        assert (elsewhere / "out" / "tranquility" / f"{condition}.en.html").is_file()


def third_party_modules() -> list[str]:
    """The top-level modules leaflet imports that are neither the standard library nor leaflet itself."""
    found: set[str] = set()
    for path in (ROOT / "leaflet").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.partition(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.partition(".")[0])
    return sorted(found - set(sys.stdlib_module_names) - {"leaflet", "__future__"})


def test_every_module_leaflet_imports_is_installed_with_it(venv_bin: Path, elsewhere: Path) -> None:
    modules = third_party_modules()
    assert {"jinja2", "weasyprint", "click", "yaml"} <= set(modules)
    probe = "import importlib.util, sys; print(*[m for m in sys.argv[1:] if importlib.util.find_spec(m) is None])"
    result = run([venv_bin / "python", "-c", probe, *modules], cwd=elsewhere)
    assert (result.returncode, result.stdout.split()) == (0, [])


def test_every_file_the_package_reads_is_installed(venv_bin: Path, elsewhere: Path) -> None:
    result = run([venv_bin / "python", "-c", "import leaflet; print(leaflet.__file__)"], cwd=elsewhere)
    package = Path(result.stdout.strip()).parent
    shipped = [
        path.relative_to(ROOT / "leaflet")
        for path in (ROOT / "leaflet").rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    ]
    assert [str(path) for path in shipped if not (package / path).is_file()] == []


def test_installed_python_dash_m_leaflet_validates(venv_bin: Path, elsewhere: Path) -> None:
    clinic = sample_path("tranquility").resolve()
    result = run([venv_bin / "python", "-m", "leaflet", "validate", clinic], cwd=elsewhere)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == f"{clinic}: ok, 4 warnings"  # sample details, conditions without content


def test_installed_leaflet_reports_invalid_input(venv_bin: Path, elsewhere: Path) -> None:
    clinic = (ROOT / "tests" / "clinics" / "three-problems" / "clinic.yaml").resolve()
    result = run([venv_bin / "leaflet", "validate", clinic], cwd=elsewhere)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == f"{clinic}: 3 problems"
    assert result.stderr.splitlines()[-1] == "Nothing was built."
