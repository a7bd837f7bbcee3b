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
from leaflet.build import build, plan_jobs
from leaflet.build.plan import Job
from leaflet.errors import (
    EXIT_INTERRUPTED,
    EXIT_INVALID_INPUT,
    EXIT_LEAFLET_FAILED,
    EXIT_OK,
    InvalidInput,
    LeafletError,
)
from leaflet.schema import reference_markdown
from leaflet.validate import check_clinics, load_clinics

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
    help="Folder to write <clinic-id>/<document>.<lang>.pdf and .html into.",
)
@click.option("--keep-going", is_flag=True, help="Build the valid clinics even if others are invalid or fail.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def build_command(paths: tuple[Path, ...], out_dir: Path, keep_going: bool, quiet: bool) -> None:
    """Build leaflets for clinic files or folders of them (default: data/clinics)."""
    clinic_paths = list(paths) or [DEFAULT_CLINICS]
    if keep_going:
        clinics, problems = check_clinics(clinic_paths)
        if problems:
            click.echo(InvalidInput(problems), err=True)
    else:
        clinics, problems = load_clinics(clinic_paths), []
    jobs = plan_jobs(clinics)

    def progress(job: Job, error: str | None) -> None:
        if error:
            click.echo(f"failed  {job.describe()}: {error}", err=True)
        elif not quiet:
            click.echo(f"built   {out_dir / job.output}")

    report = build(jobs, out_dir, keep_going=keep_going, on_done=progress)
    if not quiet or report.failed or problems:
        click.echo(
            f"{len(report.built)} built, {len(report.failed)} failed, "
            f"{len(problems)} input problems, in {report.seconds:.1f} s."
        )
    if report.failed or problems:
        sys.exit(EXIT_LEAFLET_FAILED)


@cli.command("validate")
@paths_argument
def validate_command(paths: tuple[Path, ...]) -> None:
    """Check clinic files and report every problem in them; build nothing."""
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
