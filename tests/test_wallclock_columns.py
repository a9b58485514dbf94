"""Wall-clock times read for a whole column at once give what the row by
row reading (``resolve_wall_clock_series``) gives: same instants, same
ambiguous and missing hours, same rows left out, in zones with DST steps
of an hour and of half an hour, files ascending, descending or shuffled."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from calllog.store import to_us
from calllog.timeutil import resolve_wall_clock_series
from calllog.wallclock_columns import resolve_wall_clock_columns

EPOCH = datetime(1970, 1, 1)
ZONES = ["Europe/Brussels", "Australia/Lord_Howe", "America/Santiago", "UTC", "Pacific/Apia"]
# around Brussels' clock changes of 2025, and at the edges of what a datetime holds
AROUND = [datetime(2025, 3, 30, 1, 30), datetime(2025, 10, 26, 1, 45), datetime(2025, 6, 1, 12),
          datetime(1, 1, 1, 0, 30), datetime(9999, 12, 31, 22, 0), datetime(2025, 4, 6, 1, 45)]


@st.composite
def series(draw: st.DrawFn) -> list[datetime | None]:
    base = draw(st.sampled_from(AROUND))
    steps = draw(st.lists(st.integers(-5400, 5400), min_size=1, max_size=60))
    times: list[datetime | None] = []
    for step in steps:
        try:
            times.append(base + timedelta(seconds=step))
        except OverflowError:
            times.append(None)
    order = draw(st.sampled_from(["ascending", "descending", "as drawn"]))
    present = sorted(t for t in times if t is not None)
    if order != "as drawn":
        times = present if order == "ascending" else present[::-1]
    return [None if draw(st.integers(0, 9)) == 0 else t for t in times]


@settings(max_examples=300, deadline=None)
@given(naives=series(), zone=st.sampled_from(ZONES))
def test_columns_give_what_rows_give(naives: list[datetime | None], zone: str) -> None:
    tz = ZoneInfo(zone)
    expected = resolve_wall_clock_series(naives, tz)
    local = np.array([0 if n is None else (n - EPOCH) // timedelta(microseconds=1) for n in naives], dtype=np.int64)
    present = np.array([n is not None for n in naives], dtype=bool)
    got = resolve_wall_clock_columns(local, present, tz)
    for index, clock in enumerate(expected):
        assert bool(got.ok[index]) == (clock is not None), index
        if clock is not None:
            assert (int(got.utc_us[index]), bool(got.ambiguous[index]), bool(got.nonexistent[index])) == \
                (to_us(clock.instant_utc), clock.ambiguous, clock.nonexistent), index


def test_the_repeated_hour_of_a_descending_file_is_read_second_pass_first() -> None:
    tz = ZoneInfo("Europe/Brussels")
    # newest first: 02:40 (second pass, UTC+1), 02:10 (second), then 02:50 and 02:20 of the first pass (UTC+2)
    rows = [datetime(2025, 10, 26, 2, 40), datetime(2025, 10, 26, 2, 10), datetime(2025, 10, 26, 2, 50),
            datetime(2025, 10, 26, 2, 20)]
    local = np.array([(r - EPOCH) // timedelta(microseconds=1) for r in rows], dtype=np.int64)
    got = resolve_wall_clock_columns(local, np.ones(4, dtype=bool), tz)
    utc = [EPOCH + timedelta(microseconds=int(us)) for us in got.utc_us]
    assert [u.strftime("%H:%M") for u in utc] == ["01:40", "01:10", "00:50", "00:20"]
    assert got.ambiguous.all()
