"""Import a diary kept in a spreadsheet and saved as CSV.

The first non-empty row names the columns, in English, Dutch or French
(letter case, accents, spaces and punctuation do not matter):

| column | names understood |
|---|---|
| when | when, wanneer, quand, date and time, datum en tijd, date et heure, moment |
| or date + time | date, datum, dag, jour, day + time, tijd, tijdstip, uur, heure, hour |
| what (required) | what, wat, quoi, what happened, wat gebeurde er, description, beschrijving, omschrijving, feiten, faits, facts |
| where | where, waar, où, place, plaats, lieu, location, locatie, address, adres, adresse |
| kind | kind, type, soort, aard, genre, category, categorie, hoe, how |
| witnesses | witnesses, witness, getuigen, getuige, témoins, témoin (names split on ";" or ",") |
| pv | pv, pv number, pv-nummer, numéro de pv, proces-verbaal, procès-verbal |

Other columns are ignored (and named in the result). A row with more
filled cells than the first row has columns is refused: a separator inside
an unquoted cell shifted the cells after it. Values follow
``calllog.diary``: dates ``YYYY-MM-DD`` or ``DD/MM/YYYY`` (day first, as in
Belgium), times ``HH:MM[:SS]``; kinds as keys or labels in any language;
an empty kind is "other". The delimiter (``,`` ``;`` or tab) and the
encoding (UTF-8 with or without BOM, UTF-16 with BOM, else cp1252, what
Excel writes) are recognised. All or nothing: one bad row imports no row,
and the message names the row. A row that says exactly what an entry
already says (same time, text, place and kind) is not added twice.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from calllog.case import Case
from calllog import diary
from calllog.diary import DiaryError, WhenRead, fold_words, read_kind, read_when, read_witnesses
from calllog.i18n.diary import DEFAULT_KIND
from calllog.store import to_us
from calllog.store_diary import find_same, insert_entry

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "when": ("when", "wanneer", "quand", "date and time", "datum en tijd", "datum en uur", "date et heure",
             "moment", "datetime"),
    "date": ("date", "datum", "dag", "jour", "day"),
    "time": ("time", "tijd", "tijdstip", "uur", "heure", "hour"),
    "what": ("what", "wat", "quoi", "what happened", "wat gebeurde er", "wat is er gebeurd", "ce qui s est passe",
             "description", "beschrijving", "omschrijving", "feiten", "faits", "facts"),
    "where": ("where", "waar", "ou", "place", "plaats", "lieu", "location", "locatie", "address", "adres",
              "adresse"),
    "kind": ("kind", "type", "soort", "aard", "genre", "category", "categorie", "hoe", "how"),
    "witnesses": ("witnesses", "witness", "getuigen", "getuige", "temoins", "temoin"),
    "pv": ("pv", "pv number", "pv nummer", "pv nr", "numero de pv", "numero pv", "proces verbaal"),
}
FORMAT_HINT = ("Name the columns in the first row: when (or date and time), what, where, kind, witnesses, pv; "
               "in English, Dutch or French.")
_DELIMITERS = ",;\t"


@dataclass(frozen=True)
class DiaryImport:
    """What a diary file brought: new entries, rows already in the diary,
    and the columns that were not understood (so ignored)."""

    added: int
    known: int
    ignored_columns: tuple[str, ...]


@dataclass(frozen=True)
class _Row:
    when: WhenRead
    what: str
    where: str
    kind: str
    witnesses: tuple[str, ...]
    pv: str


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every row that is not empty."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    for cells in reader:
        if any(cell.strip() for cell in cells):
            rows.append((reader.line_num, cells))
    return rows


def _columns(header: list[str], name: str) -> tuple[dict[str, int], tuple[str, ...]]:
    by_word = {fold_words(word): column for column, names in COLUMN_NAMES.items() for word in names}
    found: dict[str, int] = {}
    ignored = []
    for position, title in enumerate(header):
        column = by_word.get(fold_words(title))
        if column is None or column in found:
            if title.strip():
                ignored.append(title.strip())
            continue
        found[column] = position
    if "what" not in found:
        raise DiaryError(f"{name} has no column that says what happened.", hint=FORMAT_HINT)
    if "when" not in found and not ("date" in found and "time" in found):
        raise DiaryError(f"{name} has no column with the date and time of each incident.", hint=FORMAT_HINT)
    return found, tuple(ignored)


def _read_row(case: Case, columns: dict[str, int], width: int, cells: list[str], where_said: str) -> _Row:
    if any(cell.strip() for cell in cells[width:]):
        # a ";" or "," inside an unquoted cell shifted every cell after it
        raise DiaryError(f"{where_said} has more cells than the first row has columns.",
                         hint="Nothing was imported. Put text that contains the separator between double quotes.")
    def cell(column: str) -> str:
        position = columns.get(column)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    when_text = cell("when") if "when" in columns else f"{cell('date')} {cell('time')}".strip()
    try:
        when = read_when(when_text, case.tz)
        kind = read_kind(cell("kind")) if cell("kind") else DEFAULT_KIND
    except DiaryError as error:
        raise DiaryError(f"{where_said}: {error.message}", hint="Nothing was imported. " + (error.hint or "")) from None
    what = cell("what")
    if not what:
        raise DiaryError(f"{where_said} does not say what happened.", hint="Nothing was imported. Fill in the what column.")
    witnesses = read_witnesses(re.split(r"[;,]", cell("witnesses")))
    return _Row(when, what, cell("where"), kind, witnesses, cell("pv"))


def import_diary_csv(case: Case, path: Path) -> DiaryImport:
    """Add every row of a diary CSV file to the case's diary, or none."""
    if not path.is_file():
        raise DiaryError(f"{path} is not a file.", hint="Check the name and the folder.")
    rows = _rows(_decode(path.read_bytes()))
    if not rows:
        raise DiaryError(f"{path.name} is empty.", hint=FORMAT_HINT)
    columns, ignored = _columns(rows[0][1], path.name)
    width = len(rows[0][1])
    entries = [_read_row(case, columns, width, cells, f"Row {line} of {path.name}") for line, cells in rows[1:]]
    added = known = 0
    stamp = diary.now_stamp()  # looked up on the module so that tests can fix the clock
    with case.store.transaction():
        for entry in entries:
            instant_us = to_us(entry.when.instant_utc)
            if find_same(case.store, instant_us, entry.what, entry.where, entry.kind) is not None:
                known += 1
                continue
            insert_entry(case.store, instant_us, entry.when.written, entry.what, entry.where, entry.kind,
                         json.dumps(list(entry.witnesses), ensure_ascii=False), entry.pv, stamp)
            added += 1
    return DiaryImport(added, known, ignored)
