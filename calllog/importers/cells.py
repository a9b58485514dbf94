"""Reading numbers and Unix-epoch dates out of the cells and attributes of
phone exports, where any value may be missing, ``null`` or junk."""

from __future__ import annotations

import math
import re
from datetime import datetime

from calllog.timeutil import from_unix_ms

INTEGER = re.compile(r"[+-]?\d+")


def number_in(value: object) -> int | float | None:
    """The number in a cell (an integer, a real or a numeric text), or None."""
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip()
        if INTEGER.fullmatch(text):
            return int(text)
        try:
            parsed = float(text)
        except ValueError:
            return None
        return parsed if math.isfinite(parsed) else None
    return None


def instant_in(value: object, seconds_below: float = 0.0, unit: str = "milliseconds") -> datetime | str:
    """A date in milliseconds since 1970 as a UTC instant, or why it cannot
    be one. A value below ``seconds_below`` is read as seconds (Android MMS
    dates); missing, empty and ``null`` values have no date."""
    if value is None or (isinstance(value, str) and value.strip() in ("", "null")):
        return "it has no date"
    number = number_in(value)
    if number is None:
        return f"its date {value!r} is not a number of {unit} since 1970"
    if number <= 0:
        return f"its date {value!r} is not a real time (the phone stored none)"
    milliseconds = number * 1000 if number < seconds_below else number
    try:
        return from_unix_ms(milliseconds)
    except (ValueError, OverflowError, OSError):
        return f"its date {value!r} is too far from today to be a real time"
