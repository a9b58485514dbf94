"""The figures of every entry (DESIGN.md, ``analyse --json``), vectorised.

Contacts are the incoming events from the party (any status, calls and
messages). Per entry:

* ``incoming``, ``outgoing``, ``calls_in``, ``messages_in``;
  ``unanswered_calls``: incoming calls not answered (a call answered on
  another of the owner's devices, ``answered_elsewhere``, was answered, as
  in ``calllog parties``);
* ``first``/``last``: the first and last contact; ``span_days`` = last
  local date - first local date + 1; ``active_days``: local dates with a
  contact; ``longest_streak_days``: the longest run of consecutive active
  dates (across month ends, and DST days count as one date each);
* ``max_per_day``/``max_day``: the busiest local date, the earliest on a tie;
* ``max_in_10_min``: most contacts in [t, t + 10 min) (see ``windows``);
* ``night``, ``after_notice``, ``threat_messages``: contacts flagged by
  ``frame.prepare_events``;
* ``weekly_trend``: the slope of the least-squares line through the weekly
  contact counts, in contacts per week, per week. Weeks are ISO weeks
  (Monday to Sunday, local dates) from the week of the first contact to the
  week of the last, weeks without contact counting as 0; with one week the
  trend is 0. ``weeks`` is that number of weeks.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from calllog.analysis.windows import IntArray, group_bounds, in_busy_window, window_counts

TEN_MINUTES_US = 10 * 60_000_000
# day 0 (1970-01-01) is a Thursday: day + 3 counts from the Monday before
_MONDAY_SHIFT = 3

# figures an entry without (such) contacts does not have: NaN, not 0
_MAY_BE_MISSING = ("first_us", "last_us", "first_day", "last_day", "max_day", "weekly_trend", "burst_max_day", "last_after_day")
COUNT_COLUMNS = ("incoming", "outgoing", "calls_in", "messages_in", "unanswered_calls")
CONTACT_COLUMNS = (
    "first_us", "last_us", "first_day", "last_day", "span_days", "active_days", "longest_streak_days",
    "max_per_day", "max_day", "max_in_10_min", "night", "after_notice", "threat_messages",
    "weekly_trend", "weeks", "burst_max", "burst_days", "burst_max_day", "last_after_day",
)

# the order of the contact figures' columns (as ``_contact_figures`` makes them)
_FIGURE_ORDER = (
    "first_us", "last_us", "first_day", "last_day", "active_days", "max_in_10_min", "burst_max", "night",
    "after_notice", "threat_messages", "longest_streak_days", "max_day", "max_per_day", "weekly_trend", "weeks",
    "burst_days", "burst_max_day", "last_after_day", "span_days",
)

FLAGS = ("night", "after", "burst", "threat")


class _PerEntry:
    """The values of rows sorted by entry, handed out one entry at a time
    as a list: made when asked, because a million event ids held as Python
    numbers all at once cost a hundred megabytes."""

    def __init__(self, entries: IntArray, values: npt.NDArray[Any], entry_count: int) -> None:
        every = np.arange(entry_count)
        self.starts = np.searchsorted(entries, every, side="left").tolist()
        self.stops = np.searchsorted(entries, every, side="right").tolist()
        self.values = values

    def of(self, entry: int) -> list[Any]:
        return self.values[self.starts[entry]:self.stops[entry]].tolist()  # type: ignore[no-any-return]


class Evidence:
    """The event ids behind the figures, per entry, in time order: every
    contact, the contacts of each flag of ``FLAGS``, the outgoing events,
    and the threat matches as (event id, words)."""

    def __init__(self, rows: pd.DataFrame, contacts: pd.DataFrame, entry_count: int) -> None:
        entries, ids = contacts["entry"].to_numpy(np.int64), contacts["id"].to_numpy(np.int64)

        def of(flags: npt.NDArray[np.bool_], values: npt.NDArray[Any] = ids) -> _PerEntry:
            return _PerEntry(entries[flags], values[flags], entry_count)

        self.contacts = _PerEntry(entries, ids, entry_count)
        self.flagged = {flag: of(contacts[flag].to_numpy(bool)) for flag in FLAGS}
        outgoing = rows["outgoing"].to_numpy(bool)
        self.outgoing = _PerEntry(rows["entry"].to_numpy(np.int64)[outgoing], rows["id"].to_numpy(np.int64)[outgoing], entry_count)
        threat = contacts["threat"].to_numpy(bool)
        self.threat_ids, self.threat_words = of(threat), of(threat, contacts["matches"].to_numpy(object))

    def contact_ids(self, entry: int, flag: str | None = None) -> list[int]:
        return (self.contacts if flag is None else self.flagged[flag]).of(entry)

    def outgoing_ids(self, entry: int) -> list[int]:
        return self.outgoing.of(entry)

    def threat_matches(self, entry: int) -> list[tuple[int, list[str]]]:
        return list(zip(self.threat_ids.of(entry), self.threat_words.of(entry)))


def compute_figures(rows: pd.DataFrame, entry_count: int, burst_minutes: int, burst_contacts: int) -> tuple[pd.DataFrame, Evidence]:
    """The figures of entries 0..entry_count-1 (a row each, zeros and NaN
    where an entry has no contact) and the evidence behind them.

    ``rows`` comes from ``frame.entry_rows``: sorted by entry, instant, id.
    Every figure is a numpy reduction over the runs of one entry's rows (a
    pandas groupby per figure cost a tenth of a second each on a million
    events).
    """
    index = pd.RangeIndex(entry_count, name="entry")
    entry = rows["entry"].to_numpy(np.int64)
    incoming, is_call = rows["incoming"].to_numpy(bool), rows["is_call"].to_numpy(bool)

    def per_entry(flags: npt.NDArray[np.bool_]) -> IntArray:
        return np.bincount(entry[flags], minlength=entry_count).astype(np.int64)

    counts = pd.DataFrame(
        {
            "incoming": per_entry(incoming),
            "outgoing": per_entry(rows["outgoing"].to_numpy(bool)),
            "calls_in": per_entry(incoming & is_call),
            "messages_in": per_entry(incoming & ~is_call),
            "unanswered_calls": per_entry(incoming & is_call & ~rows["answered"].to_numpy(bool)),
        },
        index=index,
    )

    contacts = rows[incoming].reset_index(drop=True)
    entries = contacts["entry"].to_numpy(np.int64)
    instants = contacts["us"].to_numpy(np.int64)
    bounds = group_bounds(entries)
    starts, sizes = bounds[:-1], np.diff(bounds)
    per_ten = window_counts(instants, bounds, TEN_MINUTES_US)
    burst_width = burst_minutes * 60_000_000
    per_burst = per_ten if burst_width == TEN_MINUTES_US else window_counts(instants, bounds, burst_width)
    contacts = contacts.assign(burst=in_busy_window(per_burst, burst_contacts))

    figures = pd.DataFrame(
        {column: np.zeros(0, np.float64 if column == "weekly_trend" else np.int64) for column in _FIGURE_ORDER}
    )
    if len(contacts):
        figures = _contact_figures(contacts, per_ten, per_burst, burst_contacts, starts, sizes)
    figures = figures.reindex(index)
    zero_filled = [c for c in CONTACT_COLUMNS if c not in _MAY_BE_MISSING]
    figures[zero_filled] = figures[zero_filled].fillna(0).astype(np.int64)
    figures["weekly_trend"] = figures["weekly_trend"].fillna(0.0)

    return counts.join(figures), Evidence(rows, contacts, entry_count)


def _contact_figures(
    contacts: pd.DataFrame, per_ten: IntArray, per_burst: IntArray, burst_contacts: int, starts: IntArray, sizes: IntArray,
) -> pd.DataFrame:
    """The contact figures of the entries with contacts (``starts`` and
    ``sizes`` are the runs of each entry's contacts)."""
    entries = contacts["entry"].to_numpy(np.int64)
    instants = contacts["us"].to_numpy(np.int64)
    days = contacts["day"].to_numpy(np.int64)
    pairs = _DayPairs(entries, days)

    def total(column: str) -> IntArray:
        return np.add.reduceat(contacts[column].to_numpy(np.int64), starts)

    weekly_trend, weeks = _weekly_trend(days, starts, sizes)
    max_per_day, max_day = pairs.busiest()
    figures = pd.DataFrame(
        {
            "first_us": np.minimum.reduceat(instants, starts),
            "last_us": np.maximum.reduceat(instants, starts),
            "first_day": np.minimum.reduceat(days, starts),
            "last_day": np.maximum.reduceat(days, starts),
            "active_days": pairs.distinct_days()[0],
            "max_in_10_min": np.maximum.reduceat(per_ten, starts),
            "burst_max": np.maximum.reduceat(per_burst, starts),
            "night": total("night"),
            "after_notice": total("after"),
            "threat_messages": total("threat"),
            "longest_streak_days": pairs.longest_streaks(),
            "max_day": max_day,
            "max_per_day": max_per_day,
            "weekly_trend": weekly_trend,
            "weeks": weeks,
        },
        index=pd.Index(entries[starts], name="entry"),
    )
    # dates of the entries that have such contacts (NaN for the others)
    opening = per_burst >= burst_contacts
    figures["burst_days"] = pd.Series(*_DayPairs(entries[opening], days[opening]).distinct_days())
    busiest_window = per_burst == np.repeat(figures["burst_max"].to_numpy(np.int64), sizes)
    figures["burst_max_day"] = days[busiest_window][_run_starts(entries[busiest_window])]
    after = contacts["after"].to_numpy(bool)
    last = _run_ends(entries[after])
    figures["last_after_day"] = pd.Series(days[after][last], index=entries[after][last])
    figures["span_days"] = figures["last_day"] - figures["first_day"] + 1
    return figures


def _run_starts(groups: IntArray) -> IntArray:
    """Where each run of equal values of ``groups`` starts."""
    return group_bounds(groups)[:-1]


def _run_ends(groups: IntArray) -> IntArray:
    """Where each run of equal values of ``groups`` ends (its last item)."""
    return group_bounds(groups)[1:] - 1


class _DayPairs:
    """The (entry, local date) pairs of contacts sorted by entry, then by
    instant (nothing here counts on the dates being in order too)."""

    def __init__(self, entries: IntArray, days: IntArray) -> None:
        self.entries, self.days = entries, days
        self.first_day = int(days.min()) if len(days) else 0
        self.width = int(days.max()) - self.first_day + 1 if len(days) else 1
        # one number per pair, in (entry, date) order; nearly sorted already,
        # which a stable sort finds out in one pass
        keys = entries * self.width + (days - self.first_day)
        self.order = np.argsort(keys, kind="stable")
        bounds = group_bounds(keys[self.order])
        self.keys = keys[self.order][bounds[:-1]]  # each pair once
        self.counts = np.diff(bounds)  # its contacts
        self.first_seen = self.order[bounds[:-1]]  # its first contact

    def distinct_days(self) -> tuple[IntArray, IntArray]:
        """The number of distinct dates of each entry, and the entries."""
        entries = self.keys // self.width
        bounds = group_bounds(entries)
        return np.diff(bounds), entries[bounds[:-1]]

    def longest_streaks(self) -> IntArray:
        """Per entry, the longest run of consecutive dates, the dates taken
        in the order they first come (as ``drop_duplicates`` keeps them)."""
        first = np.sort(self.first_seen)
        entries, days = self.entries[first], self.days[first]
        new_run = np.r_[True, (entries[1:] != entries[:-1]) | (days[1:] - days[:-1] != 1)]
        run_starts = np.flatnonzero(new_run)
        lengths = np.diff(np.r_[run_starts, len(days)])
        return np.maximum.reduceat(lengths, _run_starts(entries[run_starts]))

    def busiest(self) -> tuple[IntArray, IntArray]:
        """Per entry, the most contacts on one date and that date (the
        earliest of a tie)."""
        entries, offsets = np.divmod(self.keys, self.width)
        # the most contacts first, then the earliest date: one number to maximise
        score = self.counts * self.width + (self.width - 1 - offsets)
        best = np.maximum.reduceat(score, _run_starts(entries))
        count, offset = np.divmod(best, self.width)
        return count, self.first_day + self.width - 1 - offset


def _weekly_trend(days: IntArray, starts: IntArray, sizes: IntArray) -> tuple[npt.NDArray[np.float64], IntArray]:
    """Least-squares slope over weeks x = 0..N-1 with counts y (zeros
    included) from the sums over contacts alone: sum(y) is the number of
    contacts and sum(x*y) the sum of each contact's week offset."""
    weeks = (days + _MONDAY_SHIFT) // 7
    first_week = np.minimum.reduceat(weeks, starts)
    n = (np.maximum.reduceat(weeks, starts) - first_week + 1).astype(np.float64)
    sum_y = sizes.astype(np.float64)
    sum_xy = np.add.reduceat(weeks - np.repeat(first_week, sizes), starts).astype(np.float64)
    sum_x = n * (n - 1) / 2
    denominator = n * n * (n - 1) * (n + 1) / 12  # = n * sum(x^2) - sum(x)^2
    with np.errstate(invalid="ignore"):
        slope = (n * sum_xy - sum_x * sum_y) / np.where(n >= 2, denominator, np.nan)
    return np.where(np.isnan(slope), 0.0, slope), n.astype(np.int64)
