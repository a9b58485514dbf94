"""Local wall-clock times of a whole file read at once (numpy).

The same reading as ``calllog.timeutil.resolve_wall_clock_series``, for a
column of a million times: on a date whose UTC offset does not change
(every date but two a year in Belgium) a time is its wall clock minus that
offset, done for the whole column at once. The few rows on a day the
clocks change are read one by one with the same rules, and a repeated
October hour is still told apart by the order of the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from calllog.timeutil import RepeatedHourRows, _steady_offset  # the rules themselves, shared

DAY_US = 86_400_000_000
_EPOCH_ORDINAL = datetime(1970, 1, 1).toordinal()
_EPOCH = datetime(1970, 1, 1)
_US = timedelta(microseconds=1)
# the instants a datetime can hold (years 1 to 9999), in microseconds since 1970
_MIN_US = (datetime(1, 1, 1) - _EPOCH) // _US
_MAX_US = (datetime(9999, 12, 31, 23, 59, 59, 999999) - _EPOCH) // _US


@dataclass(frozen=True)
class ResolvedClocks:
    """Per row: ``ok`` (False where the input was missing or falls outside
    the years 1-9999 in UTC), the UTC instant in microseconds since 1970,
    and whether the hour was ambiguous or did not exist."""

    ok: np.ndarray
    utc_us: np.ndarray
    ambiguous: np.ndarray
    nonexistent: np.ndarray


def resolve_wall_clock_columns(local_us: np.ndarray, present: np.ndarray, tz: ZoneInfo) -> ResolvedClocks:
    """``local_us``: wall-clock times as microseconds since 1970-01-01 00:00
    (no zone), in file order; ``present``: False where a row has none."""
    count = len(local_us)
    utc_us = np.zeros(count, dtype=np.int64)
    ambiguous = np.zeros(count, dtype=bool)
    nonexistent = np.zeros(count, dtype=bool)
    ok = present.copy()
    if not count:
        return ResolvedClocks(ok, utc_us, ambiguous, nonexistent)

    days = np.floor_divide(local_us, DAY_US)
    unique_days, day_codes = np.unique(np.where(present, days, 0), return_inverse=True)
    offsets = np.array([_steady_offset_us(int(day), tz) for day in unique_days], dtype=np.float64)
    row_offsets = offsets[day_codes]
    steady = present & ~np.isnan(row_offsets)
    utc_us[steady] = local_us[steady] - row_offsets[steady].astype(np.int64)

    repeated = RepeatedHourRows()
    for index in np.flatnonzero(present & ~steady).tolist():  # the days the clocks change
        read = repeated.read(index, _EPOCH + timedelta(microseconds=int(local_us[index])), tz)
        if read is not None:
            offset, nonexistent[index] = read
            utc_us[index] = int(local_us[index]) - offset // _US
    if repeated.rows:
        for row, offset in zip(repeated.rows, repeated.offsets(_runs_descending(local_us[present]))):
            utc_us[row] = int(local_us[row]) - offset // _US
            ambiguous[row] = True
    ok &= (utc_us >= _MIN_US) & (utc_us <= _MAX_US)  # what timeutil meets as an OverflowError
    return ResolvedClocks(ok, utc_us, ambiguous, nonexistent)


def _steady_offset_us(day: int, tz: ZoneInfo) -> float:
    ordinal = day + _EPOCH_ORDINAL
    if not 1 <= ordinal < datetime.max.toordinal():
        return float("nan")  # read one by one, as the row-by-row reading does
    offset = _steady_offset(ordinal, tz)
    return float("nan") if offset is None else float(offset // _US)


def _runs_descending(times: np.ndarray) -> bool:
    """True when the rows mostly step back in time (newest first)."""
    steps = np.diff(times)
    return int((steps < 0).sum()) > int((steps > 0).sum())
