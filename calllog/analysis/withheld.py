"""Withheld calls set beside the contacts of a person of interest.

A withheld call cannot be attributed from the call log, and calllog does
not try. What it reports, as facts about timing, for each number and
person marked as of interest:

* ``withheld_calls``: incoming calls from ``withheld`` in the period;
* ``contact_days``: local dates with a contact from the person (their own
  numbers, never ``withheld`` itself, even if the user grouped it);
* ``on_contact_days``: withheld calls on one of those dates;
* ``within_window``: withheld calls at most ``withheld_window_minutes``
  before or after one of the person's contacts (bounds included);
* the event ids of both sets, so every one can be checked.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from calllog.analysis.frame import Entry
from calllog.analysis.sentences import Phrases
from calllog.model import WITHHELD


def withheld_alongside(frame: pd.DataFrame, entries: Sequence[Entry], window_minutes: int, phrases: Phrases) -> dict[str, object]:
    """The ``withheld_alongside`` section of the findings."""
    withheld = frame[frame["incoming"].to_numpy(bool) & frame["is_call"].to_numpy(bool) & (frame["party"] == WITHHELD).to_numpy()]
    suspects = [entry for entry in entries if entry.suspect and entry.party != WITHHELD]
    return {
        "withheld_calls": len(withheld),
        "window_minutes": window_minutes,
        "suspects": [_beside(frame, withheld, entry, window_minutes, phrases) for entry in suspects],
    }


def _beside(frame: pd.DataFrame, withheld: pd.DataFrame, entry: Entry, window_minutes: int, phrases: Phrases) -> dict[str, object]:
    own = [number for number in entry.numbers if number != WITHHELD]
    contacts = frame[frame["incoming"].to_numpy(bool) & frame["party"].isin(own).to_numpy()]
    contact_us = contacts["us"].to_numpy(np.int64)  # frame is sorted by instant
    contact_days = np.unique(contacts["day"].to_numpy(np.int64))
    withheld_us = withheld["us"].to_numpy(np.int64)
    on_day = np.isin(withheld["day"].to_numpy(np.int64), contact_days)
    near = _within(withheld_us, contact_us, window_minutes * 60_000_000)
    ids = withheld["id"].to_numpy(np.int64)
    subject = phrases.subject(entry)
    if len(withheld):
        days = withheld["day"].to_numpy(np.int64)
        text = phrases.say(
            "withheld", subject=subject, withheld=phrases.count(len(withheld), "call"),
            first=phrases.date(days[0]), last=phrases.date(days[-1]), on_days=int(on_day.sum()),
            contact_days=phrases.count(len(contact_days), "day"), within=int(near.sum()), window=window_minutes,
        )
    else:
        text = phrases.say("withheld_none", subject=subject)
    return {
        "party": entry.party,
        "person": entry.person,
        "numbers": list(entry.numbers),
        "withheld_calls": len(withheld),
        "contact_days": len(contact_days),
        "on_contact_days": int(on_day.sum()),
        "within_window": int(near.sum()),
        "event_ids_on_contact_days": ids[on_day].tolist(),
        "event_ids_within_window": ids[near].tolist(),
        "text": text,
    }


def _within(instants: np.ndarray, sorted_others: np.ndarray, width: int) -> np.ndarray:
    """For each instant, whether some instant of ``sorted_others`` is at
    most ``width`` away (before or after)."""
    if len(sorted_others) == 0:
        return np.zeros(len(instants), bool)
    after = np.searchsorted(sorted_others, instants, side="left")
    next_gap = sorted_others[np.minimum(after, len(sorted_others) - 1)] - instants
    previous_gap = instants - sorted_others[np.maximum(after - 1, 0)]
    next_ok = (after < len(sorted_others)) & (np.abs(next_gap) <= width)
    previous_ok = (after > 0) & (np.abs(previous_gap) <= width)
    return next_ok | previous_ok
