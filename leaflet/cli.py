"""The `leaflet` command: parse options, call the library, report. No logic lives here.

Exit codes: 0 all built; 1 a leaflet failed; 2 invalid input or usage (an unusable --out too), nothing built;
130 interrupted (Ctrl-C); 143 stopped by SIGTERM (`timeout`, `kill`, a CI runner). An interrupted build leaves
only whole files and saves its manifest.
"""

from __future__ import annotations

import math
import os
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TypeVar

import click

from leaflet import __version__, clock, resources, review
from leaflet.batch import (
    BuildOptions,
    BuildReport,
    build_clinics,
    format_plan,
    plan_build,
    progress_for,
    usable_cores,
)
from leaflet.batch.plan import FORMATS, language_notes, plan_warnings
from leaflet.batch.report import reporting
from leaflet.batch.report_file import check_report_file
from leaflet.batch.run import WORKERS_PER_CORE, read_and_lint
from leaflet.documents import KINDS
from leaflet.errors import (
    EXIT_INTERRUPTED,
    EXIT_INVALID_INPUT,
    EXIT_LEAFLET_FAILED,
    EXIT_OK,
    EXIT_TERMINATED,
    InvalidInput,
    LeafletError,
    Terminated,
)
from leaflet.plain_text import shown_path
from leaflet.print_profile import profile_problems
from leaflet.render.formats import PRINT
from leaflet.render.print_ready import PrintOptions
from leaflet.schema import reference_markdown
from leaflet.starter import MAX_LOCATIONS, write_starter
from leaflet.validate import load_clinics

DEFAULT_CLINICS = Path("data/clinics")
paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
STOPPED = "files already written are whole, nothing else was written."


class NonEmptyPath(click.Path):
    """A path that is not "": Path("") is the current folder, never what `--out "$UNSET_VARIABLE"` meant."""

    def convert(
        self, value: str | os.PathLike[str], param: click.Parameter | None, ctx: click.Context | None
    ) -> str | bytes | os.PathLike[str]:
        if isinstance(value, str) and not value.strip():
            self.fail("is empty; name a file or folder", param, ctx)
        return super().convert(value, param, ctx)


def finite(ctx: click.Context, param: click.Parameter, value: float) -> float:
    # FloatRange lets nan through (every comparison with nan is false), and nan or inf would turn the limit off.
    if not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number of seconds, like 60")
    return value


def language_codes(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...] | None:
    """`--lang es --lang en` or `--lang es,en`: languages with content, in the order given; None when not given."""
    if not value:
        return None
    from leaflet.content import available_languages

    codes = tuple(dict.fromkeys(code.strip() for item in value for code in item.split(",") if code.strip()))
    unknown = [code for code in codes if code not in available_languages()] if codes else ["(empty)"]
    if unknown:
        available = ", ".join(available_languages())
        raise click.BadParameter(f"{', '.join(unknown)}: no content in that language; languages available: {available}")
    return codes


Command = TypeVar("Command", bound=Callable[..., object])


def kinds_option(help_text: str) -> Callable[[Command], Command]:
    """`--kind KIND`, repeatable, into `kinds`: the document kinds a command builds or shows (build, preview)."""
    return click.option("--kind", "kinds", multiple=True, type=click.Choice(tuple(KINDS)), help=help_text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="leaflet")
def cli() -> None:
    """Build branded patient-information leaflets (PDF and HTML) from clinic files.

    Exit codes: 0 ok, 1 a leaflet failed, 2 invalid input or usage (nothing built), 130 interrupted (Ctrl-C),
    143 stopped by SIGTERM.
    """
    clock.source_date_epoch()  # a malformed SOURCE_DATE_EPOCH stops every command before it reads a file (exit 2)


@cli.command("build")
@paths_argument
@click.option(
    "--out",
    "out_dir",
    type=NonEmptyPath(path_type=Path),
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
    help=f"Worker processes [default: the usable cores, here {usable_cores()}; at most {WORKERS_PER_CORE} a core]; "
    "0 renders in this process, without time or memory limits.",
)
@kinds_option(
    "Build only this kind of document; repeat for more [default: every kind]. Other kinds' files are left alone."
)
@click.option(
    "--lang",
    "languages",
    multiple=True,
    callback=language_codes,
    metavar="CODE",
    help="Build only this language, of those each clinic lists (repeat, or separate with commas) [default: all "
    "of them]. A clinic that does not list it is skipped with a note. Other languages' files are left alone.",
)
@click.option("--force", is_flag=True, help="Rebuild every output, even those up to date.")
@click.option(
    "--prune",
    is_flag=True,
    help="Remove the outputs this build shows to be stale: documents a clinic of this build no longer asks for, "
    "and clinics whose file was deleted from a folder given to this build. Never a file changed by hand.",
)
@click.option(
    "--take-over",
    "take_over",
    multiple=True,
    metavar="ID",
    help="Let this build's clinic with id ID replace the leaflets another clinic file built with that id into "
    "--out (refused otherwise: exit 2). Repeatable.",
)
@click.option("--dry-run", is_flag=True, help="Print what would be built and removed, and why; write nothing.")
@click.option(
    "--no-lint",
    "no_lint",
    is_flag=True,
    help="Build without linting the clinic files first (a clinic with a lint error is refused otherwise).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    metavar="SECONDS",
    show_default=True,
    callback=finite,
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
    "--print-ready",
    "print_ready",
    is_flag=True,
    help="Also write <document>.<lang>.print.pdf beside each PDF for a print shop: 3 mm bleed on every side, "
    "TrimBox and BleedBox; PDF/X-4 with a CMYK profile (--icc, or print.icc beside the clinic file), else sRGB.",
)
@click.option(
    "--proof", is_flag=True, help="Print files with crop marks, for a person to check (implies --print-ready)."
)
@click.option(
    "--icc",
    type=NonEmptyPath(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="The print shop's CMYK output profile (.icc) for every clinic's print files: PDF/X-4 (implies "
    "--print-ready). Without it, a clinic's print.icc beside its file is used.",
)
@click.option(
    "--json",
    "json_file",
    type=NonEmptyPath(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="Also write a report for scripts to FILE, however the build ends (its format: `python -m pydoc "
    "leaflet.batch.report`, with the Python leaflet is installed in). Never a file the build reads, one leaflet "
    "keeps in --out, or an existing file that is not an earlier report (exit 2, nothing built).",
)
def build_command(
    paths: tuple[Path, ...],
    out_dir: Path,
    keep_going: bool,
    quiet: bool,
    jobs: int | None,
    kinds: tuple[str, ...],
    languages: tuple[str, ...] | None,
    force: bool,
    prune: bool,
    take_over: tuple[str, ...],
    dry_run: bool,
    no_lint: bool,
    timeout: float,
    max_memory: int,
    print_ready: bool,
    proof: bool,
    icc: Path | None,
    json_file: Path | None,
) -> None:
    """Build leaflets for clinic files or folders of them (default: data/clinics); skip what is up to date.

    One build at a time writes into a folder: another waits for it. A folder gives the *.yaml and *.yml files
    directly inside it, in any case; hidden files (.x.yaml, a Mac's ._x.yaml) and what is not a regular file are
    skipped with a warning.
    """
    inputs = list(paths) or [DEFAULT_CLINICS]
    formats = (*FORMATS, PRINT) if print_ready or proof or icc else FORMATS
    printing = PrintOptions(marks=proof, icc=icc)
    if no_lint:
        click.echo("leaflet: --no-lint: the clinic files were not linted", err=True)
    if dry_run:
        clinics, problems, _ = read_and_lint(inputs, keep_going, lint=not no_lint)
        if problems:
            click.echo(InvalidInput(problems), err=True)
        _notes(language_notes(clinics, languages), quiet)
        plan = plan_build(
            clinics,
            out_dir,
            force=force,
            inputs=inputs,
            take_over=frozenset(take_over),
            kinds=kinds or tuple(KINDS),
            languages=languages,
            formats=formats,
            printing=printing,
        )
        click.echo(format_plan(plan, prune))
        sys.exit(EXIT_LEAFLET_FAILED if problems else EXIT_OK)
    options = BuildOptions(
        jobs=jobs,
        keep_going=keep_going,
        force=force,
        prune=prune,
        timeout=timeout,
        max_memory_mib=max_memory,
        kinds=kinds or tuple(KINDS),
        languages=languages,
        take_over=frozenset(take_over),
        formats=formats,
        printing=printing,
    )
    if json_file is not None:  # before anything is read or built
        check_report_file(json_file, out_dir, [*inputs, *([icc] if icc else [])])
    with reporting(BuildReport(out_dir), json_file) as report:
        clinics, report.problems, report.notices = read_and_lint(inputs, keep_going, lint=not no_lint)
        if report.problems:
            click.echo(InvalidInput(report.problems), err=True)
        _notes(language_notes(clinics, languages), quiet)
        build_clinics(clinics, out_dir, options, progress=progress_for(out_dir, quiet), inputs=inputs, report=report)
    if not quiet:
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
    if not quiet or report.exit_code:
        click.echo(report.summary())
    sys.exit(report.exit_code)


@cli.command("validate")
@paths_argument
def validate_command(paths: tuple[Path, ...]) -> None:
    """Check clinic files as a build does before it renders, lint included, and report every problem in them
    (exit 2 if a build would refuse one) and what a build would warn about; build nothing.

    A folder gives the *.yaml and *.yml files directly inside it, in any case; hidden files (.x.yaml, a Mac's
    ._x.yaml) and what is not a regular file are skipped with a warning. A print.icc beside a clinic file is checked
    as `build --print-ready` checks it.
    """
    # The build's own checks (read_and_lint), so that what validate accepts a build never refuses; every file's
    # problems at once, as --keep-going collects them, where a build stops at the first invalid file.
    clinics, problems, lint_warnings = read_and_lint(list(paths) or [DEFAULT_CLINICS], keep_going=True)
    # A print.icc beside a clinic file is read only by `build --print-ready`, which refuses a bad one: so does this.
    profiles = PrintOptions().profile_source
    problems += profile_problems(source for clinic in clinics if (source := profiles(clinic)))
    if problems:
        raise InvalidInput(problems)
    for clinic in clinics:
        warnings = [w.message for w in lint_warnings if w.clinic == clinic.id] + plan_warnings(clinic)
        count = f", {len(warnings)} warning{'s' if len(warnings) > 1 else ''}" if warnings else ""
        click.echo(f"{shown_path(clinic.source)}: ok{count}")
        for warning in warnings:
            click.echo(f"  warning: {warning}")


@cli.command("lint")
@paths_argument
@click.option("--content", is_flag=True, help="Lint the shipped content (data/content/<lang>/*.yaml); with PATHs too.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="text: one `file:line:col: [level] rule-id message` line each; json: for tools.",
)
def lint_command(paths: tuple[Path, ...], content: bool, output_format: str) -> None:
    """Check the words of clinic files (default: data/clinics) for claims a leaflet must not make, reading level
    and placeholder details; exit 1 if any is an error. Rules: see README, "Lint"."""
    from leaflet.lint import engine

    problems = engine.lint_content() if content else []
    if paths or not content:
        problems += engine.lint_clinics(load_clinics(list(paths) or [DEFAULT_CLINICS]))
    if output_format == "json":
        click.echo(engine.format_json(problems))
    elif problems:
        click.echo(engine.format_text(problems))
    click.echo(engine.summary(problems), err=True)
    sys.exit(EXIT_LEAFLET_FAILED if engine.errors(problems) else EXIT_OK)


@cli.command("schema")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("markdown", "json-schema")),
    default="markdown",
    show_default=True,
    help="markdown: the reference table of the README; json-schema: a JSON Schema (draft 2020-12) for editors.",
)
def schema_command(output_format: str) -> None:
    """Print the clinic file reference (every field, its default and meaning) as Markdown, or as a JSON Schema
    for an editor's completion and hover text (docs/editors-and-shells.md)."""
    if output_format == "json-schema":
        from leaflet.spec.json_schema import clinic_json_schema_text

        click.echo(clinic_json_schema_text(), nl=False)
    else:
        click.echo(reference_markdown())


@cli.command("new")
@click.argument("file", type=NonEmptyPath(path_type=Path, dir_okay=False))
@click.option("--name", help="The clinic's name (and its id, made from it) [default: an example name].")
@click.option(
    "--locations",
    type=click.IntRange(1, MAX_LOCATIONS),
    default=1,
    show_default=True,
    metavar="N",
    help=f"How many locations to write, 1 to {MAX_LOCATIONS}.",
)
@click.option("--force", is_flag=True, help="Replace FILE (and a clinic.schema.json beside it) if it exists.")
def new_command(file: Path, name: str | None, locations: int, force: bool) -> None:
    """Write a clinic file to start from: every field under its description, placeholder contacts (its leaflets
    are marked SAMPLE until the real ones are in), and clinic.schema.json beside it for editors. It validates and
    builds as it is."""
    for written in write_starter(file, name=name, locations=locations, force=force):
        click.echo(f"wrote {written}", err=True)


@cli.command("review-hash")
@paths_argument
def review_hash_command(paths: tuple[Path, ...]) -> None:
    """Print, for each clinic file, the hash of the content its leaflets are made from and the files it covers.

    When a clinician has reviewed that content for the clinic, write the hash under `medical_review: content:`;
    the sign-off then lapses as soon as any of those files changes (README, 'Medical review').
    """
    for clinic in load_clinics(list(paths) or [DEFAULT_CLINICS]):
        click.echo(f"{shown_path(clinic.source)}: {review.content_hash(clinic)}")
        for path in review.covered_files(clinic):
            click.echo(f"  {path.relative_to(resources.data_dir()).as_posix()}")


@cli.command("translation-hash")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--write", is_flag=True, help="Write the block into each file (replacing its own) instead of printing.")
def translation_hash_command(paths: tuple[Path, ...], write: bool) -> None:
    """Print the `translated_from:` block of translated content files (data/content/<lang>/<name>.yaml): the hash
    of each unit of the English file data/content/en/<name>.yaml as it is now.

    Record it once each translated section says what the English says; `leaflet lint --content` then reports a
    section whose English changes later (translation-stale). See CONTRIBUTING.md, 'Add a language'.
    """
    from leaflet import translation

    for path in paths:
        block = translation.block(path)
        if write:
            translation.write_block(path, block)
            click.echo(f"{shown_path(path)}: translated_from written", err=True)
        else:
            click.echo(f"# {shown_path(path)}\n{block}" if len(paths) > 1 else block, nl=False)


@cli.command("preview")
@click.argument("clinic", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@kinds_option("Show only this kind of document; repeat for more [default: every kind].")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port on 127.0.0.1; 0: any free one."
)
def preview_command(clinic: Path, kinds: tuple[str, ...], port: int) -> None:
    """Serve a clinic's leaflets (HTML, and each PDF page as a picture) on 127.0.0.1, rebuild them when the clinic
    file, its logo or its font is saved, and reload the open pages. Ctrl-C stops it (exit 130)."""
    from leaflet.preview import serve_preview

    try:
        serve_preview(clinic, kinds or tuple(KINDS), port, lambda text, err: click.echo(text, err=err))
    except KeyboardInterrupt:
        click.echo("Preview stopped; its temporary build was removed.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Terminated:
        click.echo("Preview stopped by SIGTERM; its temporary build was removed.", err=True)
        sys.exit(EXIT_TERMINATED)


def main() -> None:
    """Run the CLI, turning every error into a message and an exit code; a traceback only for a bug."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli.main(standalone_mode=False, prog_name="leaflet")
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_INVALID_INPUT)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo(f"Interrupted; {STOPPED}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Terminated:
        click.echo(f"Stopped by SIGTERM; {STOPPED}", err=True)
        sys.exit(EXIT_TERMINATED)
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


def _notes(notes: list[str], quiet: bool) -> None:
    for note in [] if quiet else notes:
        click.echo(f"note: {note}", err=True)


def _terminate(signum: int, frame: FrameType | None) -> None:
    # Like Ctrl-C's KeyboardInterrupt: unwinds to main(), saving the manifest and the --json report on the way.
    raise Terminated


def _report_bug(exc: BaseException) -> int:
    with tempfile.NamedTemporaryFile("w", prefix="leaflet-crash-", suffix=".log", delete=False) as log:
        traceback.print_exception(exc, file=log)
    click.echo(
        f"leaflet: internal error (a bug in leaflet, not in your files): {type(exc).__name__}: {exc}. "
        f"The details are in {log.name}; please report it.",
        err=True,
    )
    return EXIT_LEAFLET_FAILED
