"""iPhone backup folders (Manifest.db + hashed files) and the iPhone address book.

Backups and address books here are SYNTHETIC, made by
tests/data/ios/build_synthetic.py; the expected address-book cards were
written by hand from its rows.
"""

from __future__ import annotations

import plistlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from calllog.errors import ImportFailed
from calllog.importers.base import Importer
from calllog.importers.ios_addressbook import IosAddressBookImporter
from calllog.importers.ios_backup import BackupFile, backup_files, file_id, is_ios_backup
from calllog.importers.ios_calls import IosCallHistoryImporter
from calllog.importers.sbr import SbrCallsImporter, SbrMessagesImporter
from calllog.importers.table import TableImporter
from calllog.model import ContactCard
from tests.data.ios.build_synthetic import build_address_book, build_backup
from tests.golden import (
    context, digests, extract, head_of, load_expected, sbr_table_sample_and_real_files,
)

REPO = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data" / "ios"
REAL = REPO.parent / "shared" / "real-samples"
BOOK = IosAddressBookImporter()
CALLS_ID = "5a4935c78a5255723f707230a451d79c540d2741"
SMS_ID = "3d0d7e5fb2ce288813306e4d4636395e047a3d28"
BOOK_ID = "31bb7ba8914766d4ba40d6dfb6113c8b614be442"


# ---- file ids ------------------------------------------------------------------------


@pytest.mark.parametrize(("relative_path", "want"), [  # handset-formats.md §3, checked against mvt's Manifest.db
    ("Library/SMS/sms.db", SMS_ID),
    ("Library/CallHistoryDB/CallHistory.storedata", CALLS_ID),
    ("Library/AddressBook/AddressBook.sqlitedb", BOOK_ID),
])
def test_file_ids_are_the_documented_ones(relative_path: str, want: str) -> None:
    assert file_id("HomeDomain", relative_path) == want


def test_the_old_call_history_id_follows_the_same_rule() -> None:
    # avi.alkalay.net 2011, quoted in handset-formats.md §3
    assert file_id("WirelessDomain", "Library/CallHistory/call_history.db") == "2b2b0084a1bc3a5ac8c27afdf14afb42c61a19ca"


# ---- finding the files -------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["modern", "flat"])
@pytest.mark.parametrize("manifest", ["db", "none"])
def test_the_three_databases_are_found(tmp_path: Path, layout: str, manifest: str) -> None:
    folder = build_backup(tmp_path / "00008101-FICTIONAL", layout=layout, manifest=manifest)
    assert is_ios_backup(folder)

    def hashed(found_id: str) -> Path:
        return folder / found_id[:2] / found_id if layout == "modern" else folder / found_id

    wal_id = file_id("HomeDomain", "Library/CallHistoryDB/CallHistory.storedata-wal")
    shm_id = file_id("HomeDomain", "Library/CallHistoryDB/CallHistory.storedata-shm")
    assert backup_files(folder) == [
        BackupFile("call history", "CallHistory.storedata", hashed(CALLS_ID), "ios-calls",
                   {"-wal": hashed(wal_id), "-shm": hashed(shm_id)}),
        BackupFile("messages", "sms.db", hashed(SMS_ID), "ios-messages", {}),
        BackupFile("address book", "AddressBook.sqlitedb", hashed(BOOK_ID), "ios-addressbook", {}),
    ]


def test_finding_the_files_changes_nothing_in_the_backup(tmp_path: Path) -> None:
    folder = build_backup(tmp_path / "backup")
    before = digests(folder, recursive=True)
    backup_files(folder)
    assert digests(folder, recursive=True) == before


def test_what_the_manifest_does_not_list_is_not_taken(tmp_path: Path) -> None:
    folder = build_backup(tmp_path / "backup", include=("calls",))
    # a stray file at the address book's id, which the manifest does not list
    (folder / BOOK_ID[:2]).mkdir()
    shutil.copyfile(folder / CALLS_ID[:2] / CALLS_ID, folder / BOOK_ID[:2] / BOOK_ID)
    assert [f.role for f in backup_files(folder)] == ["call history"]


def test_a_file_listed_but_missing_is_left_out(tmp_path: Path) -> None:
    folder = build_backup(tmp_path / "backup")
    (folder / SMS_ID[:2] / SMS_ID).unlink()
    assert [f.name for f in backup_files(folder)] == ["CallHistory.storedata", "AddressBook.sqlitedb"]


def test_a_manifest_id_that_differs_from_the_hash_is_followed(tmp_path: Path) -> None:
    folder = build_backup(tmp_path / "backup")
    moved = "ab" + "0" * 38
    (folder / "ab").mkdir()
    (folder / SMS_ID[:2] / SMS_ID).rename(folder / "ab" / moved)
    with sqlite3.connect(folder / "Manifest.db") as conn:
        conn.execute("UPDATE Files SET fileID = ? WHERE fileID = ?", (moved, SMS_ID))
    conn.close()
    [messages] = [f for f in backup_files(folder) if f.role == "messages"]
    assert messages.path == folder / "ab" / moved


def test_a_backup_without_any_of_the_three_says_so(tmp_path: Path) -> None:
    folder = build_backup(tmp_path / "backup", include=())
    with pytest.raises(ImportFailed, match=r"^The iPhone backup in backup holds no call history, messages or contacts"):
        backup_files(folder)


@pytest.mark.parametrize("make", ["nothing", "file", "other files"])
def test_a_folder_without_a_manifest_is_not_a_backup(tmp_path: Path, make: str) -> None:
    folder = tmp_path / "folder"
    if make == "file":
        folder.write_bytes(b"Manifest.db")
    else:
        folder.mkdir()
        if make == "other files":
            (folder / "calls.xml").write_text("<calls/>", encoding="utf-8")
            (folder / "Manifest.mbdb").write_bytes(b"mbdb\x05\x00")
    assert not is_ios_backup(folder)
    assert not is_ios_backup(tmp_path / "missing")
    with pytest.raises(ImportFailed, match="is not an iPhone backup: it has no Manifest.db or Manifest.plist"):
        backup_files(folder)


# ---- encrypted and damaged backups ---------------------------------------------------------


@pytest.mark.parametrize("manifest", ["db", "none"])
def test_an_encrypted_backup_is_refused_with_how_to_make_a_readable_one(tmp_path: Path, manifest: str) -> None:
    folder = build_backup(tmp_path / "backup", encrypted=True, manifest=manifest)
    assert is_ios_backup(folder)
    with pytest.raises(ImportFailed) as caught:
        backup_files(folder)
    assert caught.value.message == (
        "The iPhone backup in backup is encrypted, and calllog cannot read encrypted backups."
    )
    assert caught.value.hint is not None and "untick 'Encrypt local backup'" in caught.value.hint


def test_a_manifest_db_that_is_not_sqlite_is_taken_for_encrypted(tmp_path: Path) -> None:
    folder = build_backup(tmp_path / "backup", manifest="garbage")
    (folder / "Manifest.plist").unlink()
    with pytest.raises(ImportFailed, match=r"^The iPhone backup in backup looks encrypted \(its Manifest.db is not a database calllog can open\), "
                       r"and calllog cannot read encrypted backups\.$") as caught:
        backup_files(folder)
    assert caught.value.hint is not None and "Back Up Now" in caught.value.hint


@pytest.mark.parametrize("content", [b"bplist00 damaged", b"<?xml version='1.0'?><plist><dict><key>", b"",
                                     plistlib.dumps(["IsEncrypted"]), plistlib.dumps({"IsEncrypted": "yes?"})])
def test_an_unreadable_plist_defers_to_the_manifest_db(tmp_path: Path, content: bytes) -> None:
    folder = build_backup(tmp_path / "backup")
    (folder / "Manifest.plist").write_bytes(content)
    assert len(backup_files(folder)) == 3


def test_an_xml_plist_that_says_encrypted_is_refused(tmp_path: Path) -> None:
    folder = build_backup(tmp_path / "backup")
    (folder / "Manifest.plist").write_bytes(plistlib.dumps({"IsEncrypted": True}, fmt=plistlib.FMT_XML))
    with pytest.raises(ImportFailed, match="is encrypted"):
        backup_files(folder)


def test_a_manifest_db_without_its_table_is_damaged(tmp_path: Path) -> None:
    folder = build_backup(tmp_path / "backup")
    (folder / "Manifest.db").unlink()
    with sqlite3.connect(folder / "Manifest.db") as conn:
        conn.execute("CREATE TABLE Properties (key TEXT PRIMARY KEY, value BLOB)")
    conn.close()
    with pytest.raises(ImportFailed, match=r"Manifest.db of the iPhone backup in backup is damaged") as caught:
        backup_files(folder)
    assert caught.value.hint == "Make the backup again and import the new backup folder."


# ---- the found files read as the pipeline will read them ------------------------------------


def _as_the_pipeline_keeps_it(found: BackupFile, folder: Path) -> Path:
    """Copy the hashed file under its own name, its companions beside it."""
    folder.mkdir()
    kept = folder / found.name
    shutil.copyfile(found.path, kept)
    for suffix, companion in found.companions.items():
        shutil.copyfile(companion, folder / (found.name + suffix))
    return kept


def test_the_call_history_in_a_backup_is_read_with_its_wal(tmp_path: Path) -> None:
    [calls, _, book] = backup_files(build_backup(tmp_path / "backup"))
    importer = IosCallHistoryImporter()
    assert importer.identify(calls.path, head_of(calls.path))
    kept = _as_the_pipeline_keeps_it(calls, tmp_path / "kept")
    records = list(importer.extract(kept, context()))
    assert [r.locator for r in records] == [f"ZCALLRECORD Z_PK {n}" for n in (1, 2, 3, 4)]
    assert BOOK.identify(book.path, head_of(book.path))
    assert list(BOOK.extract(book.path, context())) == []  # the backup's address book is empty


# ---- the address book -------------------------------------------------------------------------


def test_address_book_gives_the_hand_written_cards(tmp_path: Path) -> None:
    path = build_address_book(tmp_path / "AddressBook.sqlitedb")
    want = load_expected(DATA / "addressbook-synthetic.expected.json")["items"]
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert extract(BOOK, path, gives=ContactCard) == want
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert set(BOOK.companions(path)) == {"-wal", "-shm"}


def test_address_book_is_claimed_by_content_only(tmp_path: Path) -> None:
    path = build_address_book(tmp_path / "contacts.bin")
    assert BOOK.identify(path, head_of(path))
    for other in (IosCallHistoryImporter(), SbrCallsImporter(), SbrMessagesImporter(), TableImporter()):
        assert not other.identify(path, head_of(path)), other.name


def test_an_address_book_without_values_fails_with_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "AddressBook.sqlitedb"
    with sqlite3.connect(path) as conn:
        conn.executescript("CREATE TABLE ABPerson (ROWID INTEGER PRIMARY KEY, First TEXT);"
                           "CREATE TABLE ABMultiValue (UID INTEGER PRIMARY KEY, record_id INTEGER);")
    conn.close()
    assert BOOK.identify(path, head_of(path))
    with pytest.raises(ImportFailed, match=r"^AddressBook.sqlitedb is not an iPhone address book calllog can read"):
        list(BOOK.extract(path, context()))


def test_a_minimal_address_book_is_read(tmp_path: Path) -> None:
    path = tmp_path / "AddressBook.sqlitedb"
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE ABPerson (ROWID INTEGER PRIMARY KEY, Last TEXT);"
            "CREATE TABLE ABMultiValue (record_id INTEGER, property INTEGER, value);"
            "INSERT INTO ABPerson VALUES (9, ' Fictief ');"
            "INSERT INTO ABMultiValue VALUES (9, 3, X'2B3332343730303030313039'), (9, 3, NULL), (NULL, 3, '1');"
        )
    conn.close()
    assert list(BOOK.extract(path, context())) == [ContactCard("ABPerson ROWID 9", "Fictief", ("+32470000109",))]


@pytest.mark.parametrize("path", sbr_table_sample_and_real_files(), ids=lambda p: p.name)
def test_other_formats_are_not_taken_for_an_address_book(path: Path) -> None:
    assert not BOOK.identify(path, head_of(path))


@pytest.mark.parametrize("importer", [IosCallHistoryImporter(), IosAddressBookImporter()], ids=lambda i: i.name)
def test_the_real_ios_messages_database_is_neither(importer: Importer) -> None:
    path = REAL / "ios" / "magnet-ctf-2020-ios13-sms.db"
    if not path.is_file():
        pytest.skip("shared/real-samples is absent")
    before = {p.name: p.stat().st_mtime_ns for p in path.parent.iterdir()}
    assert not importer.identify(path, head_of(path))
    assert {p.name: p.stat().st_mtime_ns for p in path.parent.iterdir()} == before
