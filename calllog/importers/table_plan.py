"""What a table file is and how to read it: the plan the importer follows.

For a text file: its encoding, its delimiter (the one under which a header
row is recognised; csv.Sniffer decides between several, counting columns
when it cannot), the header row and the decimal mark. For a workbook: the
first sheet with a recognisable header (or the sheet the mapping names).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from calllog.errors import ImportFailed, SettingsError
from calllog.importers.base import HEAD_BYTES, ProgressCallback
from calllog.importers.table_columns import Role, seconds_per_unit
from calllog.importers.table_layout import HEADER_SEARCH_ROWS, Layout, find_layout, owner_in_titles
from calllog.importers.table_mapping import MAPPING_HINT, TableMapping
from calllog.importers.table_reader import (
    DELIMITERS, Rows, SheetRows, file_encoding, is_workbook, non_blank, open_workbook, sheet_rows,
    split_line, text_lines, text_rows, uncalculated_formulas, workbook_epoch,
)
from calllog.importers.table_values import EXCEL_EPOCH, Cell, cell_text, read_moment
from calllog.importers.table_words import Meaning, build_lexicon

SAMPLE_ROWS = 200  # data rows looked at to settle the decimal mark and to check the dates
_COMMA_DECIMAL = re.compile(r"\d,\d")
_DOT_DECIMAL = re.compile(r"\d\.\d")
_ENCODING_NAMES = {
    "utf-8-sig": "UTF-8 with BOM", "utf-8": "UTF-8", "utf-16": "UTF-16 with BOM",
    "utf-16-le": "UTF-16 LE without BOM", "utf-16-be": "UTF-16 BE without BOM",
    "cp1252": "cp1252 (Windows Western Europe)",
}
_DELIMITER_NAMES = {";": '";"', ",": '","', "\t": "tab", "|": '"|"'}


@dataclass(frozen=True)
class TextSource:
    """How a text table's rows are read (what the column-at-a-time reader
    of ``table_fast`` needs besides the layout)."""

    path: Path
    encoding: str
    forced: bool  # the encoding came from the mapping: decode strictly
    delimiter: str


@dataclass(frozen=True)
class TablePlan:
    """Everything decided before the first data row is read."""

    what: tuple[str, ...]  # lines for --dry-run: file kind, encoding, sheet ...
    layout: Layout
    mapping: TableMapping
    rows: Callable[[ProgressCallback | None], Rows]  # the non-blank rows below the header
    epoch: datetime
    decimal_mark: str
    seconds_per_unit: float
    lexicon: dict[str, Meaning]
    owner_from_title: str | None  # the own line a title line names, used when no column does
    problem: str | None  # why the file cannot be imported as it is, or None
    # workbook rows with a formula whose result was never saved -> that cell ("C7")
    uncalculated: Mapping[int, str] = field(default_factory=dict)
    text: TextSource | None = None  # None for a workbook

    def cell(self, cells: Sequence[Cell], role: Role) -> Cell:
        index = self.layout.index(role)
        return cells[index] if index is not None and index < len(cells) else None


def no_header(name: str, where: str, mapping: TableMapping) -> ImportFailed | SettingsError:
    if mapping.header_row is not None:
        return SettingsError(
            f"The mapping file says the header is on row {mapping.header_row}, but {name} has no such row.",
            hint=MAPPING_HINT,
        )
    named = [f'"{wanted}"' for wanted in mapping.columns.values() if isinstance(wanted, str)]
    if named:
        return SettingsError(
            f"None of {where} of {name} holds every column the mapping file names ({', '.join(named)}).",
            hint="Check their spelling against the file, or give header_row. " + MAPPING_HINT,
        )
    return ImportFailed(
        f"No header row with a date column and a phone-number column was found in {where} of {name}.",
        hint="Write a mapping file that names the columns and give it with --mapping FILE. " + MAPPING_HINT,
    )


def plan_table(path: Path, mapping: TableMapping) -> TablePlan:
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if is_workbook(path, head):
        return _plan_workbook(path, mapping)
    return _plan_text(path, head, mapping)


def _plan_text(path: Path, head: bytes, mapping: TableMapping) -> TablePlan:
    encoding = mapping.encoding or file_encoding(path, head)
    forced = mapping.encoding is not None
    search = max(HEADER_SEARCH_ROWS, mapping.header_row or 0)
    try:
        lines = text_lines(path, encoding, forced, search)
    except UnicodeDecodeError:
        raise ImportFailed(
            f"{path.name} is not written in {encoding}, the encoding the mapping file gives.",
            hint="Remove the encoding line from the mapping to let calllog find it.",
        ) from None
    found: dict[str, Layout] = {}
    mistakes: dict[str, SettingsError] = {}  # a mapped column missing under a wrong delimiter
    for delimiter in [mapping.delimiter] if mapping.delimiter else DELIMITERS:
        try:
            layout = find_layout(((n, split_line(line, delimiter)) for n, line in enumerate(lines, 1)), mapping)
        except SettingsError as mistake:
            mistakes[delimiter] = mistake
            continue
        if layout is not None and (layout.usable or mapping.header_row):
            found[delimiter] = layout
    if not found and mistakes:
        # say it about the delimiter that cuts the header row into the most columns
        header = lines[(mapping.header_row or 1) - 1] if len(lines) >= (mapping.header_row or 1) else ""
        raise mistakes[max(mistakes, key=header.count)]
    if not found:
        raise no_header(path.name, f"the first {search} lines", mapping)
    delimiter = _pick_delimiter(found, lines)
    layout = found[delimiter]
    titles = [(n, split_line(line, delimiter)) for n, line in enumerate(lines[: layout.header_row], 1)]

    def rows(progress: ProgressCallback | None) -> Rows:
        return non_blank(text_rows(path, encoding, forced, delimiter, layout.header_row, progress))

    name = _ENCODING_NAMES.get(encoding, encoding) + (" (from the mapping)" if forced else "")
    what = (f"Text table, encoding {name}, delimiter {_DELIMITER_NAMES.get(delimiter, repr(delimiter))}",)
    plan = _finish(what, layout, mapping, rows, EXCEL_EPOCH, owner_in_titles(titles, layout.header_row))
    return replace(plan, text=TextSource(path, encoding, forced, delimiter))


def _pick_delimiter(found: dict[str, Layout], lines: list[str]) -> str:
    """The delimiter whose header comes first; between equals, csv.Sniffer
    on the lines from the header down, then the one with most columns."""
    first_row = min(layout.header_row for layout in found.values())
    tied = [d for d, layout in found.items() if layout.header_row == first_row]
    if len(tied) == 1:
        return tied[0]
    sample = "\n".join(lines[first_row - 1:])
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(tied)).delimiter
        if sniffed in tied:
            return sniffed
    except csv.Error:
        pass  # the Sniffer gives up on short or irregular samples
    return max(tied, key=lambda d: sum(line.count(d) for line in lines[first_row - 1:]))


def _plan_workbook(path: Path, mapping: TableMapping) -> TablePlan:
    try:
        workbook = open_workbook(path)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportFailed(
            f"{path.name} could not be opened as an Excel workbook ({type(error).__name__}).",
            hint="Open it in Excel or LibreOffice and save it again as .xlsx or as CSV.",
        ) from None
    try:
        sheets = _sheets(workbook, mapping, path.name)
        epoch = workbook_epoch(workbook)
        search = max(HEADER_SEARCH_ROWS, mapping.header_row or 0)
        for sheet in sheets:
            first_rows = list(sheet_rows(sheet, 0, limit=search))
            layout = find_layout(first_rows, mapping)
            if layout is not None and (layout.usable or mapping.header_row):
                break
        else:
            raise no_header(path.name, f"the first {search} rows of any sheet", mapping)
        title = sheet.title
        others = [s.title for s in workbook.worksheets if s.title != title]
        uncalculated = uncalculated_formulas(path, sheet)
    finally:
        workbook.close()
    rows = SheetRows(path, title, layout.header_row)
    why = "named in the mapping" if mapping.sheet else "the first sheet with a recognisable header"
    rest = f"; other sheets: {', '.join(repr(t) for t in others)}" if others else ""
    what = (f'Excel workbook, sheet "{title}" ({why}{rest})',)
    plan = _finish(what, layout, mapping, rows, epoch, owner_in_titles(first_rows, layout.header_row))
    return replace(plan, uncalculated=uncalculated)


def _sheets(workbook: Any, mapping: TableMapping, name: str) -> list[Any]:
    if mapping.sheet is None:
        return list(workbook.worksheets)
    if mapping.sheet not in workbook.sheetnames:
        names = ", ".join(f'"{sheet}"' for sheet in workbook.sheetnames)
        raise SettingsError(
            f'The mapping file names the sheet "{mapping.sheet}", but {name} has {names}.', hint=MAPPING_HINT
        )
    return [workbook[mapping.sheet]]


def _finish(what: tuple[str, ...], layout: Layout, mapping: TableMapping,
            rows: Callable[[ProgressCallback | None], Rows], epoch: datetime,
            owner_title: tuple[int, str] | None) -> TablePlan:
    if owner_title is not None and layout.index(Role.OWNER) is None:
        what += (f'Own line "{owner_title[1]}", from the title on row {owner_title[0]}',)
    sample: list[tuple[int, Sequence[Cell]]] = []
    first_rows = rows(None)
    try:
        for item in first_rows:
            sample.append(item)
            if len(sample) >= SAMPLE_ROWS:
                break
    finally:
        first_rows.close()  # releases the workbook at once
    duration_label = layout.label(Role.DURATION)
    plan = TablePlan(
        what=what,
        layout=layout,
        mapping=mapping,
        rows=rows,
        epoch=epoch,
        decimal_mark=mapping.decimal or _decimal_mark(sample, layout),
        seconds_per_unit=mapping.seconds_per_unit or seconds_per_unit(duration_label),
        lexicon=build_lexicon(mapping.words),
        owner_from_title=owner_title[1] if owner_title is not None else None,
        problem=None,
    )
    problem = _problem(plan, sample)
    return plan if problem is None else replace(plan, problem=problem)


def _decimal_mark(sample: list[tuple[int, Sequence[Cell]]], layout: Layout) -> str:
    """"." when the durations in the sample are mostly written with a decimal
    point, else "," (the Belgian way)."""
    index = layout.index(Role.DURATION)
    commas = dots = 0
    for _, cells in sample:
        cell = cells[index] if index is not None and index < len(cells) else None
        if isinstance(cell, str) and ":" not in cell:
            commas += bool(_COMMA_DECIMAL.search(cell))
            dots += bool(_DOT_DECIMAL.search(cell))
    return "." if dots > commas else ","


def _problem(plan: TablePlan, sample: list[tuple[int, Sequence[Cell]]]) -> str | None:
    layout = plan.layout
    if not layout.usable:
        return f"the header on row {layout.header_row} has no date column or no number column"
    if not layout.word_indexes and plan.mapping.default_direction is None:
        return (
            "no column says whether a call was incoming or outgoing (if the export lists only "
            'outgoing calls, write default_direction = "out" in a mapping file)'
        )
    date_role = layout.date_role
    assert date_role is not None  # layout.usable
    reasons = [
        read_moment(plan.cell(cells, date_role), plan.cell(cells, Role.TIME), plan.epoch) for _, cells in sample
    ]
    # a few unreadable rows are skipped one by one; a sample of nothing else means a layout problem
    if len(reasons) >= 3 and all(isinstance(reason, str) for reason in reasons):
        example = cell_text(plan.cell(sample[0][1], date_role))
        if all(reason == "no time" for reason in reasons):
            return f'the dates have no time of day (for example "{example}"); calllog needs the time of each call'
        return f'none of the first {len(sample)} rows has a date calllog can read (for example "{example}")'
    return None
