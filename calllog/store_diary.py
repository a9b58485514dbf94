"""The diary's SQL (tables of schema version 2 in ``calllog.store``).

``diary_entries``: one row per incident; ``instant_us`` is microseconds
since 1970 UTC, ``written`` the local wall-clock text the user gave
("2026-02-03 18:30"), ``witnesses`` a JSON list of names, ``recorded_at``
when the entry was made (UTC ISO 8601). Entries are never deleted.

``diary_history``: for every change, the field's earlier value (as text;
``witnesses`` as JSON, ``when`` as the earlier written text) and when it
was replaced. ``diary_evidence``: files kept in ``originals/`` for an
entry, by name, SHA-256 and size.

Callers hold the transaction (``Store.transaction()``) around writes.
"""

from __future__ import annotations

import sqlite3

from calllog.store import Store

# the public name of a field -> its column; "evidence" is its own table
EDITABLE_COLUMNS: dict[str, str] = {
    "what": "what", "where": "place", "kind": "kind", "witnesses": "witnesses", "pv": "pv",
}


def insert_entry(
    store: Store, instant_us: int, written: str, what: str, place: str, kind: str, witnesses_json: str, pv: str,
    recorded_at: str,
) -> int:
    cursor = store.conn.execute(
        "INSERT INTO diary_entries (instant_us, written, what, place, kind, witnesses, pv, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (instant_us, written, what, place, kind, witnesses_json, pv, recorded_at),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def entry_row(store: Store, entry_id: int) -> sqlite3.Row | None:
    return store.conn.execute("SELECT * FROM diary_entries WHERE id = ?", (entry_id,)).fetchone()


def entry_rows(store: Store) -> list[sqlite3.Row]:
    """Every entry in the order things happened (then the order written)."""
    return list(store.conn.execute("SELECT * FROM diary_entries ORDER BY instant_us, id"))


def find_same(store: Store, instant_us: int, what: str, place: str, kind: str) -> int | None:
    """The id of an entry that already says exactly this, if any (a diary
    file imported twice adds nothing the second time)."""
    row = store.conn.execute(
        "SELECT id FROM diary_entries WHERE instant_us = ? AND what = ? AND place = ? AND kind = ? "
        "ORDER BY id LIMIT 1",
        (instant_us, what, place, kind),
    ).fetchone()
    return None if row is None else int(row["id"])


def change_field(store: Store, entry_id: int, field: str, value: str, changed_at: str) -> bool:
    """Set one editable field, keeping its earlier value in the history.
    False when the value is what it was already (no history row then)."""
    column = EDITABLE_COLUMNS[field]
    row = entry_row(store, entry_id)
    assert row is not None
    if row[column] == value:
        return False
    _remember(store, entry_id, field, row[column], changed_at)
    store.conn.execute(f"UPDATE diary_entries SET {column} = ? WHERE id = ?", (value, entry_id))
    return True


def change_when(store: Store, entry_id: int, instant_us: int, written: str, changed_at: str) -> bool:
    row = entry_row(store, entry_id)
    assert row is not None
    if row["instant_us"] == instant_us and row["written"] == written:
        return False
    _remember(store, entry_id, "when", row["written"], changed_at)
    store.conn.execute(
        "UPDATE diary_entries SET instant_us = ?, written = ? WHERE id = ?", (instant_us, written, entry_id)
    )
    return True


def note_evidence_added(store: Store, entry_id: int, earlier_names_json: str, changed_at: str) -> None:
    """Evidence is only ever added; the history says what there was before."""
    _remember(store, entry_id, "evidence", earlier_names_json, changed_at)


def _remember(store: Store, entry_id: int, field: str, earlier: str, changed_at: str) -> None:
    store.conn.execute(
        "INSERT INTO diary_history (entry_id, field, earlier, changed_at) VALUES (?, ?, ?, ?)",
        (entry_id, field, earlier, changed_at),
    )


def history_rows(store: Store, entry_id: int) -> list[sqlite3.Row]:
    return list(
        store.conn.execute(
            "SELECT field, earlier, changed_at FROM diary_history WHERE entry_id = ? ORDER BY rowid", (entry_id,)
        )
    )


def add_evidence(store: Store, entry_id: int, name: str, sha256: str, size: int) -> None:
    store.conn.execute(
        "INSERT INTO diary_evidence (entry_id, name, sha256, size) VALUES (?, ?, ?, ?)",
        (entry_id, name, sha256, size),
    )


def evidence_rows(store: Store, entry_id: int) -> list[sqlite3.Row]:
    return list(
        store.conn.execute(
            "SELECT name, sha256, size FROM diary_evidence WHERE entry_id = ? ORDER BY rowid", (entry_id,)
        )
    )


def all_evidence_rows(store: Store) -> list[sqlite3.Row]:
    """Every evidence file of the diary (for a manifest or a verification)."""
    return list(store.conn.execute("SELECT entry_id, name, sha256, size FROM diary_evidence ORDER BY rowid"))

