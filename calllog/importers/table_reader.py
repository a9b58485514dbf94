"""Reading the rows of a table file: text (CSV, TSV, ...) or an XLSX workbook.

Text encodings, in the order they are tried: a byte-order mark says UTF-8
or UTF-16 (Excel's "Unicode text" is UTF-16 LE with a BOM); UTF-16 without
a BOM is recognised by its zero bytes; otherwise the whole file is checked
as UTF-8 and, when it is not, read as cp1252 (Windows Western Europe), in
which every byte means something, so no file fails to decode.

Workbook cells are read as the values the spreadsheet saved with them:
a formula is never calculated. A formula cell without a saved result (a
file written by a program that never calculated it) would read as an empty
cell, and an empty number cell means a withheld caller, so such cells are
found in the sheet's XML (``uncalculated_formulas``) and their rows are
skipped with the cell named.

Rows come with their number as a spreadsheet would show it: the physical
line number of a text file (a quoted cell holding a line break makes a row
start on one line and end on another: it is numbered by its first line),
the sheet row of a workbook.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Generator, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from calllog.errors import ImportFailed
from calllog.importers.base import ProgressCallback
from calllog.importers.table_values import EXCEL_EPOCH, Cell

Rows = Generator[tuple[int, Sequence[Cell]], None, None]
DELIMITERS = (";", ",", "\t", "|")
KEEP_CELLS = 3_000_000  # a workbook up to this many cells is parsed once, not once per pass
PROGRESS_EVERY = 20_000  # rows between two progress reports
_CHUNK = 1 << 20
_STRAY_ZEROS = 3
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Characters that no text table holds: a head full of them is binary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# <c r="B7" ...><f>...</f></c>, or with <v/> / <v></v>: a formula and no saved result
_NS = rb"(?:[A-Za-z_][\w.-]*:)?"
_UNCALCULATED = re.compile(
    rb"<" + _NS + rb"c\s[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"[^>]*>\s*"
    rb"(?:<" + _NS + rb"f\b[^>]*/>|<" + _NS + rb"f\b[^>]*>[^<]*</" + _NS + rb"f>)\s*"
    rb"(?:</" + _NS + rb"c>|<" + _NS + rb"v\s*/>|<" + _NS + rb"v>\s*</" + _NS + rb"v>)"
)
_FORMULA_OVERLAP = 64 * 1024  # more than the longest formula Excel allows (8,192 characters)


def bom_encoding(head: bytes) -> str | None:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # the codec reads the BOM and picks the byte order
    return None


def _bomless_utf16(head: bytes) -> str | None:
    sample = head[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    odd_zeros, even_zeros = sample[1::2].count(0), sample[0::2].count(0)
    half = len(sample) // 2
    if odd_zeros > 0.4 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.4 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    return None


def head_encoding(head: bytes) -> str | None:
    """The encoding the first bytes of a file are in, or None when they are
    not text (more than a few zero bytes, outside UTF-16)."""
    found = bom_encoding(head) or _bomless_utf16(head)
    if found:
        return found
    # binary files are full of zero bytes; a text may hold a stray one (in a message someone wrote)
    if head.count(0) > max(_STRAY_ZEROS, len(head) // 1000):
        return None
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def file_encoding(path: Path, head: bytes) -> str:
    """The encoding of the whole file: like ``head_encoding``, but a file
    whose head is UTF-8 is checked to the end (fast) before it is called so."""
    found = head_encoding(head)
    if found != "utf-8":
        return found or "cp1252"
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as handle:
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk, final=False)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def decode_errors(forced: bool) -> str:
    """Strict for an encoding the user gave (a wrong one must not pass
    unnoticed); otherwise a byte that means nothing (five in cp1252, a lone
    UTF-16 half) becomes U+FFFD rather than stopping the import."""
    return "strict" if forced else "replace"


def head_lines(head: bytes, encoding: str, complete: bool, limit: int) -> list[str]:
    """The first ``limit`` lines of ``head``; the last, cut-off line of a
    head that is not the whole file is left out."""
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=complete)
    lines = _LINE_BREAK.split(text)
    if not complete and len(lines) > 1:
        lines = lines[:-1]
    return lines[:limit]


def looks_binary(lines: Sequence[str]) -> bool:
    text = "".join(lines)
    return bool(text) and len(_CONTROL.findall(text)) > len(text) // 100


def split_line(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return line.split(delimiter)


def text_lines(path: Path, encoding: str, forced: bool, limit: int) -> list[str]:
    with open(path, encoding=encoding, errors=decode_errors(forced), newline="") as handle:
        text = handle.read(256 * 1024)
    lines = _LINE_BREAK.split(text)
    return lines[:limit]


def text_rows(
    path: Path, encoding: str, forced: bool, delimiter: str, after_row: int, progress: ProgressCallback | None
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of every row after line ``after_row``."""
    csv.field_size_limit(1 << 24)
    with open(path, "rb") as binary:
        text = io.TextIOWrapper(binary, encoding=encoding, errors=decode_errors(forced), newline="")
        reader = csv.reader(text, delimiter=delimiter)
        previous_line = 0
        count = 0
        try:
            for cells in reader:
                first_line, previous_line = previous_line + 1, reader.line_num
                if first_line > after_row:
                    yield first_line, cells
                count += 1
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(binary.tell())
        except csv.Error as error:
            raise ImportFailed(
                f"Line {previous_line + 1} of {path.name} cannot be read as a table ({error})."
            ) from None
        except UnicodeDecodeError:
            raise ImportFailed(
                f"Line {previous_line + 1} of {path.name} is not written in {encoding}, "
                "the encoding the mapping file gives.",
                hint="Remove the encoding line from the mapping to let calllog find it.",
            ) from None


def is_workbook(path: Path, head: bytes) -> bool:
    """True for a zip whose directory holds ``xl/workbook.xml``."""
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


def open_workbook(path: Path) -> Any:
    """The workbook, read-only, with the values Excel last calculated
    (formulas are never evaluated)."""
    import openpyxl  # only needed for workbooks: keep plain CSV imports light

    return openpyxl.load_workbook(path, read_only=True, data_only=True)


def uncalculated_formulas(path: Path, sheet: Any) -> dict[int, str]:
    """Row number -> the first cell of that row holding a formula without a
    saved result, in ``sheet`` (read-only) of the workbook ``path``."""
    part = getattr(sheet, "_worksheet_path", None)  # where openpyxl read the sheet from
    if not isinstance(part, str):
        return {}
    found: dict[int, str] = {}
    with zipfile.ZipFile(path) as archive, archive.open(part.lstrip("/")) as xml:
        tail = b""
        while chunk := xml.read(_CHUNK):
            buffer = tail + chunk
            for match in _UNCALCULATED.finditer(buffer):
                column, row = match.group(1).decode(), match.group(2).decode()
                found.setdefault(int(row), column + row)
            tail = buffer[-_FORMULA_OVERLAP:]
    return found


def workbook_epoch(workbook: Any) -> datetime:
    epoch = getattr(workbook, "epoch", EXCEL_EPOCH)
    return epoch if isinstance(epoch, datetime) else EXCEL_EPOCH


def sheet_rows(sheet: Any, after_row: int, limit: int | None = None) -> Iterator[tuple[int, tuple[Cell, ...]]]:
    """(sheet row number, values) of the rows after ``after_row``; empty rows
    are yielded too, so the numbers stay right."""
    sheet.reset_dimensions()  # some writers record a wrong size: read every row
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if limit is not None and number > limit:
            return
        if number > after_row:
            yield number, tuple(values)


def non_blank(rows: Iterator[tuple[int, Sequence[Cell]]]) -> Rows:
    """The rows with at least one cell that is not empty; blank rows are
    layout, not records, and are left out silently."""
    for row, cells in rows:
        for cell in cells:
            if cell is not None and (not isinstance(cell, str) or cell.strip()):
                yield row, cells
                break


class SheetRows:
    """The non-blank rows below the header of one sheet, as often as they
    are asked for. Parsing a sheet's XML is the slow part of reading a
    workbook, so the first complete reading is kept (up to ``KEEP_CELLS``
    cells) and later passes are served from it."""

    def __init__(self, path: Path, title: str, header_row: int) -> None:
        self.path, self.title, self.header_row = path, title, header_row
        self.size = path.stat().st_size
        self._kept: list[tuple[int, Sequence[Cell]]] | None = None

    def __call__(self, progress: ProgressCallback | None) -> Rows:
        if self._kept is not None:
            yield from self._replay(self._kept, progress)
            return
        kept: list[tuple[int, Sequence[Cell]]] | None = []
        cells_kept = 0
        book = open_workbook(self.path)
        try:
            sheet = book[self.title]
            expected = sheet.max_row or 0  # the size the writer recorded: for progress only
            for row, cells in non_blank(sheet_rows(sheet, self.header_row)):
                if kept is not None:
                    kept.append((row, cells))
                    cells_kept += len(cells)
                    if cells_kept > KEEP_CELLS:
                        kept = None
                if progress is not None and expected and row % PROGRESS_EVERY == 0:
                    progress(min(self.size, self.size * row // expected))
                yield row, cells
            self._kept = kept  # reached only when every row was read
        finally:
            book.close()

    def _replay(self, kept: list[tuple[int, Sequence[Cell]]], progress: ProgressCallback | None) -> Rows:
        for position, item in enumerate(kept, start=1):
            if progress is not None and position % PROGRESS_EVERY == 0:
                progress(self.size * position // len(kept))
            yield item
