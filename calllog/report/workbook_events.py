"""Which events the workbook lists, and their rows on the Events and
Withheld calls sheets.

Privacy by default (DOMAIN.md, "Safety of what calllog writes"): the
workbook lists the events of

1. the persons of interest (every number of a person marked ``--suspect``,
   both directions) and every call or message from a withheld number;
2. when no person is marked: the numbers whose own entry in the findings
   is ``consistent_with_belaging`` (short numbers never are), and the
   withheld number;
3. when no number qualifies either: the withheld number only. It never
   falls back to "every incoming number": the family and work numbers on
   a victim's phone are not the police's business unless the user says
   so with ``include_all``, which lists every event of the case.

Every other number appears only as a count on the Summary ("212 contacts
with 9 other numbers").

Events rows are local wall-clock time in the case's zone, to the second
(Excel has no zones), with a Note that flags a time that occurs twice at
the end of summer time (with its UTC offset), a time the source gave that
does not exist, night contacts, contacts after the notice and the
threatening words found in a message (all from the findings).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from calllog.analysis import AnalysisInput
from calllog.i18n.workbook import workbook_text
from calllog.i18n.words import word
from calllog.model import WITHHELD
from calllog.phone import display_number
from calllog.report.workbook_cells import Column
from calllog.report.workbook_event_values import (
    LocalTimes, attachment_names, duration, notes, per_distinct, text_or_none,
)

SHORT_QUALITY = "short"


@dataclass(frozen=True)
class Selection:
    """What the workbook lists: ``parties`` (None: every party), why
    (``basis``: interest, consistent, none or all), the findings entries
    the Summary details, and the counts of what is left out."""

    parties: frozenset[str] | None
    basis: str
    entries: tuple[Mapping[str, Any], ...]
    hidden_events: int
    hidden_numbers: int

    def shows(self, party: str) -> bool:
        return self.parties is None or party in self.parties


def select_events(inp: AnalysisInput, findings: Mapping[str, Any], include_all: bool) -> Selection:
    entries = list(findings["parties"])
    detailed = [e for e in entries if e["suspect"] and e["party"] != WITHHELD]
    basis = "interest"
    if not detailed:
        short = set(inp.events.loc[inp.events["party_quality"] == SHORT_QUALITY, "party"].astype(str))
        detailed = [e for e in entries if e["consistent_with_belaging"] and e["party"] != WITHHELD
                    and e["party"] not in short]
        basis = "consistent" if detailed else "none"
    detailed += [e for e in entries if e["party"] == WITHHELD]
    if include_all:
        return Selection(None, "all", tuple(detailed), 0, 0)
    parties = frozenset({WITHHELD, *(number for e in detailed for number in e["numbers"])})
    others = inp.events.loc[~inp.events["party"].isin(parties), "party"]
    return Selection(parties, basis, tuple(detailed), len(others), int(others.nunique()))


# columns of ``Store.events_frame()`` beyond the analysis's own, with what an
# event without them shows (a caller may give only the analysis columns)
OPTIONAL_COLUMNS: dict[str, object] = {
    "local_text": "", "time_ambiguous": False, "time_nonexistent": False, "party_raw": None,
    "owner_line": None, "attachments": "[]", "service": None, "sources": None,
}


def listed_events(inp: AnalysisInput, selection: Selection) -> pd.DataFrame:
    """The events the workbook lists, in time order."""
    frame = inp.events if selection.parties is None else inp.events[inp.events["party"].isin(selection.parties)]
    missing = {column: default for column, default in OPTIONAL_COLUMNS.items() if column not in frame.columns}
    return frame.assign(**missing) if missing else frame


def entry_title(entry: Mapping[str, Any]) -> str:
    """A person by name; a number in its readable form, with its person."""
    if entry["party"] not in entry["numbers"]:
        return str(entry["party"])
    number = display_number(str(entry["party"]))
    return f"{number} ({entry['person']})" if entry["person"] else number


def top_entries(entries: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The entries not already covered by a person among them."""
    grouped = {n for e in entries if e["party"] not in e["numbers"] for n in e["numbers"]}
    return [e for e in entries if e["party"] not in grouped and e["party"] != WITHHELD]


def event_flags(findings: Mapping[str, Any], selection: Selection) -> tuple[set[int], set[int], dict[int, list[str]]]:
    """Event ids of night contacts, contacts after the notice (from a
    person of interest: the findings apply the notice to them alone), and
    the threatening words of each message, from the listed entries."""
    night: set[int] = set()
    after: set[int] = set()
    threats: dict[int, list[str]] = {}
    for entry in findings["parties"]:
        if not all(selection.shows(n) for n in entry["numbers"]):
            continue
        for indicator in entry["indicators"]:
            if indicator["id"] == "unsocial_hours":
                night.update(indicator["event_ids"])
            elif indicator["id"] == "after_notice" and entry["suspect"]:
                after.update(indicator["event_ids"])  # the notice was given to the persons of interest only
            elif indicator["id"] == "threats":
                for match in indicator.get("matches", []):
                    words = threats.setdefault(int(match["event_id"]), [])
                    words.extend(w for w in match["words"] if w not in words)
    return night, after, threats


# --- per-event columns ---------------------------------------------------------


class EventRows:
    """What every event row needs, computed once for the listed events."""

    def __init__(self, inp: AnalysisInput, findings: Mapping[str, Any], selection: Selection, lang: str) -> None:
        self.inp = inp
        self.lang = lang
        self.frame = listed_events(inp, selection)
        self.local = LocalTimes(self.frame, inp.tz)
        self.night, self.after, self.threats = event_flags(findings, selection)
        self.person_of = {n: p.name for p in inp.persons for n in p.numbers}
        self.with_line = len(inp.owners) > 1
        self.weekdays = [workbook_text(lang, f"weekday.{d}") for d in range(7)]
        self.withheld_word = workbook_text(lang, "party.withheld")

    def name(self, party: object) -> str | None:
        return self.person_of.get(str(party)) or self.inp.names.get(str(party))

    def number(self, party: object) -> str:
        return self.withheld_word if party == WITHHELD else display_number(str(party))

    def line(self, owner_line: object) -> str | None:
        return display_number(str(owner_line)) if text_or_none(owner_line) else None

    def words(self, frame: pd.DataFrame, group: str) -> list[object]:
        """The channel, direction or status word of each event."""
        return per_distinct(frame[group], lambda value: word(self.lang, group, value))

    def columns(self, frame: pd.DataFrame) -> dict[str, list[Any]]:
        """The values every sheet of events shows, a list per column, for
        the events of ``frame`` (all or part of ``self.frame``)."""
        local = self.local if frame is self.frame else self.local.subset(frame)
        channels = self.words(frame, "channel")
        services = per_distinct(frame["service"], text_or_none)  # the app of a chat: "WhatsApp"
        return {
            "id": [int(i) for i in frame["id"].tolist()],
            "date": local.dates(),
            "time": local.times(),
            "weekday": [self.weekdays[d] for d in local.weekday.tolist()],
            "channel": [f"{c} ({s})" if s and str(s).lower() != str(c).lower() else c
                        for c, s in zip(channels, services)],
            "status": self.words(frame, "status"),
            "party_raw": per_distinct(frame["party_raw"], text_or_none),
            "duration": per_distinct(frame["duration_s"], duration),
            "line": per_distinct(frame["owner_line"], self.line) if self.with_line else [],
            "sources": per_distinct(frame["sources"], text_or_none),
            "note": notes(frame, local, self.lang, self.night, self.after, self.threats),
        }


def event_columns(rows: EventRows) -> list[Column]:
    columns = [
        Column("col.no", 7, "int"), Column("col.date", 11, "date"), Column("col.time", 9, "time"),
        Column("col.weekday", 10), Column("col.channel", 9), Column("col.direction", 9),
        Column("col.status", 11), Column("col.number_written", 16), Column("col.number", 17),
        Column("col.name", 17), Column("col.duration", 9, "duration"), Column("col.text", 46),
        Column("col.attachments", 13),
    ]
    if rows.with_line:
        columns.append(Column("col.line", 17))
    return columns + [Column("col.sources", 26), Column("col.note", 24)]


def event_values(rows: EventRows) -> Iterator[Sequence[object]]:
    """One row of values per listed event, in ``event_columns`` order."""
    frame = rows.frame
    shared = rows.columns(frame)
    columns = [
        shared["id"], shared["date"], shared["time"], shared["weekday"], shared["channel"],
        rows.words(frame, "direction"), shared["status"], shared["party_raw"],
        per_distinct(frame["party"], rows.number), per_distinct(frame["party"], rows.name), shared["duration"],
        per_distinct(frame["text"], text_or_none), per_distinct(frame["attachments"], attachment_names),
    ]
    if rows.with_line:
        columns.append(shared["line"])
    columns += [shared["sources"], shared["note"]]
    return zip(*columns)


# --- withheld calls ------------------------------------------------------------


def _alongside(findings: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The withheld-call timing of each person of interest (a person, or a
    number that no person groups)."""
    section = findings.get("withheld_alongside") or {}
    suspects = list(section.get("suspects", []))
    return top_entries(suspects)


def withheld_columns(rows: EventRows, findings: Mapping[str, Any]) -> list[Column]:
    columns = [
        Column("col.no", 7, "int"), Column("col.date", 11, "date"), Column("col.time", 9, "time"),
        Column("col.weekday", 11), Column("col.status", 13), Column("col.number_written", 18),
        Column("col.duration", 9, "duration"),
    ]
    if rows.with_line:
        columns.append(Column("col.line", 17))
    minutes = (findings.get("withheld_alongside") or {}).get("window_minutes", 0)
    for suspect in _alongside(findings):
        who = entry_title(suspect)
        columns.append(Column(workbook_text(rows.lang, "col.same_day", who=who), 18))
        columns.append(Column(workbook_text(rows.lang, "col.within", who=who, minutes=minutes), 18))
    return columns + [Column("col.sources", 30), Column("col.note", 24)]


def withheld_values(rows: EventRows, findings: Mapping[str, Any]) -> Iterator[Sequence[object]]:
    """One row per incoming withheld call (any status), in time order."""
    frame = rows.frame
    calls = frame[(frame["party"] == WITHHELD) & (frame["direction"] == "in") & (frame["channel_class"] == "call")]
    shared = rows.columns(calls)
    columns = [shared["id"], shared["date"], shared["time"], shared["weekday"], shared["status"],
               shared["party_raw"], shared["duration"]]
    if rows.with_line:
        columns.append(shared["line"])
    yes = workbook_text(rows.lang, "yes")
    for suspect in _alongside(findings):
        same_day, within = set(suspect["event_ids_on_contact_days"]), set(suspect["event_ids_within_window"])
        columns.append([yes if event_id in same_day else None for event_id in shared["id"]])
        columns.append([yes if event_id in within else None for event_id in shared["id"]])
    columns += [shared["sources"], shared["note"]]
    return zip(*columns)
