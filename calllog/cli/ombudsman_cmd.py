"""``calllog ombudsman``: the dated list for the Telecom Ombudsman's form;
``calllog help-lines``: where to find help."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from calllog.case import LANGUAGES, Case
from calllog.cli.options import case_option, open_case, resolve_case_dir
from calllog.errors import CalllogError, SettingsError
from calllog.i18n.help import help_text
from calllog.model import WITHHELD, PartyQuality
from calllog.phone import display_number, normalise_number
from calllog.report.ombudsman import OmbudsmanList, case_ombudsman_list, write_text, write_xlsx
from calllog.store import STORE_NAME

OMBUDSMAN_LANGUAGES = ("nl", "fr")
WRITERS = {".txt": write_text, ".xlsx": write_xlsx}
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _party(raw: str, case: Case) -> str:
    party = normalise_number(raw, case.region)
    if party.quality in (PartyQuality.EMAIL, PartyQuality.NOT_A_NUMBER):
        raise SettingsError(f"'{raw}' is not a phone number.", hint="Write it as 0470 12 34 56 or +32 470 12 34 56.")
    return party.party


def _calls(count: int) -> str:
    return f"{count} call" if count == 1 else f"{count} calls"


def _source(listing: OmbudsmanList) -> str:
    if listing.parties == (WITHHELD,):
        return "from a withheld number"
    return "from " + ", ".join(display_number(p) for p in listing.parties)


def _day(value: datetime | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


@click.command("ombudsman")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="The file to write: FILE.txt (text) or FILE.xlsx (spreadsheet).")
@click.option("--lang", type=click.Choice(OMBUDSMAN_LANGUAGES), default=None,
              help="Dutch or French (default: the case's language if it is one of them, else nl).")
@click.option("--number", "numbers", multiple=True, metavar="NUMBER",
              help="List the calls from this number instead of the withheld calls. Repeat for several.")
@click.option("--from", "start", type=click.DateTime(DATE_FORMATS), default=None, metavar="DATE",
              help="First local date to list (YYYY-MM-DD or DD/MM/YYYY).")
@click.option("--to", "end", type=click.DateTime(DATE_FORMATS), default=None, metavar="DATE",
              help="Last local date to list, included.")
@case_option
def ombudsman_command(output: Path, lang: str | None, numbers: tuple[str, ...], start: datetime | None,
                      end: datetime | None, case_dir: Path | None) -> None:
    """Write the list of dates and times the Telecom Ombudsman asks for to
    identify a malicious caller: every incoming call from a withheld number,
    or from the numbers you give. Copy it into the Ombudsman's form and
    sign the form yourself.

    \b
    Example:
      calllog ombudsman -o ombudsman-nl.txt --lang nl
      calllog ombudsman -o ombudsman-fr.xlsx --lang fr --number "0470 12 34 56" --from 2026-01-01
    """
    writer = WRITERS.get(output.suffix.lower())
    if writer is None:
        raise SettingsError(f"calllog cannot write the Ombudsman list as '{output.name}'.",
                            hint="End the file name with .txt or .xlsx.")
    if start and end and start > end:
        raise SettingsError(f"--from {_day(start)} is after --to {_day(end)}.", hint="Swap the two dates.")
    case = open_case(case_dir)
    try:
        language = lang or (case.language if case.language in OMBUDSMAN_LANGUAGES else "nl")
        parties = [_party(raw, case) for raw in numbers]
        listing = case_ombudsman_list(case, language, parties, start.date() if start else None,
                                      end.date() if end else None)
    finally:
        case.close()
    try:
        writer(listing, output)
    except OSError as error:
        raise SettingsError(f"calllog could not write {output} ({error.strerror or error}).",
                            hint="Check that the folder exists and that the file is not open in another program.") from None
    if listing.start is None or listing.end is None:
        click.echo(f"Wrote {output}: there are no incoming calls {_source(listing)} to list.")
    else:
        click.echo(f"Wrote {output}: {_calls(len(listing.calls))} {_source(listing)}, "
                   f"{listing.start:%d/%m/%Y} to {listing.end:%d/%m/%Y}.")
    if listing.abroad:
        click.echo(f"{_calls(len(listing.abroad))} from abroad listed apart: "
                   "the Ombudsman cannot identify calls from abroad.")
    if listing.calls:
        click.echo("Copy the dates and times into the Ombudsman's form, and sign the form yourself.")
    if listing.stale:
        click.echo("Act quickly: operators keep traffic data for a limited time.")


def _language_here(case_dir: Path | None) -> str:
    """The case's language when there is a case, else Dutch: help must
    show even where no case exists yet (or it cannot be opened)."""
    root = resolve_case_dir(case_dir)
    if not (root / STORE_NAME).is_file():
        return "nl"
    try:
        case = Case.open(root)
    except CalllogError:
        return "nl"
    try:
        return case.language if case.language in LANGUAGES else "nl"
    finally:
        case.close()


@click.command("help-lines")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="nl, fr or en (default: the case's language, else nl).")
@case_option
def help_lines_command(lang: str | None, case_dir: Path | None) -> None:
    """Where to find help: police 101, emergency 112, the 1712 helpline,
    victim support, legal aid and more. Works with or without a case.

    \b
    Example:
      calllog help-lines --lang fr
    """
    click.echo(help_text(lang or _language_here(case_dir)), nl=False)


COMMANDS: list[click.Command] = [ombudsman_command, help_lines_command]
