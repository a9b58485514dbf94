"""Builders for the analysis tests: small, hand-made event tables.

Everything here is fictional (numbers in the made-up range 0470 00 00 xx).
Times are written as local Brussels wall-clock text ("2026-01-15 23:00")
or, where the exact instant matters around a clock change, with an offset
or Z ("2026-03-29T01:00:00Z").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from calllog.analysis import DEFAULT_ANALYSIS_SETTINGS, AnalysisInput, Notice, Person, analyse, notice_instant

BRUSSELS = ZoneInfo("Europe/Brussels")
OWNER = "+32470000001"
JENS = "+32470000066"
JENS_2 = "+32470000067"
MAMA = "+32470000010"
WITHHELD = "withheld"

COLUMNS = ["id", "instant_utc", "channel", "channel_class", "direction", "status", "party", "party_quality", "text", "duration_s"]
_CLASS = {"call": "call", "voicemail": "call", "sms": "message", "mms": "message", "chat": "chat", "email": "email"}


def instant(when: str) -> datetime:
    """Local Brussels wall-clock text (first occurrence), or text with an offset."""
    parsed = datetime.fromisoformat(when.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=BRUSSELS)


def ev(when: str, party: str = JENS, direction: str = "in", channel: str = "call", status: str | None = None,
       text: str | None = None) -> dict[str, Any]:
    """One event; the status defaults to missed (calls in), received/sent (messages)."""
    if status is None:
        if channel in ("call", "voicemail"):
            status = "missed" if direction == "in" else "answered"
        else:
            status = "received" if direction == "in" else "sent"
    quality = "withheld" if party == WITHHELD else ("short" if len(party) <= 6 else "valid")
    return {"instant_utc": instant(when), "channel": channel, "channel_class": _CLASS[channel], "direction": direction,
            "status": status, "party": party, "party_quality": quality, "text": text, "duration_s": float("nan")}


def frame(events: Sequence[Mapping[str, Any]], first_id: int = 1) -> pd.DataFrame:
    rows = [{"id": first_id + i, **event} for i, event in enumerate(events)]
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["instant_utc"] = pd.to_datetime(table["instant_utc"], utc=True)
    return table


def make_input(events: Sequence[Mapping[str, Any]] | pd.DataFrame, notices: Sequence[str] = (),
               persons: Sequence[Person] = (), settings: Mapping[str, object] | None = None,
               language: str = "en", names: Mapping[str, str] | None = None) -> AnalysisInput:
    table = events if isinstance(events, pd.DataFrame) else frame(events)
    return AnalysisInput(
        events=table, tz=BRUSSELS, owners=(OWNER,),
        notices=tuple(Notice(notice_instant(n, BRUSSELS), "registered letter", n) for n in notices),
        persons=tuple(persons), settings={**DEFAULT_ANALYSIS_SETTINGS, **(settings or {})},
        language=language, sources=1, names=dict(names or {}),
    )


def run(events: Sequence[Mapping[str, Any]] | pd.DataFrame, **kwargs: Any) -> dict[str, Any]:
    return analyse(make_input(events, **kwargs))


def entry(document: Mapping[str, Any], party: str) -> dict[str, Any]:
    found = [p for p in document["parties"] if p["party"] == party]
    assert len(found) == 1, f"{party} is in the findings {len(found)} times"
    return found[0]


def indicator(party_entry: Mapping[str, Any], name: str) -> dict[str, Any]:
    return next(i for i in party_entry["indicators"] if i["id"] == name)


def figures_of(events: Sequence[Mapping[str, Any]], party: str = JENS, **kwargs: Any) -> dict[str, Any]:
    return entry(run(events, **kwargs), party)
