"""Time: epochs, local wall-clock times, and the two daylight-saving hours.

calllog keeps every instant as an aware UTC ``datetime`` and shows it in the
case's time zone (default Europe/Brussels), never in the zone of the machine
it runs on: nothing here reads the ``TZ`` variable or the system clock zone.

Epochs of the formats calllog reads (detail in
``shared/reference/handset-formats.md``):

| source field                                     | unit         | counted from         |
|--------------------------------------------------|--------------|----------------------|
| SMS Backup & Restore `date`, Android             | milliseconds | 1970-01-01T00:00:00Z |
| `calls.date`, `sms.date`                         |              |                      |
| Android MMS `pdu.date`                           | seconds      | 1970-01-01T00:00:00Z |
| iOS `ZCALLRECORD.ZDATE`, `sms.db` up to iOS 10   | seconds      | 2001-01-01T00:00:00Z |
|                                                  | (float)      | (Unix 978307200)     |
| iOS 11+ `sms.db` `message.date`                  | nanoseconds  | 2001-01-01T00:00:00Z |

Example: SMS Backup & Restore ``date="1400773261000"`` is
2014-05-22T15:41:01Z (17:41:01 in Brussels). Which unit a field holds is the
importer's decision: nothing here guesses it from the size of a number.
Nanoseconds are cut to microseconds (``datetime`` holds no finer unit).
A value that is no date at all (NaN, or beyond the years 1-9999) raises
``ValueError``; an importer turns that into a counted skip of the row.

Local wall-clock times (WhatsApp, iMazing, operator exports) carry no zone.
Once a year the clocks go forward (Europe/Brussels: last Sunday of March,
02:00-02:59 does not exist) and once a year back (last Sunday of October,
02:00-02:59 happens twice, first at +02:00, then at +01:00). calllog never
drops such a row:

* a non-existent time is read with the offset in force before the gap
  (02:30 -> 01:30Z, what ``zoneinfo`` does with ``fold=0``) and marked
  ``nonexistent``;
* an ambiguous time is marked ``ambiguous`` and, where the file gives the
  context, resolved from the order of its rows (see
  ``resolve_wall_clock_series``); with no context it is the first occurrence.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from zoneinfo import ZoneInfo

from calllog.errors import SettingsError

DEFAULT_ZONE = "Europe/Brussels"
UTC = timezone.utc
UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
APPLE_EPOCH = datetime(2001, 1, 1, tzinfo=UTC)
APPLE_EPOCH_UNIX_SECONDS = 978307200  # APPLE_EPOCH as Unix time

# Names that zoneinfo accepts but that mean "whatever this machine is set to".
_MACHINE_ZONE_NAMES = frozenset({"localtime", "posixrules"})

# In tzdata no two offset changes of a zone are closer than about four days,
# so a date whose offset is the same at both of its midnights has none inside.
_SAME_STRETCH = timedelta(days=1)
_LAST_ORDINAL = date.max.toordinal()


def zone(name: str) -> ZoneInfo:
    """The time zone called ``name`` (an IANA name such as Europe/Brussels).

    Letter case and surrounding spaces are forgiven; names that stand for the
    machine's own zone are refused, because results must not depend on it.
    """
    key = name.strip()
    if key and key not in _MACHINE_ZONE_NAMES:
        try:
            return ZoneInfo(key)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            pass  # an unknown, malformed or non-zone file name: try the spelling
        canonical = _zone_names_by_lowercase().get(key.lower())
        if canonical is not None:
            return ZoneInfo(canonical)
    raise SettingsError(
        f"'{name}' is not a time zone calllog knows.",
        hint="Use a name like Europe/Brussels.",
    )


@cache
def _zone_names_by_lowercase() -> dict[str, str]:
    names = zoneinfo.available_timezones() - _MACHINE_ZONE_NAMES
    return {known.lower(): known for known in names}


# --- epochs -----------------------------------------------------------------


def _after_epoch(epoch: datetime, delta: dict[str, int | float], what: str) -> datetime:
    try:
        return epoch + timedelta(**delta)
    except (OverflowError, ValueError) as error:
        raise ValueError(f"{what} is not a date calllog can read.") from error


def from_unix_ms(ms: int | float) -> datetime:
    """Milliseconds since 1970-01-01 UTC (Android, SMS Backup & Restore)."""
    return _after_epoch(UNIX_EPOCH, {"milliseconds": ms}, f"{ms!r} ms since 1970")


def from_unix_seconds(s: int | float) -> datetime:
    """Seconds since 1970-01-01 UTC (Android MMS ``pdu.date``)."""
    return _after_epoch(UNIX_EPOCH, {"seconds": s}, f"{s!r} s since 1970")


def from_apple_seconds(s: int | float) -> datetime:
    """Seconds since 2001-01-01 UTC (iOS call history, iOS 10 messages)."""
    return _after_epoch(APPLE_EPOCH, {"seconds": s}, f"{s!r} s since 2001")


def from_apple_nanoseconds(ns: int) -> datetime:
    """Nanoseconds since 2001-01-01 UTC (iOS 11+ ``sms.db``), cut to microseconds."""
    what = f"{ns!r} ns since 2001"
    try:
        # integer division keeps an 18-digit value exact (a float would not)
        microseconds = int(ns) // 1000
    except (OverflowError, ValueError) as error:
        raise ValueError(f"{what} is not a date calllog can read.") from error
    return _after_epoch(APPLE_EPOCH, {"microseconds": microseconds}, what)


# --- showing instants ---------------------------------------------------------


def _require_aware(instant: datetime) -> None:
    # a naive datetime would silently be read in the machine's zone
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{instant!r} has no time zone; calllog instants are UTC.")


def to_local(instant_utc: datetime, tz: ZoneInfo) -> datetime:
    """The instant as an aware datetime in ``tz``."""
    _require_aware(instant_utc)
    return instant_utc.astimezone(tz)


def local_iso(instant_utc: datetime, tz: ZoneInfo) -> str:
    """ISO 8601 local time with its offset, to the second:
    ``2026-01-15T23:59:59+01:00``. Fractions are cut, not rounded, so the
    date and minute shown are those of the instant."""
    return to_local(instant_utc, tz).replace(microsecond=0).isoformat()


def utc_iso(instant_utc: datetime) -> str:
    """ISO 8601 in UTC with a ``Z``: ``2026-01-15T22:59:59Z``, with
    microseconds only when there are any."""
    _require_aware(instant_utc)
    return instant_utc.astimezone(UTC).isoformat().replace("+00:00", "Z")


# --- local wall-clock times -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class WallClock:
    """A local wall-clock time read in a zone.

    ``ambiguous``: the time happened twice (the repeated October hour);
    ``nonexistent``: the clocks skipped it (the March hour) and it was read
    with the offset in force before the gap.
    """

    instant_utc: datetime
    ambiguous: bool
    nonexistent: bool


def _utc(shifted_naive: datetime) -> datetime:
    # three times faster than .replace(tzinfo=UTC), which matters per row
    return datetime.combine(shifted_naive.date(), shifted_naive.time(), UTC)


def _offsets(naive: datetime, tz: ZoneInfo) -> tuple[timedelta, timedelta]:
    """UTC offsets of a wall-clock time as its first (fold=0) and second
    (fold=1) occurrence. In a gap fold=0 gives the offset before the gap."""
    first = naive.replace(tzinfo=tz, fold=0).utcoffset()
    second = naive.replace(tzinfo=tz, fold=1).utcoffset()
    assert first is not None and second is not None  # a ZoneInfo always has one
    return first, second


def _require_naive(naive: datetime) -> None:
    if naive.tzinfo is not None:
        raise ValueError(f"{naive!r} already has a time zone; a wall-clock time has none.")


def resolve_wall_clock(naive: datetime, tz: ZoneInfo, fold: int = 0) -> WallClock:
    """Read one local wall-clock time in ``tz``.

    ``fold`` picks the occurrence of an ambiguous time (0 first, 1 second)
    and is ignored otherwise: a non-existent time always gets the offset
    from before the gap. Raises ``ValueError`` for an aware ``naive`` or a
    time that falls outside the years 1-9999 once in UTC.
    """
    _require_naive(naive)
    if fold not in (0, 1):
        raise ValueError(f"fold must be 0 or 1, not {fold!r}.")
    first, second = _offsets(naive, tz)
    ambiguous, nonexistent = first > second, first < second
    offset = second if ambiguous and fold == 1 else first
    try:
        return WallClock(_utc(naive - offset), ambiguous, nonexistent)
    except OverflowError as error:
        raise ValueError(f"{naive!r} in {tz.key} is outside the dates calllog can store.") from error


def _steady_offset(ordinal: int, tz: ZoneInfo) -> timedelta | None:
    """The one UTC offset of the whole local date, or None when the offset
    changes during it (a transition day: read its rows one by one)."""
    if ordinal >= _LAST_ORDINAL:
        return None
    seen = {
        *_offsets(datetime.fromordinal(ordinal), tz),
        *_offsets(datetime.fromordinal(ordinal + 1), tz),
    }
    return seen.pop() if len(seen) == 1 else None


def _runs_descending(naives: Sequence[datetime | None]) -> bool:
    """True when the rows mostly step back in time (newest first)."""
    rising = falling = 0
    previous: datetime | None = None
    for naive in naives:
        if naive is None:
            continue
        if previous is not None:
            if naive > previous:
                rising += 1
            elif naive < previous:
                falling += 1
        previous = naive
    return falling > rising


def _folds_from_order(wall_times: Sequence[datetime], descending: bool) -> list[int]:
    """The fold of each row of one repeated hour, rows in file order.

    Ascending file: first occurrence until the wall clock steps back, then
    second. Descending file: second occurrence until it steps forward, then
    first. Without such a step nothing shows a second pass: all first.
    """
    for position in range(1, len(wall_times)):
        earlier, later = wall_times[position - 1], wall_times[position]
        if (later > earlier) if descending else (later < earlier):
            before, after = (1, 0) if descending else (0, 1)
            return [before] * position + [after] * (len(wall_times) - position)
    return [0] * len(wall_times)


def _stretches(naives: list[datetime]) -> list[list[int]]:
    """Positions in ``naives`` (all ambiguous) grouped by the repeated hour
    they fall in, each group in file order. Repeated hours are months apart."""
    by_time = sorted(range(len(naives)), key=naives.__getitem__)
    groups: list[list[int]] = []
    for position in by_time:
        if not groups or naives[position] - naives[groups[-1][-1]] > _SAME_STRETCH:
            groups.append([])
        groups[-1].append(position)
    return [sorted(group) for group in groups]


def resolve_wall_clock_series(
    naives: Sequence[datetime | None], tz: ZoneInfo
) -> list[WallClock | None]:
    """Read every local wall-clock time of one file, in file order.

    Call it once per file with all its rows: the order of the rows decides
    which occurrence an ambiguous time is (see ``_folds_from_order``), after
    finding whether the file runs ascending or descending (operator exports
    are often newest first). The result has one entry per input, None where
    the input is None or cannot be represented in UTC (years 1 and 9999).
    """
    results: list[WallClock | None] = [None] * len(naives)
    steady_offsets: dict[int, timedelta | None] = {}
    repeated = RepeatedHourRows()
    combine = datetime.combine  # the loop below is the hot path of an import
    for index, naive in enumerate(naives):
        if naive is None:
            continue
        if naive.tzinfo is not None:
            _require_naive(naive)
        ordinal = naive.toordinal()
        try:
            offset = steady_offsets[ordinal]
        except KeyError:
            offset = steady_offsets[ordinal] = _steady_offset(ordinal, tz)
        try:
            if offset is not None:  # nearly every row: no zone look-up at all
                shifted = naive - offset
                results[index] = WallClock(combine(shifted.date(), shifted.time(), UTC), False, False)
                continue
            read = repeated.read(index, naive, tz)
            if read is not None:
                offset, nonexistent = read
                results[index] = WallClock(_utc(naive - offset), False, nonexistent)
        except OverflowError:
            results[index] = None
    if not repeated.rows:
        return results
    for row, naive, offset in zip(repeated.rows, repeated.times, repeated.offsets(_runs_descending(naives))):
        results[row] = WallClock(_utc(naive - offset), True, False)
    return results


@dataclass
class RepeatedHourRows:
    """The rows of a file on a day the clocks change, read one by one; the
    times of the repeated hour wait until the whole file is seen."""

    rows: list[int] = field(default_factory=list)
    times: list[datetime] = field(default_factory=list)
    _both: list[tuple[timedelta, timedelta]] = field(default_factory=list)

    def read(self, row: int, naive: datetime, tz: ZoneInfo) -> tuple[timedelta, bool] | None:
        """(UTC offset, the hour does not exist) of a time that happened
        once or never; None for a time of the repeated hour (kept)."""
        first, second = _offsets(naive, tz)
        if first > second:
            self.rows.append(row)
            self.times.append(naive)
            self._both.append((first, second))
            return None
        return first, first < second

    def offsets(self, descending: bool) -> list[timedelta]:
        """The UTC offset of each kept time, told apart by the order of
        the rows (``_folds_from_order``, per repeated hour)."""
        chosen = [first for first, _ in self._both]
        for group in _stretches(self.times):
            folds = _folds_from_order([self.times[p] for p in group], descending)
            for position, fold in zip(group, folds):
                chosen[position] = self._both[position][fold]
        return chosen
