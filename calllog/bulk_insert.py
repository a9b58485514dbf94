"""Inserting many rows given column by column into SQLite.

``executemany`` binds every value of every row one by one, and binding is
most of what a million-row insert costs. A column that holds one value on
every row (the source id; no text, no attachments in an operator table) is
written once into the statement as a literal instead, and the rows only
bind the columns that vary.

Only values whose SQL spelling is beyond doubt become literals: NULL, whole
numbers, and short text of letters, digits and a few signs. Anything else,
and everything a file's author wrote, is bound as a parameter.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

_PLAIN_TEXT = re.compile(r"[A-Za-z0-9 _.:+\-\[\]]{0,40}")
_NAME = re.compile(r"[a-z_]+")


def constant_literal(values: Sequence[Any]) -> str | None:
    """The SQL literal of the one value every element of ``values`` holds,
    or None when they differ or the value is not plainly spelled. Only
    NULL and plain text are looked for: a whole number equals a float and
    a bool, which SQLite would store differently (give those as
    ``constants`` to ``insert_columns``)."""
    if not values:
        return None
    first = values[0]
    if first is None:
        return "NULL" if values.count(None) == len(values) else None
    if type(first) is str and _PLAIN_TEXT.fullmatch(first) and values.count(first) == len(values):
        return f"'{first}'"  # only a str equals a str
    return None


def insert_columns(
    conn: sqlite3.Connection, table: str, columns: Mapping[str, Sequence[Any]], constants: Mapping[str, int] = {}
) -> None:
    """Insert one row per position of the (equally long) ``columns``; the
    ``constants`` (whole numbers) are the same on every row."""
    names = [*columns, *constants]
    if not _NAME.fullmatch(table) or not all(_NAME.fullmatch(name) for name in names):
        raise ValueError(f"not a plain table or column name: {table} {names}")
    if not all(type(value) is int for value in constants.values()):
        raise ValueError(f"constants must be whole numbers: {dict(constants)}")
    lengths = {len(values) for values in columns.values()}
    if len(lengths) != 1:
        raise ValueError(f"columns of different lengths for {table}: {sorted(lengths)}")
    rows = lengths.pop()
    if not rows:
        return
    slots: list[str] = []
    varying: list[Sequence[Any]] = []
    for name, values in columns.items():
        literal = constant_literal(values)
        if literal is None:
            slots.append("?")
            varying.append(values)
        else:
            slots.append(literal)
    slots.extend(str(value) for value in constants.values())
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(slots)})"
    conn.executemany(sql, zip(*varying) if varying else [()] * rows)
