"""Builders of SYNTHETIC iPhone databases and backup folders, for tests.

No clean public ``CallHistory.storedata`` exists (the only one found holds
real people's calls), so these files are made here from the schemas in
``shared/reference/handset-formats.md`` §3. Every number, name and address
in them is fictional. The expected outputs in this folder
(``*-synthetic.expected.json``) were written by hand from the rows below and
the format definition.

* ``build_call_history(path, variant)``: ``"text"`` has the iOS 17 column
  list (``ZADDRESS VARCHAR``, group calls in ``ZHANDLE``); ``"blob"`` the iOS
  8 column list (``ZADDRESS BLOB``, no ``ZSERVICE_PROVIDER``); ``"wal"``
  keeps two of its four rows only in ``CallHistory.storedata-wal``.
* ``build_address_book(path)``: ``AddressBook.sqlitedb``.
* ``build_backup(folder, ...)``: a Finder/iTunes backup folder with
  ``Manifest.plist``, ``Manifest.db`` and the hashed files, modern
  (``5a/5a49...``) or flat (``5a49...``), optionally encrypted.

Run ``python tests/data/ios/build_synthetic.py DIR`` to write them all into
``DIR`` for a look with ``sqlite3``.
"""

from __future__ import annotations

import hashlib
import plistlib
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

# --- CallHistory.storedata ---------------------------------------------------------

# the iOS 17 column list (handset-formats.md §3) plus ZINITIATOR of newer builds
IOS17_CALLRECORD = """
CREATE TABLE ZCALLRECORD ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZANSWERED INTEGER,
  ZCALL_CATEGORY INTEGER, ZCALLTYPE INTEGER, ZDISCONNECTED_CAUSE INTEGER, ZFACE_TIME_DATA INTEGER,
  ZFILTERED_OUT_REASON INTEGER, ZHANDLE_TYPE INTEGER, ZJUNKCONFIDENCE INTEGER, ZNUMBER_AVAILABILITY INTEGER,
  ZORIGINATED INTEGER, ZREAD INTEGER, ZVERIFICATIONSTATUS INTEGER, ZINITIATOR INTEGER, ZDATE TIMESTAMP,
  ZDURATION FLOAT, ZADDRESS VARCHAR, ZISO_COUNTRY_CODE VARCHAR, ZLOCATION VARCHAR, ZNAME VARCHAR,
  ZSERVICE_PROVIDER VARCHAR, ZUNIQUE_ID VARCHAR, ZLOCALPARTICIPANTUUID VARCHAR,
  ZOUTGOINGLOCALPARTICIPANTUUID VARCHAR, ZPARTICIPANTGROUPUUID VARCHAR, ZIMAGEURL VARCHAR,
  ZHASMESSAGE INTEGER, ZJUNKIDENTIFICATIONCATEGORY VARCHAR, ZCONVERSATIONID VARCHAR );
CREATE INDEX Z_CallRecord_date ON ZCALLRECORD (ZDATE COLLATE BINARY ASC);
CREATE TABLE ZHANDLE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZTYPE INTEGER,
  ZNORMALIZEDVALUE VARCHAR, ZVALUE VARCHAR );
CREATE TABLE Z_2REMOTEPARTICIPANTHANDLES ( Z_2REMOTEPARTICIPANTCALLS INTEGER,
  Z_4REMOTEPARTICIPANTHANDLES INTEGER, PRIMARY KEY (Z_2REMOTEPARTICIPANTCALLS, Z_4REMOTEPARTICIPANTHANDLES) );
CREATE TABLE ZCALLDBPROPERTIES ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZTIMER_ALL FLOAT,
  ZTIMER_INCOMING FLOAT, ZTIMER_LAST FLOAT, ZTIMER_LIFETIME FLOAT, ZTIMER_OUTGOING FLOAT );
CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER);
CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB);
CREATE TABLE Z_MODELCACHE (Z_CONTENT BLOB);
"""

# the iOS 8 column list: ZDEVICE_ID, ZADDRESS BLOB, no service provider or category
IOS8_CALLRECORD = """
CREATE TABLE ZCALLRECORD ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZANSWERED INTEGER,
  ZCALLTYPE INTEGER, ZDISCONNECTED_CAUSE INTEGER, ZFACE_TIME_DATA INTEGER, ZNUMBER_AVAILABILITY INTEGER,
  ZORIGINATED INTEGER, ZREAD INTEGER, ZDATE TIMESTAMP, ZDURATION FLOAT, ZDEVICE_ID VARCHAR,
  ZISO_COUNTRY_CODE VARCHAR, ZLOCATION VARCHAR, ZNAME VARCHAR, ZUNIQUE_ID VARCHAR, ZADDRESS BLOB );
CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER);
CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB);
"""

IOS17_COLUMNS = (
    "Z_PK", "ZDATE", "ZDURATION", "ZORIGINATED", "ZANSWERED", "ZCALLTYPE", "ZSERVICE_PROVIDER",
    "ZCALL_CATEGORY", "ZNUMBER_AVAILABILITY", "ZADDRESS", "ZNAME", "ZINITIATOR",
)
TEL, FT = "com.apple.Telephony", "com.apple.FaceTime"

# (Z_PK, ZDATE, ZDURATION, ZORIGINATED, ZANSWERED, ZCALLTYPE, ZSERVICE_PROVIDER,
#  ZCALL_CATEGORY, ZNUMBER_AVAILABILITY, ZADDRESS, ZNAME, ZINITIATOR); fictional
TEXT_ROWS: list[tuple[Any, ...]] = [
    (1, 790158600.25, 62.5, 0, 1, 1, TEL, 1, 0, "+32470000101", "Fictional Caller", None),
    (2, 790162200, 0.0, 0, 0, 1, TEL, 1, 0, "0470000102", "", None),
    (3, 790171200.5, 15.0, 1, 0, 1, TEL, 1, 0, "+32470000103", None, None),
    (4, 790171500.5, 0.0, 1, 0, 1, TEL, 1, 0, "+32470000103", None, None),
    (5, 790209900.5, 0.0, 0, 0, 1, TEL, 1, 1, "", None, None),
    (6, 790222200.5, 20.0, 0, 1, 1, TEL, 1, 2, None, None, None),
    (7, 790279200.5, 95.25, 0, 1, 8, FT, 2, 0, "fictional.caller@example.com", None, None),
    (8, 790281000.5, 30.0, 1, 0, 16, FT, 1, 0, "+32470000101", None, None),
    (9, 790326930.5, 0.0, 0, 0, 0, "net.whatsapp.WhatsApp", 1, 0, "+32470000101", None, None),
    (10, 790327200.5, 5.0, 0, 1, 0, "org.whispersystems.signal", 1, 0, "+32470000104", None, None),
    (11, 790372800.5, 12.0, 1, 0, 0, "org.example.FictionalPhone", 1, 0, "fictional-id-42", None, None),
    (12, None, 3.0, 0, 1, 1, TEL, 1, 0, "+32470000101", None, None),
    (13, 1e300, 3.0, 0, 1, 1, TEL, 1, 0, "+32470000101", None, None),
    (14, 790455600.5, 300.0, 1, 0, 16, FT, 1, 0, None, None, None),
    (15, 790459200.5, 60.0, 0, 1, 8, FT, 2, 0, None, None, 2),
    (16, 0, 1.0, 0, 1, 1, TEL, 1, 0, "+32470000101", None, None),
    (17, 790498799.5, None, 0, None, None, TEL, None, None, "+32470000105", None, None),
    (18, 790509600.5, 45.0, 0, 1, 16, FT, 1, 0, "", None, None),
    (19, 790513200.5, 8.0, 1, 0, 16, FT, 1, 0, None, None, None),
]
# (Z_PK, ZTYPE, ZVALUE) and (call, handle): the people of the calls without ZADDRESS
TEXT_HANDLES = [(1, 2, "+32470000106"), (2, 3, "fictional.friend@example.com"), (3, 2, "+32470000107")]
TEXT_GROUPS = [(14, 1), (14, 2), (15, 2), (15, 3), (18, 3), (18, 1), (19, 3)]

BLOB_COLUMNS = ("Z_PK", "ZDATE", "ZDURATION", "ZORIGINATED", "ZANSWERED", "ZCALLTYPE",
                "ZNUMBER_AVAILABILITY", "ZADDRESS", "ZNAME")
BLOB_ROWS: list[tuple[Any, ...]] = [
    (1, 422466061.5, 42.0, 0, 1, 1, 0, b"+32470000101", "Fictional Caller"),
    (2, 422467200, 0.0, 1, 0, 16, 0, b"0470000102", None),
    (3, 422529120.75, 0.0, 0, 0, 1, 1, b"", None),
    (4, 422532000.125, 7.0, 0, 1, 1, 0, b"+3247000\xff0105", None),
]

WAL_MAIN_ROWS: list[tuple[Any, ...]] = [
    (1, 791632800.5, 10.0, 0, 1, 1, TEL, 1, 0, "+32470000101", None, None),
    (2, 791636400.5, 0.0, 0, 0, 1, TEL, 1, 0, "+32470000101", None, None),
]
WAL_ONLY_ROWS: list[tuple[Any, ...]] = [
    (3, 791719200.5, 0.0, 0, 0, 1, TEL, 1, 0, "+32470000101", None, None),
    (4, 791722800.5, 0.0, 0, 0, 1, TEL, 1, 0, "+32470000101", None, None),
]


def _insert(conn: sqlite3.Connection, table: str, names: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    marks = ", ".join("?" for _ in names)
    conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)


def _write(path: Path, schema: str, main: Any, wal_only: Any = None) -> Path:
    """Make a SQLite file in WAL mode at ``path``. ``main(conn)`` fills what
    is checkpointed into the file; ``wal_only(conn)`` what stays in
    ``path-wal``: the files are copied while the connection that wrote them
    is still open, so the log is never folded back into the database."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        scratch = Path(work) / path.name
        conn = sqlite3.connect(scratch)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(schema)
            main(conn)
            conn.commit()
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            suffixes = [""]  # without wal_only: a WAL-mode file alone, as a backup often has it
            if wal_only is not None:
                conn.execute("PRAGMA wal_autocheckpoint=0")
                wal_only(conn)
                conn.commit()
                suffixes += ["-wal", "-shm"]
            for suffix in suffixes:
                shutil.copyfile(scratch.with_name(scratch.name + suffix), path.with_name(path.name + suffix))
        finally:
            conn.close()
    return path


def build_call_history(path: Path, variant: str = "text") -> Path:
    """A synthetic CallHistory.storedata: variant "text", "blob" or "wal"."""
    if variant == "blob":
        return _write(path, IOS8_CALLRECORD, lambda c: _insert(c, "ZCALLRECORD", BLOB_COLUMNS, BLOB_ROWS))

    def text(conn: sqlite3.Connection) -> None:
        _insert(conn, "ZCALLRECORD", IOS17_COLUMNS, TEXT_ROWS)
        _insert(conn, "ZHANDLE", ("Z_PK", "ZTYPE", "ZVALUE"), TEXT_HANDLES)
        _insert(conn, "Z_2REMOTEPARTICIPANTHANDLES",
                ("Z_2REMOTEPARTICIPANTCALLS", "Z_4REMOTEPARTICIPANTHANDLES"), TEXT_GROUPS)

    if variant == "text":
        return _write(path, IOS17_CALLRECORD, text)
    if variant == "wal":
        return _write(
            path, IOS17_CALLRECORD,
            lambda c: _insert(c, "ZCALLRECORD", IOS17_COLUMNS, WAL_MAIN_ROWS),
            lambda c: _insert(c, "ZCALLRECORD", IOS17_COLUMNS, WAL_ONLY_ROWS),
        )
    raise ValueError(f"unknown variant {variant!r}")


# --- AddressBook.sqlitedb ------------------------------------------------------------

# modelled on the iOS 12-17 tables, trimmed to the columns that matter here
ADDRESS_BOOK = """
CREATE TABLE ABPerson (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, First TEXT, Last TEXT, Middle TEXT,
  FirstPhonetic TEXT, MiddlePhonetic TEXT, LastPhonetic TEXT, Organization TEXT, Department TEXT,
  Note TEXT, Kind INTEGER, Birthday TEXT, JobTitle TEXT, Nickname TEXT, Prefix TEXT, Suffix TEXT,
  FirstSort TEXT, LastSort TEXT, CreationDate INTEGER, ModificationDate INTEGER,
  CompositeNameFallback TEXT, ExternalIdentifier TEXT, StoreID INTEGER, DisplayName TEXT, guid TEXT);
CREATE TABLE ABMultiValue (UID INTEGER PRIMARY KEY, record_id INTEGER, property INTEGER,
  identifier INTEGER, label INTEGER, value TEXT, guid TEXT);
CREATE TABLE ABMultiValueLabel (value TEXT, UNIQUE(value));
CREATE TABLE ABMultiValueEntry (parent_id INTEGER, key INTEGER, value TEXT);
CREATE TABLE ABMultiValueEntryKey (value TEXT, UNIQUE(value));
CREATE TABLE ABStore (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, Name TEXT, Type INTEGER);
"""
PERSON_COLUMNS = ("ROWID", "First", "Middle", "Last", "Organization", "Nickname", "Kind")
PERSONS: list[tuple[Any, ...]] = [
    (1, "Fictional", None, "Caller", None, None, 0),
    (2, None, None, None, "Fictional Garage BV", None, 1),
    (3, "Nobody", None, "Without-Numbers", None, None, 0),
    (4, None, None, None, None, None, 0),
    (5, None, None, None, None, "Fictional Nick", 0),
    (6, "Élodie", "M.", "Fictive", None, None, 0),
    (7, "Walter", None, "Only-In-Wal", None, None, 0),
]
LABELS = [("_$!<Mobile>!$_",), ("_$!<Home>!$_",), ("_$!<Work>!$_",)]
MULTI_COLUMNS = ("UID", "record_id", "property", "identifier", "label", "value")
# property 3 phone, 4 e-mail, 5 postal address (its value is NULL: the parts are in ABMultiValueEntry), 22 URL
MULTI_VALUES: list[tuple[Any, ...]] = [
    (1, 1, 4, 0, 2, "fictional.caller@example.com"),
    (2, 1, 3, 0, 1, "+32 470 00 01 01"),
    (3, 1, 5, 0, 2, None),
    (4, 1, 3, 1, 2, "0470 00 01 02"),
    (5, 1, 22, 0, 3, "https://example.com/fictional"),
    (6, 2, 3, 0, 3, "02 000 00 00"),
    (7, 4, 3, 0, 1, "0470000199"),
    (8, 5, 3, 0, 1, "0470000103"),
    (9, 5, 3, 1, 2, "0470000103"),
    (10, 6, 4, 0, 2, "elodie.fictive@example.com"),
    (11, 3, 22, 0, 3, "https://example.com/nobody"),
]
WAL_MULTI_VALUES: list[tuple[Any, ...]] = [(12, 7, 3, 0, 1, "+32470000108")]


def build_address_book(path: Path) -> Path:
    """A synthetic AddressBook.sqlitedb; contact 7 is only in its -wal."""

    def main(conn: sqlite3.Connection) -> None:
        conn.executemany("INSERT INTO ABMultiValueLabel (value) VALUES (?)", LABELS)
        _insert(conn, "ABPerson", PERSON_COLUMNS, PERSONS[:-1])
        _insert(conn, "ABMultiValue", MULTI_COLUMNS, MULTI_VALUES)

    def wal_only(conn: sqlite3.Connection) -> None:
        _insert(conn, "ABPerson", PERSON_COLUMNS, PERSONS[-1:])
        _insert(conn, "ABMultiValue", MULTI_COLUMNS, WAL_MULTI_VALUES)

    return _write(path, ADDRESS_BOOK, main, wal_only)


# --- a backup folder ------------------------------------------------------------------

HOME = "HomeDomain"
CALLS_PATH = "Library/CallHistoryDB/CallHistory.storedata"
SMS_PATH = "Library/SMS/sms.db"
CONTACTS_PATH = "Library/AddressBook/AddressBook.sqlitedb"
MINIMAL_SMS = "CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT); CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT);"
NOT_SQLITE = bytes(range(256)) * 64  # stands for encrypted bytes


def backup_id(domain: str, relative_path: str) -> str:
    return hashlib.sha1(f"{domain}-{relative_path}".encode()).hexdigest()


def _manifest_plist(encrypted: bool) -> bytes:
    return plistlib.dumps(
        {
            "BackupKeyBag": b"fictional",
            "Date": datetime(2026, 2, 3, 12, 0),  # plistlib writes naive times as UTC
            "IsEncrypted": encrypted,
            "Lockdown": {"DeviceName": "Fictional iPhone", "ProductVersion": "17.5.1",
                         "UniqueDeviceID": "0000fictional"},
            "SystemDomainsVersion": "24.0",
            "Version": "10.0",
            "WasPasscodeSet": True,
        },
        fmt=plistlib.FMT_BINARY,
    )


def build_backup(
    folder: Path, *, layout: str = "modern", manifest: str = "db", encrypted: bool = False,
    include: Sequence[str] = ("calls", "sms", "contacts"),
) -> Path:
    """A synthetic backup folder. ``layout`` "modern" puts each file in a
    subfolder named after the first two characters of its id, "flat" does
    not; ``manifest`` "db" writes Manifest.db, "none" only Manifest.plist
    (as before iOS 10, whose Manifest.mbdb calllog does not read) and
    "garbage" a Manifest.db that is not a database. ``encrypted`` sets
    IsEncrypted and writes bytes that are not SQLite."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Manifest.plist").write_bytes(_manifest_plist(encrypted))
    (folder / "Info.plist").write_bytes(plistlib.dumps({"Device Name": "Fictional iPhone"}))
    made: list[tuple[str, str, str, int, Path | None]] = []  # (fileID, domain, relativePath, flags, source)
    with tempfile.TemporaryDirectory() as work:
        scratch = Path(work)
        if "calls" in include:
            calls = build_call_history(scratch / "CallHistory.storedata", "wal")
            for suffix in ("", "-wal", "-shm"):
                made.append((backup_id(HOME, CALLS_PATH + suffix), HOME, CALLS_PATH + suffix, 1,
                             calls.with_name(calls.name + suffix)))
        if "sms" in include:
            sms = _write(scratch / "sms.db", MINIMAL_SMS, lambda c: None)
            made.append((backup_id(HOME, SMS_PATH), HOME, SMS_PATH, 1, sms))
        if "contacts" in include:
            book = _write(scratch / "AddressBook.sqlitedb", ADDRESS_BOOK, lambda c: None)
            made.append((backup_id(HOME, CONTACTS_PATH), HOME, CONTACTS_PATH, 1, book))
        # a folder entry, and the same relative path in another domain: neither is wanted
        made.append((backup_id(HOME, "Library/SMS"), HOME, "Library/SMS", 2, None))
        other = "AppDomainGroup-group.net.whatsapp.WhatsApp.shared"
        made.append((backup_id(other, SMS_PATH), other, SMS_PATH, 1, None))
        for found_id, _domain, _relative, flags, source in made:
            target = folder / found_id[:2] / found_id if layout == "modern" else folder / found_id
            target.parent.mkdir(parents=True, exist_ok=True)
            if source is not None:
                target.write_bytes(NOT_SQLITE if encrypted else source.read_bytes())
            elif flags == 1:
                target.write_bytes(b"fictional other app data")
    if manifest == "garbage" or (manifest == "db" and encrypted):
        (folder / "Manifest.db").write_bytes(NOT_SQLITE)
    elif manifest == "db":
        rows = [(i, d, r, f, plistlib.dumps({"$objects": ["$null"]}, fmt=plistlib.FMT_BINARY))
                for i, d, r, f, _ in made]
        _write(
            folder / "Manifest.db",
            "CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, flags INTEGER, "
            "file BLOB); CREATE INDEX FilesDomainIdx ON Files(domain); CREATE TABLE Properties "
            "(key TEXT PRIMARY KEY, value BLOB);",
            lambda c: _insert(c, "Files", ("fileID", "domain", "relativePath", "flags", "file"), rows),
        )
    return folder


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "ios-synthetic")
    for kind in ("text", "blob", "wal"):
        build_call_history(out / kind / "CallHistory.storedata", kind)
    build_address_book(out / "addressbook" / "AddressBook.sqlitedb")
    build_backup(out / "backup")
    build_backup(out / "backup-encrypted", encrypted=True)
    print(f"synthetic iPhone files written to {out}")
