"""Rows given column by column reach SQLite as they were given; only NULL,
plain text and whole numbers the caller names are written as literals."""

from __future__ import annotations

import sqlite3

import pytest

from calllog.bulk_insert import constant_literal, insert_columns


@pytest.mark.parametrize("values, literal", [
    ([None, None], "NULL"),
    (["[]", "[]", "[]"], "'[]'"),
    (["call"], "'call'"),
    ([None, "x"], None),
    (["a", "b"], None),
    (["it's"] * 3, None),  # a quote: bound, never spelled into SQL
    (["'); DROP TABLE t; --"] * 2, None),
    ([1, 1], None),  # numbers only as named constants: 1 == 1.0 == True
    ([], None),
])
def test_only_plain_constant_values_become_literals(values: list[object], literal: str | None) -> None:
    assert constant_literal(values) == literal


def table() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, source_id INTEGER, kind TEXT, note TEXT, amount REAL)")
    return conn


def test_rows_are_stored_as_given_whichever_columns_are_constant() -> None:
    conn = table()
    hostile = "x'); DROP TABLE t; --"
    insert_columns(conn, "t", {"id": [1, 2, 3], "kind": ["call"] * 3, "note": [None, hostile, "é"],
                               "amount": [1.0, 1, True]}, {"source_id": 7})
    rows = conn.execute("SELECT id, source_id, kind, note, amount, typeof(amount) FROM t ORDER BY id").fetchall()
    assert rows == [(1, 7, "call", None, 1.0, "real"), (2, 7, "call", hostile, 1.0, "real"),
                    (3, 7, "call", "é", 1.0, "real")]


def test_every_column_constant_still_gives_one_row_per_position() -> None:
    conn = table()
    insert_columns(conn, "t", {"kind": ["sms"] * 4, "note": [None] * 4})
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM t WHERE kind = 'sms'").fetchone() == (4, 4)


@pytest.mark.parametrize("table_name, columns, constants, message", [
    ("t; DROP", {"id": [1]}, {}, "not a plain table or column name"),
    ("t", {"id": [1, 2], "kind": ["a"]}, {}, "different lengths"),
    ("t", {"id": [1]}, {"source_id": "1; DROP"}, "whole numbers"),
])
def test_names_lengths_and_constants_are_checked(table_name: str, columns: dict[str, list[object]],
                                                 constants: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        insert_columns(table(), table_name, columns, constants)  # type: ignore[arg-type]
