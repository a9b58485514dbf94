"""Streaming table rows into a write-only sheet with one cell per column.

openpyxl's ``append`` makes a new cell for every value, guesses its type
(a text starting with "=" would become a formula), and for a styled cell
makes a second one; with a named style on every cell that was most of the
time of a 100,000-event workbook. ``RowStream`` instead gives each column
one cell, styled once, and reuses it on every row: a write-only sheet
writes a row to its XML as soon as it is appended, so the cell is free
again for the next row.

Every value gets an explicit type, never a guessed one: text is a string
cell ("s", written as an inline string), so "=..." is never a formula;
numbers "n", booleans "b". Dates, times and durations become the Excel
serial number that openpyxl itself writes for them (``to_excel``),
computed once per distinct value; their column's style gives the date,
time or duration format. Any other value (a zoned time, a date in a text
column, a type no cell holds) takes the slow path of ``Cells.make``, which
behaves exactly as before or refuses it.

Text must arrive here already made storable (``workbook_text.text_parts``):
``TableWriter`` does that for every text before a row is appended.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# column kinds whose values are moments or durations, shown by a date or time format
DATED_KINDS = frozenset({"date", "time", "duration", "datetime"})
_CELL_TYPE = {str: "s", int: "n", float: "n", bool: "b"}
_MOMENTS = (datetime, date, time, timedelta)
# the reuse relies on the write-only sheet handing each row to ``_values_to_row``
# and writing it at once (openpyxl 3.1); without that hook every value gets its own cell
_CAN_REUSE_CELLS = callable(getattr(WriteOnlyWorksheet, "_values_to_row", None))


class _ColumnCell(Cell):
    """The one cell of a column. Its style never changes, so its style id
    is looked up once (openpyxl looks it up again for every cell written),
    when it is first written: the workbook numbers its cell styles in the
    order they are first written, as it always has."""

    __slots__ = ("_fixed_style_id",)
    _fixed_style_id: int | None
    has_style = True  # every column has a named style

    @property
    def style_id(self) -> int:
        if self._fixed_style_id is None:
            self._fixed_style_id = self.parent.parent._cell_styles.add(self._style)
        return self._fixed_style_id


class RowStream:
    """The rows of one write-only sheet whose columns have fixed styles."""

    def __init__(self, ws: Any, styles: Sequence[str], kinds: Sequence[str], slow: Any) -> None:
        """``slow``: the sheet's ``workbook_cells.Cells``, for values off the fast path."""
        self.ws = ws
        self._slow = slow
        self._styles = list(styles)
        self._cells: list[_ColumnCell] = []
        for column, style in enumerate(styles, start=1):
            cell = _ColumnCell(ws, row=1, column=column)
            cell.style = style
            cell._fixed_style_id = None
            self._cells.append(cell)
        # per column, the Excel serial of each distinct moment seen (None: not a dated column,
        # or a workbook that writes moments as ISO 8601 text, which only openpyxl's own cells do)
        serial = not ws.parent.iso_dates
        self._serials: list[dict[object, float] | None] = [
            {} if serial and kind in DATED_KINDS else None for kind in kinds]
        self._epoch = ws.parent.epoch
        self._reuse = _CAN_REUSE_CELLS
        if self._reuse:
            # the sheet's own conversion of appended values: ours are cells already, in place
            ws._values_to_row = _placed

    def append_cells(self, cells: Sequence[Cell | None]) -> None:
        """A row of ready-made cells (the header), one per column or None."""
        placed = []
        for column, cell in enumerate(cells, start=1):
            if cell is not None:
                cell.column = column
                placed.append(cell)
        self._send(placed)

    def append(self, values: Sequence[object]) -> None:
        """A row of values, one per column (None: an empty cell); every text
        already storable."""
        if not self._reuse:
            self.append_cells([None if v is None else self._slow.make(v, s) for v, s in zip(values, self._styles)])
            return
        cells: list[Cell] = []
        for value, cell, serials in zip(values, self._cells, self._serials):
            if value is None:
                continue
            kind = _CELL_TYPE.get(type(value))
            if kind is None:
                if serials is None or not isinstance(value, _MOMENTS) or getattr(value, "tzinfo", None) is not None:
                    odd = self._slow.make(value, self._styles[cell.column - 1])
                    odd.column = cell.column
                    cells.append(odd)
                    continue
                serial = serials.get(value)
                if serial is None:
                    serial = serials[value] = to_excel(value, self._epoch)
                value, kind = serial, "n"
            cell._value = value
            cell.data_type = kind
            cells.append(cell)
        self._send(cells)

    def _send(self, cells: list[Cell]) -> None:
        if self._reuse:
            self.ws.append(cells)
        else:  # openpyxl places the values itself: give it a full row
            row: list[Cell | None] = [None] * max((c.column for c in cells), default=0)
            for cell in cells:
                row[cell.column - 1] = cell
            self.ws.append(row)


def _placed(cells: list[Cell], row_idx: int) -> list[Cell]:
    for cell in cells:
        cell.row = row_idx
    return cells
