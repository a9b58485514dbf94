"""Values in the cells of a table: dates, times of day, and cells as text.

A cell is text (CSV, or text in a workbook) or a value Excel stored
(``datetime``, ``time``, ``timedelta``, a number). Dates written as text are
``dd/mm/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy`` (or month first) and
``yyyy-mm-dd``, with a 2- or 4-digit year; times ``HH:MM`` or ``HH:MM:SS``
(also ``14h30``, ``14u30``, a fraction of a second, AM/PM). Whether
``03/04/2025`` is the 3rd of April or the 4th of March is decided once per
file (see ``DateOrder``), so the parts of each date are kept until then.
Excel dates and times are read as the values they are (the workbook's
1900 or 1904 epoch for numbers); a time is rounded to the second.

Durations are read in ``table_durations``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple

Cell = str | int | float | bool | datetime | date | time | timedelta | None

EXCEL_EPOCH = datetime(1899, 12, 30)  # day 0 of Excel's 1900 date system


class Parts(NamedTuple):
    """A local date and time as written. ``year_first`` dates are known to be
    (year, month, day); others are (first, second) fields in either order."""

    year_first: bool
    year: int
    first_field: int
    second_field: int
    hour: int
    minute: int
    second: int


_DATE = re.compile(r"(?<!\d)(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})(?!\d)")
_TIME = re.compile(
    r"(?<!\d)(\d{1,2})\s*[:hHuU.]\s*(\d{2})(?:\s*[:mM.]\s*(\d{2})(?:[.,]\d+)?)?"
    r"(?:\s*([aApP])\.?\s*[mM]\.?)?(?!\d)"
)


def _year(text: str) -> int | None:
    if len(text) == 4:
        return int(text)
    if len(text) == 2:  # 2-digit years: 70-99 are the 1900s, the rest this century
        value = int(text)
        return 1900 + value if value >= 70 else 2000 + value
    return None


# an export repeats its few hundred dates a million times: each distinct text
# is parsed once (a date-and-time column misses, and the cache stays small)
@lru_cache(maxsize=1 << 14)
def date_in_text(text: str) -> tuple[bool, int, int, int, str] | None:
    """(year_first, year, first, second, rest of the text) of the first date
    written in ``text``, or None."""
    match = _DATE.search(text)
    if match is None:
        return None
    a, b, c = match.groups()
    rest = text[: match.start()] + " " + text[match.end():]
    if len(a) == 4:
        return (True, int(a), int(b), int(c), rest) if len(c) <= 2 else None
    year = _year(c)
    if year is None or len(a) > 2:
        return None
    return False, year, int(a), int(b), rest


def time_in_text(text: str) -> tuple[int, int, int] | None:
    """(hour, minute, second) of the first time written in ``text``, or None."""
    match = _TIME.search(text)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    meridiem = (match.group(4) or "").lower()
    if meridiem and not 1 <= hour <= 12:
        return None
    if meridiem:
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _rounded(value: datetime) -> datetime:
    # Excel stores times as fractions of a day: 14:03:22 may come back as 14:03:21.999996
    if value.microsecond >= 500_000:
        value += timedelta(seconds=1)
    return value.replace(microsecond=0)


def excel_serial(value: float, epoch: datetime = EXCEL_EPOCH) -> datetime | None:
    """An Excel date-time serial number (days since ``epoch``), or None when
    it is not a plausible date (before 1900 or after 9999)."""
    if not 1 <= value < 2_958_466:
        return None
    return _rounded(epoch + timedelta(days=value))


def _seconds_of_day(seconds: float) -> tuple[int, int, int] | None:
    whole = round(seconds)
    return (whole // 3600, whole // 60 % 60, whole % 60) if 0 <= whole < 86400 else None


def _time_of(cell: Cell) -> tuple[int, int, int] | None | str:
    """The time of day in a time cell; "" when the cell is empty."""
    if isinstance(cell, str):  # every cell of a CSV: asked first
        return _time_of_text(cell)
    if cell is None or isinstance(cell, bool):
        return ""
    if isinstance(cell, datetime):
        rounded = _rounded(cell)
        return rounded.hour, rounded.minute, rounded.second
    if isinstance(cell, time):
        rounded = _rounded(datetime.combine(date(2000, 1, 1), cell))
        return rounded.hour, rounded.minute, rounded.second
    if isinstance(cell, timedelta):
        return _seconds_of_day(cell.total_seconds())
    if isinstance(cell, (int, float)):
        return _seconds_of_day(float(cell) * 86400)  # Excel: a fraction of a day
    if isinstance(cell, date):
        return None
    return _time_of_text(cell)


@lru_cache(maxsize=1 << 17)  # at most 86,400 times of day in a time column
def _time_of_text(cell: str) -> tuple[int, int, int] | None | str:
    text = cell.strip()
    if not text:
        return ""
    # a time column may hold the whole date and time
    with_date = date_in_text(text) if len(text) > 10 or "/" in text or "-" in text else None
    return time_in_text(with_date[4] if with_date else text)


def read_moment(date_cell: Cell, time_cell: Cell, epoch: datetime = EXCEL_EPOCH) -> Parts | str:
    """The parts of the local date and time of a row, from its date (or
    date-and-time) cell and its time cell (None when there is no time
    column); or a short reason why they cannot be read."""
    clock = _time_of(time_cell)
    if isinstance(date_cell, str):  # every cell of a CSV: the text branch below, asked first
        return _moment_from_text(date_cell, clock) if date_cell.strip() else "no date"
    if isinstance(date_cell, bool) or date_cell is None:
        return "no date"
    if isinstance(date_cell, (int, float)):
        date_cell = excel_serial(float(date_cell), epoch) or "?"
    if isinstance(date_cell, datetime):
        value = _rounded(date_cell)
        if clock == "":
            clock = value.hour, value.minute, value.second
        return _with_clock(True, value.year, value.month, value.day, clock)
    if isinstance(date_cell, date):
        return _with_clock(True, date_cell.year, date_cell.month, date_cell.day, clock)
    return "no date"


def _moment_from_text(date_cell: str, clock: tuple[int, int, int] | None | str) -> Parts | str:
    found = date_in_text(date_cell)
    if found is None:
        return "unreadable date"
    year_first, year, first, second, rest = found
    if clock == "" and any(char.isdigit() for char in rest):
        clock = time_in_text(rest)
    return _with_clock(year_first, year, first, second, clock)


def _with_clock(year_first: bool, year: int, first: int, second: int,
                clock: tuple[int, int, int] | None | str) -> Parts | str:
    if clock == "":
        return "no time"
    if clock is None or isinstance(clock, str):
        return "unreadable time"
    return Parts(year_first, year, first, second, *clock)


def pack_parts(parts: Parts) -> int:
    """``parts`` as one integer (8 bytes in an array instead of a 100-byte
    tuple: a million rows are held until the date order is known)."""
    packed = int(parts.year_first) * 10_000 + parts.year
    for field in (parts.first_field, parts.second_field, parts.hour, parts.minute, parts.second):
        packed = packed * 100 + field
    return packed


def naive_from_packed(packed: int, dayfirst: bool) -> datetime | None:
    """The wall-clock time of packed parts, day or month first as decided
    for the file; None when it is no real date. Unrolled: it runs per row."""
    rest, second = divmod(packed, 100)
    rest, minute = divmod(rest, 100)
    rest, hour = divmod(rest, 100)
    rest, second_field = divmod(rest, 100)
    rest, first_field = divmod(rest, 100)
    year_first, year = divmod(rest, 10_000)
    if year_first or not dayfirst:
        month, day = first_field, second_field
    else:
        day, month = first_field, second_field
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


@dataclass
class DateOrder:
    """Evidence for the order of day and month, gathered over a whole file:
    a first field above 12 proves day-first, a second one above 12 proves
    month-first. Belgium writes day-first, so that is the default."""

    day_first_row: int | None = None
    month_first_row: int | None = None
    example_day_first: str = ""
    example_month_first: str = ""
    undecided_seen: bool = False  # a date that is not year first (nor an Excel date) was read

    def proves(self, parts: Parts) -> bool:
        """True when ``parts`` is the first proof of one order."""
        if parts.year_first:
            return False
        self.undecided_seen = True
        if parts.first_field > 12 >= parts.second_field:
            return self.day_first_row is None
        return parts.second_field > 12 >= parts.first_field and self.month_first_row is None

    def see(self, parts: Parts, row: int, text: str) -> None:
        if parts.first_field > 12 and self.day_first_row is None:
            self.day_first_row, self.example_day_first = row, text
        elif parts.second_field > 12 and self.month_first_row is None:
            self.month_first_row, self.example_month_first = row, text

    def dayfirst(self, forced: bool | None) -> bool:
        if forced is not None:
            return forced
        return not (self.month_first_row is not None and self.day_first_row is None)


def moment_text(date_cell: Cell, time_cell: Cell, epoch: datetime = EXCEL_EPOCH) -> str:
    """The date and time as written in the file. Text stays as it is; a
    value Excel stored is shown in ISO form (``2025-01-10 08:30:15``), a
    date-time at midnight beside a time column as its date alone."""
    if isinstance(date_cell, str) and (time_cell is None or isinstance(time_cell, str)):
        return f"{date_cell.strip()} {time_cell.strip()}".strip() if time_cell else date_cell.strip()
    has_time = _as_text(time_cell, epoch, is_time=True)
    has_date = _as_text(date_cell, epoch, is_time=False, date_only=bool(has_time))
    return " ".join(text for text in (has_date, has_time) if text)


def _as_text(cell: Cell, epoch: datetime, is_time: bool, date_only: bool = False) -> str:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        clock = _seconds_of_day(float(cell) * 86400) if is_time else None
        if clock is not None:
            cell = time(*clock)
        elif not is_time:
            cell = excel_serial(float(cell), epoch) or cell
    if isinstance(cell, datetime):
        value = _rounded(cell)
        if date_only and value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(cell, time):
        return cell.replace(microsecond=0).isoformat()
    return cell_text(cell)


def cell_text(cell: Cell) -> str:
    """A cell as text, stripped; whole numbers without ".0" (Excel keeps
    phone numbers typed as numbers as floats)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, str):
        return cell.strip()
    return str(cell)


def number_text(cell: Cell) -> str:
    """The other party's number as written; a CSV cell written as an Excel
    text formula to keep its leading zero (``="0470..."``) is unwrapped."""
    text = cell_text(cell)
    if text.startswith('="') and text.endswith('"') and len(text) >= 3:
        return text[2:-1]
    return text
