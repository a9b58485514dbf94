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

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pandas as pd

from calllog.analysis import AnalysisInput
from calllog.i18n.workbook import workbook_text
from calllog.i18n.words import word
from calllog.model import WITHHELD
from calllog.phone import display_number
from calllog.report.workbook_cells import Column

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


# --- per-event columns ---------------------------------------------------------


def local_columns(frame: pd.DataFrame, inp: AnalysisInput) -> pd.DataFrame:
    """Local wall-clock date, time, weekday and UTC offset of each event."""
    local = frame["instant_utc"].dt.tz_convert(inp.tz)
    naive = local.dt.tz_localize(None).dt.floor("s")
    offsets = [ts.strftime("%z") for ts in local] if bool(frame["time_ambiguous"].any()) else [""] * len(frame)
    return pd.DataFrame({
        "moment": list(naive.dt.to_pydatetime()),
        "weekday": naive.dt.day_of_week.to_numpy(),
        "offset": [f"{o[:3]}:{o[3:]}" if o else "" for o in offsets],
    }, index=frame.index)


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


def attachment_names(raw: object) -> str | None:
    if not isinstance(raw, str) or raw in ("", "[]"):
        return None
    try:
        names = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(names, list):
        return raw
    return "\n".join(str(name) for name in names) or None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value != "" else None


def _duration(value: object) -> timedelta | None:
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    return timedelta(seconds=float(value))  # type: ignore[arg-type]


class EventRows:
    """What every event row needs, computed once for the listed events."""

    def __init__(self, inp: AnalysisInput, findings: Mapping[str, Any], selection: Selection, lang: str) -> None:
        self.inp = inp
        self.lang = lang
        self.frame = listed_events(inp, selection)
        self.local = local_columns(self.frame, inp)
        self.night, self.after, self.threats = event_flags(findings, selection)
        self.person_of = {n: p.name for p in inp.persons for n in p.numbers}
        self.with_line = len(inp.owners) > 1
        self.weekdays = [workbook_text(lang, f"weekday.{d}") for d in range(7)]
        self.withheld_word = workbook_text(lang, "party.withheld")

    def name(self, party: str) -> str | None:
        return self.person_of.get(party) or self.inp.names.get(party)

    def number(self, party: str) -> str:
        return self.withheld_word if party == WITHHELD else display_number(party)

    def channel(self, row: Any) -> str:
        shown = word(self.lang, "channel", row.channel)
        service = _text(row.service)
        return f"{shown} ({service})" if service and service.lower() != shown.lower() else shown

    def note(self, row: Any, local: Any) -> str | None:
        notes: list[str] = []
        when = local.moment.strftime("%d/%m/%Y %H:%M:%S")
        if row.time_ambiguous:
            notes.append(workbook_text(self.lang, "note.ambiguous", time=when, offset=local.offset))
        if row.time_nonexistent:
            notes.append(workbook_text(self.lang, "note.nonexistent", written=row.local_text, time=when))
        if row.id in self.night:
            notes.append(workbook_text(self.lang, "note.night"))
        if row.id in self.after:
            notes.append(workbook_text(self.lang, "note.after_notice"))
        if row.id in self.threats:
            words = ", ".join(f'"{w}"' for w in self.threats[row.id])
            notes.append(workbook_text(self.lang, "note.threat", words=words))
        return "; ".join(notes) or None

    def pairs(self, frame: pd.DataFrame | None = None) -> Iterator[tuple[Any, Any]]:
        frame = self.frame if frame is None else frame
        return zip(frame.itertuples(index=False), self.local.loc[frame.index].itertuples(index=False))


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


def event_values(rows: EventRows) -> Iterator[list[object]]:
    """One list of values per listed event, in ``event_columns`` order."""
    for row, local in rows.pairs():
        values: list[object] = [
            int(row.id), local.moment.date(), local.moment.time(), rows.weekdays[local.weekday],
            rows.channel(row), word(rows.lang, "direction", row.direction), word(rows.lang, "status", row.status),
            _text(row.party_raw), rows.number(row.party), rows.name(row.party), _duration(row.duration_s),
            _text(row.text), attachment_names(row.attachments),
        ]
        if rows.with_line:
            values.append(display_number(row.owner_line) if _text(row.owner_line) else None)
        values += [_text(row.sources), rows.note(row, local)]
        yield values


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


def withheld_values(rows: EventRows, findings: Mapping[str, Any]) -> Iterator[list[object]]:
    """One row per incoming withheld call (any status), in time order."""
    frame = rows.frame
    calls = frame[(frame["party"] == WITHHELD) & (frame["direction"] == "in") & (frame["channel_class"] == "call")]
    yes = workbook_text(rows.lang, "yes")
    marks = [(set(s["event_ids_on_contact_days"]), set(s["event_ids_within_window"])) for s in _alongside(findings)]
    for row, local in rows.pairs(calls):
        values: list[object] = [
            int(row.id), local.moment.date(), local.moment.time(), rows.weekdays[local.weekday],
            word(rows.lang, "status", row.status), _text(row.party_raw), _duration(row.duration_s),
        ]
        if rows.with_line:
            values.append(display_number(row.owner_line) if _text(row.owner_line) else None)
        for same_day, within in marks:
            values += [yes if row.id in same_day else None, yes if row.id in within else None]
        values += [_text(row.sources), rows.note(row, local)]
        yield values
