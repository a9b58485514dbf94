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

from dataclasses import dataclass

import numpy as np
import pandas as pd

from calllog.analysis.windows import group_bounds, in_busy_window, window_counts

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


FLAGS = ("night", "after", "burst", "threat")


@dataclass(frozen=True)
class Evidence:
    """The event ids behind the figures, per entry, in time order:
    ``contacts`` (every contact), one list per flag of ``FLAGS``,
    ``outgoing`` and the threat ``matches`` as (event id, words)."""

    contacts: dict[int, list[int]]
    flagged: dict[str, dict[int, list[int]]]
    outgoing: dict[int, list[int]]
    matches: dict[int, list[tuple[int, list[str]]]]

    def contact_ids(self, entry: int, flag: str | None = None) -> list[int]:
        source = self.contacts if flag is None else self.flagged[flag]
        return source.get(entry, [])

    def outgoing_ids(self, entry: int) -> list[int]:
        return self.outgoing.get(entry, [])

    def threat_matches(self, entry: int) -> list[tuple[int, list[str]]]:
        return self.matches.get(entry, [])


def _split(rows: pd.DataFrame, column: str = "id") -> dict[int, list]:  # type: ignore[type-arg]
    """``rows`` (sorted by entry) as entry -> list of ``column`` values."""
    entries = rows["entry"].to_numpy(np.int64)
    values = rows[column].tolist()
    bounds = group_bounds(entries)
    return {int(entries[a]): values[a:b] for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist()) if b > a}


def compute_figures(rows: pd.DataFrame, entry_count: int, burst_minutes: int, burst_contacts: int) -> tuple[pd.DataFrame, Evidence]:
    """The figures of entries 0..entry_count-1 (a row each, zeros and NaN
    where an entry has no contact) and the evidence behind them.

    ``rows`` comes from ``frame.entry_rows``: sorted by entry, instant, id.
    """
    index = pd.RangeIndex(entry_count, name="entry")
    incoming, is_call = rows["incoming"], rows["is_call"]
    counts = pd.DataFrame(
        {
            "entry": rows["entry"],
            "incoming": incoming,
            "outgoing": rows["outgoing"],
            "calls_in": incoming & is_call,
            "messages_in": incoming & ~is_call,
            "unanswered_calls": incoming & is_call & ~rows["answered"],
        }
    ).groupby("entry").sum().reindex(index, fill_value=0).astype(np.int64)

    contacts = rows[incoming.to_numpy(bool)].reset_index(drop=True)
    entries = contacts["entry"].to_numpy(np.int64)
    instants = contacts["us"].to_numpy(np.int64)
    bounds = group_bounds(entries)
    per_ten = window_counts(instants, bounds, TEN_MINUTES_US)
    burst_width = burst_minutes * 60_000_000
    per_burst = per_ten if burst_width == TEN_MINUTES_US else window_counts(instants, bounds, burst_width)
    contacts = contacts.assign(
        ten=per_ten, burst_window=per_burst, burst=in_busy_window(per_burst, burst_contacts),
        week=(contacts["day"] + _MONDAY_SHIFT) // 7,
    )

    grouped = contacts.groupby("entry")
    figures = pd.DataFrame(
        {
            "first_us": grouped["us"].min(),
            "last_us": grouped["us"].max(),
            "first_day": grouped["day"].min(),
            "last_day": grouped["day"].max(),
            "active_days": grouped["day"].nunique(),
            "max_in_10_min": grouped["ten"].max(),
            "burst_max": grouped["burst_window"].max(),
            "night": grouped["night"].sum(),
            "after_notice": grouped["after"].sum(),
            "threat_messages": grouped["threat"].sum(),
        }
    )
    figures = figures.join(_streaks(contacts)).join(_busiest_days(contacts)).join(_weekly_trend(contacts))
    opening = contacts[contacts["burst_window"] >= burst_contacts]
    figures["burst_days"] = opening.groupby("entry")["day"].nunique()
    busiest_window = contacts["burst_window"] == contacts.groupby("entry")["burst_window"].transform("max")
    figures["burst_max_day"] = contacts[busiest_window].groupby("entry")["day"].first()
    figures["last_after_day"] = contacts[contacts["after"].to_numpy(bool)].groupby("entry")["day"].last()
    figures["span_days"] = figures["last_day"] - figures["first_day"] + 1
    figures = figures.reindex(index)
    zero_filled = [c for c in CONTACT_COLUMNS if c not in _MAY_BE_MISSING]
    figures[zero_filled] = figures[zero_filled].fillna(0).astype(np.int64)
    figures["weekly_trend"] = figures["weekly_trend"].fillna(0.0)

    threats = contacts[contacts["threat"].to_numpy(bool)]
    words = _split(threats, "matches")
    evidence = Evidence(
        contacts=_split(contacts),
        flagged={flag: _split(contacts[contacts[flag].to_numpy(bool)]) for flag in FLAGS},
        outgoing=_split(rows[rows["outgoing"].to_numpy(bool)]),
        matches={entry: list(zip(ids, words[entry])) for entry, ids in _split(threats).items()},
    )
    return counts.join(figures), evidence


def _streaks(contacts: pd.DataFrame) -> pd.Series:
    days = contacts[["entry", "day"]].drop_duplicates()  # already sorted by entry, day
    new_entry = days["entry"].diff().ne(0)
    broken = days["day"].diff().ne(1)
    run = (new_entry | broken).cumsum()
    lengths = days.groupby(["entry", run]).size()
    return lengths.groupby(level="entry").max().rename("longest_streak_days")


def _busiest_days(contacts: pd.DataFrame) -> pd.DataFrame:
    per_day = contacts.groupby(["entry", "day"]).size().rename("n").reset_index()
    # most contacts first, then the earliest date: the first row per entry
    per_day = per_day.sort_values(["entry", "n", "day"], ascending=[True, False, True], kind="stable")
    busiest = per_day.drop_duplicates("entry").set_index("entry")
    return busiest.rename(columns={"n": "max_per_day", "day": "max_day"})


def _weekly_trend(contacts: pd.DataFrame) -> pd.DataFrame:
    """Least-squares slope over weeks x = 0..N-1 with counts y (zeros
    included) from the sums over contacts alone: sum(y) is the number of
    contacts and sum(x*y) the sum of each contact's week offset."""
    grouped = contacts.groupby("entry")["week"]
    first_week = grouped.transform("min")
    n = (grouped.max() - grouped.min() + 1).astype(np.float64)
    sum_y = grouped.size().astype(np.float64)
    sum_xy = (contacts["week"] - first_week).groupby(contacts["entry"]).sum().astype(np.float64)
    sum_x = n * (n - 1) / 2
    denominator = n * n * (n - 1) * (n + 1) / 12  # = n * sum(x^2) - sum(x)^2
    slope = (n * sum_xy - sum_x * sum_y) / denominator.where(n >= 2)
    return pd.DataFrame({"weekly_trend": slope.fillna(0.0), "weeks": n.astype(np.int64)})
