"""One-to-one matching of records across sources (DESIGN.md, Corroboration)."""

from __future__ import annotations

import pytest

from calllog.corroborate import NewRecord, StoredEvent, match_records

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
