"""People, notices, settings and the analysis: ``person``, ``notice``,
``settings`` and ``analyse``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from calllog.analysis import (
    DEFAULT_ANALYSIS_SETTINGS, analyse, conclusion_text, cycle_collection_paused, findings_in_parts, findings_json,
    notice_instant, validate_setting,
)
from calllog.case import Case, check_language
from calllog.casedata import ANALYSIS_COLUMNS, analysis_settings, load_analysis_input
from calllog.cli.options import case_option, count, open_case, render_table
from calllog.errors import SettingsError
from calllog.model import PartyQuality
from calllog.phone import display_number, normalise_number
from calllog.store import NAME_RANK_USER, from_us, to_us
from calllog.timeutil import local_iso

# case settings a user may change after creating the case (the time zone and
# the region are not: local times in imported files were read with them)
CASE_SETTINGS = ("title", "language", "law_reference_nl", "law_reference_fr", "law_reference_en")
TOP_OTHERS = 5


def party_of(raw: str, case: Case) -> str:
    """The party a user means by a number or a chat name."""
    party = normalise_number(raw, case.region)
    if party.quality is PartyQuality.WITHHELD:
        raise SettingsError(
            "Withheld calls cannot be given to a person: calllog never guesses who made them.",
            hint="Their timing next to a person's calls is shown by 'calllog analyse'.",
        )
    return party.party


@click.command("person")
@click.argument("name", required=False)
@click.argument("numbers", nargs=-1)
@click.option("--suspect/--not-suspect", default=None, help="Mark (or unmark) the person as a person of interest.")
@click.option("--list", "as_list", is_flag=True, help="List the persons.")
@case_option
def person_command(name: str | None, numbers: tuple[str, ...], suspect: bool | None, as_list: bool,
                   case_dir: Path | None) -> None:
    """Name a person and group their numbers (a second SIM, a work phone, a
    chat name); --suspect marks a person of interest.

    \b
    Example:
      calllog person "Jens" 0470000066 0470000067 --suspect
      calllog person --list
    """
    case = open_case(case_dir)
    if as_list or name is None:
        persons = case.store.persons()
        if not persons:
            click.echo("No persons yet. Use 'calllog person NAME NUMBER... --suspect'.")
        for person_name, parties, is_suspect in persons:
            click.echo(_person_line(person_name, parties, is_suspect))
        return
    new_parties = [party_of(raw, case) for raw in numbers]
    marked = {person_name: is_suspect for person_name, _, is_suspect in case.store.persons()}
    if not new_parties and name not in marked:
        raise SettingsError(f"There is no person called '{name}' yet.", hint="Give their numbers too.")
    with case.store.transaction():
        case.store.save_person(name, new_parties, marked.get(name, False) if suspect is None else suspect)
        for party in new_parties:
            case.store.set_name(party, name, origin="calllog person", rank=NAME_RANK_USER)
    saved = next(p for p in case.store.persons() if p[0] == name)
    click.echo(_person_line(*saved))


def _person_line(name: str, parties: tuple[str, ...], suspect: bool) -> str:
    numbers = ", ".join(display_number(p) for p in parties) or "no numbers"
    return f"{name}: {numbers}" + (" (person of interest)" if suspect else "")


@click.command("notice")
@click.argument("when", required=False, metavar="DATE[THH:MM]")
@click.option("--what", help="How the person was told to stop: registered letter, conversation, court order ...")
@click.option("--list", "as_list", is_flag=True, help="List the notices.")
@click.option("--remove", type=int, metavar="ID", help="Remove a notice (it is kept in the case, marked removed).")
@case_option
def notice_command(when: str | None, what: str | None, as_list: bool, remove: int | None,
                   case_dir: Path | None) -> None:
    """Record when the person was told to stop. A date without a time counts
    from the end of that day.

    \b
    Example:
      calllog notice 2026-01-15 --what "registered letter"
    """
    case = open_case(case_dir)
    if remove is not None:
        with case.store.transaction():
            removed = case.store.remove_notice(remove)
        if not removed:
            raise SettingsError(f"There is no notice {remove}.", hint="See 'calllog notice --list'.")
        click.echo(f"Notice {remove} removed.")
        return
    if as_list or when is None:
        rows = case.store.notices()
        if not rows:
            click.echo("No notices yet. Use 'calllog notice DATE --what TEXT'.")
        for row in rows:
            click.echo(_notice_line(row["id"], row["written"], from_us(row["instant_us"]), row["what"], case))
        return
    if not what:
        raise SettingsError("Say how the person was told to stop with --what.",
                            hint='For example: --what "registered letter".')
    instant = notice_instant(when, case.tz)
    with case.store.transaction():
        notice_id = case.store.add_notice(to_us(instant), when, what)
    click.echo(_notice_line(notice_id, when, instant, what, case))


def _notice_line(notice_id: int, written: str, instant: Any, what: str, case: Case) -> str:
    return f"Notice {notice_id}: {written} ({what}); contacts count as after it from {local_iso(instant, case.tz)}"


@click.group("settings", invoke_without_command=True)
@case_option
@click.pass_context
def settings_group(ctx: click.Context, case_dir: Path | None) -> None:
    """Show the case settings, the thresholds of the indicators and the
    threat word lists; change one with 'calllog settings set KEY VALUE'."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = dict(ctx.find_root().obj or {}, settings_case=case_dir)
        return
    case = open_case(case_dir)
    click.echo(f"timezone: {case.tz.key}")
    click.echo(f"language: {case.language}")
    click.echo(f"title: {case.title}")
    for key in CASE_SETTINGS[2:]:
        click.echo(f"{key}: {case.store.get_setting(key) or '(the default text)'}")
    click.echo(f"owners: {', '.join(display_number(o) for o in case.owners) or '(none)'}")
    for key, value in analysis_settings(case).items():
        shown = ", ".join(value) if isinstance(value, list) else value
        click.echo(f"{key}: {shown}")


@settings_group.command("set")
@click.argument("key")
@click.argument("value")
@case_option
@click.pass_context
def settings_set(ctx: click.Context, key: str, value: str, case_dir: Path | None) -> None:
    """Change one setting, e.g. 'calllog settings set persistence_days 21'."""
    case = open_case(case_dir or (ctx.obj or {}).get("settings_case"))
    if key == "language":
        typed: Any = check_language(value)
    elif key == "title" or key.startswith("law_reference_") and key in CASE_SETTINGS:
        typed = value
    elif key in DEFAULT_ANALYSIS_SETTINGS:
        typed = validate_setting(key, value)
    else:
        known = ", ".join((*CASE_SETTINGS, *DEFAULT_ANALYSIS_SETTINGS))
        raise SettingsError(f"'{key}' is not a setting calllog knows.", hint=f"Settings: {known}.")
    with case.store.transaction():
        case.store.set_setting(key, typed)
    click.echo(f"{key}: {', '.join(typed) if isinstance(typed, list) else typed}")


def _parse_day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SettingsError(f"{option} {text} is not a date.", hint="Write it as YYYY-MM-DD.") from None


@click.command("analyse")
@click.option("--json", "as_json", is_flag=True, help="Print the calllog.findings/1 JSON document.")
@click.option("--party", help="Only this number or person.")
@click.option("--from", "start", metavar="DATE", help="First day (YYYY-MM-DD, included).")
@click.option("--to", "end", metavar="DATE", help="Last day (YYYY-MM-DD, included).")
@case_option
def analyse_command(as_json: bool, party: str | None, start: str | None, end: str | None,
                    case_dir: Path | None) -> None:
    """How often, how long, when, one-sided or not, after the notice or not:
    the figures and indicators per number and per person, each with a
    sentence that can be copied into a report.

    \b
    Example:
      calllog analyse
      calllog analyse --party Jens --json
    """
    with cycle_collection_paused():  # resumed once the document is gone
        _analyse_and_show(open_case(case_dir), as_json, party, _parse_day(start, "--from"), _parse_day(end, "--to"))


def _analyse_and_show(case: Case, as_json: bool, party: str | None, start: date | None, end: date | None) -> None:
    inp = load_analysis_input(case, ANALYSIS_COLUMNS)
    if as_json:
        # each party made, written and let go in turn; color=True: JSON
        # escapes every control character, so there is no terminal code to
        # strip, and looking for one would scan every piece again
        for piece in findings_json(findings_in_parts(inp, party, start, end)):
            click.echo(piece, nl=False, color=True)
        return
    document = analyse(inp, party, start, end)
    shown = _entries_to_show(document, party)
    if not shown:
        click.echo("No contacts to analyse." if not party else f"No contacts from {party}.")
        return
    rows = [
        [display_number(e["party"]),
         e["person"] or "", "yes" if e["suspect"] else "", count(e["incoming"]), count(e["outgoing"]),
         count(e["span_days"]), count(e["active_days"]), count(e["max_per_day"]), count(e["night"]),
         count(e["after_notice"]), "yes" if e["consistent_with_belaging"] else ""]
        for e in shown
    ]
    headers = ["Party", "Person", "Interest", "In", "Out", "Span (days)", "Active days", "Max/day", "Night",
               "After notice", "Consistent"]
    click.echo(render_table(headers, rows, right={3, 4, 5, 6, 7, 8, 9}))
    for entry in shown:
        if not (entry["suspect"] or entry["consistent_with_belaging"]):
            continue
        click.echo(f"\n{_entry_title(entry)}:")
        for indicator in entry["indicators"]:
            click.echo(f"  [{'x' if indicator['met'] else ' '}] {indicator['text']}")
        click.echo(f"  {conclusion_text(entry, inp)}")


def _entry_title(entry: dict[str, Any]) -> str:
    """A person by name; a number in its readable form, with its person."""
    if entry["party"] not in entry["numbers"]:
        return str(entry["party"])
    number = display_number(entry["party"])
    return f"{number} ({entry['person']})" if entry["person"] else number


def _entries_to_show(document: dict[str, Any], party: str | None) -> list[dict[str, Any]]:
    """The persons of interest and the busiest others (all with --party)."""
    entries = document["parties"]
    if party:
        return list(entries)
    interest = [e for e in entries if e["suspect"] or e["consistent_with_belaging"]]
    others = [e for e in entries if not (e["suspect"] or e["consistent_with_belaging"])][:TOP_OTHERS]
    return interest + others


COMMANDS = [person_command, notice_command, settings_group, analyse_command]
