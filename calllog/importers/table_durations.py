"""Durations in the cells of a table, in seconds.

``H:MM:SS``, ``MM:SS`` (with an optional fraction), plain numbers ("83",
"83,5", "1.234,5"; seconds unless the column says minutes), a number and a
unit, repeated ("1 min 20 s", "1m20s", "1u 2min", "2 h 3 min", ``1'20"``),
or what Excel stored: a time, a duration, a date-time on Excel's day 0, a
number. Text without a digit ("-", "n.v.t.") is no duration; so is
anything that cannot be read: the call is kept, without a duration.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from calllog.importers.table_values import EXCEL_EPOCH, Cell

_CLOCK_DURATION = re.compile(r"(?:(\d+):)?(\d{1,3}):(\d{1,2})(?:[.,](\d+))?")
_UNIT_PAIR = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+|''|'|\")\.?")
_UNIT_SECONDS: dict[str, float] = {
    **dict.fromkeys(("h", "u", "uur", "uren", "hr", "hrs", "hour", "hours", "heure", "heures"), 3600.0),
    **dict.fromkeys(("m", "min", "mins", "minuut", "minuten", "minute", "minutes", "mn", "'"), 60.0),
    **dict.fromkeys(("s", "sec", "secs", "seconde", "seconden", "secondes", "second", "seconds",
                     "''", '"'), 1.0),
}


def decimal_number(text: str, decimal_mark: str) -> float | None:
    """A plain number such as "83", "83,5" or "1.234,5", or None. With both
    marks the last is the decimal one; with only the file's other mark, it
    separates thousands when exactly three digits follow each one."""
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if not _PLAIN_NUMBER.fullmatch(cleaned):
        return None
    marks = [char for char in cleaned if char in ",."]
    if len(set(marks)) == 2:
        decimal = marks[-1]
    elif marks and marks[0] != decimal_mark and _GROUPED.fullmatch(cleaned):
        decimal = decimal_mark  # "1.234" in a decimal-comma file is a thousand
    else:
        decimal = marks[0] if marks else decimal_mark
    grouping = "." if decimal == "," else ","
    digits = cleaned.replace(grouping, "").replace(decimal, ".")
    try:
        return float(digits)
    except ValueError:  # "1,2,3": two decimal marks
        return None


_PLAIN_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})+")


def read_duration(cell: Cell, decimal_mark: str = ",", unit_seconds: float = 1.0) -> float | None:
    """Seconds, or None when the cell holds no duration that can be read."""
    if cell is None or isinstance(cell, bool):
        return None
    if isinstance(cell, timedelta):
        return cell.total_seconds()
    if isinstance(cell, time):
        return float(cell.hour * 3600 + cell.minute * 60 + cell.second) + cell.microsecond / 1e6
    if isinstance(cell, datetime):  # a duration formatted as a date: days since Excel's day 0
        seconds = (cell - EXCEL_EPOCH).total_seconds()
        return float(round(seconds)) if 0 <= seconds < 86400 * 2 else None
    if isinstance(cell, (int, float)):
        return float(cell) * unit_seconds if cell >= 0 else None
    if isinstance(cell, date):
        return None
    return _duration_from_text(cell.strip().lower(), decimal_mark, unit_seconds)


def _duration_from_text(text: str, decimal_mark: str, unit_seconds: float) -> float | None:
    if not any(char.isdigit() for char in text):
        return None
    clock = _CLOCK_DURATION.fullmatch(text)
    if clock is not None:
        hours, minutes, seconds, fraction = clock.groups()
        whole = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
        return whole + (float("0." + fraction) if fraction else 0.0)
    plain = decimal_number(text, decimal_mark)
    if plain is not None:
        return plain * unit_seconds
    total, consumed = 0.0, 0
    for match in _UNIT_PAIR.finditer(text):
        if text[consumed:match.start()].strip(" ,"):
            return None  # something between the pairs that is not a number with a unit
        factor = _UNIT_SECONDS.get(match.group(2))
        if factor is None:
            return None
        total += float(match.group(1).replace(",", ".")) * factor
        consumed = match.end()
    if consumed == 0 or text[consumed:].strip(" ,."):
        return None
    return total
