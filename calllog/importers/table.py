"""Operator usage exports and other call tables (CSV, TSV, XLSX): one generic importer.

No Belgian operator (Proximus, Orange, Telenet/BASE, Mobile Vikings,
Scarlet, VOO, Digi) publishes the layout of its itemised usage export, so
nothing here is tied to one operator. The importer finds out, and
``calllog import --dry-run FILE`` prints what it found before anything is
imported:

* the file: an XLSX workbook (the first sheet with a recognisable header;
  cells are read as the values Excel stored, formulas are never evaluated)
  or text in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text")
  or cp1252, with ``;``, ``,``, tab or ``|`` between the cells;
* the header row, below any title lines: the first of the first 40 rows
  with a date (or date-and-time) column and a number column, named in
  Dutch, French or English (``table_columns`` lists the names);
* dates ``dd/mm/yyyy``, ``dd-mm-yy``, ``dd.mm.yyyy``, ``yyyy-mm-dd`` with an
  optional time, or real Excel dates; day or month first is decided for the
  whole file (a first field above 12 anywhere proves day-first; with no
  proof either way, day-first, as Belgium writes it). The times are local
  wall-clock times in the case's zone (or ``--tz``), turned into UTC; the
  text as written is kept on each record;
* durations ``H:MM:SS``, ``MM:SS``, seconds (decimal comma or point),
  "1 min 20 s", "1m20s", Excel times; type, direction and status words in
  the three languages (``table_words``).

Every non-blank row below the header becomes one record or one counted
skip with its row number as a spreadsheet shows it (``row 12``): total
lines, mobile-data rows, rows whose date or direction cannot be read.

Mapping a table
---------------

When calllog cannot find the header, or understands a column wrongly, write
a mapping file once (TOML, any name) and give it with ``--mapping FILE``
(``--format table`` makes calllog read a file it did not recognise). Every
key is optional; give only what calllog got wrong::

    # mapping for my operator's export
    header_row = 3            # the line (text) or row (Excel) of the header, 1 = first
    sheet = "Gesprekken"      # Excel: the sheet to read
    delimiter = ";"           # text: ";", ",", "|" or "tab"
    encoding = "cp1252"       # text: "utf-8", "utf-16", "cp1252", ...
    dayfirst = true           # true: 03/04/2025 is 3 April; false: 4 March
    decimal = ","             # the decimal mark of durations in seconds
    duration_unit = "s"       # a plain number in the duration column: "s" or "min"
    default_direction = "out" # for an export that lists only outgoing usage
    default_channel = "call"  # when no column says call, sms or mms

    [columns]                 # which column holds what: its header text, or its
    datetime = "Start"        # position (1 = first); "" = no such column
    date = "Datum"
    time = "Uur"
    number = "Nummer"         # the other party's number
    direction = "Richting"    # incoming / outgoing
    status = "Resultaat"      # answered, missed, ...
    type = "Soort"            # a column that says call/SMS and/or the direction
    channel = "Dienst"        # call, SMS, MMS
    duration = "Duur"
    owner = "Mijn nummer"     # the victim's own line
    contact = "Naam"

    [directions]              # extra words -> in, out, missed, rejected,
    "IC" = "in"               #   blocked, voicemail or answered
    "OG" = "out"

    [channels]                # extra words -> call, sms, mms or data
    "Spraak nat." = "call"    #   (data rows are skipped)

Words are compared without case, accents or punctuation. A wrong key, a
value that is not allowed or a column that is not in the header stops the
import with a sentence saying which.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from calllog.errors import ImportFailed
from calllog.importers.base import HEAD_BYTES, ImportContext, Importer
from calllog.importers.table_columns import Role
from calllog.importers.table_layout import HEADER_SEARCH_ROWS, looks_like_table
from calllog.importers.table_mapping import MAPPING_HINT, read_mapping
from calllog.importers.table_plan import TablePlan, plan_table
from calllog.importers.table_reader import (
    DELIMITERS, head_encoding, head_lines, is_workbook, looks_binary, split_line,
)
from calllog.importers.table_records import ClockSeries, RowReader, read_clocks
from calllog.model import ContactCard, Record, Skip
from calllog.record_columns import RecordColumns
from calllog.timeutil import local_iso

PREVIEW_ROWS = 5
_NOT_TABLES = (b"SQLite format 3\x00", b"%PDF", b"\xd0\xcf\x11\xe0")  # SQLite, PDF, old Office files
_MARKUP_STARTS = ("<", "{", "[")  # XML (SMS Backup & Restore), HTML, JSON


class TableImporter(Importer):
    name: ClassVar[str] = "table"
    generic: ClassVar[bool] = True  # any table with a date and a number: a specific format wins
    title: ClassVar[str] = "a call table (operator usage export, CSV or Excel)"
    recognised_by: ClassVar[str] = (
        "an .xlsx workbook, or text whose first 40 lines hold a header with a date and a "
        "phone-number column (Dutch, French or English names)"
    )
    how_to_get: ClassVar[str] = (
        "On your operator's customer site, download the detailed usage of your line "
        "(gedetailleerd overzicht / détail des communications) as CSV or Excel."
    )
    version: ClassVar[str] = "1"

    def identify(self, path: Path, head: bytes) -> bool:
        try:
            return self._identify(path, head)
        except Exception:  # identify must never raise, whatever the bytes
            return False

    def _identify(self, path: Path, head: bytes) -> bool:
        if head.startswith(b"PK\x03\x04"):
            return is_workbook(path, head)
        if not head or head.startswith(_NOT_TABLES):
            return False
        encoding = head_encoding(head)
        if encoding is None:
            return False
        lines = head_lines(head, encoding, len(head) < HEAD_BYTES, HEADER_SEARCH_ROWS)
        first = next((line.strip() for line in lines if line.strip()), "")
        if first.startswith(_MARKUP_STARTS) or looks_binary(lines):
            return False
        return any(looks_like_table([split_line(line, d) for line in lines]) for d in DELIMITERS)

    def extract(self, path: Path, ctx: ImportContext) -> Iterator[Record | Skip]:
        plan = self._plan(path, ctx)
        if plan.problem is not None:
            raise ImportFailed(f"{path.name} cannot be imported: {plan.problem}.", hint=MAPPING_HINT)
        size = path.stat().st_size
        series = read_clocks(plan, ctx, size)
        yield from RowReader(plan, series).records(ctx, size)

    def extract_columns(self, path: Path, ctx: ImportContext) -> Iterator[RecordColumns | Skip | ContactCard]:
        """A text table column by column (``table_fast``) when it can be
        read so exactly; a workbook, or a text it cannot, row by row."""
        plan = self._plan(path, ctx)
        if plan.problem is not None:
            raise ImportFailed(f"{path.name} cannot be imported: {plan.problem}.", hint=MAPPING_HINT)
        from calllog.importers.table_fast import read_table_columns  # pandas: only when a table is read

        read = read_table_columns(plan, ctx)
        if read is None:
            yield from super().extract_columns(path, ctx)
            return
        columns, skips = read
        yield from skips
        yield columns

    def describe(self, path: Path, ctx: ImportContext) -> list[str]:
        plan = self._plan(path, ctx)
        lines = [*plan.what, f"Header on row {plan.layout.header_row}; columns:", *plan.layout.describe()]
        if plan.problem is not None:
            return [*lines, f"Cannot import: {plan.problem}.", MAPPING_HINT]
        quiet = ImportContext(tz=ctx.tz, region=ctx.region, mapping=ctx.mapping)
        series = read_clocks(plan, quiet, path.stat().st_size)
        lines.append(_date_order(series, plan))
        if plan.layout.index(Role.DURATION) is not None:
            lines.append(_decimal_line(plan))
        lines.append(f"First rows as read (local time in {ctx.tz.key}):")
        for item in _first(RowReader(plan, series).records(quiet, 0), PREVIEW_ROWS):
            lines.append(_preview(item, ctx))
        return lines

    def _plan(self, path: Path, ctx: ImportContext) -> TablePlan:
        return plan_table(path, read_mapping(ctx.mapping))


def _first(items: Iterator[Record | Skip], count: int) -> list[Record | Skip]:
    taken: list[Record | Skip] = []
    for item in items:
        taken.append(item)
        if len(taken) >= count:
            break
    close = getattr(items, "close", None)
    if close is not None:
        close()
    return taken


def _date_order(series: ClockSeries, plan: TablePlan) -> str:
    order = series.order
    chosen = "day first (03/04 is 3 April)" if series.dayfirst else "month first (03/04 is 4 March)"
    if plan.mapping.dayfirst is not None:
        return f"Dates: {chosen}, as the mapping file says."
    if not order.undecided_seen:
        return "Dates: written year first or stored as Excel dates; no day/month order to guess."
    if order.day_first_row is not None and order.month_first_row is not None:
        return (
            f'Dates: {chosen}; the file mixes both orders (row {order.day_first_row} "{order.example_day_first}", '
            f'row {order.month_first_row} "{order.example_month_first}"): dates that do not fit are skipped.'
        )
    if order.day_first_row is not None:
        return f'Dates: {chosen}, proved by row {order.day_first_row} "{order.example_day_first}".'
    if order.month_first_row is not None:
        return f'Dates: {chosen}, proved by row {order.month_first_row} "{order.example_month_first}".'
    return f"Dates: {chosen}; nothing in the file proves the order (set dayfirst in a mapping file if wrong)."


def _decimal_line(plan: TablePlan) -> str:
    mark = "comma" if plan.decimal_mark == "," else "point"
    unit = "minutes" if plan.seconds_per_unit == 60 else "seconds"
    return f"Durations written as plain numbers are {unit}, with a decimal {mark}."


def _preview(item: Record | Skip, ctx: ImportContext) -> str:
    if isinstance(item, Skip):
        return f"  {item.locator}: skipped, {item.reason}"
    when = local_iso(item.instant_utc, ctx.tz)
    flags = ""
    if item.time_ambiguous:
        flags = " (ambiguous hour)"
    elif item.time_nonexistent:
        flags = " (hour that does not exist)"
    duration = "-" if item.duration_s is None else f"{item.duration_s:g} s"
    number = item.party_raw or "(empty: withheld)"
    return (
        f"  {item.locator}: {when}{flags} | {item.direction.value} | {item.status.value} | "
        f"{item.channel.value} | {number} | {duration}"
    )
