"""``analyse``: the ``calllog.findings/1`` document (DESIGN.md,
``calllog analyse --json``).

The document is exactly DESIGN.md's, plus ``event_ids`` on every indicator
(and ``matches`` on the threats indicator: each matching message's event id
and the words found in it) and a ``withheld_alongside`` section (see
``withheld``). Parties are sorted persons of interest first, then by
incoming contacts (most first), a person before its numbers on a tie, then
by name.

* A party's ``person`` is the name of the person that groups it, else its
  address-book name, else null.
* A person that groups two or more parties gets an entry of its own
  (``party`` and ``person`` are its name, ``numbers`` its parties); a
  person over one party is described by that party's entry.
* ``first``/``last`` are the first and last *contact* (incoming), local
  ISO 8601 with offset, to the second; null without contacts, like
  ``max_day``.
* ``events.corroborated`` counts events shown by more than one source when
  the events carry a ``source_count`` column, and is null otherwise.
* ``party_filter`` keeps the entries whose party is that text (or the
  number it normalises to), or whose person is that name, with any case;
  ``start``/``end`` keep the events of those local dates (both included).
  The ``events`` totals are those of the period, over every party.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pandas as pd

from calllog.analysis.figures import compute_figures
from calllog.analysis.frame import Entry, build_entries, day_of, entry_rows, prepare_events
from calllog.analysis.indicators import IndicatorWriter
from calllog.analysis.inputs import EVENT_COLUMNS, AnalysisInput
from calllog.analysis.sentences import Phrases
from calllog.analysis.settings import Thresholds, effective, threat_words
from calllog.analysis.withheld import withheld_alongside
from calllog.errors import SettingsError
from calllog.timeutil import local_iso

FINDINGS_SCHEMA = "calllog.findings/1"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_COUNTS = ("incoming", "outgoing", "calls_in", "messages_in", "unanswered_calls")
_FLAG_COUNTS = ("max_in_10_min", "night", "after_notice", "threat_messages")


def analyse(inp: AnalysisInput, party_filter: str | None = None, start: date | None = None, end: date | None = None) -> dict[str, Any]:
    """The findings document of the events of ``inp``."""
    with cycle_collection_paused():
        document = findings_in_parts(inp, party_filter, start, end)
        document["parties"] = list(document["parties"])
        return document


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """The analysis makes hundreds of thousands of dicts and lists (the
    indicators of every entry and their event ids) and no reference cycle
    worth a collection, yet Python's cycle collector would walk them over
    and over as they pile up: a second on a million events. A caller that
    drops the document before it resumes collecting (the command line)
    spares the last walk too."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def findings_in_parts(
    inp: AnalysisInput, party_filter: str | None = None, start: date | None = None, end: date | None = None,
) -> dict[str, Any]:
    """``analyse``'s document with ``parties`` an iterator that makes each
    entry when it is taken: a writer can put one out and let it go before
    the next (on a million events the whole list is hundreds of megabytes).
    Take the entries with the cycle collector paused, as ``analyse`` does."""
    missing = [column for column in EVENT_COLUMNS if column not in inp.events.columns]
    if missing:
        raise ValueError(f"the events table lacks the columns {missing}")  # a caller's bug, not the user's
    if start is not None and end is not None and start > end:
        raise SettingsError(f"The period starts ({start}) after it ends ({end}).", hint="Give --from before --to.")
    limits = Thresholds.from_settings(inp.settings)
    phrases = Phrases(inp.language, inp.owners)
    notices = sorted(inp.notices, key=lambda notice: notice.at_utc)
    earliest = notices[0] if notices else None
    notice_s = (earliest.at_utc - _EPOCH) // timedelta(seconds=1) if earliest else None
    frame = prepare_events(inp.events, inp.tz, start, end, limits.night, notice_s, threat_words(effective(inp.settings)))
    entries = build_entries(frame, inp.persons, inp.names, inp.short_parties, party_filter)
    figures, evidence = compute_figures(entry_rows(frame, entries), len(entries), limits.burst_minutes, limits.burst_contacts)
    incoming = figures["incoming"].tolist()
    order = sorted(range(len(entries)), key=lambda i: _rank(entries[i], incoming[i]))
    totals = _event_totals(frame, inp)
    withheld = withheld_alongside(frame, [entries[i] for i in order], limits.withheld_window_minutes, phrases)
    del frame  # the events of the period are no longer needed: free them before the entries are made
    writer = IndicatorWriter(limits, earliest, phrases, inp.tz)
    rows = figures.to_dict("records")

    def parties() -> Iterator[dict[str, Any]]:
        for i in order:
            indicators, consistent = writer.indicators(entries[i], rows[i], evidence)
            yield _entry_document(entries[i], rows[i], indicators, consistent, inp)

    return {
        "schema": FINDINGS_SCHEMA,
        "case": {
            "owners": list(inp.owners),
            "timezone": inp.tz.key,
            "notices": [local_iso(notice.at_utc, inp.tz) for notice in notices],
        },
        "events": totals,
        "parties": parties(),
        "withheld_alongside": withheld,
    }


def findings_json(document: Mapping[str, Any]) -> Iterator[str]:
    """The document as JSON text, in pieces to write one after the other:
    its keys one per line and each entry of ``parties`` on a line of its
    own, so the text can still be read and searched line by line.

    Each piece comes from the C encoder in one call (``json.dumps(indent=2)``
    runs in Python and, on a million events, took longer than the analysis
    itself), and a 100 MB document never exists as one string."""
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode  # a tree, made here
    yield "{"
    for number, (key, value) in enumerate(document.items()):
        yield ("," if number else "") + f"\n  {encode(key)}: "
        if key == "parties":  # a list, or an iterator (``findings_in_parts``)
            yield "["
            for index, entry in enumerate(value):
                yield ("," if index else "") + "\n    " + encode(entry)
            yield "\n  ]"
        else:
            yield encode(value)
    yield "\n}\n"


def _rank(entry: Entry, incoming: int) -> tuple[bool, int, bool, str]:
    return (not entry.suspect, -int(incoming), not entry.is_person, entry.party)


def _event_totals(frame: pd.DataFrame, inp: AnalysisInput) -> dict[str, int | None]:
    calls = int(frame["is_call"].sum())
    corroborated = int((frame["source_count"] > 1).sum()) if "source_count" in frame else None
    return {"total": len(frame), "calls": calls, "messages": len(frame) - calls, "sources": inp.sources, "corroborated": corroborated}


def _entry_document(entry: Entry, row: Mapping[str, Any], indicators: list[dict[str, object]], consistent: bool, inp: AnalysisInput) -> dict[str, Any]:
    incoming = int(row["incoming"])
    document: dict[str, Any] = {
        "party": entry.party,
        "person": entry.person,
        "numbers": list(entry.numbers),
        "suspect": entry.suspect,
        **{key: int(row[key]) for key in _COUNTS},
        "first": _local(row["first_us"], inp) if incoming else None,
        "last": _local(row["last_us"], inp) if incoming else None,
        "span_days": int(row["span_days"]),
        "active_days": int(row["active_days"]),
        "longest_streak_days": int(row["longest_streak_days"]),
        "max_per_day": int(row["max_per_day"]),
        "max_day": day_of(int(row["max_day"])).isoformat() if incoming else None,
        **{key: int(row[key]) for key in _FLAG_COUNTS},
        "weekly_trend": round(float(row["weekly_trend"]), 4),
        "indicators": indicators,
        "consistent_with_belaging": bool(consistent),
    }
    return document


def _local(instant_us: float, inp: AnalysisInput) -> str:
    return local_iso(_EPOCH + timedelta(microseconds=int(instant_us)), inp.tz)
