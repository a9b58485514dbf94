"""Safe cells and printable table sheets for the workbook.

Text written by the harasser reaches a spreadsheet a police officer
opens, so every text cell is an explicit string cell (``data_type`` "s",
written as an inline string): a text starting with ``=``, ``+``, ``-``,
``@``, a tab or a CR stays text and is never a formula, and the value is
the text exactly as sent, with no quote or other character added.

What a cell cannot hold, and what is written instead, is in
``workbook_text``.

A table sheet (``TableWriter``) has its header row frozen, filtered and
repeated on every printed page; A4 landscape, fit to the page width, grid
lines printed, footer "page x of y" and the case title. More rows than a
sheet holds (``MAX_DATA_ROWS``) continue on a sheet named "Events (2)".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from openpyxl.cell import WriteOnlyCell

from calllog.i18n.workbook import TEXTS, workbook_text
from calllog.report.workbook_stream import RowStream
from calllog.report.workbook_text import heading_text, text_parts, visible_text

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell

# Excel's limit of rows on a sheet, less the header row
MAX_DATA_ROWS = 1_048_575
MAX_ROW_HEIGHT_PT = 409
LINE_HEIGHT_PT = 15
SHEET_NAME_LIMIT = 31
PAPER_A4 = "9"  # the paperSize code of A4 in SpreadsheetML
# distinct texts per column whose checks are remembered: bounded, so that a
# column of unique texts (sources, notes) does not grow without end
REMEMBERED_TEXTS = 100_000

DATE_FORMAT = "DD/MM/YYYY"
TIME_FORMAT = "HH:MM:SS"
DURATION_FORMAT = "[h]:mm:ss"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM:SS"


@dataclass(frozen=True)
class Column:
    """A column of a table: its heading key, width (characters) and kind:
    text (wrapped), int, date, time, duration or datetime."""

    heading: str
    width: float
    kind: str = "text"

    def title(self, lang: str) -> str:
        """The heading in ``lang``: a catalogue key, or a text made by the
        caller (a heading that names a person)."""
        return TEXTS[lang].get(self.heading, self.heading)


STYLE_OF_KIND = {
    "text": "calllog text", "int": "calllog number", "date": "calllog date", "time": "calllog time",
    "duration": "calllog duration", "datetime": "calllog datetime",
}


def add_styles(workbook: "Workbook") -> None:
    """The named styles every sheet uses (Excel lists them as "calllog ...")."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    top = Alignment(vertical="top", wrap_text=True)
    formats = {"calllog date": DATE_FORMAT, "calllog time": TIME_FORMAT, "calllog duration": DURATION_FORMAT,
               "calllog datetime": DATETIME_FORMAT, "calllog number": "0", "calllog text": "@"}
    for name, number_format in formats.items():
        workbook.add_named_style(NamedStyle(name=name, number_format=number_format, alignment=top))
    workbook.add_named_style(NamedStyle(
        name="calllog header", font=Font(bold=True), alignment=top, number_format="@",
        fill=PatternFill("solid", fgColor="DDDDDD"), border=Border(bottom=Side(style="thin")),
    ))
    workbook.add_named_style(NamedStyle(name="calllog label", font=Font(bold=True), alignment=top, number_format="@"))
    workbook.add_named_style(NamedStyle(name="calllog heading", font=Font(bold=True, size=13), alignment=top, number_format="@"))
    workbook.add_named_style(NamedStyle(name="calllog title", font=Font(bold=True, size=16), number_format="@"))


class Cells:
    """Makes the cells of one write-only sheet, each of an explicit type:
    text is always a string cell, never a formula nor an error value."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self._styles: dict[str, Any] = {}

    def _style(self, name: str) -> Any:
        # openpyxl's ``cell.style = name`` looks the named style up for every
        # cell (a sixth of the time of a big sheet): look it up once and share
        # the style array, which no cell changes afterwards
        if name not in self._styles:
            probe = WriteOnlyCell(self.ws)
            probe.style = name
            self._styles[name] = probe._style
        return self._styles[name]

    def make(self, value: object, style: str = "calllog text") -> "Cell":
        cell = WriteOnlyCell(self.ws)
        cell._style = self._style(style)
        if value is None:
            return cell
        if isinstance(value, str):
            cell.value = value
            cell.data_type = "s"  # never "f" (a formula) nor "e" (an error such as "#N/A")
        elif isinstance(value, (bool, int, float, date, time, datetime, timedelta)):
            cell.value = value
        else:  # a caller's mistake, not the user's
            raise TypeError(f"a workbook cell cannot hold {type(value).__name__}")
        return cell


def lines_needed(value: object, width: float) -> int:
    """How many lines a wrapped text takes in a column ``width`` wide."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int(width * 1.1) - 1)
    return sum(max(1, math.ceil(len(paragraph) / per_line)) for paragraph in value.split("\n"))


def row_height(values: Sequence[object], widths: Sequence[float]) -> float | None:
    """A row height that shows every wrapped line; None for one line."""
    return _height(max((lines_needed(v, w) for v, w in zip(values, widths)), default=1))


def _height(lines: int) -> float | None:
    return None if lines <= 1 else min(MAX_ROW_HEIGHT_PT, LINE_HEIGHT_PT * lines)


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def footer_title(title: str) -> str:
    """The case title for a header/footer: "&" starts a code there, "&&"
    is a literal "&"; Excel allows 255 characters for all three parts."""
    shown = visible_text(title)
    short = shown if len(shown) <= 100 else shown[:99] + "…"
    return short.replace("&", "&&")


def prepare_print(ws: Any, lang: str, title: str, title_rows: str | None) -> None:
    """A4 landscape, fit to the page width, footer with page x of y."""
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.left.text = footer_title(title)
    ws.oddFooter.right.text = workbook_text(lang, "footer.page", page="&P", pages="&N")
    if title_rows:
        ws.print_title_rows = title_rows
        ws.print_options.gridLines = True


class TableWriter:
    """One table over as many sheets as it needs: "Events", "Events (2)" ...

    ``add_row`` takes one value per column; a text longer than a cell
    holds becomes continuation rows that repeat the ``repeat`` columns
    (those that identify the row) and carry "(continued)" in ``note``.

    Rows are streamed with one reused cell per column (``RowStream``). What
    each text needs (its storable form, the lines it wraps to) is worked
    out once per distinct text of a column: a column of channel words or
    numbers holds few of them.
    """

    def __init__(self, workbook: "Workbook", name: str, columns: Sequence[Column], lang: str, title: str,
                 repeat: Sequence[int] = (), note: int | None = None) -> None:
        self.workbook = workbook
        self.name = name
        self.columns = list(columns)
        self.lang = lang
        self.title = title
        self.repeat = tuple(repeat)
        self.note = note
        self.sheets: list[Any] = []
        self._rows_on_sheet = 0
        self._widths = [c.width for c in self.columns]
        self._stream: RowStream | None = None
        self._styles = [STYLE_OF_KIND[c.kind] for c in self.columns]
        self._texts = [_TextColumn(c.width) for c in self.columns]

    def _new_sheet(self) -> Any:
        number = len(self.sheets) + 1
        name = self.name if number == 1 else workbook_text(self.lang, "sheet.continued", sheet=self.name, n=number)
        ws = self.workbook.create_sheet(name[:SHEET_NAME_LIMIT])
        for index, column in enumerate(self.columns, start=1):
            ws.column_dimensions[column_letter(index)].width = column.width
        ws.freeze_panes = "A2"
        prepare_print(ws, self.lang, self.title, "1:1")
        headings = [heading_text(column.title(self.lang)) for column in self.columns]
        height = row_height(headings, self._widths)
        if height:
            ws.row_dimensions[1].height = height
        cells = Cells(ws)
        stream = RowStream(ws, self._styles, [c.kind for c in self.columns], cells)
        stream.append_cells([cells.make(heading, "calllog header") for heading in headings])
        self.sheets.append(ws)
        self._stream = stream
        self._rows_on_sheet = 0
        return ws

    def add_row(self, values: Sequence[object]) -> None:
        stored: list[object] = list(values)
        lines = 1
        for index, (value, texts) in enumerate(zip(values, self._texts)):
            if isinstance(value, str):
                text, text_lines = texts[value]
                if text is None:  # more than a cell holds
                    self._add_continued_row(values)
                    return
                stored[index] = text
                if text_lines > lines:
                    lines = text_lines
        self._physical_row(stored, lines)

    def _add_continued_row(self, values: Sequence[object]) -> None:
        split = [text_parts(v) if isinstance(v, str) else [v] for v in values]
        self._physical_row([parts[0] for parts in split])
        for index in range(1, max(len(parts) for parts in split)):
            row: list[object] = [None] * len(values)
            for column in self.repeat:
                row[column] = split[column][0]
            for column, parts in enumerate(split):
                if index < len(parts):
                    row[column] = parts[index]
            if self.note is not None:
                own = row[self.note]
                marker = workbook_text(self.lang, "note.continued")
                row[self.note] = marker if own is None else f"{marker}\n{own}"
            self._physical_row(row)

    def _physical_row(self, values: Sequence[object], lines: int | None = None) -> None:
        """One sheet row; ``lines``: the most lines a text of it wraps to,
        when known."""
        if not self.sheets or self._rows_on_sheet >= MAX_DATA_ROWS:
            self._new_sheet()
        ws = self.sheets[-1]
        self._rows_on_sheet += 1
        height = row_height(values, self._widths) if lines is None else _height(lines)
        if height:
            ws.row_dimensions[self._rows_on_sheet + 1].height = height
        assert self._stream is not None  # made with the sheet
        self._stream.append(values)

    def finish(self) -> None:
        """The header's filter over every row; a table without rows still
        gets its sheet with the header."""
        if not self.sheets:
            self._new_sheet()
        for position, ws in enumerate(self.sheets):
            last_row = MAX_DATA_ROWS + 1 if position < len(self.sheets) - 1 else self._rows_on_sheet + 1
            ws.auto_filter.ref = f"A1:{column_letter(len(self.columns))}{last_row}"


class _TextColumn(dict[str, tuple[str | None, int]]):
    """The texts of one column: text -> (the text to store, the lines it
    wraps to), or (None, 0) for a text that needs more than one cell.
    Worked out on first sight (``__missing__``) and remembered for up to
    ``REMEMBERED_TEXTS`` distinct texts."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width = width

    def __missing__(self, raw: str) -> tuple[str | None, int]:
        parts = text_parts(raw)
        known = (parts[0], lines_needed(parts[0], self.width)) if len(parts) == 1 else (None, 0)
        if len(self) < REMEMBERED_TEXTS:
            self[raw] = known
        return known


def add_rows(table: TableWriter, rows: Iterable[Sequence[object]]) -> TableWriter:
    for values in rows:
        table.add_row(values)
    table.finish()
    return table
