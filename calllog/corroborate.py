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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

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


@dataclass(frozen=True)
class MatchSide:
    """One side of a matching, column by column: the new records of a file
    (``ids`` = their positions in the file) or the stored events (``ids`` =
    event ids). Position ``i`` of every list is one record or event."""

    ids: Sequence[int]
    instants_us: Sequence[int]
    channel_classes: Sequence[str]
    directions: Sequence[str]
    parties: Sequence[str]
    owner_lines: Sequence[str | None]

    def __len__(self) -> int:
        return len(self.ids)


def match_records(
    records: Sequence[NewRecord],
    stored: Sequence[StoredEvent],
    source_id: int,
    tolerance_us: int,
) -> dict[int, int]:
    """Map the index of each new record that shows a stored event to that
    event's id (``match_sides`` for records and events as objects; an event
    that already shows ``source_id`` is left out)."""
    events = [event for event in stored if source_id not in event.source_ids]
    return match_sides(
        MatchSide([r.index for r in records], [r.instant_us for r in records], [r.key[0] for r in records],
                  [r.key[1] for r in records], [r.key[2] for r in records], [r.owner_line for r in records]),
        MatchSide([e.event_id for e in events], [e.instant_us for e in events], [e.key[0] for e in events],
                  [e.key[1] for e in events], [e.key[2] for e in events], [e.owner_line for e in events]),
        tolerance_us,
    )


def match_sides(new: MatchSide, stored: MatchSide, tolerance_us: int) -> dict[int, int]:
    """Map the id of each new record that shows a stored event to that
    event's id. Each record and each event is used at most once.

    Within one key (channel class, direction, party), records and events
    are cut into stretches where no two neighbours in time are more than
    the tolerance apart (no pair can span a gap). In each stretch the
    pairing keeps the order of time on both sides (a clock offset between
    two sources never crosses calls in a burst), pairs as many as possible,
    and among those the closest.

    The stretches are found for all records at once (numpy); a stretch of
    one record and one event, nearly all of them when two sources show the
    same calls, is paired there too. Only the other stretches are searched
    one by one.
    """
    if not len(new) or not len(stored):
        return {}
    import numpy as np  # only imports that corroborate need numpy and pandas
    import pandas as pd

    def both(column: str, dtype: type = object) -> np.ndarray:
        return np.concatenate([np.asarray(getattr(new, column), dtype=dtype),
                               np.asarray(getattr(stored, column), dtype=dtype)])

    count = len(new) + len(stored)
    side = np.zeros(count, dtype=np.int8)
    side[len(new):] = 1
    ids = both("ids", np.int64)
    instants = both("instants_us", np.int64)
    key = np.zeros(count, dtype=np.int64)
    for column in ("channel_classes", "directions", "parties"):
        codes, uniques = pd.factorize(both(column))
        key = key * max(len(uniques), 1) + codes
    owner_lines = both("owner_lines")
    owner_codes = pd.factorize(owner_lines)[0]

    # the timeline of each key: by instant, a record before an event at the same instant, then by id
    order = np.lexsort((ids, side, instants, key))
    key, instants, side, ids, owner_codes = key[order], instants[order], side[order], ids[order], owner_codes[order]
    starts = np.ones(count, dtype=bool)
    starts[1:] = (key[1:] != key[:-1]) | (instants[1:] - instants[:-1] > tolerance_us)
    stretch = np.cumsum(starts) - 1
    stored_in = np.bincount(stretch, weights=side).astype(np.int64)
    records_in = np.bincount(stretch).astype(np.int64) - stored_in

    matched: dict[int, int] = {}
    single = (records_in == 1) & (stored_in == 1)
    in_single = single[stretch]
    record_at = np.flatnonzero(in_single & (side == 0))
    event_at = np.flatnonzero(in_single & (side == 1))  # aligned: one of each per stretch, stretches in order
    agree = (owner_codes[record_at] < 0) | (owner_codes[event_at] < 0) | \
        (owner_codes[record_at] == owner_codes[event_at])
    matched.update(zip(ids[record_at[agree]].tolist(), ids[event_at[agree]].tolist()))

    searched = (records_in >= 1) & (stored_in >= 1) & ~single
    if searched.any():
        owners = owner_lines.tolist()
        for positions in _runs(np.flatnonzero(searched[stretch]), stretch):
            records = [NewRecord(int(ids[p]), int(instants[p]), ("", "", ""), owners[int(order[p])])
                       for p in positions if side[p] == 0]
            events = [StoredEvent(int(ids[p]), int(instants[p]), ("", "", ""), owners[int(order[p])], frozenset())
                      for p in positions if side[p] == 1]
            if len(records) * len(events) > ORDERED_SEARCH_LIMIT:
                matched.update(_earliest_in_order(records, events, tolerance_us))
            else:
                matched.update(_in_order(records, events, tolerance_us))
    return matched


def _runs(positions: "np.ndarray", stretch: "np.ndarray") -> list[list[int]]:
    """``positions`` (sorted) cut where the stretch number changes."""
    runs: list[list[int]] = []
    previous = -1
    for position in positions.tolist():
        if stretch[position] != previous:
            runs.append([])
            previous = stretch[position]
        runs[-1].append(position)
    return runs


def _can_pair(record: NewRecord, event: StoredEvent, tolerance_us: int) -> bool:
    return abs(record.instant_us - event.instant_us) <= tolerance_us and _owners_agree(
        record.owner_line, event.owner_line
    )


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
