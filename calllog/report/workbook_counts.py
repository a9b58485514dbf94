"""The counting sheets: Per day and Hour x weekday.

Both count exactly the events listed on the Events sheet (the persons of
interest and the withheld number, or everything with ``include_all``), by
local date and hour in the case's time zone.

Per day: one row per local date from the first listed event to the last,
days without any event included (a gap is a fact too):

| column | counts |
|---|---|
| Incoming calls | incoming call attempts, any status |
| of which not answered | incoming calls whose status is not answered (answered on another device counts as answered, as in the findings) |
| Incoming SMS/MMS, chat messages, e-mails | incoming messages by channel class |
| Total incoming | all incoming events (the "contacts" of the findings) |
| of which withheld number | incoming events from the withheld number |
| Outgoing | events from an owner line to a listed party |

Hour x weekday: incoming events (contacts) by hour of the day (rows
00:00-00:59 ... 23:00-23:59) and weekday (Monday first), with totals.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import numpy as np
import pandas as pd

from calllog.i18n.workbook import workbook_text
from calllog.model import WITHHELD
from calllog.report.workbook_cells import Column
from calllog.report.workbook_events import EventRows

ANSWERED = ("answered", "answered_elsewhere")
PER_DAY_COUNTS = ("col.calls_in", "col.calls_unanswered", "col.messages_in", "col.chats_in", "col.emails_in",
                  "col.total_in", "col.withheld_in", "col.outgoing")


def per_day_columns() -> list[Column]:
    return [Column("col.date", 11, "date"), Column("col.weekday", 11)] + [Column(key, 13, "int") for key in PER_DAY_COUNTS]


def per_day_values(rows: EventRows) -> Iterator[list[object]]:
    frame = rows.frame
    if frame.empty:
        return
    days = pd.Series(rows.local.dates(), index=frame.index, dtype=object)
    incoming = frame["direction"] == "in"
    calls_in = incoming & (frame["channel_class"] == "call")
    counted = pd.DataFrame({
        "col.calls_in": calls_in,
        "col.calls_unanswered": calls_in & ~frame["status"].isin(ANSWERED),
        "col.messages_in": incoming & (frame["channel_class"] == "message"),
        "col.chats_in": incoming & (frame["channel_class"] == "chat"),
        "col.emails_in": incoming & (frame["channel_class"] == "email"),
        "col.total_in": incoming,
        "col.withheld_in": incoming & (frame["party"] == WITHHELD),
        "col.outgoing": frame["direction"] == "out",
    }).astype(int).groupby(days).sum()
    first: date = min(counted.index)
    last: date = max(counted.index)
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        counts = counted.loc[day] if day in counted.index else None
        numbers = [int(counts[key]) if counts is not None else 0 for key in PER_DAY_COUNTS]
        yield [day, rows.weekdays[day.weekday()], *numbers]


def hour_weekday_columns() -> list[Column]:
    return [Column("col.hour", 14)] + [Column(f"weekday.{d}", 12, "int") for d in range(7)] + [Column("col.total", 10, "int")]


def hour_weekday_values(rows: EventRows) -> Iterator[list[object]]:
    incoming = rows.frame["direction"].to_numpy() == "in"
    hours = rows.local.hours().to_numpy(dtype=int)[incoming]
    weekdays = rows.local.weekday.to_numpy(dtype=int)[incoming]
    grid = np.zeros((24, 7), dtype=int)
    np.add.at(grid, (hours, weekdays), 1)
    for hour in range(24):
        label = workbook_text(rows.lang, "hour.range", start=f"{hour:02d}:00", end=f"{hour:02d}:59")
        yield [label, *(int(n) for n in grid[hour]), int(grid[hour].sum())]
    yield [workbook_text(rows.lang, "col.total"), *(int(n) for n in grid.sum(axis=0)), int(grid.sum())]
