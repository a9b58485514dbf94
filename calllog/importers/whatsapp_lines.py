"""WhatsApp chat text into entries: the line grammar, multi-line messages,
and the day/month order of the dates (one order per file).

A message starts on a line that begins with a date and a time::

    Android   9/04/2024, 15:23 - Author: text        (no seconds)
    iOS       [9/04/2024, 15:23:44] Author: text     (seconds)

The date has three fields joined by ``/``, ``-`` or ``.``; the year is
first (4 digits) or last (2 or 4 digits; ``21`` is 2021). Between date and
time: ``,`` and/or spaces, and in some French, Dutch and German builds a
word (``à``, ``om``, ``um``). The time is ``H:MM``, ``H.MM`` or
``H:MM:SS``, then possibly ``AM``/``PM`` in any spelling (``pm``, ``p.m.``,
``p. m.``) after a space, no-break space or narrow no-break space (U+202F,
in exports since 2023). Every other line continues the message above it.

The first message line fixes the layout of the file (brackets or not, and
the date separator); a later line in another layout is text someone typed
or pasted, so it continues the message above instead of starting one.

Invisible direction marks (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069)
and byte-order marks are removed from every line before anything is read:
WhatsApp sprinkles them around names, numbers and attachment lines, and
they are not part of what anybody wrote. Whether a message body *started*
with a left-to-right mark (U+200E) is kept: iOS marks its system lines and
attachments so. Other marks at the start of a text are the writer's (a
right-to-left language, or a trick) and mean nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

MARKS = "\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_MARK_RUN = re.compile(f"[{MARKS}]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # str.splitlines would also split on U+2028 inside a message
_WIDE_SPACE = re.compile(r"[\u00a0\u202f\u2007\u2009]")
_BODY_SEPARATOR = re.compile(f":([{MARKS}]*) ([{MARKS}]*)")  # the first ": " of a line, marks allowed

HEADER = re.compile(
    r"""
    (?P<open>\[)?
    (?P<date>(?P<f1>\d{1,4})(?P<sep>[./-])(?P<f2>\d{1,2})(?P=sep)(?P<f3>\d{1,4}))
    (?:,\s*|\s+)(?:(?:à|om|um|at)\s+)?
    (?P<time>(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?)
    (?:\s?(?P<ampm>[ap]\.?\s?m\.?))?
    (?(open)\]\s?|\s[-\u2013]\s)
    """,
    re.VERBOSE | re.IGNORECASE,
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")


def strip_marks(text: str) -> str:
    return _MARK_RUN.sub("", text)


def plain_spaces(text: str) -> str:
    """No-break and narrow spaces as ordinary ones, for names and times."""
    return _WIDE_SPACE.sub(" ", text)


def split_lines(text: str) -> list[str]:
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # the line break that ends the file starts no line
    return lines


@dataclass(frozen=True, slots=True)
class Layout:
    bracketed: bool  # iOS: "[date, time] "
    separator: str  # between the date fields

    @property
    def name(self) -> str:
        return "iOS" if self.bracketed else "Android"

    @property
    def grammar(self) -> str:
        return "[date, time] author: text" if self.bracketed else "date, time - author: text"


@dataclass(slots=True)
class Entry:
    """One message or system line: its header and every line it spans."""

    line: int  # 1-based number of the line it starts on
    layout: Layout
    fields: tuple[str, str, str]
    hour: int
    minute: int
    second: int
    ampm: str | None  # "am" / "pm"
    local_text: str  # date and time as written
    rest: str  # what follows the header on its first line
    body_marked: bool  # the text after "author: " began with a left-to-right mark (U+200E)
    more: list[str] = field(default_factory=list)  # continuation lines


def read_header(line: str) -> tuple[re.Match[str], str] | None:
    """The header match on the line without marks, and that clean line."""
    probe = strip_marks(line)
    match = HEADER.match(probe)
    if match is None or not _plausible(match):
        return None
    return match, probe


def _plausible(match: re.Match[str]) -> bool:
    """Numbers that can be a date and a time in some order: no field 0,
    no 3-digit year, a day or month in the two short fields."""
    f1, f2, f3 = (match.group(name) for name in ("f1", "f2", "f3"))
    if len(f1) == 4:
        short = (int(f2), int(f3))
    elif len(f1) <= 2 and len(f3) in (2, 4):
        short = (int(f1), int(f2))
    else:
        return False
    if min(short) < 1 or max(short) > 31 or min(short) > 12:
        return False
    return int(match.group("hour")) <= 24 and int(match.group("minute")) <= 59


def layout_of(match: re.Match[str]) -> Layout:
    return Layout(bool(match.group("open")), match.group("sep"))


def starts_like_chat(head: str) -> bool:
    """True when the first non-empty line of ``head`` is a message line."""
    for line in split_lines(head)[:50]:
        if strip_marks(line).strip():
            found = read_header(line)
            return found is not None and bool(found[1][found[0].end():].strip())
    return False


def entries(lines: Iterable[str]) -> tuple[list[Entry], list[int]]:
    """The entries of the chat, in file order, and the numbers of non-empty
    lines that come before the first of them."""
    found: list[Entry] = []
    preface: list[int] = []
    layout: Layout | None = None
    for number, line in enumerate(lines, start=1):
        header = read_header(line)
        if header is not None and (layout is None or layout_of(header[0]) == layout):
            match, probe = header
            layout = layout or layout_of(match)
            found.append(_entry(number, layout, match, probe, line))
        elif found:
            found[-1].more.append(strip_marks(line))
        elif strip_marks(line).strip():
            preface.append(number)
    return found, preface


def _entry(number: int, layout: Layout, match: re.Match[str], probe: str, line: str) -> Entry:
    ampm = match.group("ampm")
    separator = _BODY_SEPARATOR.search(line) if len(line) != len(probe) else None
    end = match.end("ampm") if ampm else match.end("time")
    return Entry(
        line=number,
        layout=layout,
        fields=(match.group("f1"), match.group("f2"), match.group("f3")),
        hour=int(match.group("hour")),
        minute=int(match.group("minute")),
        second=int(match.group("second") or 0),
        ampm=None if ampm is None else ("pm" if ampm.lower().startswith("p") else "am"),
        local_text=plain_spaces(probe[match.start("date"):end]),
        rest=probe[match.end():],
        # iOS starts its system lines with U+200E; any other mark is the writer's own
        body_marked=separator is not None and "\u200e" in separator.group(1) + separator.group(2),
    )


# --- the day/month order of one file ----------------------------------------------


@dataclass(frozen=True, slots=True)
class DateOrder:
    """How the file writes its dates, and what proved it."""

    year_first: bool
    day_first: bool  # of the two fields that are not the year
    proof_line: int | None  # the first line whose date proves the order
    proof_text: str
    conflict_line: int | None  # a line that proves the other order

    def describe(self, first: Entry) -> str:
        """One sentence: the order, the first date as read, and why."""
        reading = example_reading(first, self)
        shown = f'Dates are read {order_name(self)} (line {first.line} "{first.local_text}" is {reading})'
        if self.proof_line is None and self.year_first:
            text = f"{shown}: no date in the file proves the order, so the ISO order, month before day, is used."
        elif self.proof_line is None:
            text = f"{shown}: no date in the file proves the order, so the Belgian default, day first, is used."
        elif self.proof_line == first.line:
            text = f"{shown}, which proves the order."
        else:
            text = f'{shown}, as line {self.proof_line} "{self.proof_text}" proves.'
        if self.conflict_line is not None:
            text += f" Line {self.conflict_line} does not fit that order: dates that do not fit are skipped."
        return text


def _pair(fields: tuple[str, str, str]) -> tuple[int, int] | None:
    """The two fields that are not the year, in the order written."""
    f1, f2, f3 = fields
    if len(f1) == 4:
        return int(f2), int(f3)
    return (int(f1), int(f2)) if len(f1) <= 2 else None


def infer_order(found: list[Entry]) -> DateOrder:
    """The order with the most proofs (a field above 12 where the other
    order wants a month); with none, day first, or month first after a
    year written first (ISO)."""
    year_first = any(len(entry.fields[0]) == 4 for entry in found[:1])
    proofs: dict[bool, list[Entry]] = {True: [], False: []}
    for entry in found:
        pair = _pair(entry.fields)
        if pair is None or (len(entry.fields[0]) == 4) != year_first:
            continue
        if pair[0] > 12 >= pair[1]:
            proofs[True].append(entry)
        elif pair[1] > 12 >= pair[0]:
            proofs[False].append(entry)
    # Belgium writes day first; a year written first is ISO order, month first
    day_first = len(proofs[True]) > len(proofs[False]) or (not year_first and len(proofs[True]) == len(proofs[False]))
    winning, losing = proofs[day_first], proofs[not day_first]
    return DateOrder(
        year_first=year_first,
        day_first=day_first,
        proof_line=winning[0].line if winning else None,
        proof_text=winning[0].local_text if winning else "",
        conflict_line=losing[0].line if losing else None,
    )


def naive_time(entry: Entry, order: DateOrder) -> datetime | str:
    """The local wall-clock time of an entry, or why it has none."""
    f1, f2, f3 = entry.fields
    if (len(f1) == 4) != order.year_first:
        return f'its date "{entry.local_text}" is not written like the other dates of the file'
    year_text, first, second = (f1, f2, f3) if order.year_first else (f3, f1, f2)
    day, month = (first, second) if order.day_first else (second, first)
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    hour = entry.hour
    if entry.ampm is not None and hour <= 12:
        hour = hour % 12 + (12 if entry.ampm == "pm" else 0)
    try:
        return datetime(year, int(month), int(day), hour, entry.minute, entry.second)
    except ValueError:
        return f'its date and time "{entry.local_text}" are not a real date and time ({order_name(order)})'


def order_name(order: DateOrder) -> str:
    pair = "day/month" if order.day_first else "month/day"
    return f"year/{pair}" if order.year_first else f"{pair}/year"


def example_reading(entry: Entry, order: DateOrder) -> str:
    """'12 September 2020' for "12/9/20", as this order reads it."""
    naive = naive_time(entry, order)
    if isinstance(naive, str):
        return "not a real date in that order"
    return f"{naive.day} {MONTHS[naive.month - 1]} {naive.year}"

