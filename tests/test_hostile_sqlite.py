"""SQLite files that fight back: a database another program holds locked or
is half-way through changing, a crafted iPhone backup manifest, and a case
store that is busy or damaged."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import calllog.store
from tests.hostile.harness import Workspace
from tests.hostile.make_corpus import call_database


@pytest.fixture
def writer() -> Iterator[list[sqlite3.Connection]]:
    """Connections a test opens as "another program"; rolled back and closed at the end."""
    opened: list[sqlite3.Connection] = []
    yield opened
    for conn in opened:
        if conn.in_transaction:
            conn.rollback()
        conn.close()


def test_a_database_another_program_holds_locked_is_read_as_last_committed(
    workspace: Workspace, writer: list[sqlite3.Connection]
) -> None:
    """The other program's exclusive lock does not make calllog wait: calllog
    reads a copy and never asks SQLite for a lock on the person's file. What
    it reads is the database as last committed; the change in progress
    (still in the other program's memory) is not in it."""
    path = call_database(workspace.inputs / "calllog.db")
    other = sqlite3.connect(path, isolation_level=None)
    writer.append(other)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO calls (number, date, duration, type) VALUES ('+32470990099', 1770753600000, 0, 3)")
    result = workspace.import_files(path)
    assert result.exit_code == 0
    assert result.output == (
        "calllog.db (android-calls): 8 read, 7 new, 0 already known, 1 skipped.\n"
        "Skipped records are listed with their reason by 'calllog sources'.\n"
    )
    _, parties = workspace.documents()
    assert [p["party"] for p in parties["parties"]] == ["+32470990030"]


def test_a_database_half_way_through_a_change_is_refused(
    workspace: Workspace, writer: list[sqlite3.Connection]
) -> None:
    """When the other program has started to write its change into the file
    (SQLite then writes the journal's header), the file holds half a
    transaction: refused, with what to do."""
    path = call_database(workspace.inputs / "calllog.db", rows=400)
    other = sqlite3.connect(path, isolation_level=None)
    writer.append(other)
    other.execute("PRAGMA cache_size = 2")  # make SQLite spill the change into the file
    other.execute("BEGIN EXCLUSIVE")
    other.execute("UPDATE calls SET number = '+32470990098'")
    before = workspace.snapshot()
    result = workspace.import_files(path)
    assert result.exit_code == 1
    assert result.output == (
        "calllog.db: not imported. It is being changed by another program, or was left half changed "
        "(see calllog.db-journal beside it); calllog cannot tell which of its rows are complete. Close the "
        "program that uses the database, wait until it has finished, and import it again.\n"
    )
    workspace.assert_unchanged_since(before)


def test_an_old_finished_journal_beside_a_database_is_no_obstacle(workspace: Workspace) -> None:
    path = call_database(workspace.inputs / "calllog.db")
    (workspace.inputs / "calllog.db-journal").write_bytes(bytes(512))  # journal_mode=PERSIST leaves this
    assert workspace.import_files(path).exit_code == 0


def _manifest(folder: Path, rows: list[tuple[str, str, str, int]]) -> None:
    with sqlite3.connect(folder / "Manifest.db") as conn:
        conn.execute("CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, flags INTEGER, file BLOB)")
        conn.executemany("INSERT INTO Files (fileID, domain, relativePath, flags) VALUES (?, ?, ?, ?)", rows)
    conn.close()


def test_a_backup_manifest_never_leads_calllog_outside_the_backup(workspace: Workspace) -> None:
    """A crafted Manifest.db names files by "../" paths, or the backup holds
    a link to a file elsewhere: neither is read (the same database beside
    the backup would have been a call history calllog reads)."""
    backup = workspace.inputs / "00008030-FICTIONAL"
    backup.mkdir()
    elsewhere = workspace.root / "elsewhere"
    elsewhere.mkdir()
    call_database(elsewhere / "sms")
    call_database(elsewhere / "history")
    linked_id = hashlib.sha1(b"HomeDomain-Library/CallHistoryDB/CallHistory.storedata").hexdigest()
    (backup / linked_id[:2]).mkdir()
    (backup / linked_id[:2] / linked_id).symlink_to(elsewhere / "history")
    _manifest(backup, [
        ("../../elsewhere/sms", "HomeDomain", "Library/SMS/sms.db", 1),
        (str(elsewhere / "sms"), "HomeDomain", "Library/AddressBook/AddressBook.sqlitedb", 1),
        (linked_id, "HomeDomain", "Library/CallHistoryDB/CallHistory.storedata", 1),
    ])
    before = workspace.snapshot()
    result = workspace.import_files(backup)
    assert result.exit_code == 1
    assert result.output == (
        "00008030-FICTIONAL: not imported. The iPhone backup in 00008030-FICTIONAL holds no call history, "
        "messages or contacts calllog can read. Check that the folder is a complete copy of the backup.\n"
    )
    workspace.assert_unchanged_since(before)


def test_a_case_another_calllog_is_writing_to_is_refused_after_waiting(
    workspace: Workspace, writer: list[sqlite3.Connection], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workspace.specimen("calls_odd_types")
    monkeypatch.setattr(calllog.store, "BUSY_TIMEOUT_S", 0.2)  # 60 s in real life
    other = sqlite3.connect(workspace.case_dir / "case.sqlite", isolation_level=None)
    writer.append(other)
    other.execute("BEGIN IMMEDIATE")  # what an import holds while it stores
    result = workspace.import_files(path)
    assert result.exit_code == 1
    assert result.output == (
        f"calls-odd-types.xml: not imported. The case in {workspace.case_dir} is busy: another calllog command "
        "is writing to it. Wait until it has finished, then run this command again. Nothing was changed.\n"
    )
    other.rollback()
    assert workspace.documents()[0]["sources"] == []
    assert list((workspace.case_dir / "originals").iterdir()) == []
    assert workspace.import_files(path).exit_code == 0


def test_a_damaged_case_store_is_named_not_shown_as_a_traceback(workspace: Workspace) -> None:
    store = workspace.case_dir / "case.sqlite"
    store.write_bytes(b"this is not a database, fictional damage " * 100)
    result = workspace.run("sources")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {store} is damaged: it is not a calllog case store that can be read (file is not a database).\n"
        "Hint: Restore the case folder from a backup copy.\n"
    )


def test_a_wal_database_another_program_is_writing_to_is_read_as_last_committed(
    workspace: Workspace, writer: list[sqlite3.Connection]
) -> None:
    """The same with a write-ahead log (how Android keeps calllog.db): the
    -wal and -shm are copied and kept with it; rows not yet committed in the
    log are not read."""
    path = call_database(workspace.inputs / "calllog.db")
    other = sqlite3.connect(path, isolation_level=None)
    writer.append(other)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("INSERT INTO calls (number, date, duration, type) VALUES ('+32470990032', 1770753600000, 0, 3)")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO calls (number, date, duration, type) VALUES ('+32470990099', 1770753600000, 0, 3)")
    result = workspace.import_files(path)
    assert result.output.startswith("calllog.db (android-calls): 9 read, 8 new, 0 already known, 1 skipped.\n")
    _, parties = workspace.documents()
    assert sorted(p["party"] for p in parties["parties"]) == ["+32470990030", "+32470990032"]
    kept = sorted(p.name.split(".", 1)[1] for p in (workspace.case_dir / "originals").iterdir())
    assert kept == ["db", "dbshm", "dbwal"]  # the database, its -shm and its -wal
