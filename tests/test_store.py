"""The case store: migrations, names and their history."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from calllog.errors import CaseError
from calllog.schema import SCHEMA_VERSION
from calllog.store import NAME_RANK_ADDRESS_BOOK, NAME_RANK_SOURCE, NAME_RANK_USER, Store, migrate


def test_a_new_store_has_the_current_schema(tmp_path: Path) -> None:
    store = Store(tmp_path / "case.sqlite")
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"settings", "owners", "sources", "skips", "events", "event_sources", "names"} <= tables


def test_migrations_run_in_order_once_each(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "old.sqlite", isolation_level=None)
    steps = ["CREATE TABLE a (x INTEGER)", "ALTER TABLE a ADD COLUMN y TEXT; CREATE TABLE b (z INTEGER)"]
    assert migrate(conn, steps[:1]) == 0
    assert migrate(conn, steps) == 1  # an older case is brought up to date
    assert migrate(conn, steps) == 2  # and nothing runs twice
    assert [r[1] for r in conn.execute("PRAGMA table_info(a)")] == ["x", "y"]


def test_a_failed_migration_leaves_the_case_at_its_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "old.sqlite", isolation_level=None)
    migrate(conn, ["CREATE TABLE a (x INTEGER)"])
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, ["CREATE TABLE a (x INTEGER)", "CREATE TABLE b (z INTEGER); ALTER TABLE nope ADD y"])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'b'").fetchone() is None


def test_a_case_from_a_newer_calllog_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "new.sqlite", isolation_level=None)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(CaseError, match="made by a newer calllog"):
        migrate(conn)


def test_surer_names_win_and_replaced_names_are_kept(tmp_path: Path) -> None:
    store = Store(tmp_path / "case.sqlite")
    party = "+32470000066"
    assert store.set_name(party, "J.", "calls.xml", NAME_RANK_SOURCE)
    assert not store.set_name(party, "Jens phone", "sms.xml", NAME_RANK_SOURCE)  # first cached name stays
    assert store.set_name(party, "Jens", "contacts.vcf", NAME_RANK_ADDRESS_BOOK)
    assert store.set_name(party, "Jens V.", "contacts-2026.vcf", NAME_RANK_ADDRESS_BOOK)  # a newer book updates
    assert not store.set_name(party, "Jens", "backup.xml", NAME_RANK_SOURCE)  # a cache never beats a book
    assert store.set_name(party, "Ex-partner", "calllog person", NAME_RANK_USER)
    assert not store.set_name(party, "Jens", "contacts-2027.vcf", NAME_RANK_ADDRESS_BOOK)
    assert store.names() == {party: "Ex-partner"}
    assert store.name_history(party) == [
        ("J.", "calls.xml", "contacts.vcf"),
        ("Jens", "contacts.vcf", "contacts-2026.vcf"),
        ("Jens V.", "contacts-2026.vcf", "calllog person"),
    ]
