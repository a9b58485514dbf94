"""Tests of calllog.timeutil: epochs, zones, the two daylight-saving hours.

Every expected value below was worked out by hand from the definitions
(days since the epoch, the EU rule "clocks change at 01:00 UTC on the last
Sunday of March / October", the US and Australian rules), not copied from
the code's output.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from calllog.errors import CalllogError, SettingsError
from calllog.timeutil import (
    DEFAULT_ZONE,
    WallClock,
    from_apple_nanoseconds,
    from_apple_seconds,
    from_unix_ms,
    from_unix_seconds,
    local_iso,
    resolve_wall_clock,
    resolve_wall_clock_series,
    to_local,
    utc_iso,
    zone,
)

REAL_SAMPLES = Path(__file__).parents[1].parent / "shared" / "real-samples"
BRUSSELS = zone("Europe/Brussels")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def wall(text: str) -> datetime:
    return datetime.fromisoformat(text)


# --- epochs -------------------------------------------------------------------

EPOCHS: list[tuple[Callable[[Any], datetime], float, str]] = [
    # SyncTech's own example: 1400773261 s = 16212 days + 56461 s
    (from_unix_ms, 1400773261000, "2014-05-22T15:41:01Z"),
    (from_unix_ms, 0, "1970-01-01T00:00:00Z"),
    (from_unix_ms, -1, "1969-12-31T23:59:59.999000Z"),
    (from_unix_ms, 1400773261000.5, "2014-05-22T15:41:01.000500Z"),
    (from_unix_seconds, 1400773261, "2014-05-22T15:41:01Z"),
    (from_unix_seconds, 978307200, "2001-01-01T00:00:00Z"),
    (from_unix_seconds, 1768517999.25, "2026-01-15T22:59:59.250000Z"),
    (from_apple_seconds, 0, "2001-01-01T00:00:00Z"),
    (from_apple_seconds, -978307200, "1970-01-01T00:00:00Z"),
    (from_apple_seconds, 599079037.5, "2019-12-26T18:50:37.500000Z"),
    # iOS 11+ sms.db: 18 digits of ns; cut (not rounded) to microseconds
    (from_apple_nanoseconds, 599079037641931008, "2019-12-26T18:50:37.641931Z"),
    (from_apple_nanoseconds, 0, "2001-01-01T00:00:00Z"),
    (from_apple_nanoseconds, 999, "2001-01-01T00:00:00Z"),
    (from_apple_nanoseconds, 1999, "2001-01-01T00:00:00.000001Z"),
]


@pytest.mark.parametrize(("convert", "value", "expected"), EPOCHS)
def test_epochs(convert: Callable[[Any], datetime], value: float, expected: str) -> None:
    instant = convert(value)
    assert instant.utcoffset() == timedelta(0)
    assert utc_iso(instant) == expected


@pytest.mark.parametrize(
    ("convert", "value"),
    [
        (from_unix_ms, math.nan),
        (from_unix_ms, math.inf),
        (from_unix_ms, 10**20),
        (from_unix_seconds, -(10**12)),
        (from_apple_seconds, math.nan),
        (from_apple_nanoseconds, 10**30),
    ],
)
def test_a_number_that_is_no_date_is_a_value_error(
    convert: Callable[[Any], datetime], value: float
) -> None:
    with pytest.raises(ValueError, match="is not a date calllog can read"):
        convert(value)


def test_real_sbr_calls_file_date() -> None:
    path = REAL_SAMPLES / "android-sbr" / "memacs-calls.xml"
    if not path.exists():
        pytest.skip("real samples are not available")
    first_call = path.read_text(encoding="utf-8").split('date="', 1)[1].split('"', 1)[0]
    assert first_call == "1312563906092"
    # 1312563906 s = 15191 days (2011-08-05) + 61506 s (17:05:06)
    instant = from_unix_ms(int(first_call))
    assert utc_iso(instant) == "2011-08-05T17:05:06.092000Z"
    assert local_iso(instant, BRUSSELS) == "2011-08-05T19:05:06+02:00"


def test_real_ios13_sms_db_dates_are_nanoseconds() -> None:
    path = REAL_SAMPLES / "ios" / "magnet-ctf-2020-ios13-sms.db"
    if not path.exists():
        pytest.skip("real samples are not available")
    with sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True) as db:
        (first_date,) = db.execute("SELECT date FROM message ORDER BY ROWID LIMIT 1").fetchone()
    # 599079037 s + 978307200 = 1577386237 = 18256 days (2019-12-26) + 67837 s
    assert utc_iso(from_apple_nanoseconds(first_date)) == "2019-12-26T18:50:37.641931Z"


# --- zone names -------------------------------------------------------------


def test_default_zone_and_forgiven_spelling() -> None:
    assert zone(DEFAULT_ZONE).key == "Europe/Brussels"
    assert zone(" europe/brussels ").key == "Europe/Brussels"
    assert zone("america/new_york").key == "America/New_York"
    assert zone("UTC").utcoffset(datetime(2026, 7, 1)) == timedelta(0)


@pytest.mark.parametrize(
    "name",
    ["Europe/Brusels", "", "   ", "Brussels", "Europe", "localtime", "posixrules",
     "/etc/localtime", "../../etc/passwd", "zone.tab", "Europe/Brussels\x00"],
)
def test_unknown_zone_is_a_clear_settings_error(name: str) -> None:
    with pytest.raises(SettingsError) as caught:
        zone(name)
    assert isinstance(caught.value, CalllogError)
    assert caught.value.message == f"'{name}' is not a time zone calllog knows."
    assert caught.value.hint == "Use a name like Europe/Brussels."


# --- showing instants -----------------------------------------------------------

SHOWN = [
    # (UTC instant, zone, local ISO) on both sides of every Brussels change
    ("2025-03-30T00:59:59Z", "Europe/Brussels", "2025-03-30T01:59:59+01:00"),
    ("2025-03-30T01:00:00Z", "Europe/Brussels", "2025-03-30T03:00:00+02:00"),
    ("2025-10-26T00:59:59Z", "Europe/Brussels", "2025-10-26T02:59:59+02:00"),
    ("2025-10-26T01:00:00Z", "Europe/Brussels", "2025-10-26T02:00:00+01:00"),
    ("2025-10-26T02:00:00Z", "Europe/Brussels", "2025-10-26T03:00:00+01:00"),
    ("2026-03-29T00:59:59Z", "Europe/Brussels", "2026-03-29T01:59:59+01:00"),
    ("2026-03-29T01:00:00Z", "Europe/Brussels", "2026-03-29T03:00:00+02:00"),
    ("2026-10-25T00:30:00Z", "Europe/Brussels", "2026-10-25T02:30:00+02:00"),
    ("2026-10-25T01:30:00Z", "Europe/Brussels", "2026-10-25T02:30:00+01:00"),
    ("2026-01-15T22:59:59Z", "Europe/Brussels", "2026-01-15T23:59:59+01:00"),
    # fractions are cut: the minute and the date shown never move forward
    ("2026-01-15T22:59:59.999999Z", "Europe/Brussels", "2026-01-15T23:59:59+01:00"),
    ("2025-11-02T05:30:00Z", "America/New_York", "2025-11-02T01:30:00-04:00"),
    ("2025-11-02T06:30:00Z", "America/New_York", "2025-11-02T01:30:00-05:00"),
    ("2025-04-05T15:30:00Z", "Australia/Sydney", "2025-04-06T02:30:00+11:00"),
    ("2025-04-05T16:30:00Z", "Australia/Sydney", "2025-04-06T02:30:00+10:00"),
    ("2025-10-25T21:00:00Z", "Asia/Kolkata", "2025-10-26T02:30:00+05:30"),
]


@pytest.mark.parametrize(("instant", "zone_name", "expected"), SHOWN)
def test_local_iso(instant: str, zone_name: str, expected: str) -> None:
    assert local_iso(utc(instant), zone(zone_name)) == expected
    assert to_local(utc(instant), zone(zone_name)).isoformat().startswith(expected[:19])


def test_utc_iso_of_an_instant_given_in_another_zone() -> None:
    aware = datetime(2026, 1, 15, 23, 59, 59, tzinfo=BRUSSELS)
    assert utc_iso(aware) == "2026-01-15T22:59:59Z"
    assert utc_iso(datetime(2026, 1, 15, 22, 59, 59, 120000, tzinfo=timezone.utc)) == (
        "2026-01-15T22:59:59.120000Z"
    )


def test_naive_instants_are_refused() -> None:
    # a naive datetime would be read in the machine's zone by astimezone()
    naive = datetime(2026, 1, 15, 22, 59, 59)
    for call in (lambda: to_local(naive, BRUSSELS), lambda: local_iso(naive, BRUSSELS),
                 lambda: utc_iso(naive)):
        with pytest.raises(ValueError, match="has no time zone"):
            call()


# --- one wall-clock time ------------------------------------------------------

WALL_CLOCKS = [
    # (zone, local wall clock, fold, UTC instant, ambiguous, nonexistent)
    ("Europe/Brussels", "2026-01-15T23:59:59", 0, "2026-01-15T22:59:59Z", False, False),
    ("Europe/Brussels", "2026-07-01T12:00:00", 1, "2026-07-01T10:00:00Z", False, False),
    ("Europe/Brussels", "2025-03-30T01:59:59", 0, "2025-03-30T00:59:59Z", False, False),
    ("Europe/Brussels", "2025-03-30T02:00:00", 0, "2025-03-30T01:00:00Z", False, True),
    ("Europe/Brussels", "2025-03-30T02:30:00", 0, "2025-03-30T01:30:00Z", False, True),
    ("Europe/Brussels", "2025-03-30T02:30:00", 1, "2025-03-30T01:30:00Z", False, True),
    ("Europe/Brussels", "2025-03-30T02:59:59", 0, "2025-03-30T01:59:59Z", False, True),
    ("Europe/Brussels", "2025-03-30T03:00:00", 0, "2025-03-30T01:00:00Z", False, False),
    ("Europe/Brussels", "2025-10-26T01:59:59", 0, "2025-10-25T23:59:59Z", False, False),
    ("Europe/Brussels", "2025-10-26T02:00:00", 0, "2025-10-26T00:00:00Z", True, False),
    ("Europe/Brussels", "2025-10-26T02:00:00", 1, "2025-10-26T01:00:00Z", True, False),
    ("Europe/Brussels", "2025-10-26T02:59:59", 0, "2025-10-26T00:59:59Z", True, False),
    ("Europe/Brussels", "2025-10-26T02:59:59", 1, "2025-10-26T01:59:59Z", True, False),
    ("Europe/Brussels", "2025-10-26T03:00:00", 0, "2025-10-26T02:00:00Z", False, False),
    ("Europe/Brussels", "2026-03-29T01:59:00", 0, "2026-03-29T00:59:00Z", False, False),
    ("Europe/Brussels", "2026-03-29T02:30:00", 0, "2026-03-29T01:30:00Z", False, True),
    ("Europe/Brussels", "2026-03-29T03:00:00", 0, "2026-03-29T01:00:00Z", False, False),
    ("Europe/Brussels", "2026-10-25T02:30:00", 0, "2026-10-25T00:30:00Z", True, False),
    ("Europe/Brussels", "2026-10-25T02:30:00", 1, "2026-10-25T01:30:00Z", True, False),
    ("Europe/Brussels", "2026-10-25T03:00:00", 1, "2026-10-25T02:00:00Z", False, False),
    # US: second Sunday of March 02:00 EST -> 03:00 EDT; first Sunday of November back
    ("America/New_York", "2025-03-09T02:30:00", 0, "2025-03-09T07:30:00Z", False, True),
    ("America/New_York", "2025-11-02T01:30:00", 0, "2025-11-02T05:30:00Z", True, False),
    ("America/New_York", "2025-11-02T01:30:00", 1, "2025-11-02T06:30:00Z", True, False),
    # southern hemisphere: back on the first Sunday of April, forward in October
    ("Australia/Sydney", "2025-04-06T02:30:00", 0, "2025-04-05T15:30:00Z", True, False),
    ("Australia/Sydney", "2025-04-06T02:30:00", 1, "2025-04-05T16:30:00Z", True, False),
    ("Australia/Sydney", "2025-10-05T02:30:00", 0, "2025-10-04T16:30:00Z", False, True),
    ("Asia/Kolkata", "2025-10-26T02:30:00", 1, "2025-10-25T21:00:00Z", False, False),
    ("Asia/Kolkata", "2025-03-30T02:30:00", 0, "2025-03-29T21:00:00Z", False, False),
    # Samoa skipped 30 December 2011 whole, from -10:00 to +14:00
    ("Pacific/Apia", "2011-12-30T12:00:00", 0, "2011-12-30T22:00:00Z", False, True),
    ("Pacific/Apia", "2011-12-31T00:00:00", 0, "2011-12-30T10:00:00Z", False, False),
]


@pytest.mark.parametrize(
    ("zone_name", "local", "fold", "instant", "ambiguous", "nonexistent"), WALL_CLOCKS
)
def test_resolve_wall_clock(
    zone_name: str, local: str, fold: int, instant: str, ambiguous: bool, nonexistent: bool
) -> None:
    resolved = resolve_wall_clock(wall(local), zone(zone_name), fold)
    assert resolved == WallClock(utc(instant), ambiguous, nonexistent)
    assert resolved.instant_utc.tzinfo is timezone.utc


@pytest.mark.parametrize(
    ("zone_name", "local", "fold", "instant", "ambiguous", "nonexistent"), WALL_CLOCKS
)
def test_a_series_of_one_row_is_the_first_occurrence(
    zone_name: str, local: str, fold: int, instant: str, ambiguous: bool, nonexistent: bool
) -> None:
    expected = resolve_wall_clock(wall(local), zone(zone_name), 0)
    assert resolve_wall_clock_series([wall(local)], zone(zone_name)) == [expected]


def test_wrong_input_to_resolve_is_a_value_error() -> None:
    aware = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)
    with pytest.raises(ValueError, match="already has a time zone"):
        resolve_wall_clock(aware, BRUSSELS)
    with pytest.raises(ValueError, match="already has a time zone"):
        resolve_wall_clock_series([datetime(2026, 1, 15), aware], BRUSSELS)
    with pytest.raises(ValueError, match="fold must be 0 or 1"):
        resolve_wall_clock(datetime(2026, 1, 15), BRUSSELS, fold=2)
    # 0001-01-01 00:00 at Brussels' +00:17:30 would fall before year 1 in UTC
    with pytest.raises(ValueError, match="outside the dates"):
        resolve_wall_clock(datetime(1, 1, 1), BRUSSELS)
    assert resolve_wall_clock_series([datetime(1, 1, 1)], BRUSSELS) == [None]


# --- a file's worth of wall-clock times ---------------------------------------


def series(zone_name: str, locals_: list[str | None]) -> list[tuple[str, bool, bool] | None]:
    naives = [None if text is None else wall(text) for text in locals_]
    return [
        None if resolved is None
        else (utc_iso(resolved.instant_utc), resolved.ambiguous, resolved.nonexistent)
        for resolved in resolve_wall_clock_series(naives, zone(zone_name))
    ]


# 2025-10-26, Brussels: 02:10 and 02:40 in summer time (+02:00), then the
# clock goes back and 02:05 and 02:30 are the second pass (+01:00).
OCTOBER_ROWS = [
    ("2025-10-26T01:50:00", ("2025-10-25T23:50:00Z", False, False)),
    ("2025-10-26T02:10:00", ("2025-10-26T00:10:00Z", True, False)),
    ("2025-10-26T02:40:00", ("2025-10-26T00:40:00Z", True, False)),
    ("2025-10-26T02:05:00", ("2025-10-26T01:05:00Z", True, False)),
    ("2025-10-26T02:30:00", ("2025-10-26T01:30:00Z", True, False)),
    ("2025-10-26T03:10:00", ("2025-10-26T02:10:00Z", False, False)),
]


def test_ascending_file_through_the_repeated_hour() -> None:
    locals_: list[str | None] = [local for local, _ in OCTOBER_ROWS]
    assert series("Europe/Brussels", locals_) == [expected for _, expected in OCTOBER_ROWS]


def test_descending_file_through_the_repeated_hour() -> None:
    newest_first = OCTOBER_ROWS[::-1]
    locals_: list[str | None] = [local for local, _ in newest_first]
    assert series("Europe/Brussels", locals_) == [expected for _, expected in newest_first]


def test_descending_file_with_other_days_around() -> None:
    rows: list[str | None] = [
        "2025-10-27T10:00:00", "2025-10-26T03:10:00", "2025-10-26T02:30:00",
        "2025-10-26T02:05:00", "2025-10-26T02:40:00", "2025-10-26T02:10:00",
        "2025-10-26T01:50:00", "2025-10-25T09:00:00",
    ]
    assert series("Europe/Brussels", rows) == [
        ("2025-10-27T09:00:00Z", False, False),
        ("2025-10-26T02:10:00Z", False, False),
        ("2025-10-26T01:30:00Z", True, False),
        ("2025-10-26T01:05:00Z", True, False),
        ("2025-10-26T00:40:00Z", True, False),
        ("2025-10-26T00:10:00Z", True, False),
        ("2025-10-25T23:50:00Z", False, False),
        ("2025-10-25T07:00:00Z", False, False),
    ]


def test_missing_times_are_kept_in_place() -> None:
    rows = [None, "2025-10-26T01:50:00", "2025-10-26T02:10:00", None,
            "2025-10-26T02:05:00", "2025-10-26T03:10:00", None]
    assert series("Europe/Brussels", rows) == [
        None, ("2025-10-25T23:50:00Z", False, False), ("2025-10-26T00:10:00Z", True, False),
        None, ("2025-10-26T01:05:00Z", True, False), ("2025-10-26T02:10:00Z", False, False),
        None,
    ]
    assert resolve_wall_clock_series([], BRUSSELS) == []


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # no step back: nothing shows a second pass, so all are the first
        (["2025-10-26T02:30:00"], [("2025-10-26T00:30:00Z", True, False)]),
        (["2025-10-26T02:10:00", "2025-10-26T02:10:00"],
         [("2025-10-26T00:10:00Z", True, False)] * 2),
        # two rows stepping back and nothing else: read as a newest-first file
        (["2025-10-26T02:10:00", "2025-10-26T02:05:00"],
         [("2025-10-26T00:10:00Z", True, False), ("2025-10-26T00:05:00Z", True, False)]),
        (["2025-10-26T03:10:00", "2025-10-26T02:30:00", "2025-10-26T01:50:00"],
         [("2025-10-26T02:10:00Z", False, False), ("2025-10-26T00:30:00Z", True, False),
          ("2025-10-25T23:50:00Z", False, False)]),
    ],
)
def test_without_context_an_ambiguous_time_is_the_first_occurrence(
    rows: list[str | None], expected: list[tuple[str, bool, bool]]
) -> None:
    assert series("Europe/Brussels", rows) == expected


def test_each_year_s_repeated_hour_is_resolved_on_its_own() -> None:
    rows: list[str | None] = [
        "2025-10-26T02:40:00", "2025-10-26T02:10:00",  # 2025: first, then second pass
        "2026-03-29T02:30:00",                          # skipped hour: kept
        "2026-10-25T02:10:00", "2026-10-25T02:40:00",   # 2026: first pass only
    ]
    assert series("Europe/Brussels", rows) == [
        ("2025-10-26T00:40:00Z", True, False),
        ("2025-10-26T01:10:00Z", True, False),
        ("2026-03-29T01:30:00Z", False, True),
        ("2026-10-25T00:10:00Z", True, False),
        ("2026-10-25T00:40:00Z", True, False),
    ]


@pytest.mark.parametrize(
    ("zone_name", "rows", "expected"),
    [
        ("Europe/Brussels",
         ["2025-03-30T01:50:00", "2025-03-30T02:30:00", "2025-03-30T03:10:00"],
         [("2025-03-30T00:50:00Z", False, False), ("2025-03-30T01:30:00Z", False, True),
          ("2025-03-30T01:10:00Z", False, False)]),
        ("Europe/Brussels",
         ["2026-03-29T03:10:00", "2026-03-29T02:30:00", "2026-03-29T01:50:00"],
         [("2026-03-29T01:10:00Z", False, False), ("2026-03-29T01:30:00Z", False, True),
          ("2026-03-29T00:50:00Z", False, False)]),
        ("America/New_York",
         ["2025-11-02T00:50:00", "2025-11-02T01:10:00", "2025-11-02T01:40:00",
          "2025-11-02T01:05:00", "2025-11-02T01:30:00", "2025-11-02T02:10:00"],
         [("2025-11-02T04:50:00Z", False, False), ("2025-11-02T05:10:00Z", True, False),
          ("2025-11-02T05:40:00Z", True, False), ("2025-11-02T06:05:00Z", True, False),
          ("2025-11-02T06:30:00Z", True, False), ("2025-11-02T07:10:00Z", False, False)]),
        ("Australia/Sydney",
         ["2025-04-06T03:10:00", "2025-04-06T02:30:00", "2025-04-06T02:05:00",
          "2025-04-06T02:40:00", "2025-04-06T02:10:00", "2025-04-06T01:50:00"],
         [("2025-04-05T17:10:00Z", False, False), ("2025-04-05T16:30:00Z", True, False),
          ("2025-04-05T16:05:00Z", True, False), ("2025-04-05T15:40:00Z", True, False),
          ("2025-04-05T15:10:00Z", True, False), ("2025-04-05T14:50:00Z", False, False)]),
        ("Asia/Kolkata",
         ["2025-10-26T02:40:00", "2025-10-26T02:10:00"],
         [("2025-10-25T21:10:00Z", False, False), ("2025-10-25T20:40:00Z", False, False)]),
    ],
)
def test_series_in_other_zones_and_the_skipped_hour(
    zone_name: str, rows: list[str | None], expected: list[tuple[str, bool, bool]]
) -> None:
    assert series(zone_name, rows) == expected


@pytest.mark.parametrize(
    "zone_name",
    ["Europe/Brussels", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
     "America/Santiago", "America/Havana", "Africa/Casablanca", "Pacific/Apia",
     "Asia/Kolkata", "Europe/Dublin"],
)
def test_the_per_day_shortcut_agrees_with_the_zone_row_by_row(zone_name: str) -> None:
    tz = zone(zone_name)
    # every 47 minutes over two years with changes at odd hours (Apia's lost
    # day in 2011, Lord Howe's half hour, Santiago and Havana at midnight)
    start, step = datetime(2011, 1, 1), timedelta(minutes=47)
    naives: list[datetime | None] = [start + step * i for i in range(2 * 366 * 24 * 60 // 47)]
    naives += [datetime(2025, 1, 1) + step * i for i in range(366 * 24 * 60 // 47)]
    resolved = resolve_wall_clock_series(naives, tz)
    changes = 0
    for naive, got in zip(naives, resolved):
        assert naive is not None and got is not None
        # one ascending pass: every ambiguous time is its first occurrence
        assert got == resolve_wall_clock(naive, tz, 0)
        if not (got.ambiguous or got.nonexistent):
            assert to_local(got.instant_utc, tz).replace(tzinfo=None) == naive
        changes += got.ambiguous or got.nonexistent
    assert changes > 0 or zone_name == "Asia/Kolkata"


# --- the machine's zone never matters -------------------------------------------


def _everything() -> list[str]:
    """One answer from every function, as text."""
    answers = [utc_iso(convert(value)) for convert, value, _ in EPOCHS]
    answers += [local_iso(utc(instant), zone(name)) for instant, name, _ in SHOWN]
    answers += [
        utc_iso(resolve_wall_clock(wall(local), zone(name), fold).instant_utc)
        for name, local, fold, *_ in WALL_CLOCKS
    ]
    answers += [str(row) for row in series("Europe/Brussels", [r for r, _ in OCTOBER_ROWS])]
    return answers


EXPECTED_EVERYTHING = (
    [expected for *_, expected in EPOCHS]
    + [expected for *_, expected in SHOWN]
    + [instant for _, _, _, instant, _, _ in WALL_CLOCKS]
    + [str(expected) for _, expected in OCTOBER_ROWS]
)


@pytest.fixture(params=["America/New_York", "Asia/Kolkata", "Pacific/Chatham", "UTC"])
def machine_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset exists on Unix only")
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def test_results_do_not_depend_on_the_machine_zone(machine_zone: str) -> None:
    machine_offsets = {"America/New_York": "-0500", "Asia/Kolkata": "+0530",
                       "Pacific/Chatham": "+1345", "UTC": "+0000"}
    # the trap is armed: the process really runs in the odd zone now
    assert time.strftime("%z", time.localtime(1768435200)) == machine_offsets[machine_zone]
    assert _everything() == EXPECTED_EVERYTHING
