"""``calllog report`` writes the evidence pack; ``calllog verify`` checks a
pack or a case against its hashes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from calllog.case import LANGUAGES, Case
from calllog.cli.options import case_option, count, open_case, resolve_case_dir
from calllog.errors import CaseError, SettingsError
from calllog.report.manifest import MANIFEST_NAME, Verification, verify_originals, verify_pack
from calllog.report.pack import write_pack
from calllog.store import STORE_NAME


def _parse_date(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise SettingsError(f"--date {text} is not a date.", hint="Write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM.") from None


def print_pack(folder: Path, files: list[Path]) -> None:
    click.echo(f"Evidence pack written to {folder.resolve()}:")
    for path in sorted(files):
        click.echo(f"  {path.relative_to(folder).as_posix()}")
    click.echo(f"Check it later with: calllog verify {folder}")


@click.command("report")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the pack to (new or empty).")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Language of the pack (default: the case's).")
@click.option("--include-all", is_flag=True,
              help="Also show the numbers of people not involved (family, work); by default only counted.")
@click.option("--date", "date_text", metavar="DATE", help="The date the pack says it was made (default: the latest import).")
@click.option("--force", is_flag=True, help="Replace what is in the folder.")
@case_option
def report_command(output: Path, lang: str | None, include_all: bool, date_text: str | None, force: bool,
                   case_dir: Path | None) -> None:
    """Write the evidence pack for the police or a lawyer: the workbook,
    summary.pdf, the charts, the findings, the Ombudsman lists and
    MANIFEST.sha256.

    \b
    Example:
      calllog report -o pack-2026-05
    """
    case = open_case(case_dir)
    pack = write_pack(case, output, lang, include_all, _parse_date(date_text), force)
    print_pack(pack.folder, pack.files)


def _print_verification(result: Verification, what: str) -> None:
    for name in result.changed:
        click.echo(f"CHANGED  {name}")
    for name in result.missing:
        click.echo(f"MISSING  {name}")
    for name in result.unlisted:
        click.echo(f"NOT LISTED  {name}")
    if result.not_checked:
        click.echo(f"{count(len(result.not_checked))} originals not checked: they are kept in the case folder "
                   "(give it with -C CASE to check them too).")
    verdict = "all files are unchanged" if result.passed else "some files changed or are missing"
    click.echo(f"{what}: {count(len(result.ok))} files checked, {verdict}.")


@click.command("verify")
@click.argument("folder", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path))
@case_option
def verify_command(folder: Path | None, case_dir: Path | None) -> None:
    """Re-check a pack against its MANIFEST.sha256, or (without FOLDER) the
    case's originals against the SHA-256 in their names. Exit 1 if anything
    changed.

    \b
    Example:
      calllog verify pack-2026-05
      calllog verify -C my-case
    """
    originals: Path | None = None
    root = resolve_case_dir(case_dir)
    if (root / STORE_NAME).is_file():
        originals = Case.open(root).originals_dir
    if folder is None:
        if originals is None:
            raise CaseError(f"There is no case in {root.resolve()}.",
                            hint="Give a pack folder, or point to the case with -C FOLDER.")
        result = verify_originals(originals)
        _print_verification(result, "Originals")
    else:
        if not (folder / MANIFEST_NAME).is_file():
            raise CaseError(f"{folder} has no {MANIFEST_NAME}.", hint="Give the folder that 'calllog report' wrote.")
        try:
            result = verify_pack(folder, originals)
        except ValueError as error:
            raise CaseError(f"The manifest cannot be read: {error}.") from None
        _print_verification(result, "Pack")
    if not result.passed:
        click.get_current_context().exit(1)


COMMANDS = [report_command, verify_command]
