"""The event table the figures are computed from, and the entries
(numbers and persons) they are computed for.

Every time of day and every date is local to the case's time zone. A local
date is held as a day number (days since 1970-01-01, local calendar) and a
time of day as minutes since local midnight, both taken from the local
wall-clock time, so a day of 23 or 25 hours (the two daylight-saving
Sundays) is one date like any other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from calllog.analysis.inputs import Person
from calllog.analysis.threats import threat_matches
from calllog.phone import normalise_number

US_PER_MINUTE = 60_000_000
US_PER_DAY = 1440 * US_PER_MINUTE
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
ANSWERED = ("answered", "answered_elsewhere")


def day_number(day: date) -> int:
    return day.toordinal() - EPOCH_ORDINAL


def day_of(number: int) -> date:
    return date.fromordinal(int(number) + EPOCH_ORDINAL)


def prepare_events(
    events: pd.DataFrame,
    tz: ZoneInfo,
    start: date | None,
    end: date | None,
    night: tuple[int, int],
    notice_s: int | None,
    words: Sequence[str],
) -> pd.DataFrame:
    """One row per event in the period, sorted by instant then id, with the
    flags the figures count (see the module docstring for the units)."""
    instants = pd.to_datetime(events["instant_utc"], utc=True).dt.as_unit("us")
    # wall-clock microseconds: a day number and minute of the local calendar
    local_us = instants.dt.tz_convert(tz).dt.tz_localize(None).to_numpy().astype(np.int64)
    frame = pd.DataFrame(
        {
            "id": events["id"].to_numpy(np.int64),
            "us": instants.dt.tz_localize(None).to_numpy().astype(np.int64),
            "party": pd.Categorical(events["party"].astype(str)),  # one code per party: fast ==, isin and map
            "incoming": (events["direction"] == "in").to_numpy(),
            "outgoing": (events["direction"] == "out").to_numpy(),
            "is_call": (events["channel_class"] == "call").to_numpy(),
            "answered": events["status"].isin(ANSWERED).to_numpy(),
            "day": local_us // US_PER_DAY,
            "minute": (local_us // US_PER_MINUTE) % 1440,
            "text": events["text"].to_numpy(object),
        }
    )
    if "source_count" in events.columns:
        frame["source_count"] = events["source_count"].fillna(1).to_numpy(np.int64)
    if start is not None:
        frame = frame[frame["day"] >= day_number(start)]
    if end is not None:
        frame = frame[frame["day"] <= day_number(end)]
    if not _in_time_order(frame["us"].to_numpy(), frame["id"].to_numpy()):  # the store's order already
        frame = frame.sort_values(["us", "id"], kind="stable")
    frame = frame.reset_index(drop=True)
    night_start, night_end = night
    minute = frame["minute"]
    if night_start > night_end:  # the usual night: across midnight
        frame["night"] = (minute >= night_start) | (minute < night_end)
    else:
        frame["night"] = (minute >= night_start) & (minute < night_end)
    frame["night"] &= frame["incoming"]
    # compared to the whole second: see notices.py
    seconds = frame["us"] // 1_000_000
    frame["after"] = frame["incoming"] & (seconds > notice_s) if notice_s is not None else False
    frame["matches"] = _threat_column(frame, words)
    frame["threat"] = frame["matches"].notna()
    return frame


def _in_time_order(instants: np.ndarray, ids: np.ndarray) -> bool:
    """True when the rows are sorted by instant, then id (no two alike)."""
    later = instants[1:] > instants[:-1]
    return bool((later | ((instants[1:] == instants[:-1]) & (ids[1:] > ids[:-1]))).all())


def _threat_column(frame: pd.DataFrame, words: Sequence[str]) -> pd.Series:
    """The matched words of every incoming message; None where nothing
    matched and for every other event. Each distinct text is matched once."""
    result = pd.Series(None, index=frame.index, dtype=object)
    messages = frame["incoming"] & ~frame["is_call"] & frame["text"].notna()
    if messages.any():
        texts = frame.loc[messages, "text"].astype(str)
        found = {text: threat_matches(text, words) or None for text in texts.unique()}
        result[messages] = texts.map(found)
    return result


@dataclass(frozen=True)
class Entry:
    """One line of the findings: a party, or a person over its parties."""

    index: int
    party: str
    person: str | None
    numbers: tuple[str, ...]
    suspect: bool
    is_person: bool
    short: bool


def build_entries(
    frame: pd.DataFrame,
    persons: Sequence[Person],
    names: Mapping[str, str],
    short_parties: AbstractSet[str],
    party_filter: str | None,
) -> list[Entry]:
    """Every party of the events, and every person that groups two or more
    parties with at least one event; only those matching ``party_filter``
    (a party, a number as the user wrote it, or a person's or name's name)."""
    person_of: dict[str, Person] = {}
    for person in persons:
        for number in person.numbers:
            person_of.setdefault(number, person)
    present = sorted(set(frame["party"].unique()))
    specs: list[tuple[str, str | None, tuple[str, ...], bool, bool, bool]] = []
    for party in present:
        owner = person_of.get(party)
        person_name = owner.name if owner else names.get(party)
        suspect = bool(owner and owner.suspect)
        specs.append((party, person_name, (party,), suspect, False, party in short_parties))
    for person in persons:
        if len(person.numbers) >= 2 and any(person_of.get(n) is person for n in present):
            specs.append((person.name, person.name, tuple(person.numbers), person.suspect, True, False))
    if party_filter is not None:
        specs = [spec for spec in specs if _matches(spec[0], spec[1], party_filter)]
    return [Entry(index, *spec) for index, spec in enumerate(specs)]


def _matches(party: str, person: str | None, wanted: str) -> bool:
    text = wanted.strip()
    # "0470 00 00 66" finds +32470000066, "Anoniem" or "withheld" finds withheld
    candidates = {text, normalise_number(text).party} if text else {text}
    return party in candidates or (person is not None and person.casefold() == text.casefold())


# what the figures read of each entry's events
ROW_COLUMNS = ("id", "us", "incoming", "outgoing", "is_call", "answered", "day", "night", "after", "matches", "threat")


def entry_rows(frame: pd.DataFrame, entries: Sequence[Entry]) -> pd.DataFrame:
    """The events of every entry (a person's rows are its parties' rows),
    with ``ROW_COLUMNS`` and an ``entry`` column, sorted by entry, instant
    and id."""
    columns = list(ROW_COLUMNS)
    entry_of_party = {entry.party: entry.index for entry in entries if not entry.is_person}
    codes = frame["party"].map(entry_of_party)
    selected = codes.notna().to_numpy()
    positions = [np.flatnonzero(selected)]
    owners = [codes[selected].to_numpy(np.int64)]
    for entry in entries:
        if entry.is_person:
            positions.append(np.flatnonzero(frame["party"].isin(entry.numbers).to_numpy()))
            owners.append(np.full(len(positions[-1]), entry.index, np.int64))
    row_entries = np.concatenate(owners)
    # each piece keeps the frame's order (instant, id): a stable sort by entry
    # suffices, and one take gathers every column at once
    order = np.argsort(row_entries, kind="stable")
    rows = frame[columns].take(np.concatenate(positions)[order]).reset_index(drop=True)
    rows["entry"] = row_entries[order]
    return rows
