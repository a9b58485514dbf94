"""What a workbook cell can hold, and what calllog writes instead.

Text written by the harasser reaches a spreadsheet a police officer
opens; it must arrive exactly as sent, never cut, and never as anything
but text (``workbook_cells`` writes every text as an explicit string
cell, so that "=..." is never a formula).

What a cell cannot hold, and what is done instead (``text_parts``):

* XML 1.0 cannot hold the control characters U+0000-U+0008, U+000B,
  U+000C and U+000E-U+001F (openpyxl refuses them with
  ``IllegalCharacterError``). Each is shown as its visible symbol from
  Unicode's "Control Pictures" block, U+2400 + its code (U+0001 -> "␁",
  U+001B -> "␛"), so that a reader sees that a character was there and
  which one. The noncharacters U+FFFE and U+FFFF (not XML either) are
  shown as the text "[U+FFFE]" and "[U+FFFF]". The case keeps the text
  unchanged; the Summary says so.
* Excel reads ``_xHHHH_`` inside a string as an escaped character. A
  text that really contains such a sequence (``_x0041_``) is written with
  Excel's own escape for the underscore (``_x005F_x0041_``), so that Excel
  shows it as sent.
* A CR inside a text would be read back as LF by every XML reader; the
  saved XML writes it as the character reference ``&#13;``.
* A cell holds at most ``EXCEL_TEXT_LIMIT`` (32,767) UTF-16 code units;
  a longer text is split over continuation rows, marked "(continued)",
  never cut.
"""

from __future__ import annotations

import re

# Excel's limit: UTF-16 code units in one cell
EXCEL_TEXT_LIMIT = 32_767

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")  # Excel's escape: a lower-case x, four hex digits


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return chr(0x2400 + code) if code < 0x20 else f"[U+{code:04X}]"


def visible_text(raw: str) -> str:
    """``raw`` with every character XML cannot hold shown visibly."""
    return _NOT_XML.sub(_visible, raw)


def utf16_length(value: str) -> int:
    """Length as Excel counts it: characters beyond U+FFFF count twice."""
    return len(value) + sum(1 for ch in value if ord(ch) > 0xFFFF)


def _stored(shown: str) -> str:
    return _EXCEL_ESCAPE.sub(r"_x005F_\1", shown)


def text_parts(raw: str, limit: int = EXCEL_TEXT_LIMIT) -> list[str]:
    """``raw`` as the strings to store, one per cell, each within Excel's
    limit both as Excel shows it and as openpyxl stores it (openpyxl cuts
    at 32,767 characters without a word)."""
    if len(raw) <= limit // 3 and "_x" not in raw and not _NOT_XML.search(raw):
        return [raw]  # nothing to change, and short enough however it is counted
    shown = visible_text(raw)
    if utf16_length(shown) <= limit and len(_stored(shown)) <= limit:
        return [_stored(shown)]

    def fits(piece: str) -> bool:
        return utf16_length(piece) <= limit and len(_stored(piece)) <= limit

    parts: list[str] = []
    start = 0
    while start < len(shown):
        # the longest piece that fits: both lengths only grow with the piece
        low, high = start + 1, min(len(shown), start + limit)
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if fits(shown[start:middle]) else (low, middle - 1)
        parts.append(_stored(shown[start:low]))
        start = low
    return parts


def heading_text(raw: str, limit: int = 255) -> str:
    """A column heading: a label, not evidence, so a heading that names a
    person is shortened visibly ("…") rather than split over rows."""
    parts = text_parts(raw if len(raw) <= limit else raw[: limit - 1] + "…")
    return parts[0]
