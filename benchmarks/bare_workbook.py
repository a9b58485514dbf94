"""Baseline for ``calllog export``: the least a spreadsheet of a case's
events costs with openpyxl write-only mode.

Reads every event of CASE.sqlite and writes one row per event with the
columns of calllog's Events sheet (number, date, time, weekday, channel,
direction, status, number as written and normalised, name, duration, text,
attachments, sources, note), real dates and times, no styles, no
formatting. Only the Events rows: calllog's workbook also writes Summary,
Per day, Per hour, Withheld calls and Sources sheets.

Usage: python benchmarks/bare_workbook.py CASE.sqlite OUT.xlsx [--seconds]

With ``--seconds`` it also prints, in-process (no interpreter start, no
imports), the seconds of reading the rows alone (the query, every row
fetched, nothing written) and of the whole dump (the same reading, the rows
built and written, the file saved): "read 0.61 dump 11.87". The dump less
the reading is the writing that ``benchmarks/scale.py`` compares calllog's
workbook writing with.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from datetime import datetime, timedelta, timezone

from openpyxl import Workbook

QUERY = """
    SELECT e.id, e.instant_us, e.channel, e.direction, e.status, e.party_raw, e.party, e.duration_s,
           e.text, e.attachments, (SELECT group_concat(source_id) FROM event_sources s WHERE s.event_id = e.id)
    FROM events e ORDER BY e.instant_us, e.id
"""
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def main(database: str, out: str) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Events")
    sheet.append(["No", "Date", "Time", "Weekday", "Channel", "Direction", "Status", "Number as written",
                  "Number", "Name", "Duration", "Text", "Attachments", "Sources", "Note"])
    conn = sqlite3.connect(database)
    for (event_id, instant_us, channel, direction, status, raw, party, duration, text, attachments,
         sources) in conn.execute(QUERY):
        moment = (EPOCH + timedelta(microseconds=instant_us)).replace(tzinfo=None)
        sheet.append([event_id, moment.date(), moment.time(), moment.strftime("%A"), channel, direction, status,
                      raw, party, None, timedelta(seconds=duration) if duration is not None else None, text,
                      attachments, sources, None])
    workbook.save(out)


def read_only(database: str) -> None:
    """The reading part of ``main``: every row of the query, nothing more."""
    conn = sqlite3.connect(database)
    for _ in conn.execute(QUERY):
        pass
    conn.close()


if __name__ == "__main__":
    if "--seconds" in sys.argv[3:]:
        start = time.perf_counter()
        read_only(sys.argv[1])
        read = time.perf_counter() - start
        start = time.perf_counter()
        main(sys.argv[1], sys.argv[2])
        print(f"read {read:.3f} dump {time.perf_counter() - start:.3f}")
    else:
        main(sys.argv[1], sys.argv[2])
