"""Turning the rows of a planned table into records, in two passes.

Pass 1 reads only the date and time of every row: the order of day and
month is a property of the whole file, and a repeated October hour is told
apart by the order of the rows (``calllog.timeutil.resolve_wall_clock_series``,
called once with every row). Pass 2 reads the file again and yields one
Record or Skip per non-blank row, in file order. Progress counts each pass
as half of the file.

Per row: the direction, status and channel come from the words of the
type/direction/status/service columns (``table_words``); without a channel
word it is a call. A call with no status word is answered when it lasted
more than 0 s, otherwise its status is unknown (a 0 s incoming call is not
called "missed" unless the file says so). A message is received or sent.
A row whose direction nothing says is skipped with its words quoted, as is
a row of mobile-data usage, a total line, and a row whose date cannot be
read. An empty number cell is kept (a withheld caller), never skipped.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from calllog.importers.base import ImportContext, ProgressCallback
from calllog.importers.table_columns import Role, normalise_words
from calllog.importers.table_plan import TablePlan
from calllog.importers.table_durations import read_duration
from calllog.importers.table_values import (
    Cell, DateOrder, cell_text, moment_text, naive_from_packed, number_text, pack_parts, read_moment,
)
from calllog.importers.table_words import Reading, WordReader
from calllog.model import Channel, Direction, Record, Skip, Status
from calllog.timeutil import WallClock, resolve_wall_clock_series

_TOTAL_WORDS = frozenset({
    "totaal", "subtotaal", "eindtotaal", "total", "totaux", "sous total", "soustotal", "grand total",
    "subtotal", "som", "sum", "totale",
})
_MOMENT_REASONS = {
    "no date": "there is no date on this row",
    "unreadable date": 'the date "{text}" could not be read',
    "no time": 'the date "{text}" has no time of day',
    "unreadable time": 'the time in "{text}" could not be read',
}
_UNSET = -1
_UNCALCULATED = (
    "cell {cell} holds a formula whose result the file does not contain, and calllog does not "
    "calculate formulas (open the file in Excel or LibreOffice, save it, and import it again)"
)


@dataclass
class ClockSeries:
    """The result of pass 1."""

    clocks: list[WallClock | None]
    order: DateOrder
    dayfirst: bool


def _half(ctx: ImportContext, start: int, size: int) -> ProgressCallback | None:
    if ctx.progress is None:
        return None
    return lambda done: ctx.report_progress((start + min(done, size)) // 2)


def read_clocks(plan: TablePlan, ctx: ImportContext, size: int) -> ClockSeries:
    """Pass 1: the UTC instant of every non-blank row (None where unreadable)."""
    date_role = plan.layout.date_role
    assert date_role is not None  # a plan without a date column has a problem and is not read
    date_index, time_index = plan.layout.index(date_role), plan.layout.index(Role.TIME)
    packed = array("q")
    order = DateOrder()
    for row, cells in plan.rows(_half(ctx, 0, size)):
        date_cell, time_cell = _cell(cells, date_index), _cell(cells, time_index)
        parts = read_moment(date_cell, time_cell, plan.epoch)
        if isinstance(parts, str):
            packed.append(_UNSET)
            continue
        if order.proves(parts):
            order.see(parts, row, moment_text(date_cell, time_cell, plan.epoch))
        packed.append(pack_parts(parts))
    dayfirst = order.dayfirst(plan.mapping.dayfirst)
    naives: list[datetime | None] = [
        None if value == _UNSET else naive_from_packed(value, dayfirst) for value in packed
    ]
    del packed
    return ClockSeries(resolve_wall_clock_series(naives, ctx.tz), order, dayfirst)


class RowReader:
    """Pass 2 for one plan: one Record or Skip per row."""

    def __init__(self, plan: TablePlan, series: ClockSeries) -> None:
        self.plan = plan
        self.series = series
        layout = plan.layout
        self.words = WordReader(plan.lexicon)
        self.word_indexes = layout.word_indexes
        self.date_role = layout.date_role or Role.DATE
        # column positions looked up once: the per-row code is the hot path of an import
        self.at = {role: layout.index(role) for role in Role}
        self.header = tuple(normalise_words(column.label) for column in layout.columns)
        self._durations: dict[str, float | None] = {}
        self._joined_texts: dict[tuple[str, ...], str] = {}

    def records(self, ctx: ImportContext, size: int) -> Iterator[Record | Skip]:
        clocks = self.series.clocks
        for position, (row, cells) in enumerate(self.plan.rows(_half(ctx, size, size))):
            clock = clocks[position] if position < len(clocks) else None
            yield self.record(row, cells, clock)
        ctx.report_progress(size)

    def record(self, row: int, cells: Sequence[Cell], clock: WallClock | None) -> Record | Skip:
        locator = f"row {row}"
        if self.plan.uncalculated:
            formula_cell = self.plan.uncalculated.get(row)
            if formula_cell is not None and not _is_total_line(cells):  # a total line says so below
                return Skip(locator, _UNCALCULATED.format(cell=formula_cell))
        if clock is None:
            return Skip(locator, self.why_no_time(cells))
        at = self.at
        count = len(cells)
        # a list comprehension: a generator per row costs a million frames
        texts = tuple([cell_text(cells[i]) if i < count else "" for i in self.word_indexes])
        reading = self.words.read(texts)
        if reading.data:
            return Skip(locator, f'"{_joined(texts)}" is mobile-data usage, not a call or a message')
        mapping = self.plan.mapping
        direction = reading.implied_direction or mapping.default_direction
        if direction is None:
            return Skip(locator, self.why_no_direction(texts))
        channel = reading.channel or mapping.default_channel or Channel.CALL
        duration = self.duration(_cell(cells, at[Role.DURATION])) if channel is Channel.CALL else None
        # absent columns (None) give "" without a call: most exports have no owner, channel or name column
        service_at, owner_at, contact_at = at[Role.CHANNEL], at[Role.OWNER], at[Role.CONTACT]
        return Record(
            locator=locator,
            instant_utc=clock.instant_utc,
            channel=channel,
            direction=direction,
            status=_status(reading, channel, direction, duration),
            party_raw=number_text(_cell(cells, at[Role.NUMBER])),
            duration_s=duration,
            local_text=moment_text(_cell(cells, at[self.date_role]), _cell(cells, at[Role.TIME]), self.plan.epoch),
            time_ambiguous=clock.ambiguous,
            time_nonexistent=clock.nonexistent,
            service=(cell_text(_cell(cells, service_at)) or None) if service_at is not None else None,
            owner_raw=(number_text(_cell(cells, owner_at)) if owner_at is not None else "")
            or self.plan.owner_from_title,
            contact_name=(cell_text(_cell(cells, contact_at)) or None) if contact_at is not None else None,
            status_raw=self._joined(texts),
        )

    def _joined(self, texts: tuple[str, ...]) -> str:
        # a handful of distinct word combinations per file: join each once
        joined = self._joined_texts.get(texts)
        if joined is None:
            joined = self._joined_texts[texts] = _joined(texts)
        return joined

    def duration(self, cell: Cell) -> float | None:
        if not isinstance(cell, str):
            return read_duration(cell, self.plan.decimal_mark, self.plan.seconds_per_unit)
        try:
            return self._durations[cell]
        except KeyError:
            seconds = read_duration(cell, self.plan.decimal_mark, self.plan.seconds_per_unit)
            self._durations[cell] = seconds
            return seconds

    def why_no_time(self, cells: Sequence[Cell]) -> str:
        texts = [cell_text(cell) for cell in cells]
        if _is_total_line(cells):
            return "a total line, not a call or a message"
        if tuple(normalise_words(text) for text in texts[: len(self.header)]) == self.header:
            return "the header line again"
        date_cell = self.plan.cell(cells, self.date_role)
        time_cell = self.plan.cell(cells, Role.TIME)
        text = moment_text(date_cell, time_cell, self.plan.epoch)
        parts = read_moment(date_cell, time_cell, self.plan.epoch)
        if isinstance(parts, str):
            return _MOMENT_REASONS[parts].format(text=text)
        order = "day first" if self.series.dayfirst else "month first"
        return f'"{text}" is not a real date and time (dates in this file are read {order})'

    def why_no_direction(self, texts: tuple[str, ...]) -> str:
        said = _joined(texts)
        if not said:
            return "nothing says whether this was incoming or outgoing (the type column is empty)"
        return (
            f'"{said}" does not say whether this was incoming or outgoing '
            "(a mapping file can say what it means under [directions])"
        )


def _is_total_line(cells: Sequence[Cell]) -> bool:
    words = {normalise_words(text) for text in map(cell_text, cells) if text}
    return any(word == total or word.startswith(total + " ") for word in words for total in _TOTAL_WORDS)


def _cell(cells: Sequence[Cell], index: int | None) -> Cell:
    return cells[index] if index is not None and index < len(cells) else None


def _joined(texts: tuple[str, ...]) -> str:
    return " / ".join(text for text in texts if text)


def _status(reading: Reading, channel: Channel, direction: Direction, duration: float | None) -> Status:
    if channel is not Channel.CALL:
        if reading.status in (Status.FAILED, Status.BLOCKED):
            return reading.status
        return Status.RECEIVED if direction is Direction.IN else Status.SENT
    if reading.status is not None:
        return reading.status
    return Status.ANSWERED if duration else Status.UNKNOWN
