"""iPhone call history (CallHistory.storedata) and the read-only SQLite copy.

No clean public CallHistory.storedata exists, so the files are SYNTHETIC,
made by tests/data/ios/build_synthetic.py from the real column lists; the
expected outputs next to it were written by hand from the format definition.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from calllog.errors import ImportFailed
from calllog.importers.base import Importer
from calllog.importers.ios_addressbook import IosAddressBookImporter
from calllog.importers.ios_calls import IosCallHistoryImporter, app_name
from calllog.importers.sbr import SbrCallsImporter, SbrMessagesImporter
from calllog.importers.sqlite_copy import (
    companion_files, is_sqlite, open_readonly_copy, table_names, tables,
)
from calllog.importers.table import TableImporter
from calllog.model import Record, Skip
from tests.data.ios.build_synthetic import build_address_book, build_call_history
from tests.golden import (
    context, digests, expected, extract, head_of, load_expected, sbr_table_sample_and_real_files,
)

DATA = Path(__file__).parent / "data" / "ios"
CALLS = IosCallHistoryImporter()
VARIANTS = ("text", "blob", "wal")


# ---- golden files -------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_synthetic_call_history_gives_the_hand_written_records(tmp_path: Path, variant: str) -> None:
    path = build_call_history(tmp_path / "CallHistory.storedata", variant)
    want = load_expected(DATA / f"calls-{variant}-synthetic.expected.json")
    got = extract(CALLS, path)
    assert [item["locator"] for item in got] == [entry["locator"] for entry in want["items"]]
    for got_item, want_entry in zip(got, want["items"]):
        assert got_item == expected(want_entry, channel="call")  # the files leave it out: all are calls


def test_rows_only_in_the_wal_need_the_wal(tmp_path: Path) -> None:
    path = build_call_history(tmp_path / "full" / "CallHistory.storedata", "wal")
    assert CALLS.companions(path) == {"-wal": path.with_name("CallHistory.storedata-wal"),
                                      "-shm": path.with_name("CallHistory.storedata-shm")}
    alone = tmp_path / "alone" / "CallHistory.storedata"
    alone.parent.mkdir()
    shutil.copyfile(path, alone)
    assert CALLS.companions(alone) == {}
    assert [item.locator for item in CALLS.extract(alone, context())] == [
        "ZCALLRECORD Z_PK 1", "ZCALLRECORD Z_PK 2"]
    assert len(list(CALLS.extract(path, context()))) == 4


def test_reading_changes_no_byte_and_leaves_nothing_beside_the_files(tmp_path: Path) -> None:
    path = build_call_history(tmp_path / "CallHistory.storedata", "wal")
    before = digests(tmp_path)
    assert CALLS.identify(path, head_of(path))
    list(CALLS.extract(path, context()))
    CALLS.describe(path, context())
    assert digests(tmp_path) == before


def test_a_wal_mode_database_without_its_wal_is_read(tmp_path: Path) -> None:
    path = build_call_history(tmp_path / "CallHistory.storedata", "text")
    assert head_of(path)[18:20] == b"\x02\x02"  # WAL mode, as the phone writes it
    assert CALLS.companions(path) == {}
    assert len(list(CALLS.extract(path, context()))) == 21
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CallHistory.storedata"]


def test_describe_of_the_ios17_file(tmp_path: Path) -> None:
    path = build_call_history(tmp_path / "CallHistory.storedata", "text")
    assert CALLS.describe(path, context()) == [
        "19 calls in table ZCALLRECORD.",
        "  FaceTime audio: 4", "  FaceTime video: 2", "  Signal: 1", "  WhatsApp: 1",
        "  org.example.FictionalPhone: 1", "  phone: 10",
    ]


@pytest.mark.parametrize(("provider", "name"), [
    ("net.whatsapp.WhatsApp", "WhatsApp"),
    ("net.whatsapp.WhatsAppSMB", "WhatsApp Business"),
    ("org.whispersystems.signal", "Signal"),
    ("ph.telegra.Telegraph", "Telegram"),
    ("com.microsoft.skype.teams", "Microsoft Teams"),
    (" com.viber ", "Viber"),
    ("org.example.FictionalPhone", "org.example.FictionalPhone"),
])
def test_app_names_come_from_bundle_ids(provider: str, name: str) -> None:
    assert app_name(provider) == name


# ---- damaged or foreign files ---------------------------------------------------------


def _database(path: Path, schema: str, rows: str = "") -> Path:
    with sqlite3.connect(path) as conn:
        conn.executescript(schema + rows)
    conn.close()
    return path


def test_a_database_without_call_records_fails_with_one_sentence(tmp_path: Path) -> None:
    path = _database(tmp_path / "other.db", "CREATE TABLE message (ROWID INTEGER PRIMARY KEY);")
    assert not CALLS.identify(path, head_of(path))
    with pytest.raises(ImportFailed, match=r"^other.db is not an iPhone call history calllog can read: "
                                           r"it has no ZCALLRECORD table\.$"):
        list(CALLS.extract(path, context()))


def test_a_call_table_without_dates_fails(tmp_path: Path) -> None:
    path = _database(tmp_path / "odd.storedata", "CREATE TABLE ZCALLRECORD (Z_PK INTEGER PRIMARY KEY, ZADDRESS);")
    assert CALLS.identify(path, head_of(path))
    with pytest.raises(ImportFailed, match=r"lacks the column\(s\) ZDATE\.$"):
        list(CALLS.extract(path, context()))


def test_a_minimal_call_table_is_read_with_defaults(tmp_path: Path) -> None:
    path = _database(tmp_path / "min.storedata",
                     "CREATE TABLE ZCALLRECORD (Z_PK INTEGER PRIMARY KEY, ZDATE, ZADDRESS);",
                     "INSERT INTO ZCALLRECORD VALUES (3, '790158600', '+32470000101');")
    [record] = CALLS.extract(path, context())
    assert isinstance(record, Record)
    assert (record.locator, record.direction.value, record.status.value, record.service, record.duration_s) == (
        "ZCALLRECORD Z_PK 3", "in", "unknown", None, None)
    assert record.instant_utc.isoformat() == "2026-01-15T08:30:00+00:00"


def test_text_in_number_columns_is_not_a_crash(tmp_path: Path) -> None:
    path = _database(
        tmp_path / "odd.storedata",
        "CREATE TABLE ZCALLRECORD (Z_PK INTEGER PRIMARY KEY, ZDATE, ZDURATION, ZORIGINATED, ZANSWERED, "
        "ZCALLTYPE, ZNUMBER_AVAILABILITY, ZADDRESS);",
        "INSERT INTO ZCALLRECORD VALUES (1, 'soon', -4, 'x', 'y', 'z', 'w', '+32470000101');"
        "INSERT INTO ZCALLRECORD VALUES (2, 790158600, -4, 'x', 'y', 2, NULL, X'2B3332');",
    )
    skip, record = CALLS.extract(path, context())
    assert skip == Skip("ZCALLRECORD Z_PK 1", "The call was not kept: its date 'soon' is not a number of seconds.")
    assert isinstance(record, Record)
    assert (record.duration_s, record.direction.value, record.status.value, record.service, record.party_raw) == (
        None, "in", "unknown", "call type 2", "+32")


@pytest.mark.parametrize("content", [b"", b"SQLite format 3\x00" + b"\x00" * 200, bytes(range(256)) * 8])
def test_a_file_that_is_no_database_fails_cleanly(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "CallHistory.storedata"
    path.write_bytes(content)
    assert not CALLS.identify(path, head_of(path))
    with pytest.raises(ImportFailed):
        list(CALLS.extract(path, context()))


# ---- identify: by content, never by name, never raising -------------------------------


def test_identify_claims_every_variant_whatever_its_name(tmp_path: Path) -> None:
    for variant in VARIANTS:
        path = build_call_history(tmp_path / variant / "calls.bin", variant)
        assert CALLS.identify(path, head_of(path))


def test_a_schema_that_is_only_in_the_wal_is_found(tmp_path: Path) -> None:
    work, out = tmp_path / "work", tmp_path / "out"
    work.mkdir()
    out.mkdir()
    conn = sqlite3.connect(work / "db")
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("CREATE TABLE ZCALLRECORD (Z_PK INTEGER PRIMARY KEY, ZDATE, ZADDRESS)")
        conn.commit()
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(work / f"db{suffix}", out / f"CallHistory.storedata{suffix}")
    finally:
        conn.close()
    path = out / "CallHistory.storedata"
    before = digests(out)
    assert CALLS.identify(path, head_of(path))
    assert digests(out) == before


@pytest.mark.parametrize("head", [b"", b"SQLite format 3", b"ZCALLRECORD", b"SQLite format 3\x00garbage"])
def test_identify_never_raises(tmp_path: Path, head: bytes) -> None:
    for path in (tmp_path / "missing.db", tmp_path):
        assert not CALLS.identify(path, head)
    path = tmp_path / "file.db"
    path.write_bytes(head)
    assert not CALLS.identify(path, head)


@pytest.mark.parametrize("path", sbr_table_sample_and_real_files(), ids=lambda p: p.name)
def test_other_formats_are_not_claimed(path: Path) -> None:
    assert not CALLS.identify(path, head_of(path))


def test_the_address_book_is_not_a_call_history(tmp_path: Path) -> None:
    path = build_address_book(tmp_path / "AddressBook.sqlitedb")
    assert not CALLS.identify(path, head_of(path))


@pytest.mark.parametrize("other", [SbrCallsImporter(), SbrMessagesImporter(), TableImporter(), IosAddressBookImporter()],
                         ids=lambda i: i.name)
@pytest.mark.parametrize("variant", VARIANTS)
def test_other_importers_do_not_claim_the_call_history(tmp_path: Path, other: Importer, variant: str) -> None:
    path = build_call_history(tmp_path / "CallHistory.storedata", variant)
    assert not other.identify(path, head_of(path))


# ---- the read-only copy ------------------------------------------------------------------


@pytest.mark.parametrize(("head", "want"), [
    (b"SQLite format 3\x00\x10\x00", True), (b"SQLite format 3", False), (b"", False), (b"<calls>", False),
])
def test_is_sqlite_reads_the_header(head: bytes, want: bool) -> None:
    assert is_sqlite(head) is want


def test_companion_files_lists_only_what_exists(tmp_path: Path) -> None:
    path = tmp_path / "sms.db"
    path.write_bytes(b"x")
    assert companion_files(path) == {}
    (tmp_path / "sms.db-wal").write_bytes(b"")
    (tmp_path / "sms.db-journal").write_bytes(b"")
    assert companion_files(path) == {"-wal": tmp_path / "sms.db-wal"}


def test_the_copy_is_read_only_and_gone_afterwards(tmp_path: Path) -> None:
    path = build_call_history(tmp_path / "CallHistory.storedata", "wal")
    with open_readonly_copy(path, companion_files(path)) as conn:
        assert "ZCALLRECORD" in tables(conn)
        copy = Path(conn.execute("PRAGMA database_list").fetchone()[2])
        assert copy.parent != tmp_path
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("DELETE FROM ZCALLRECORD")
    assert not copy.parent.exists()


def test_a_name_with_uri_characters_is_copied_and_read(tmp_path: Path) -> None:
    path = build_call_history(tmp_path / "call history?mode=rw#1.storedata", "blob")
    assert table_names(path, head_of(path)) >= {"ZCALLRECORD"}
    assert len(list(CALLS.extract(path, context()))) == 4


def test_a_missing_file_fails_with_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match=r"^gone.db could not be read"):
        with open_readonly_copy(tmp_path / "gone.db"):
            pass
