"""A text table read column by column: the same records and skips as the
row-by-row reading of ``table_records``, for a million rows in seconds.

An operator return repeats a few hundred dates, a few thousand numbers and
durations and a handful of type words a million times. Here the file is
split by pandas' C reader, every distinct cell text is read once by the
very functions the row-by-row reading uses (``date_in_text``,
``_time_of_text``, ``WordReader``, ``read_duration``, ``number_text``), and
the results are spread over the rows with numpy. The wall clock is read
for the whole column at once (``calllog.wallclock_columns``), the order of
day and month from the first row that proves it, as before.

A row this cannot read as simply as that (a row with fewer or more cells
than the others, no readable date, mobile data, no direction) is handed
to ``RowReader.record`` with its cells and its clock: its record or skip
is exactly what the row-by-row reading gives. A file the C reader could
split differently from Python's ``csv`` module (quotes, NUL bytes, a lone
carriage return, an encoding other than UTF-8 or cp1252, a file above
``MAX_BYTES``) is not read here at all: ``read_table_columns`` returns
None and the caller reads it row by row.
"""

from __future__ import annotations

import csv
import io
from itertools import compress
from typing import Any

import numpy as np
import pandas as pd

from calllog.distinct import spread
from calllog.importers.base import ImportContext
from calllog.importers.table_columns import Role
from calllog.importers.table_plan import TablePlan
from calllog.importers.table_records import ClockSeries, RowReader, _joined, _status
from calllog.importers.table_values import (
    DateOrder, Parts, _time_of_text, cell_text, date_in_text, moment_text, number_text, read_moment, time_in_text,
)
from calllog.model import Channel, Record, Skip, Status
from calllog.record_columns import RecordColumns
from calllog.store import from_us, to_us
from calllog.timeutil import WallClock
from calllog.wallclock_columns import DAY_US, resolve_wall_clock_columns

MAX_BYTES = 512 * 1024 * 1024  # read whole into memory up to this; above, row by row (flat memory)
_ENCODINGS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "cp1252"}  # the header holds any BOM
_NO_TIME, _BAD_TIME, _TIME = 0, 1, 2  # kinds of a time cell: empty, unreadable, read


def read_table_columns(plan: TablePlan, ctx: ImportContext) -> tuple[RecordColumns, list[Skip]] | None:
    """The records and skips of a planned text table, or None when this
    reader does not read the file exactly as ``RowReader`` would."""
    source = plan.text
    if source is None or plan.uncalculated or len(source.delimiter) != 1:
        return None
    encoding = _ENCODINGS.get(source.encoding)
    if encoding is None or source.path.stat().st_size > MAX_BYTES:
        return None
    raw = source.path.read_bytes()
    data = _below_header(raw, plan.layout.header_row)
    if data is None or b'"' in data or b"\x00" in data or data.count(b"\r") != data.count(b"\r\n"):
        return None
    fields = _fields_per_line(data, source.delimiter)
    widest = int(fields.max()) if len(fields) else 0
    try:
        frame = pd.read_csv(
            io.BytesIO(data), sep=source.delimiter, header=None, names=range(max(widest, 1)), dtype=str,
            na_filter=False, skip_blank_lines=False, quoting=csv.QUOTE_NONE, encoding=encoding,
            encoding_errors="strict" if source.forced else "replace", engine="c",
        )
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
        return None
    if len(frame) != len(fields):
        return None
    ctx.report_progress(len(raw) // 2)
    cells = [frame[column].to_numpy(dtype=object) for column in frame.columns]
    del frame
    result = _TableColumns(plan, ctx, cells, fields).read()
    ctx.report_progress(len(raw))
    return result


def _below_header(raw: bytes, header_row: int) -> bytes | None:
    """The bytes after the header's line (lines end in LF or CRLF)."""
    position = 0
    for _ in range(header_row):
        found = raw.find(b"\n", position)
        if found < 0:
            return None
        position = found + 1
    return raw[position:]


def _fields_per_line(data: bytes, delimiter: str) -> np.ndarray:
    """How many cells Python's csv module gives each line (no quotes in
    ``data``): 0 for an empty line, else one more than its delimiters."""
    if not data:
        return np.zeros(0, dtype=np.int64)
    array = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(array == 10)
    if not data.endswith(b"\n"):
        ends = np.append(ends, len(array))
    starts = np.concatenate([[0], ends[:-1] + 1])
    lengths = ends - starts
    lengths -= (lengths > 0) & (array[np.maximum(ends - 1, 0)] == 13)  # the CR of a CRLF
    at = np.flatnonzero(array == ord(delimiter))
    delimiters = np.bincount(np.searchsorted(ends, at), minlength=len(ends))[: len(ends)]
    return np.where(lengths > 0, delimiters + 1, 0)


class _TableColumns:
    def __init__(self, plan: TablePlan, ctx: ImportContext, cells: list[np.ndarray], fields: np.ndarray) -> None:
        self.plan, self.ctx, self.cells, self.fields = plan, ctx, cells, fields
        self.count = len(fields)
        self.at = {role: plan.layout.index(role) for role in Role}
        self.date_at = plan.layout.index(plan.layout.date_role or Role.DATE)
        self.empty = np.full(self.count, "", dtype=object)
        self._distinct: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def column(self, index: int | None) -> np.ndarray:
        return self.cells[index] if index is not None and index < len(self.cells) else self.empty

    def distinct(self, index: int | None) -> tuple[np.ndarray, np.ndarray]:
        """(codes, distinct texts) of a column, found once per column."""
        key = -1 if index is None or index >= len(self.cells) else index
        found = self._distinct.get(key)
        if found is None:
            found = self._distinct[key] = pd.factorize(self.column(index))
        return found

    def spread(self, index: int | None, convert: Any) -> tuple[list[Any], np.ndarray]:
        """``convert`` of each distinct text of a column, and each row's code."""
        codes, uniques = self.distinct(index)
        return [convert(value) for value in uniques], codes

    def mapped(self, index: int | None, convert: Any) -> np.ndarray:
        """``convert`` of every row's text of a column (once per distinct text)."""
        codes, uniques = self.distinct(index)
        return spread(codes, uniques, convert)

    def row_cells(self, position: int) -> list[str]:
        return [self.cells[j][position] for j in range(int(self.fields[position]))]

    def read(self) -> tuple[RecordColumns, list[Skip]]:
        if not self.count:
            return RecordColumns(), []
        needed = max(i for i in (*self.at.values(), 0) if i is not None) + 1
        full = self.fields >= needed  # every cell a role reads is there: "" and a missing cell never differ below
        dates, date_codes = self.spread(self.date_at, _date_reading)
        date_blank = np.array([d is None for d in dates], dtype=bool)[date_codes] if dates else np.ones(0, bool)
        blank = ~full | date_blank
        non_blank = ~blank
        for position in np.flatnonzero(blank).tolist():  # a blank line is layout, not a record: left out
            non_blank[position] = any(text.strip() for text in self.row_cells(position))
        rows = np.flatnonzero(non_blank)
        header_row = self.plan.layout.header_row
        parts = self.moments(dates, date_codes, full)
        order, dayfirst = self.date_order(parts, rows, header_row)
        clocks = self.clocks(parts, dayfirst)
        return self.records(rows, full, clocks, ClockSeries([], order, dayfirst))

    # --- dates and times ---------------------------------------------------
    def moments(self, dates: list[Any], date_codes: np.ndarray, full: np.ndarray) -> dict[str, np.ndarray]:
        """Pass 1 of ``table_records`` for every row: the parts of its date
        and time, ``valid`` where they could be read."""
        time_at = self.at[Role.TIME]
        # without a time column every row reads as an empty time cell ("")
        times, time_codes = self.spread(time_at, _time_of_text) if time_at is not None else \
            ([""], np.zeros(self.count, dtype=np.int64))
        kinds = np.array([_time_kind(t) for t in times] or [_NO_TIME])
        hours, minutes, seconds = (np.array([t[k] if isinstance(t, tuple) else 0 for t in times] or [0])
                                   for k in range(3))
        found = list(dates) or [None]
        date_ok = np.array([isinstance(d, tuple) for d in found])[date_codes]
        rest = [d[5] if isinstance(d, tuple) else "" for d in found]
        rest_kinds = np.array([_time_kind(r) for r in rest])
        use_rest = kinds[time_codes] == _NO_TIME
        kind = np.where(use_rest, rest_kinds[date_codes], kinds[time_codes])

        def part(k: int) -> np.ndarray:
            return np.array([d[k] if isinstance(d, tuple) else 0 for d in found], dtype=np.int64)[date_codes]

        def clock_part(k: int, of_time: np.ndarray) -> np.ndarray:
            of_rest = np.array([r[k] if isinstance(r, tuple) else 0 for r in rest], dtype=np.int64)
            return np.where(use_rest, of_rest[date_codes], of_time[time_codes])

        parts = {
            "valid": full & date_ok & (kind == _TIME),
            "year_first": part(0).astype(bool), "year": part(1), "first": part(2), "second": part(3),
            "hour": clock_part(0, hours), "minute": clock_part(1, minutes), "seconds": clock_part(2, seconds),
        }
        for position in np.flatnonzero(~full).tolist():  # a short row: its cells as the row reader sees them
            self.moment_of_row(parts, position)
        return parts

    def moment_of_row(self, parts: dict[str, np.ndarray], position: int) -> None:
        cells = self.row_cells(position)
        time_at = self.at[Role.TIME]
        read = read_moment(_cell(cells, self.date_at), None if time_at is None else _cell(cells, time_at),
                           self.plan.epoch)
        parts["valid"][position] = isinstance(read, Parts)
        if isinstance(read, Parts):
            for key, value in zip(("year_first", "year", "first", "second", "hour", "minute", "seconds"), read):
                parts[key][position] = value

    def date_order(self, parts: dict[str, np.ndarray], rows: np.ndarray, header_row: int) -> tuple[DateOrder, bool]:
        """The evidence ``DateOrder`` gathers row by row, from the first rows
        that prove each order."""
        order = DateOrder()
        valid = np.zeros(self.count, dtype=bool)
        valid[rows] = parts["valid"][rows]
        undecided = valid & ~parts["year_first"]
        first, second = parts["first"], parts["second"]
        order.undecided_seen = bool(undecided.any())
        for attribute, proof in (("day", undecided & (first > 12) & (second <= 12)),
                                 ("month", undecided & (second > 12) & (first <= 12))):
            hits = np.flatnonzero(proof)
            if len(hits):
                position = int(hits[0])
                cells = self.row_cells(position)
                time_cell = None if self.at[Role.TIME] is None else _cell(cells, self.at[Role.TIME])
                text = moment_text(_cell(cells, self.date_at), time_cell, self.plan.epoch)
                setattr(order, f"{attribute}_first_row", header_row + 1 + position)
                setattr(order, f"example_{attribute}_first", text)
        return order, order.dayfirst(self.plan.mapping.dayfirst)

    def clocks(self, parts: dict[str, np.ndarray], dayfirst: bool) -> Any:
        year_first = parts["year_first"]
        swap = ~year_first & dayfirst
        month = np.where(swap, parts["second"], parts["first"])
        day = np.where(swap, parts["first"], parts["second"])
        year = parts["year"]
        days, real = _days_since_1970(year, month, day)
        real &= parts["valid"]
        local_us = days * DAY_US + (parts["hour"] * 3600 + parts["minute"] * 60 + parts["seconds"]) * 1_000_000
        return resolve_wall_clock_columns(local_us, real, self.ctx.tz)

    # --- records ------------------------------------------------------------
    def records(self, rows: np.ndarray, full: np.ndarray, clocks: Any, series: ClockSeries) -> tuple[RecordColumns, list[Skip]]:
        plan, at = self.plan, self.at
        reader = RowReader(plan, series)
        word_columns = [self.column(i) for i in plan.layout.word_indexes]
        combo_codes = np.zeros(self.count, dtype=np.int64)
        for word_index in plan.layout.word_indexes:
            codes, uniques = self.distinct(word_index)
            # renumbered after each column: the codes stay below the number of rows
            combo_codes = pd.factorize(combo_codes * max(len(uniques), 1) + codes)[0]
        _, first_row, combo_of_row = np.unique(combo_codes, return_index=True, return_inverse=True)
        readings = [_combo(reader, plan, tuple(cell_text(c[int(r)]) for c in word_columns)) for r in first_row]
        channel_of = np.array([r[0] for r in readings], dtype=object)
        direction_of = np.array([r[1] for r in readings], dtype=object)
        status_of = np.array([r[2] for r in readings], dtype=object)
        status_by_duration = np.array([r[1] is not None and r[2] is None for r in readings], dtype=bool)
        said_of = np.array([r[3] for r in readings], dtype=object)
        usable = np.array([r[1] is not None for r in readings], dtype=bool)

        channel = channel_of[combo_of_row]
        is_call = channel == Channel.CALL
        # a missing duration column reads as "" here and as None row by row: both give no duration
        durations, duration_codes = self.spread(at[Role.DURATION], reader.duration)
        duration = np.array(durations + [None], dtype=object)[duration_codes]  # floats and None: a flat array
        duration[~is_call] = None
        lasted = np.array([bool(d) for d in durations] + [False], dtype=bool)[duration_codes] & is_call
        status = status_of[combo_of_row]
        by_duration = status_by_duration[combo_of_row]
        status[by_duration & lasted] = Status.ANSWERED
        status[by_duration & ~lasted] = Status.UNKNOWN

        fast = full & clocks.ok & usable[combo_of_row]
        header_row = plan.layout.header_row
        utc_us = clocks.utc_us
        columns = RecordColumns(
            locator=[f"row {number}" for number in (rows + header_row + 1).tolist()],
            instant_us=utc_us[rows].tolist(),
            channel=channel[rows].tolist(),
            direction=direction_of[combo_of_row][rows].tolist(),
            status=status[rows].tolist(),
            party_raw=self.mapped(at[Role.NUMBER], number_text)[rows].tolist(),
            duration_s=duration[rows].tolist(),
            withheld_hint=[False] * len(rows),
            local_text=self.local_texts()[rows].tolist(),
            time_ambiguous=clocks.ambiguous[rows].tolist(),
            time_nonexistent=clocks.nonexistent[rows].tolist(),
            text=[None] * len(rows),
            attachments=[()] * len(rows),
            service=self.optional_text(at[Role.CHANNEL], rows),
            owner_raw=self.owners(rows),
            contact_name=self.optional_text(at[Role.CONTACT], rows),
            status_raw=said_of[combo_of_row][rows].tolist(),
            headers=[None] * len(rows),
        )
        skips: list[Skip] = []
        keep = [True] * len(rows)
        for index in np.flatnonzero(~fast[rows]).tolist():  # the rows read one by one
            position = int(rows[index])
            clock = WallClock(from_us(int(utc_us[position])), bool(clocks.ambiguous[position]),
                              bool(clocks.nonexistent[position])) if clocks.ok[position] else None
            item = reader.record(header_row + 1 + position, self.row_cells(position), clock)
            if isinstance(item, Skip):
                skips.append(item)
                keep[index] = False
            else:
                _put(columns, index, item)
        if skips:
            columns = RecordColumns(**{name: list(compress(values, keep)) for name, values in vars(columns).items()})
        return columns, skips

    def local_texts(self) -> np.ndarray:
        """``moment_text`` of every row: the date and time cells as written."""
        dates = self.mapped(self.date_at, str.strip)
        time_at = self.at[Role.TIME]
        if time_at is None:
            return dates
        times = self.mapped(time_at, str.strip)
        joined = dates + " " + times
        no_time, no_date = times == "", (dates == "") & (times != "")
        joined[no_time] = dates[no_time]
        joined[no_date] = times[no_date]
        return joined

    def optional_text(self, index: int | None, rows: np.ndarray) -> list[str | None]:
        if index is None:
            return [None] * len(rows)
        return self.mapped(index, lambda cell: cell_text(cell) or None)[rows].tolist()

    def owners(self, rows: np.ndarray) -> list[str | None]:
        title = self.plan.owner_from_title
        index = self.at[Role.OWNER]
        if index is None:
            return [title] * len(rows)
        return self.mapped(index, lambda cell: number_text(cell) or title)[rows].tolist()


def _cell(cells: list[str], index: int | None) -> str | None:
    return cells[index] if index is not None and index < len(cells) else None


def _date_reading(text: str) -> tuple[Any, ...] | str | None:
    """What ``read_moment`` makes of a date cell before it looks at the
    time: None for a blank cell, "unreadable" or the ``date_in_text`` parts."""
    if not text.strip():
        return None
    found = date_in_text(text)
    if found is None:
        return "unreadable"
    year_first, year, first, second, rest = found
    clock = time_in_text(rest) if any(char.isdigit() for char in rest) else ""
    return (year_first, year, first, second, rest, clock)


def _time_kind(clock: Any) -> int:
    if clock == "":
        return _NO_TIME
    return _TIME if isinstance(clock, tuple) else _BAD_TIME


def _combo(reader: RowReader, plan: TablePlan, texts: tuple[str, ...]) -> tuple[Any, ...]:
    """(channel, direction, status or None, words as said) of one
    combination of type words; direction None when the row is not read here."""
    reading = reader.words.read(texts)
    direction = reading.implied_direction or plan.mapping.default_direction
    if reading.data or direction is None:
        return None, None, None, ""
    channel = reading.channel or plan.mapping.default_channel or Channel.CALL
    fixed = _status(reading, channel, direction, 0.0)
    depends = channel is Channel.CALL and reading.status is None  # answered when it lasted, else unknown
    return channel, direction, None if depends else fixed, _joined(texts)


def _put(columns: RecordColumns, index: int, record: Record) -> None:
    for name, values in vars(columns).items():
        values[index] = to_us(record.instant_utc) if name == "instant_us" else getattr(record, name)


def _days_since_1970(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Days since 1970-01-01 of each date, by numpy's calendar, and whether
    it is a real date (a 31 February rolls into March and is not)."""
    possible = (year >= 1) & (year <= 9999) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= 31)
    year, month, day = np.where(possible, year, 1970), np.where(possible, month, 1), np.where(possible, day, 1)
    first = ((year - 1970) * 12 + month - 1).astype("datetime64[M]")
    dates = first.astype("datetime64[D]") + (day - 1)
    real = possible & (dates.astype("datetime64[M]") == first)
    return dates.astype(np.int64), real
