"""``calllog import``: bring export files into the case."""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from calllog.case import Case
from calllog.cli.options import case_option, count, open_case
from calllog.errors import SettingsError
from calllog.ingest import FileResult, ImportOptions, import_files, preview
from calllog.model import ContactCard, Record, Skip
from calllog.phone import normalise_number
from calllog.timeutil import local_iso

# below this size a progress bar only flickers
PROGRESS_MIN_BYTES = 4 * 1024 * 1024


def read_mapping(path: Path | None) -> dict[str, Any] | None:
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise SettingsError(f"The mapping file {path} cannot be opened ({error.strerror}).") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError(
            f"The mapping file {path} is not valid TOML: {error}.",
            hint="See the example mapping in the README.",
        ) from None


class ProgressBars:
    """A progress bar per big file, on a terminal only (never in a log)."""

    def __init__(self) -> None:
        self.open: list[Any] = []

    def __call__(self, name: str, size: int) -> Callable[[int], None] | None:
        if size < PROGRESS_MIN_BYTES or not sys.stderr.isatty():
            return None
        bar = click.progressbar(length=size, label=f"Reading {name}", file=sys.stderr)
        bar.__enter__()
        self.open.append(bar)
        shown = [0]

        def update(done: int) -> None:
            bar.update(max(0, done - shown[0]))
            shown[0] = max(shown[0], done)

        return update

    def close(self) -> None:
        for bar in self.open:
            bar.__exit__(None, None, None)
        self.open.clear()


def _without_own_name(message: str, result: FileResult) -> str:
    """The line already starts with the file's name: "It is empty", not
    "calls.xml: not imported. calls.xml is empty"."""
    for own in (result.name, result.path.name, str(result.path)):
        if message.startswith(own + " "):
            return "It " + message[len(own) + 1:]
    return message


def describe_result(result: FileResult) -> str:
    name = result.name
    if result.error is not None:
        hint = f" {result.error.hint}" if result.error.hint else ""
        return f"{name}: not imported. {_without_own_name(result.error.message, result)}{hint}"
    if result.already_imported:
        return f"{name}: already in the case (same SHA-256), nothing changed."
    plural = "name" if result.names == 1 else "names"
    names = f" {count(result.names)} {plural} put on numbers." if result.names else ""
    return (
        f"{name} ({result.format}): {count(result.read)} read, {count(result.imported)} new, "
        f"{count(result.known)} already known, {count(result.skipped)} skipped.{names}"
    )


def summarise(results: list[FileResult]) -> str:
    done = [r for r in results if not r.failed and not r.already_imported]
    again = sum(r.already_imported for r in results)
    failed = sum(r.failed for r in results)
    files = f"{count(len(results))} file" + ("s" if len(results) != 1 else "")
    parts = [f"{count(len(done))} imported", f"{count(again)} already in the case", f"{count(failed)} failed"]
    totals = (
        f"Records: {count(sum(r.read for r in done))} read, {count(sum(r.imported for r in done))} new events, "
        f"{count(sum(r.known for r in done))} already known, {count(sum(r.skipped for r in done))} skipped."
    )
    return f"{files}: {', '.join(parts)}. {totals}"


def show_preview(case: Case, path: Path, options: ImportOptions) -> None:
    importer, lines, first = preview(case, path, options)
    click.echo(f"{path.name}: {importer.title} (format '{importer.name}')")
    for line in lines:
        click.echo(f"  {line}")
    if not lines:  # the importer said nothing of its own: show the first records as read
        click.echo(f"  First {len(first)} records as read (times in {case.tz.key}):")
        for item in first:
            click.echo(f"    {_preview_line(case, item)}")
    click.echo("Nothing was imported (dry run).")


def _preview_line(case: Case, item: Record | Skip | ContactCard) -> str:
    if isinstance(item, Skip):
        return f"{item.locator}: skipped, {item.reason}"
    if isinstance(item, ContactCard):
        return f"{item.locator}: {item.name}: {', '.join(item.numbers)}"
    party = normalise_number(item.party_raw, case.region, item.withheld_hint)
    duration = "" if item.duration_s is None else f", {item.duration_s:g} s"
    return (
        f"{item.locator}: {local_iso(item.instant_utc, case.tz)} {item.channel.value} {item.direction.value} "
        f"{item.status.value} {party.party} ({party.quality.value}){duration}"
    )


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "format_name", metavar="NAME", help="Read the files as this format (see 'calllog formats').")
@click.option("--owner", metavar="NUMBER", help="The owner line these files belong to.")
@click.option("--tz", "tz_name", metavar="ZONE", help="Time zone of local times written in the files (default: the case's).")
@click.option("--mapping", type=click.Path(dir_okay=False, path_type=Path),
              help="A TOML file describing the columns of a table calllog cannot guess.")
@click.option("--me", multiple=True, metavar="NAME",
              help="Your own name (or e-mail address) as a chat export or mailbox shows it. Repeatable.")
@click.option("--dry-run", is_flag=True, help="Show what calllog understands of each file; import nothing.")
@case_option
def import_command(files: tuple[Path, ...], format_name: str | None, owner: str | None, tz_name: str | None,
                   mapping: Path | None, me: tuple[str, ...], dry_run: bool, case_dir: Path | None) -> None:
    """Import export files (call logs, messages, operator usage) into the case.

    Every file is kept unchanged in the case's originals folder. Importing a
    file again changes nothing.

    \b
    Example:
      calllog import calls-20260430.xml sms-20260430.xml operator-2026-03.csv
      calllog import --dry-run operator-2026-03.csv
      calllog import --me "Lotte" "WhatsApp Chat with Jens.zip"
      calllog import ~/iPhone-backup-folder
    """
    case = open_case(case_dir)
    options = ImportOptions(format=format_name, owner=owner, tz=tz_name, mapping=read_mapping(mapping), me=me)
    if dry_run:
        for path in files:
            show_preview(case, path, options)
        return
    bars = ProgressBars()
    try:
        results = import_files(case, list(files), options, bars)
    finally:
        bars.close()
    for result in results:
        click.echo(describe_result(result), err=result.failed)
    if len(results) > 1:
        click.echo(summarise(results))
    if any(r.skipped for r in results):
        click.echo("Skipped records are listed with their reason by 'calllog sources'.")
    case.close()
    if any(r.failed for r in results):
        click.get_current_context().exit(1)


COMMANDS = [import_command]
