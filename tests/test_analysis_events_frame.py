"""``Store.events_frame`` reads a million events column by column; its
frame must stay what the one SQL query it replaced gave, value for value
and dtype for dtype, because the analysis and every report read it.

The reference below is that query, kept here as the definition.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from calllog.case import Case
from calllog.casedata import ANALYSIS_COLUMNS
from calllog.demo import build_demo_case
from calllog.store import Store

REFERENCE_QUERY = """
    SELECT e.id, e.instant_us, e.local_text, e.time_ambiguous, e.time_nonexistent, e.channel,
           e.channel_class, e.direction, e.status, e.status_raw, e.duration_s, e.party_raw, e.party,
           e.party_quality, e.owner_line, e.text, e.attachments, e.service,
           (SELECT COUNT(*) FROM event_sources l WHERE l.event_id = e.id) AS source_count,
           (SELECT group_concat(s.name || ': ' || l.locator, '; ') FROM event_sources l
              JOIN sources s ON s.id = l.source_id WHERE l.event_id = e.id) AS sources
    FROM events e ORDER BY e.instant_us, e.id
"""


def reference_frame(store: Store) -> pd.DataFrame:
    frame = pd.read_sql_query(REFERENCE_QUERY, store.conn)
    frame.insert(1, "instant_utc", pd.to_datetime(frame.pop("instant_us"), unit="us", utc=True).astype("datetime64[ns, UTC]"))
    frame["time_ambiguous"] = frame["time_ambiguous"].astype(bool)
    frame["time_nonexistent"] = frame["time_nonexistent"].astype(bool)
    frame["duration_s"] = frame["duration_s"].astype(float)
    return frame


def assert_same_frame(store: Store) -> None:
    expected = reference_frame(store)
    pd.testing.assert_frame_equal(store.events_frame(), expected, check_exact=True)
    # a subset keeps the columns asked for, in the frame's order, with id first
    subset = store.events_frame(ANALYSIS_COLUMNS)
    pd.testing.assert_frame_equal(subset, expected[list(subset.columns)], check_exact=True)
    assert list(subset.columns) == [c for c in expected.columns if c in ("id", *ANALYSIS_COLUMNS)]


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("frame") / "case"
    build_demo_case(folder)[0].close()
    return folder


@pytest.fixture
def store(demo_folder: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "case.sqlite"
    source = sqlite3.connect(demo_folder / "case.sqlite")
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    opened = Store(copy)
    yield opened
    opened.close()


def test_the_demo_case_frame_is_the_reference_frame(store: Store) -> None:
    frame = store.events_frame()
    # the demo has events corroborated by two or three files, and ids out of time order
    assert frame["source_count"].max() >= 2
    assert not frame["id"].is_monotonic_increasing
    assert_same_frame(store)


def test_sources_lost_and_links_to_no_event_are_read_as_the_query_read_them(store: Store) -> None:
    with store.transaction() as conn:
        # an event no source shows, with text and service where the others have none
        conn.execute(
            "INSERT INTO events (id, instant_us, local_text, time_ambiguous, time_nonexistent, channel, channel_class, "
            "direction, status, status_raw, duration_s, party_raw, party, party_quality, owner_line, text, attachments, "
            "service, headers, source_id, source_locator) SELECT 9001, instant_us, local_text, 1, 0, channel, "
            "channel_class, direction, status, 'raw ; odd \"text\"', 12.5, party_raw, party, party_quality, NULL, "
            "'tab\there, quote \" and é', '[]', 'signal', NULL, source_id, source_locator FROM events WHERE id = 1"
        )
    conn = store.conn
    conn.execute("PRAGMA foreign_keys = OFF")  # what only a damaged case holds
    conn.execute("INSERT INTO event_sources VALUES (99999, 1, 'row 7', 'x', 'y')")  # a link to no event
    conn.execute("INSERT INTO event_sources VALUES (1, 999, 'row 8', 'x', 'y')")  # a link to a lost source
    conn.execute("PRAGMA foreign_keys = ON")
    frame = store.events_frame()
    assert frame.loc[frame["id"] == 9001, "source_count"].item() == 0
    assert_same_frame(store)


def test_a_value_json_cannot_hold_is_read_column_by_column(store: Store) -> None:
    # SQLite's JSON cannot hold a blob: the repeated columns are then read one by one
    store.conn.execute("UPDATE events SET status_raw = x'00ff' WHERE id = 2")
    frame = store.events_frame()
    assert frame.loc[frame["id"] == 2, "status_raw"].item() == b"\x00\xff"
    assert_same_frame(store)


def test_an_empty_case_has_the_reference_columns_and_dtypes(tmp_path: Path) -> None:
    case = Case.create(tmp_path / "empty", ["0470000001"])
    try:
        assert case.store.events_frame().empty
        assert_same_frame(case.store)
    finally:
        case.close()


def test_unknown_columns_are_a_programming_error(store: Store) -> None:
    with pytest.raises(ValueError, match="no columns"):
        store.events_frame(["id", "colour"])
