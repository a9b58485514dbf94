"""The figures are numpy reductions over each entry's rows; here they are
checked against the pandas groupby definitions they replaced, on random
events in several time zones and with several burst settings."""

from __future__ import annotations

import random
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest

from calllog.analysis.figures import CONTACT_COLUMNS, compute_figures
from calllog.analysis.frame import build_entries, entry_rows, prepare_events
from calllog.analysis.inputs import Person
from calllog.analysis.windows import group_bounds, window_counts

_MAY_BE_MISSING = ("first_us", "last_us", "first_day", "last_day", "max_day", "weekly_trend", "burst_max_day", "last_after_day")


def reference_figures(rows: pd.DataFrame, entry_count: int, burst_minutes: int, burst_contacts: int) -> pd.DataFrame:
    """The figures as pandas groupby definitions (the code before numpy)."""
    index = pd.RangeIndex(entry_count, name="entry")
    incoming, is_call = rows["incoming"], rows["is_call"]
    counts = pd.DataFrame({
        "entry": rows["entry"], "incoming": incoming, "outgoing": rows["outgoing"], "calls_in": incoming & is_call,
        "messages_in": incoming & ~is_call, "unanswered_calls": incoming & is_call & ~rows["answered"],
    }).groupby("entry").sum().reindex(index, fill_value=0).astype(np.int64)
    contacts = rows[incoming.to_numpy(bool)].reset_index(drop=True)
    bounds = group_bounds(contacts["entry"].to_numpy(np.int64))
    instants = contacts["us"].to_numpy(np.int64)
    per_burst = window_counts(instants, bounds, burst_minutes * 60_000_000)
    contacts = contacts.assign(ten=window_counts(instants, bounds, 600_000_000), burst_window=per_burst,
                               week=(contacts["day"] + 3) // 7)
    grouped = contacts.groupby("entry")
    figures = pd.DataFrame({
        "first_us": grouped["us"].min(), "last_us": grouped["us"].max(), "first_day": grouped["day"].min(),
        "last_day": grouped["day"].max(), "active_days": grouped["day"].nunique(), "max_in_10_min": grouped["ten"].max(),
        "burst_max": grouped["burst_window"].max(), "night": grouped["night"].sum(),
        "after_notice": grouped["after"].sum(), "threat_messages": grouped["threat"].sum(),
    })
    days = contacts[["entry", "day"]].drop_duplicates()
    run = (days["entry"].diff().ne(0) | days["day"].diff().ne(1)).cumsum()
    figures = figures.join(days.groupby(["entry", run]).size().groupby(level="entry").max().rename("longest_streak_days"))
    per_day = contacts.groupby(["entry", "day"]).size().rename("n").reset_index()
    per_day = per_day.sort_values(["entry", "n", "day"], ascending=[True, False, True], kind="stable")
    figures = figures.join(per_day.drop_duplicates("entry").set_index("entry").rename(columns={"n": "max_per_day", "day": "max_day"}))
    weeks = contacts.groupby("entry")["week"]
    n = (weeks.max() - weeks.min() + 1).astype(np.float64)
    sum_xy = (contacts["week"] - weeks.transform("min")).groupby(contacts["entry"]).sum().astype(np.float64)
    slope = (n * sum_xy - n * (n - 1) / 2 * weeks.size().astype(np.float64)) / (n * n * (n - 1) * (n + 1) / 12).where(n >= 2)
    figures = figures.join(pd.DataFrame({"weekly_trend": slope.fillna(0.0), "weeks": n.astype(np.int64)}))
    figures["burst_days"] = contacts[contacts["burst_window"] >= burst_contacts].groupby("entry")["day"].nunique()
    busiest = contacts["burst_window"] == contacts.groupby("entry")["burst_window"].transform("max")
    figures["burst_max_day"] = contacts[busiest].groupby("entry")["day"].first()
    figures["last_after_day"] = contacts[contacts["after"].to_numpy(bool)].groupby("entry")["day"].last()
    figures["span_days"] = figures["last_day"] - figures["first_day"] + 1
    figures = figures.reindex(index)
    zero_filled = [c for c in CONTACT_COLUMNS if c not in _MAY_BE_MISSING]
    figures[zero_filled] = figures[zero_filled].fillna(0).astype(np.int64)
    figures["weekly_trend"] = figures["weekly_trend"].fillna(0.0)
    return counts.join(figures)


def random_events(seed: int, count: int, start: str) -> pd.DataFrame:
    rng = random.Random(seed)
    first = pd.Timestamp(start, tz="UTC").value // 1000
    parties = [f"+3247000{p:04d}" for p in range(6)] + ["withheld"]
    rows = []
    for number in range(count):
        us = first + rng.randrange(40 * 86_400_000_000)
        if rng.random() < 0.3:  # bursts, and contacts in the same second
            us = first + rng.choice([0, 86_400_000_000 * 12]) + rng.randrange(0, 900_000_000, 1_000_000)
        channel = rng.choice(["call", "call", "sms"])
        rows.append({
            "id": number + 1, "instant_utc": pd.Timestamp(us * 1000, tz="UTC"), "channel": channel,
            "channel_class": "call" if channel == "call" else "message", "direction": rng.choice(["in", "in", "out"]),
            "status": rng.choice(["answered", "missed", "answered_elsewhere", "received"]), "party": rng.choice(parties),
            "party_quality": "valid", "text": rng.choice([None, "ik maak je dood", "hallo"]) if channel == "sms" else None,
            "duration_s": float("nan"),
        })
    return pd.DataFrame(rows).sample(frac=1, random_state=seed)  # the rows in no particular order


@pytest.mark.parametrize("zone", ["Europe/Brussels", "America/Santiago", "Australia/Lord_Howe", "UTC"])
@pytest.mark.parametrize(("seed", "burst"), [(1, (10, 5)), (2, (3, 2)), (3, (60, 3)), (4, (1, 2))])
def test_the_figures_are_the_groupby_definitions(zone: str, seed: int, burst: tuple[int, int]) -> None:
    events = random_events(seed, 300 + 100 * seed, ["2025-10-10", "2025-03-20", "2024-03-25", "2025-09-25"][seed % 4])
    frame = prepare_events(events, ZoneInfo(zone), None, None, (1320, 420), 1_760_000_000 if seed % 2 else None, ("dood",))
    persons = [Person("P", ("+32470000001", "+32470000002", "withheld"), True)]
    entries = build_entries(frame, persons, {}, set(), None)
    rows = entry_rows(frame, entries)
    figures, _ = compute_figures(rows, len(entries), *burst)
    pd.testing.assert_frame_equal(figures, reference_figures(rows, len(entries), *burst), check_exact=True)


def test_entries_without_contacts_and_no_entries_at_all() -> None:
    events = random_events(5, 200, "2025-10-10").assign(direction="out")
    frame = prepare_events(events, ZoneInfo("Europe/Brussels"), None, None, (1320, 420), None, ())
    for table in (frame, frame.iloc[:0]):
        entries = build_entries(table, [], {}, set(), None)
        rows = entry_rows(table, entries)
        figures, _ = compute_figures(rows, len(entries), 10, 5)
        pd.testing.assert_frame_equal(figures, reference_figures(rows, len(entries), 10, 5), check_exact=True)


def per_group_windows(instants: np.ndarray, bounds: np.ndarray, width: int) -> np.ndarray:
    counts = np.ones(len(instants), np.int64)
    for start, stop in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        segment = instants[start:stop]
        counts[start:stop] = np.searchsorted(segment, segment + width, side="left") - np.arange(stop - start)
    return counts


def test_windows_counted_on_one_time_line_are_each_groups_own() -> None:
    rng = np.random.default_rng(8)
    for _ in range(200):
        groups = np.sort(rng.integers(0, 12, int(rng.integers(0, 300))))
        unit = int(rng.choice([1, 1_000_000, 600_000_000]))
        instants = np.concatenate(
            [np.sort(rng.integers(-10**12, 10**12, int((groups == g).sum())) // unit * unit) for g in range(12)]
        ).astype(np.int64)
        bounds = group_bounds(groups)
        width = int(rng.choice([1, 60_000_000, 600_000_000, 3_600_000_000]))
        assert (window_counts(instants, bounds, width) == per_group_windows(instants, bounds, width)).all()
    # instants too far apart for one 64-bit line: counted group by group
    far = np.array([-2**61, 2**61 - 5, 2**61, -2**61, 2**61], np.int64)
    bounds = group_bounds(np.array([0, 0, 0, 1, 1]))
    assert window_counts(far, bounds, 10).tolist() == per_group_windows(far, bounds, 10).tolist() == [1, 2, 1, 1, 1]
