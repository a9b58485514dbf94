"""Seeing the case: ``sources``, ``parties`` and ``formats``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from calllog.case import Case
from calllog.cli.options import case_option, count, open_case, render_table
from calllog.importers.registry import IMPORTERS
from calllog.parties import PartySummary, parties_document, party_summaries
from calllog.phone import display_number

SOURCES_SCHEMA = "calllog.sources/1"
SKIPS_SHOWN = 5


def echo_json(document: dict[str, Any]) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def sources_document(case: Case) -> dict[str, Any]:
    sources = []
    for row in case.store.sources():
        sources.append(
            {
                "name": row["name"],
                "sha256": row["sha256"],
                "format": row["format"],
                "read": row["read"],
                "imported": row["imported"],
                "known": row["known"],
                "skipped": row["skipped"],
                "skips": [{"locator": s.locator, "reason": s.reason} for s in case.store.skips(row["id"])],
            }
        )
    return {"schema": SOURCES_SCHEMA, "sources": sources}


@click.command("sources")
@click.option("--json", "as_json", is_flag=True, help="Print the calllog.sources/1 JSON document.")
@case_option
def sources_command(as_json: bool, case_dir: Path | None) -> None:
    """List the imported files: their SHA-256, format, and what became of
    every record (new, already known, skipped and why)."""
    case = open_case(case_dir)
    document = sources_document(case)
    if as_json:
        echo_json(document)
        return
    if not document["sources"]:
        click.echo("No files imported yet. Use 'calllog import FILE...'.")
        return
    rows = [
        [str(i), s["name"], s["format"], count(s["read"]), count(s["imported"]), count(s["known"]),
         count(s["skipped"]), s["sha256"][:16]]
        for i, s in enumerate(document["sources"], start=1)
    ]
    click.echo(render_table(["#", "File", "Format", "Read", "New", "Known", "Skipped", "SHA-256 (start)"],
                            rows, right={0, 3, 4, 5, 6}))
    for i, source in enumerate(document["sources"], start=1):
        skips = source["skips"]
        if not skips:
            continue
        click.echo(f"\n#{i} {source['name']}: {count(len(skips))} skipped")
        for skip in skips[:SKIPS_SHOWN]:
            click.echo(f"  {skip['locator']}: {skip['reason']}")
        if len(skips) > SKIPS_SHOWN:
            click.echo(f"  ... and {count(len(skips) - SKIPS_SHOWN)} more (see 'calllog sources --json')")


def party_table(summaries: list[PartySummary]) -> str:
    rows = [
        [display_number(s.party), s.name or "", count(s.incoming), count(s.outgoing), count(s.calls_in),
         count(s.messages_in), count(s.unanswered_calls), s.first[:16].replace("T", " "),
         s.last[:16].replace("T", " ")]
        for s in summaries
    ]
    headers = ["Party", "Name", "In", "Out", "Calls in", "Msgs in", "Unanswered", "First", "Last"]
    return render_table(headers, rows, right={2, 3, 4, 5, 6})


def print_parties(case: Case, top: int | None) -> None:
    summaries = party_summaries(case)
    totals = case.store.event_totals()
    if not summaries:
        click.echo("No events yet. Use 'calllog import FILE...'.")
        return
    shown = summaries[:top] if top else summaries
    click.echo(party_table(shown))
    if len(shown) < len(summaries):
        click.echo(f"... {count(len(summaries) - len(shown))} more parties (use --top or --json)")
    click.echo(
        f"\n{count(totals['total'])} events ({count(totals['calls'])} calls, {count(totals['messages'])} messages), "
        f"{count(totals['corroborated'])} shown by more than one file. Times in {case.tz.key}."
    )


@click.command("parties")
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show only the N busiest parties.")
@click.option("--json", "as_json", is_flag=True, help="Print the calllog.parties/1 JSON document (every party).")
@case_option
def parties_command(top: int | None, as_json: bool, case_dir: Path | None) -> None:
    """Who contacted you and how often, busiest first.

    In and Out count every call attempt (answered or not) and every message.
    A call shown by two files (your phone and your operator) counts once.

    \b
    Example:
      calllog parties --top 10
    """
    case = open_case(case_dir)
    if as_json:
        echo_json(parties_document(case))
    else:
        print_parties(case, top)


@click.command("formats")
def formats_command() -> None:
    """List the formats calllog reads and how it recognises each."""
    for importer in IMPORTERS:
        click.echo(f"{importer.name}: {importer.title}")
        click.echo(f"  recognised by: {importer.recognised_by}")
        if importer.how_to_get:
            click.echo(f"  how to get it: {importer.how_to_get}")


COMMANDS = [sources_command, parties_command, formats_command]
