"""One-to-one matching of records across sources (DESIGN.md, Corroboration)."""

from __future__ import annotations

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from calllog.corroborate import NewRecord, StoredEvent, _in_order, match_records

S = 1_000_000  # microseconds in a second
CALL_IN = ("call", "in", "+32470000066")
TOL = 120 * S


def stored(event_id: int, seconds: int, key: tuple[str, str, str] = CALL_IN, owner: str | None = "+32470000001",
           sources: frozenset[int] = frozenset({1})) -> StoredEvent:
    return StoredEvent(event_id, seconds * S, key, owner, sources)


def new(index: int, seconds: int, key: tuple[str, str, str] = CALL_IN, owner: str | None = "+32470000001") -> NewRecord:
    return NewRecord(index, seconds * S, key, owner)


def test_the_same_call_within_the_tolerance_is_matched() -> None:
    assert match_records([new(0, 1030)], [stored(7, 1000)], source_id=2, tolerance_us=TOL) == {0: 7}


@pytest.mark.parametrize("offset", [121, -121, 600])
def test_beyond_the_tolerance_is_a_different_call(offset: int) -> None:
    assert match_records([new(0, 1000 + offset)], [stored(7, 1000)], 2, TOL) == {}


def test_the_tolerance_bound_is_inclusive() -> None:
    assert match_records([new(0, 1120)], [stored(7, 1000)], 2, TOL) == {0: 7}


@pytest.mark.parametrize(
    "key",
    [("message", "in", "+32470000066"), ("call", "out", "+32470000066"), ("call", "in", "+32470000067")],
)
def test_channel_class_direction_and_party_must_be_equal(key: tuple[str, str, str]) -> None:
    assert match_records([new(0, 1000, key)], [stored(7, 1000)], 2, TOL) == {}


def test_owner_lines_must_agree_but_an_unknown_line_agrees_with_any() -> None:
    assert match_records([new(0, 1000, owner="+32470000002")], [stored(7, 1000)], 2, TOL) == {}
    assert match_records([new(0, 1000, owner=None)], [stored(7, 1000)], 2, TOL) == {0: 7}
    assert match_records([new(0, 1000)], [stored(7, 1000, owner=None)], 2, TOL) == {0: 7}


def test_closest_first_and_one_to_one() -> None:
    # a burst: the operator shows three calls 20 s after the handset's three
    events = [stored(1, 1000), stored(2, 1030), stored(3, 1060)]
    records = [new(0, 1020), new(1, 1050), new(2, 1080)]
    assert match_records(records, events, 2, TOL) == {0: 1, 1: 2, 2: 3}


def test_two_records_never_take_one_event() -> None:
    # two identical rows in one file are two calls: only one can be the stored one
    result = match_records([new(0, 1000), new(1, 1000)], [stored(7, 1000)], 2, TOL)
    assert result == {0: 7}


def test_an_event_already_shown_by_this_source_is_not_matched_again() -> None:
    assert match_records([new(0, 1000)], [stored(7, 1000, sources=frozenset({2}))], 2, TOL) == {}


def test_more_records_than_events_leaves_the_farthest_unmatched() -> None:
    result = match_records([new(0, 900), new(1, 1001), new(2, 1100)], [stored(7, 1000)], 2, TOL)
    assert result == {1: 7}


def test_a_large_stretch_is_still_matched_one_to_one() -> None:
    # 600 x 600 candidates in one stretch: the greedy fallback takes over
    events = [stored(i, 1000 + i) for i in range(600)]
    records = [new(i, 1010 + i) for i in range(600)]
    result = match_records(records, events, 2, TOL)
    assert len(result) == 600
    assert len(set(result.values())) == 600


def test_stretches_far_apart_are_matched_separately() -> None:
    events = [stored(1, 1000), stored(2, 50_000)]
    records = [new(0, 50_030), new(1, 1030)]
    assert match_records(records, events, 2, TOL) == {0: 2, 1: 1}


# --- the stretches found with numpy give the pairing of one search over each key ---------------------

KEYS = [CALL_IN, ("call", "out", "+32470000066"), ("message", "in", "+32470000066"), ("call", "in", "+32470000067")]
OWNERS = ["+32470000001", "+32470000002", None]


@st.composite
def sides(draw: st.DrawFn) -> tuple[list[NewRecord], list[StoredEvent]]:
    def instants() -> list[int]:
        return draw(st.lists(st.integers(0, 1500), min_size=0, max_size=25))

    records = [NewRecord(i, t * S, draw(st.sampled_from(KEYS)), draw(st.sampled_from(OWNERS)))
               for i, t in enumerate(instants())]
    events = [StoredEvent(100 + i, t * S, draw(st.sampled_from(KEYS)), draw(st.sampled_from(OWNERS)), frozenset({1}))
              for i, t in enumerate(instants())]
    return records, events


def _best_per_key(records: list[NewRecord], events: list[StoredEvent]) -> tuple[int, int]:
    """Pairs and total distance of the order-keeping search run over each key whole."""
    pairs = distance = 0
    for key in KEYS:
        mine = sorted((r for r in records if r.key == key), key=lambda r: (r.instant_us, r.index))
        theirs = sorted((e for e in events if e.key == key), key=lambda e: (e.instant_us, e.event_id))
        found = _in_order(mine, theirs, TOL)
        pairs += len(found)
        at = {e.event_id: e.instant_us for e in theirs}
        distance += sum(abs(r.instant_us - at[found[r.index]]) for r in mine if r.index in found)
    return pairs, distance


@settings(max_examples=300, deadline=None)
@given(drawn=sides())
def test_stretches_pair_as_many_and_as_close_as_one_search_per_key(drawn: tuple[list[NewRecord], list[StoredEvent]]) -> None:
    records, events = drawn
    result = match_records(records, events, source_id=2, tolerance_us=TOL)
    by_index = {r.index: r for r in records}
    by_id = {e.event_id: e for e in events}
    assert len(set(result.values())) == len(result)  # one to one
    for index, event_id in result.items():
        record, event = by_index[index], by_id[event_id]
        assert record.key == event.key and abs(record.instant_us - event.instant_us) <= TOL
        assert record.owner_line is None or event.owner_line is None or record.owner_line == event.owner_line
    distance = sum(abs(by_index[i].instant_us - by_id[e].instant_us) for i, e in result.items())
    assert (len(result), distance) == _best_per_key(records, events)
