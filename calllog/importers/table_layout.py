"""Finding the header row of a table and what each of its columns holds.

Exports often start with a few title lines ("Gedetailleerd overzicht",
"Klant: ...", a blank line). The header is the first of the first
``HEADER_SEARCH_ROWS`` rows in which a date (or date-and-time) column and a
number column are recognised (``table_columns``). A mapping file can name
the header row, name or number the columns, and say that a column found
by its name is not what it seems ("" in [columns]).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from calllog.errors import SettingsError
from calllog.importers.table_columns import LABELS, ROLE_TEXT, WORD_ROLES, Role, normalise_words, recognise_label
from calllog.importers.table_mapping import MAPPING_HINT, TableMapping
from calllog.importers.table_values import Cell, cell_text, date_in_text

HEADER_SEARCH_ROWS = 40
_TIME_SOURCES = (Role.DATETIME, Role.DATE)
_TITLE_NUMBER = re.compile(r"(?P<label>[^:\d]{2,40}?)\s*:?\s*(?P<number>\+?\d[\d .\-/()]{5,})")


@dataclass(frozen=True)
class Column:
    index: int
    label: str
    role: Role | None
    note: str = ""  # why a column is ignored, or "named in the mapping"


@dataclass(frozen=True)
class Layout:
    """The header row (numbered as in the file) and the column of each role."""

    header_row: int
    columns: tuple[Column, ...]

    def index(self, role: Role) -> int | None:
        for column in self.columns:
            if column.role is role:
                return column.index
        return None

    def label(self, role: Role) -> str:
        index = self.index(role)
        return "" if index is None else self.columns[index].label

    @property
    def date_role(self) -> Role | None:
        """The column the date is read from: date-and-time before date."""
        return next((role for role in _TIME_SOURCES if self.index(role) is not None), None)

    @property
    def word_indexes(self) -> tuple[int, ...]:
        """Columns whose words say channel, direction or status, surest first."""
        return tuple(i for role in WORD_ROLES if (i := self.index(role)) is not None)

    @property
    def usable(self) -> bool:
        return self.date_role is not None and self.index(Role.NUMBER) is not None

    def describe(self) -> list[str]:
        lines = []
        for column in self.columns:
            letter = column_letter(column.index)
            meaning = ROLE_TEXT[column.role] if column.role else "ignored"
            note = f" ({column.note})" if column.note else ""
            lines.append(f'  {letter} "{column.label}": {meaning}{note}')
        return lines


def column_letter(index: int) -> str:
    """Spreadsheet letters of a 0-based column index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def layout_of(row: int, cells: Sequence[Cell], mapping: TableMapping) -> Layout:
    """The layout a header row gives, mapping first, recognised names next.
    Raises ``SettingsError`` when a column the mapping names is not there."""
    labels = [cell_text(cell) for cell in cells]
    while labels and not labels[-1]:
        labels.pop()
    chosen: dict[Role, tuple[int, int]] = {}  # role -> (rank, index); rank -1: mapped
    for role, wanted in mapping.columns.items():
        if wanted is not None:
            chosen[role] = (-1, _mapped_index(role, wanted, labels, row))
    mapped_indexes = {index for _, index in chosen.values()}
    notes: dict[int, str] = {index: "named in the mapping" for index in mapped_indexes}
    for index, label in enumerate(labels):
        found = recognise_label(label) if index not in mapped_indexes else None
        if found is None:
            continue
        role, rank = found
        if role in mapping.columns:
            notes[index] = "the mapping says which column this is"
            continue
        previous = chosen.get(role)
        if previous is None or rank < previous[0]:
            if previous is not None:
                notes[previous[1]] = f"another column is used as {ROLE_TEXT[role]}"
            chosen[role] = (rank, index)
        else:
            notes[index] = f"another column is used as {ROLE_TEXT[role]}"
    _one_date_source(chosen, notes, mapping)
    role_at = {index: role for role, (_, index) in chosen.items()}
    columns = tuple(
        Column(index, label, role_at.get(index), notes.get(index, "")) for index, label in enumerate(labels)
    )
    return Layout(row, columns)


def _one_date_source(chosen: dict[Role, tuple[int, int]], notes: dict[int, str], mapping: TableMapping) -> None:
    """Keep one of a date-and-time and a date column: the one the mapping
    names, else the date-and-time column."""
    if Role.DATETIME not in chosen or Role.DATE not in chosen:
        return
    if mapping.columns.get(Role.DATE) and not mapping.columns.get(Role.DATETIME):
        notes[chosen.pop(Role.DATETIME)[1]] = "the mapping names the date column"
    else:
        notes[chosen.pop(Role.DATE)[1]] = "the date-and-time column is used"


def _mapped_index(role: Role, wanted: str | int, labels: Sequence[str], row: int) -> int:
    if isinstance(wanted, int):
        if wanted > len(labels):
            raise SettingsError(
                f"The mapping file says the {role.value} is in column {wanted}, "
                f"but the header on row {row} has only {len(labels)} columns.",
                hint=MAPPING_HINT,
            )
        return wanted - 1
    target = normalise_words(wanted)
    for index, label in enumerate(labels):
        if normalise_words(label) == target:
            return index
    found = ", ".join(f'"{label}"' for label in labels if label) or "nothing"
    raise SettingsError(
        f'The mapping file names the column "{wanted}" ({role.value}), but the header on row {row} '
        f"has {found}.",
        hint=MAPPING_HINT,
    )


def find_layout(rows: Iterable[tuple[int, Sequence[Cell]]], mapping: TableMapping) -> Layout | None:
    """The layout of the first usable header among ``rows`` (the first rows
    of a file or sheet), or None. With ``header_row`` in the mapping, that
    row is the header whatever it holds."""
    named = [wanted for wanted in mapping.columns.values() if isinstance(wanted, str)]
    widest = max((wanted for wanted in mapping.columns.values() if isinstance(wanted, int)), default=0)
    for row, cells in rows:
        if row > HEADER_SEARCH_ROWS and mapping.header_row is None:
            break
        if mapping.header_row is not None:
            if row == mapping.header_row:
                return layout_of(row, cells, mapping)
            continue
        texts = [cell_text(cell) for cell in cells]
        labels = {normalise_words(text) for text in texts}
        if named and not all(normalise_words(wanted) in labels for wanted in named):
            continue
        if widest and not any(texts[widest - 1:]):  # too few columns for a position the mapping gives
            continue
        layout = layout_of(row, cells, mapping)
        if layout.usable:
            return layout
    return None


def header_is_recognised(cells: Sequence[Cell]) -> bool:
    """True when a row reads as a header: at least three labels, among them
    a date (or date-and-time) and a number column."""
    labels = [text for cell in cells if (text := cell_text(cell))]
    if len(labels) < 3:
        return False
    roles = {found[0] for label in labels if (found := recognise_label(label)) is not None}
    return Role.NUMBER in roles and bool(roles & set(_TIME_SOURCES))


def looks_like_table(rows: Sequence[Sequence[str]]) -> bool:
    """True when one of ``rows`` is a recognised header and the first
    non-blank rows below it, if the head holds any, have a date in its date
    column (a text that merely quotes a header, like documentation, does not)."""
    for position, cells in enumerate(rows):
        if not header_is_recognised(cells):
            continue
        layout = layout_of(position + 1, cells, TableMapping())
        date_index = layout.index(layout.date_role or Role.DATE)
        below = [row for row in rows[position + 1:] if any(cell.strip() for cell in row)][:5]
        if date_index is not None and (
            not below or any(date_index < len(row) and date_in_text(row[date_index]) for row in below)
        ):
            return True
    return False


def owner_in_titles(rows: Iterable[tuple[int, Sequence[Cell]]], header_row: int) -> tuple[int, str] | None:
    """(row, number) of a title line above the header that names the own
    line ("Lijn: 0470 00 00 01", "Ligne : ...", "MSISDN 32470..."), or None."""
    for row, cells in rows:
        if row >= header_row:
            break
        text = " ".join(part for cell in cells if (part := cell_text(cell)))
        match = _TITLE_NUMBER.fullmatch(text)
        if match and normalise_words(match["label"]) in LABELS[Role.OWNER]:
            return row, match["number"].strip()
    return None
