"""The `leaflet` command: parse options, call the library, report. No logic lives here.

Exit codes: 0 all built; 1 a leaflet failed; 2 invalid input or usage, nothing built; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from pathlib import Path

import click

from leaflet import __version__
from leaflet.batch import BuildOptions, build_clinics, format_plan, plan_build, progress_for, read_clinics, usable_cores
from leaflet.errors import (
    EXIT_INTERRUPTED,
    EXIT_INVALID_INPUT,
    EXIT_LEAFLET_FAILED,
    EXIT_OK,
    InvalidInput,
    LeafletError,
)
from leaflet.schema import reference_markdown
from leaflet.validate import load_clinics

DEFAULT_CLINICS = Path("data/clinics")
paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="leaflet")
def cli() -> None:
    """Build branded patient-information leaflets (PDF and HTML) from clinic files.

    Exit codes: 0 ok, 1 a leaflet failed, 2 invalid input or usage (nothing built), 130 interrupted.
    """


@cli.command("build")
@paths_argument
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder to write <clinic-id>/<document>.<lang>.pdf and .html into, with an index.html gallery.",
)
@click.option("--keep-going", is_flag=True, help="Build the valid clinics even if others are invalid or fail.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help=f"Worker processes [default: the usable cores, here {usable_cores()}]; 0 renders in this process, "
    "without time or memory limits.",
)
@click.option("--force", is_flag=True, help="Rebuild every output, even those up to date.")
@click.option("--prune", is_flag=True, help="Remove outputs of clinics and documents that are gone.")
@click.option("--dry-run", is_flag=True, help="Print what would be built and why; write nothing.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    metavar="SECONDS",
    show_default=True,
    help="Seconds one document may take; a slower one is stopped and reported failed.",
)
@click.option(
    "--max-memory",
    type=click.IntRange(min=256),
    default=1536,
    metavar="MIB",
    show_default=True,
    help="MiB of memory one worker may use; a render that needs more is stopped and reported failed.",
)
@click.option(
    "--json",
    "json_file",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Also write a report for scripts to FILE (its format: `pydoc leaflet.batch.report`).",
)
def build_command(
    paths: tuple[Path, ...],
    out_dir: Path,
    keep_going: bool,
    quiet: bool,
    jobs: int | None,
    force: bool,
    prune: bool,
    dry_run: bool,
    timeout: float,
    max_memory: int,
    json_file: Path | None,
) -> None:
    """Build leaflets for clinic files or folders of them (default: data/clinics); skip what is up to date.

    A folder gives the *.yaml and *.yml files directly inside it, in any case; hidden files (.x.yaml, a Mac's
    ._x.yaml) are skipped with a warning.
    """
    clinics, problems = read_clinics(list(paths) or [DEFAULT_CLINICS], keep_going)
    if problems:
        click.echo(InvalidInput(problems), err=True)
    if dry_run:
        click.echo(format_plan(plan_build(clinics, out_dir, force=force)))
        sys.exit(EXIT_LEAFLET_FAILED if problems else EXIT_OK)
    options = BuildOptions(
        jobs=jobs, keep_going=keep_going, force=force, prune=prune, timeout=timeout, max_memory_mib=max_memory
    )
    report = build_clinics(clinics, out_dir, options, problems, progress_for(out_dir, quiet))
    if json_file:
        report.write_json(json_file)
    if not quiet or report.exit_code:
        click.echo(report.summary())
    sys.exit(report.exit_code)


@cli.command("validate")
@paths_argument
def validate_command(paths: tuple[Path, ...]) -> None:
    """Check clinic files and report every problem in them; build nothing.

    A folder gives the *.yaml and *.yml files directly inside it, in any case; hidden files (.x.yaml, a Mac's
    ._x.yaml) are skipped with a warning.
    """
    clinics = load_clinics(list(paths) or [DEFAULT_CLINICS])
    for clinic in clinics:
        click.echo(f"{clinic.source}: ok")


@cli.command("schema")
def schema_command() -> None:
    """Print the clinic file reference (every field, its default and meaning) as Markdown."""
    click.echo(reference_markdown())


def main() -> None:
    """Run the CLI, turning every error into a message and an exit code; a traceback only for a bug."""
    try:
        cli.main(standalone_mode=False, prog_name="leaflet")
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_INVALID_INPUT)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("Interrupted; files already written are whole, nothing else was written.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except InvalidInput as exc:
        click.echo(str(exc), err=True)
        click.echo("Nothing was built.", err=True)
        sys.exit(exc.exit_code)
    except LeafletError as exc:
        click.echo(f"leaflet: {exc}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:
        sys.exit(_report_bug(exc))
    sys.exit(EXIT_OK)


def _report_bug(exc: BaseException) -> int:
    with tempfile.NamedTemporaryFile("w", prefix="leaflet-crash-", suffix=".log", delete=False) as log:
        traceback.print_exception(exc, file=log)
    click.echo(
        f"leaflet: internal error (a bug in leaflet, not in your files): {type(exc).__name__}: {exc}. "
        f"The details are in {log.name}; please report it.",
        err=True,
    )
    return EXIT_LEAFLET_FAILED
