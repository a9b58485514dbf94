"""The values of the Events and Withheld calls columns, made a column at a
time for every listed event (``workbook_events`` puts them in rows).

A column of 100,000 events holds a few channel words, a few thousand
numbers and durations, a few hundred dates: each value is worked out once
per distinct value (``per_distinct``) and the local dates, times and
weekdays come from pandas in one go, instead of once per row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

from calllog.i18n.workbook import workbook_text


def per_distinct(values: pd.Series, make: Callable[[object], object]) -> list[object]:
    """``make(value)`` for every value, called once per distinct value (and
    once for the missing ones, with the first missing value itself)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    made = [make(unique) for unique in uniques]
    missing = codes < 0
    if missing.any():
        made.append(make(values.iloc[int(missing.argmax())]))  # code -1 picks this last one
    return [made[code] for code in codes.tolist()]


def text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value != "" else None


def duration(value: object) -> timedelta | None:
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    return timedelta(seconds=float(value))  # type: ignore[arg-type]


def attachment_names(raw: object) -> str | None:
    if not isinstance(raw, str) or raw in ("", "[]"):
        return None
    try:
        names = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(names, list):
        return raw
    return "\n".join(str(name) for name in names) or None


class LocalTimes:
    """Local wall-clock time of each event in the case's zone, to the
    second, as naive values (Excel has no zones)."""

    def __init__(self, frame: pd.DataFrame, tz: ZoneInfo) -> None:
        self.instants = frame["instant_utc"]
        self.tz = tz
        self.moment = self.instants.dt.tz_convert(tz).dt.tz_localize(None).dt.floor("s")
        self.weekday = self.moment.dt.day_of_week

    def dates(self) -> list[date]:
        return list(self.moment.dt.date)

    def times(self) -> list[time]:
        return list(self.moment.dt.time)

    def hours(self) -> pd.Series:
        return self.moment.dt.hour

    def shown(self, position: int) -> str:
        """The local time of one event as the notes write it."""
        return self.moment.iloc[position].strftime("%d/%m/%Y %H:%M:%S")

    def offset(self, position: int) -> str:
        """The UTC offset of one event's local time: "+02:00"."""
        written = self.instants.iloc[position].tz_convert(self.tz).strftime("%z")
        return f"{written[:3]}:{written[3:]}" if written else ""

    def subset(self, frame: pd.DataFrame) -> "LocalTimes":
        """The local times of the events of ``frame``, a part of the frame
        these are of (by index)."""
        part = LocalTimes.__new__(LocalTimes)
        part.instants, part.tz = self.instants.loc[frame.index], self.tz
        part.moment, part.weekday = self.moment.loc[frame.index], self.weekday.loc[frame.index]
        return part


def notes(frame: pd.DataFrame, local: LocalTimes, lang: str, night: set[int], after: set[int],
          threats: Mapping[int, Sequence[str]]) -> list[str | None]:
    """The Note of each event: a time that occurs twice (with its UTC
    offset), a time that does not exist, a night contact, a contact after
    the notice, threatening words; None for most events."""
    ambiguous = frame["time_ambiguous"].tolist()
    nonexistent = frame["time_nonexistent"].tolist()
    written = frame["local_text"].tolist()
    shown: list[str | None] = [None] * len(frame)
    for position, event_id in enumerate(frame["id"].tolist()):
        if not (ambiguous[position] or nonexistent[position] or event_id in night or event_id in after
                or event_id in threats):
            continue
        said: list[str] = []
        if ambiguous[position]:
            said.append(workbook_text(lang, "note.ambiguous", time=local.shown(position), offset=local.offset(position)))
        if nonexistent[position]:
            said.append(workbook_text(lang, "note.nonexistent", written=written[position], time=local.shown(position)))
        if event_id in night:
            said.append(workbook_text(lang, "note.night"))
        if event_id in after:
            said.append(workbook_text(lang, "note.after_notice"))
        if event_id in threats:
            words = ", ".join(f'"{w}"' for w in threats[event_id])
            said.append(workbook_text(lang, "note.threat", words=words))
        shown[position] = "; ".join(said) or None
    return shown
