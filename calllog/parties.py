"""Who contacted the owner, and how often: the parties table.

Counts are of events (after corroboration), never of records, so a call
shown by the handset and by the operator counts once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from calllog.case import Case
from calllog.model import PartyQuality
from calllog.store import from_us
from calllog.timeutil import local_iso

PARTIES_SCHEMA = "calllog.parties/1"

# when one party was written in several ways, the surest reading describes it
_QUALITY_ORDER = [q.value for q in PartyQuality]


@dataclass(frozen=True)
class PartySummary:
    party: str
    name: str | None
    quality: str
    incoming: int
    outgoing: int
    calls_in: int
    messages_in: int
    calls_out: int
    messages_out: int
    unanswered_calls: int
    first: str
    last: str

    @property
    def total(self) -> int:
        return self.incoming + self.outgoing


def party_summaries(case: Case) -> list[PartySummary]:
    """Every party, busiest first (then by party, for a stable order)."""
    tz = case.tz
    names = case.store.names()
    summaries = []
    for row in case.store.party_rows():
        qualities = str(row["qualities"]).split(",")
        summaries.append(
            PartySummary(
                party=row["party"],
                name=names.get(row["party"]),
                quality=min(qualities, key=_QUALITY_ORDER.index),
                incoming=int(row["incoming"]),
                outgoing=int(row["outgoing"]),
                calls_in=int(row["calls_in"]),
                messages_in=int(row["messages_in"]),
                calls_out=int(row["calls_out"]),
                messages_out=int(row["messages_out"]),
                unanswered_calls=int(row["unanswered_calls"]),
                first=local_iso(from_us(row["first_us"]), tz),
                last=local_iso(from_us(row["last_us"]), tz),
            )
        )
    summaries.sort(key=lambda s: (-s.total, s.party))
    return summaries


def parties_document(case: Case) -> dict[str, Any]:
    """The ``parties --json`` document: every party, no top-N cut."""
    return {
        "schema": PARTIES_SCHEMA,
        "events": case.store.event_totals(),
        "parties": [asdict(s) for s in party_summaries(case)],
    }
