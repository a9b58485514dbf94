"""``calllog diary add|list|edit|import``: what happened off the phone."""

from __future__ import annotations

import json
from pathlib import Path

import click

from calllog.case import Case
from calllog.cli.options import case_option, open_case
from calllog.diary import Change, DiaryEntry, WhenRead, add_entry, diary_document, edit_entry, list_entries
from calllog.diary_csv import import_diary_csv
from calllog.i18n.diary import DEFAULT_KIND, KINDS, kind_label
from calllog.timeutil import to_local

KIND_HELP = "What kind of incident: " + ", ".join(KINDS) + " (or its name in Dutch or French)."
LABEL_WIDTH = 11


def _local(entry: DiaryEntry, case: Case) -> str:
    local = to_local(entry.instant_utc, case.tz)
    return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")


def _line(label: str, value: str) -> str:
    return f"    {(label + ':').ljust(LABEL_WIDTH)}{value}"


def entry_lines(entry: DiaryEntry, case: Case) -> list[str]:
    """An entry as the terminal shows it: every field, every evidence file
    with its hash, and every earlier value."""
    lines = [f"#{entry.id}  {_local(entry, case)}  {kind_label(entry.kind, 'en')}"
             + ("  (edited)" if entry.edited else "")]
    lines.append(_line("what", entry.what))
    if entry.where:
        lines.append(_line("where", entry.where))
    if entry.witnesses:
        lines.append(_line("witnesses", ", ".join(entry.witnesses)))
    if entry.pv:
        lines.append(_line("PV", entry.pv))
    for evidence in entry.evidence:
        lines.append(_line("evidence", f"{evidence.name} ({evidence.size:,} bytes, SHA-256 {evidence.sha256})"))
    for change in entry.history:
        lines.append(_line("earlier", f"{change.field} was {_earlier(change)} until {change.changed_at}"))
    return lines


def _earlier(change: Change) -> str:
    if change.field in ("witnesses", "evidence"):  # kept as a JSON list of names
        return ", ".join(json.loads(change.earlier)) or "(none)"
    return json.dumps(change.earlier, ensure_ascii=False)


def _time_notes(read: WhenRead, entry: DiaryEntry, case: Case) -> None:
    if read.nonexistent:
        click.echo(f"Note: {read.written} did not exist in {case.tz.key} (the clocks went forward); "
                   f"it was read as {_local(entry, case)}. Check the time.")
    if read.ambiguous:
        click.echo(f"Note: {read.written} happened twice in {case.tz.key} (the clocks went back); "
                   "it was read as the first time.")


@click.group("diary")
def diary_group() -> None:
    """Keep a diary of what happened off the phone: following, waiting near
    your home, deliveries you did not order, threats, messages on social
    media. Entries are never deleted; an edit keeps the earlier text.

    \b
    Example:
      calllog diary add --when "2026-02-03 18:30" --kind following \\
        --what "He followed me from the station to my door." --witness Ine
    """


@diary_group.command("add")
@click.option("--when", required=True, metavar='"YYYY-MM-DD HH:MM"', help="Local date and time it happened.")
@click.option("--what", required=True, help="What happened, in your own words.")
@click.option("--where", default="", help="Where it happened.")
@click.option("--kind", default=DEFAULT_KIND, show_default=True, help=KIND_HELP)
@click.option("--witness", "witnesses", multiple=True, metavar="NAME", help="A witness. Repeat for several.")
@click.option("--pv", default="", metavar="NUMBER", help="The PV number, if you reported it to the police.")
@click.option("--evidence", multiple=True, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="A screenshot, recording or photo to keep with the entry. Repeat for several.")
@case_option
def add_command(when: str, what: str, where: str, kind: str, witnesses: tuple[str, ...], pv: str,
                evidence: tuple[Path, ...], case_dir: Path | None) -> None:
    """Add an entry to the diary.

    \b
    Example:
      calllog diary add --when "2026-02-03 18:30" --what "Waiting at my door" \\
        --kind waiting_near_home --evidence photo.jpg
    """
    case = open_case(case_dir)
    try:
        entry, read = add_entry(case, when, what, where, kind, witnesses, pv, evidence)
        click.echo(f"Added diary entry #{entry.id}: {_local(entry, case)}, {kind_label(entry.kind, 'en')}.")
        for kept in entry.evidence:
            click.echo(f"  kept {kept.name} as {kept.kept_as} (SHA-256 {kept.sha256})")
        _time_notes(read, entry, case)
    finally:
        case.close()


@diary_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the calllog.diary/1 JSON document.")
@case_option
def list_command(as_json: bool, case_dir: Path | None) -> None:
    """Show every diary entry, oldest first, with what was changed."""
    case = open_case(case_dir)
    try:
        if as_json:
            click.echo(json.dumps(diary_document(case), ensure_ascii=False, indent=2))
            return
        entries = list_entries(case)
        if not entries:
            click.echo('The diary is empty. Add an entry with: calllog diary add --when "YYYY-MM-DD HH:MM" --what TEXT')
            return
        blocks = ["\n".join(entry_lines(entry, case)) for entry in entries]
        click.echo("\n\n".join(blocks))
    finally:
        case.close()


@diary_group.command("edit")
@click.argument("entry_id", metavar="ID", type=int)
@click.option("--when", default=None, metavar='"YYYY-MM-DD HH:MM"', help="The corrected local date and time.")
@click.option("--what", default=None, help="The new text of what happened.")
@click.option("--where", default=None, help="The new place.")
@click.option("--kind", default=None, help=KIND_HELP)
@click.option("--witness", "witnesses", multiple=True, metavar="NAME",
              help="The witnesses (replaces the list; repeat for several).")
@click.option("--pv", default=None, metavar="NUMBER", help="The PV number.")
@click.option("--evidence", multiple=True, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Another file to keep with the entry (files are only ever added).")
@case_option
def edit_command(entry_id: int, when: str | None, what: str | None, where: str | None, kind: str | None,
                 witnesses: tuple[str, ...], pv: str | None, evidence: tuple[Path, ...],
                 case_dir: Path | None) -> None:
    """Change a diary entry. The earlier text is kept and shown by 'diary list'.

    \b
    Example:
      calllog diary edit 3 --what "He waited at my door for an hour." --witness Ine --witness Piet
    """
    case = open_case(case_dir)
    try:
        entry, changed = edit_entry(case, entry_id, when, what, where, kind, witnesses or None, pv, evidence)
        if not changed:
            click.echo(f"Diary entry #{entry.id} already says that; nothing changed.")
            return
        click.echo(f"Changed diary entry #{entry.id}: {', '.join(changed)}. The earlier values are kept.")
        for kept in entry.evidence[len(entry.evidence) - len(evidence):] if evidence else ():
            click.echo(f"  kept {kept.name} as {kept.kept_as} (SHA-256 {kept.sha256})")
    finally:
        case.close()


@diary_group.command("import")
@click.argument("path", metavar="FILE.csv", type=click.Path(dir_okay=False, path_type=Path))
@case_option
def import_command(path: Path, case_dir: Path | None) -> None:
    """Add the rows of a diary kept as a spreadsheet (saved as CSV).

    The first row names the columns, in English, Dutch or French: when (or
    date and time), what, where, kind, witnesses, pv. One bad row imports
    nothing, and the message says which row to fix.

    \b
    Example:
      calllog diary import dagboek.csv
    """
    case = open_case(case_dir)
    try:
        result = import_diary_csv(case, path)
    finally:
        case.close()
    click.echo(f"Imported {path.name}: {result.added} new {'entry' if result.added == 1 else 'entries'}, "
               f"{result.known} already in the diary.")
    if result.ignored_columns:
        click.echo("Ignored columns: " + ", ".join(result.ignored_columns))


COMMANDS: list[click.Command] = [diary_group]
