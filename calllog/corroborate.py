"""Corroboration: the same real call or message seen in two sources is one
event that lists both.

The rule (DESIGN.md): a new record and a stored event are the same contact
when their channel class (call / message / chat), direction and party are
equal, their owner lines agree (equal, or one of them unknown: a handset
backup does not say which line it belongs to), and their instants are at
most a tolerance apart. Pairs are taken one-to-one, keeping the order of
time and closest first, and an event never takes two records of one source: records of one file are never
merged with each other, because two identical rows in one export are two
calls as far as anyone can tell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

MatchKey = tuple[str, str, str]  # channel class, direction, party


@dataclass(frozen=True, slots=True)
class StoredEvent:
    event_id: int
    instant_us: int
    key: MatchKey
    owner_line: str | None
    source_ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class NewRecord:
    index: int
    instant_us: int
    key: MatchKey
    owner_line: str | None


def _owners_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


# a stretch of records and events this large is matched in one greedy pass
# instead of by the closest-pairs search, whose cost grows with their product
ORDERED_SEARCH_LIMIT = 250_000


def match_records(
    records: Sequence[NewRecord],
    stored: Sequence[StoredEvent],
    source_id: int,
    tolerance_us: int,
) -> dict[int, int]:
    """Map the index of each new record that shows a stored event to that
    event's id. Each record and each event is used at most once.

    Within one party, records and events are cut into stretches where no
    two neighbours are more than the tolerance apart (no pair can span a
    gap). In each stretch the pairing keeps the order of time on both sides
    (a clock offset between two sources never crosses calls in a burst),
    pairs as many as possible, and among those the closest.
    """
    events_by_key: dict[MatchKey, list[StoredEvent]] = defaultdict(list)
    for event in stored:
        if source_id not in event.source_ids:
            events_by_key[event.key].append(event)
    records_by_key: dict[MatchKey, list[NewRecord]] = defaultdict(list)
    for record in records:
        if record.key in events_by_key:
            records_by_key[record.key].append(record)

    matched: dict[int, int] = {}
    for key, key_records in records_by_key.items():
        for stretch_records, stretch_events in _stretches(key_records, events_by_key[key], tolerance_us):
            if len(stretch_records) == 1 and len(stretch_events) == 1:
                # the usual case (one call seen by two sources): what _in_order finds, without its table
                record, event = stretch_records[0], stretch_events[0]
                if _can_pair(record, event, tolerance_us):
                    matched[record.index] = event.event_id
            elif len(stretch_records) * len(stretch_events) > ORDERED_SEARCH_LIMIT:
                matched.update(_earliest_in_order(stretch_records, stretch_events, tolerance_us))
            else:
                matched.update(_in_order(stretch_records, stretch_events, tolerance_us))
    return matched


def _can_pair(record: NewRecord, event: StoredEvent, tolerance_us: int) -> bool:
    return abs(record.instant_us - event.instant_us) <= tolerance_us and _owners_agree(
        record.owner_line, event.owner_line
    )


def _stretches(
    records: list[NewRecord], events: list[StoredEvent], tolerance_us: int
) -> list[tuple[list[NewRecord], list[StoredEvent]]]:
    timeline = sorted(
        [(r.instant_us, 0, r.index, r) for r in records] + [(e.instant_us, 1, e.event_id, e) for e in events],
        key=lambda item: item[:3],
    )
    stretches: list[tuple[list[NewRecord], list[StoredEvent]]] = []
    previous: int | None = None
    for instant, side, _, item in timeline:
        if previous is None or instant - previous > tolerance_us:
            stretches.append(([], []))
        if side == 0:
            stretches[-1][0].append(item)  # type: ignore[arg-type]
        else:
            stretches[-1][1].append(item)  # type: ignore[arg-type]
        previous = instant
    return [(r, e) for r, e in stretches if r and e]


def _in_order(records: list[NewRecord], events: list[StoredEvent], tolerance_us: int) -> dict[int, int]:
    """The order-keeping pairing with most pairs, then least total distance."""
    n, m = len(records), len(events)
    # best[i][j] = (pairs, -distance) using the first i records and j events
    best = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        record = records[i - 1]
        row, above = best[i], best[i - 1]
        for j in range(1, m + 1):
            choice = max(above[j], row[j - 1])
            event = events[j - 1]
            if _can_pair(record, event, tolerance_us):
                pairs, negative = above[j - 1]
                choice = max(choice, (pairs + 1, negative - abs(record.instant_us - event.instant_us)))
            row[j] = choice
    matched: dict[int, int] = {}
    i, j = n, m
    while i > 0 and j > 0:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            matched[records[i - 1].index] = events[j - 1].event_id
            i -= 1
            j -= 1
    return matched


def _earliest_in_order(records: list[NewRecord], events: list[StoredEvent], tolerance_us: int) -> dict[int, int]:
    """Each record, in time order, takes the earliest free event it can
    pair with after the last one taken: as many pairs as possible, order
    kept, in one pass (distance is not minimised)."""
    events = sorted(events, key=lambda e: (e.instant_us, e.event_id))
    matched: dict[int, int] = {}
    start = 0
    for record in sorted(records, key=lambda r: (r.instant_us, r.index)):
        while start < len(events) and events[start].instant_us < record.instant_us - tolerance_us:
            start += 1
        for position in range(start, len(events)):
            event = events[position]
            if event.instant_us > record.instant_us + tolerance_us:
                break
            if _owners_agree(record.owner_line, event.owner_line):
                matched[record.index] = event.event_id
                start = position + 1
                break
    return matched
