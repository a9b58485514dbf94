"""Android database importers (calllog.db / contacts2.db / Samsung logs.db,
and mmssms.db): golden synthetic databases, the real Samsung mmssms.db, the
-wal, recognition, and agreement with the SMS Backup & Restore importer.

No clean public calllog.db exists, so the databases are built by
tests/data/android_db/build_synthetic.py from the schemas of
shared/reference/handset-formats.md §2; the expected records in
tests/data/android_db/*.expected.json were written by hand from that format
definition. A field an expectation leaves out must hold the model's default.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from calllog.errors import ImportFailed
from calllog.importers.android_calls import AndroidCallLogImporter
from calllog.importers.android_messages import AndroidMessagesImporter
from calllog.importers.base import HEAD_BYTES, Importer
from calllog.importers.sbr import SbrCallsImporter, SbrMessagesImporter
from calllog.importers.table import TableImporter
from tests.golden import context, digests, expected, extract, head_of, load_builder, load_expected

TESTS = Path(__file__).parent
DATA = TESTS / "data" / "android_db"
REPO = TESTS.parent
REAL = REPO.parent / "shared" / "real-samples"
REAL_MMSSMS = REAL / "android-db" / "dfrws2021-samsung-mmssms.db"
CALLS, MESSAGES = AndroidCallLogImporter(), AndroidMessagesImporter()
BUILD = load_builder(DATA / "build_synthetic.py")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("android_db")
    return {name: build(folder / name) for name, build in BUILD.BUILDERS.items()}


GOLDEN = [
    (CALLS, "calllog-synthetic"),
    (CALLS, "contacts2-synthetic"),
    (CALLS, "logs-samsung-synthetic"),
    (CALLS, "calllog-samsung7-synthetic"),
    (MESSAGES, "mmssms-samsung-synthetic"),
    (MESSAGES, "mmssms-lg-synthetic"),
]


@pytest.mark.parametrize(("importer", "stem"), GOLDEN)
def test_golden_database_gives_the_hand_written_records(
    built: dict[str, Path], importer: Importer, stem: str
) -> None:
    want = load_expected(DATA / f"{stem}.expected.json")
    got = extract(importer, built[f"{stem}.db"])
    assert [item["locator"] for item in got] == [entry["locator"] for entry in want]
    for got_item, want_entry in zip(got, want):
        assert got_item == expected(want_entry)


# --- the -wal ---------------------------------------------------------------------


def test_rows_only_in_the_wal_are_read_and_nothing_beside_the_file_changes(tmp_path: Path) -> None:
    path = BUILD.build_calllog_wal_only(tmp_path / "calllog.db")
    before = digests(tmp_path)
    assert set(before) == {"calllog.db", "calllog.db-wal", "calllog.db-shm"}
    assert CALLS.companions(path) == {"-wal": tmp_path / "calllog.db-wal", "-shm": tmp_path / "calllog.db-shm"}
    assert CALLS.identify(path, head_of(path)) and not MESSAGES.identify(path, head_of(path))
    want = load_expected(DATA / "calllog-synthetic.expected.json")[:2]
    assert extract(CALLS, path) == [expected(entry) for entry in want]
    assert digests(tmp_path) == before  # not one byte of the evidence, nor a new file


def test_without_its_wal_the_same_database_shows_no_rows(tmp_path: Path) -> None:
    BUILD.build_calllog_wal_only(tmp_path / "calllog.db")
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copyfile(tmp_path / "calllog.db", alone / "calllog.db")
    assert CALLS.companions(alone / "calllog.db") == {}
    assert extract(CALLS, alone / "calllog.db") == []


def test_a_schema_that_lives_only_in_the_wal_is_still_recognised(tmp_path: Path) -> None:
    path = BUILD.build_calllog_wal_only(tmp_path / "calllog.db", schema_in_wal=True)
    before = digests(tmp_path)
    assert CALLS.identify(path, head_of(path))
    assert [item["party_raw"] for item in extract(CALLS, path)] == ["+32470000201", "0470000202"]
    assert digests(tmp_path) == before


# --- the real Samsung mmssms.db -----------------------------------------------------

needs_real = pytest.mark.skipif(not REAL_MMSSMS.is_file(), reason="../shared/real-samples is not here")


@needs_real
def test_real_samsung_mmssms_gives_one_event_per_sms_row() -> None:
    before = hashlib.sha256(REAL_MMSSMS.read_bytes()).hexdigest()
    got = extract(MESSAGES, REAL_MMSSMS)
    # 32 sms rows; Samsung's 'messages' table mirrors all 32 and is not read again
    assert len(got) == 32
    assert all(item["kind"] == "record" for item in got)
    assert [item["locator"] for item in got] == [f"sms _id {n}" for n in range(1, 33)]
    assert Counter((item["direction"], item["status"]) for item in got) == {
        ("in", "received"): 18,
        ("out", "sent"): 14,
    }
    assert hashlib.sha256(REAL_MMSSMS.read_bytes()).hexdigest() == before
    assert not MESSAGES.companions(REAL_MMSSMS)  # nothing was created beside it


@needs_real
def test_real_samsung_mmssms_hand_checked_rows() -> None:
    got = {item["locator"]: item for item in extract(MESSAGES, REAL_MMSSMS)}
    first = got["sms _id 1"]
    assert (first["instant_utc"], first["party_raw"], first["direction"], first["status_raw"]) == (
        "2021-04-08T09:14:07.692000+00:00", "CoopMobile", "in", "1"
    )
    assert first["text"].startswith("Pour une utilisation optimale de vos services mobiles")
    # the challenge's encrypted bodies are kept exactly as written
    assert got["sms _id 3"]["text"] == "HHYZEuQn5pA1hKmulAHVx55cA=="
    assert got["sms _id 3"]["party_raw"] == "+41786909109"
    assert got["sms _id 23"]["text"] == "SIGNAL: Your code is: 194-892\n\ndoDiFGKPO1r"
    assert got["sms _id 23"]["instant_utc"] == "2021-04-18T14:08:35.283000+00:00"
    last = got["sms _id 32"]
    assert (last["instant_utc"], last["party_raw"], last["direction"], last["status"], last["local_text"]) == (
        "2021-04-18T15:30:22+00:00", "0766013486", "out", "sent", "1618759822000"
    )
    assert last["channel"] == "sms" and last["withheld_hint"] is False


@needs_real
def test_real_samsung_mmssms_is_a_message_database_not_a_call_log() -> None:
    assert MESSAGES.identify(REAL_MMSSMS, head_of(REAL_MMSSMS))
    assert not CALLS.identify(REAL_MMSSMS, head_of(REAL_MMSSMS))
    assert MESSAGES.name == "android-messages" and CALLS.name == "android-calls"


# --- recognition --------------------------------------------------------------------


def _other_formats() -> list[Path]:
    # every other format's fixtures (sbr, table, and those of the other importers)
    found = [p for p in sorted((TESTS / "data").rglob("*")) if "android_db" not in p.parts]
    found += sorted((REPO / "samples").glob("*"))
    if REAL.is_dir():
        found += [p for p in sorted(REAL.rglob("*")) if p.is_file() and "android-db" not in p.parts]
    return [p for p in found if p.is_file()]


@pytest.mark.parametrize("path", _other_formats(), ids=lambda p: p.name)
def test_files_of_other_formats_are_not_claimed(path: Path) -> None:
    assert not CALLS.identify(path, head_of(path))
    assert not MESSAGES.identify(path, head_of(path))


def test_each_claims_its_own_databases_only(built: dict[str, Path]) -> None:
    for name, path in built.items():
        is_messages = name.startswith("mmssms")
        assert MESSAGES.identify(path, head_of(path)) is is_messages, name
        assert CALLS.identify(path, head_of(path)) is not is_messages, name


@pytest.mark.parametrize("other", [SbrCallsImporter(), SbrMessagesImporter(), TableImporter()],
                         ids=lambda i: i.name)
def test_other_importers_do_not_claim_the_databases(built: dict[str, Path], other: Importer) -> None:
    for path in built.values():
        assert not other.identify(path, head_of(path)), path.name


def _database(path: Path, *statements: str) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    return path


@pytest.mark.parametrize(
    "statements",
    [
        ("CREATE TABLE calls (_id INTEGER PRIMARY KEY, who TEXT, started INTEGER)",),
        ("CREATE TABLE sms (_id INTEGER PRIMARY KEY, address TEXT, date INTEGER)",),
        ("CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT, date INTEGER)",
         "CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT)"),
        ("CREATE TABLE logs (_id INTEGER PRIMARY KEY, message TEXT)",),
    ],
    ids=["calls-without-call-columns", "sms-without-body-and-type", "ios-sms-db-shape", "other-logs"],
)
def test_lookalike_databases_are_not_claimed(tmp_path: Path, statements: tuple[str, ...]) -> None:
    path = _database(tmp_path / "lookalike.db", *statements)
    assert not CALLS.identify(path, head_of(path))
    assert not MESSAGES.identify(path, head_of(path))


@pytest.mark.parametrize(
    "content",
    [b"", b"SQLite format 3\x00", b"SQLite format 3\x00" + b"\xff" * 5000, b"not a database at all\n"],
    ids=["empty", "header-only", "header-then-junk", "text"],
)
def test_identify_answers_no_and_never_raises(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.db"
    path.write_bytes(content)
    assert not CALLS.identify(path, content[:HEAD_BYTES])
    assert not MESSAGES.identify(path, content[:HEAD_BYTES])


@pytest.mark.parametrize("importer", [CALLS, MESSAGES], ids=lambda i: i.name)
def test_a_damaged_database_fails_with_one_sentence(tmp_path: Path, importer: Importer) -> None:
    path = tmp_path / "damaged.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(ImportFailed) as failure:
        list(importer.extract(path, context()))
    assert "damaged.db" in failure.value.message


def test_a_database_without_the_table_fails_with_one_sentence(tmp_path: Path) -> None:
    path = _database(tmp_path / "empty.db", "CREATE TABLE android_metadata (locale TEXT)")
    for importer, table in ((CALLS, "calls"), (MESSAGES, "sms")):
        with pytest.raises(ImportFailed, match=table):
            list(importer.extract(path, context()))


@pytest.mark.parametrize(("importer", "name"), [(CALLS, "calllog-synthetic.db"),
                                                 (MESSAGES, "mmssms-samsung-synthetic.db")])
def test_progress_reaches_the_size_of_the_file(built: dict[str, Path], importer: Importer, name: str) -> None:
    seen: list[int] = []
    list(importer.extract(built[name], context(seen)))
    assert seen and seen[-1] == built[name].stat().st_size
    assert seen == sorted(seen)


# --- the same contact read from a backup and from the database ---------------------

KEY_FIELDS = ("instant_utc", "channel", "direction", "status", "party_raw", "duration_s",
              "withheld_hint", "contact_name", "status_raw", "text", "attachments")


def _key(record: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(record[name] for name in KEY_FIELDS)


def test_calls_read_as_sms_backup_and_restore_reads_the_same_rows(built: dict[str, Path], tmp_path: Path) -> None:
    rows = [r for r in BUILD.CALLLOG_ROWS if r[2] and r[5] == 0]  # dated, no video flag
    calls = "".join(
        f'<call number="{number}" duration="{duration}" date="{date}" type="{kind}" presentation="{presentation}"'
        f' contact_name="{name or "(Unknown)"}" />'
        for number, presentation, date, duration, kind, _, name, _ in rows
    )
    xml = tmp_path / "calls.xml"
    xml.write_text(f"<?xml version='1.0' encoding='UTF-8'?><calls count='{len(rows)}'>{calls}</calls>")
    from_backup = [_key(r) for r in extract(SbrCallsImporter(), xml)]
    from_database = [_key(r) for r in extract(CALLS, built["calllog-synthetic.db"]) if r["kind"] == "record"
                     and r["service"] is None]
    assert from_backup == from_database and len(from_backup) == 12


def test_messages_read_as_sms_backup_and_restore_reads_the_same_rows(built: dict[str, Path], tmp_path: Path) -> None:
    xml = tmp_path / "sms.xml"
    xml.write_text(
        "<?xml version='1.0' encoding='UTF-8'?><smses count='3'>"
        '<sms address="+32470000301" date="1710403200000" type="1" subject="null" body="Fictief bericht 1" />'
        '<sms address="+32470000302~+32470000303" date="1710403900000" type="2" subject="null" body="Aan twee" />'
        '<mms date="1710410500" msg_box="2" sub="Groepsfoto" m_type="128"><parts>'
        '<part ct="text/plain" text="Aan iedereen" />'
        '<part ct="image/jpeg" cl="PART_17.jpg" /></parts><addrs>'
        '<addr address="insert-address-token" type="137" /><addr address="+32470000305" type="151" />'
        '<addr address="+32470000306" type="151" /><addr address="+32470000307" type="130" />'
        "</addrs></mms></smses>"
    )
    from_backup = [_key(r) for r in extract(SbrMessagesImporter(), xml)]
    wanted = {"sms _id 1", "sms _id 8 (to 1)", "sms _id 8 (to 2)", "pdu _id 2 (to 1)", "pdu _id 2 (to 2)",
              "pdu _id 2 (to 3)"}
    from_database = [_key(r) for r in extract(MESSAGES, built["mmssms-samsung-synthetic.db"])
                     if r["locator"] in wanted]
    assert from_backup == from_database and len(from_backup) == 6


@pytest.mark.parametrize(("importer", "name"), [(CALLS, "calllog-synthetic.db"),
                                                 (MESSAGES, "mmssms-samsung-synthetic.db")])
def test_a_database_damaged_after_its_schema_fails_with_one_sentence(
    built: dict[str, Path], tmp_path: Path, importer: Importer, name: str
) -> None:
    damaged = tmp_path / name
    content = bytearray(built[name].read_bytes())
    content[4096:] = b"\xff" * (len(content) - 4096)  # every page after the schema page
    damaged.write_bytes(bytes(content))
    with pytest.raises(ImportFailed) as failure:
        list(importer.extract(damaged, context()))
    assert name in failure.value.message


def test_an_older_mmssms_without_the_optional_columns_is_read(tmp_path: Path) -> None:
    path = _database(
        tmp_path / "old-mmssms.db",
        "CREATE TABLE sms (_id INTEGER PRIMARY KEY, address TEXT, date INTEGER, type INTEGER, body TEXT)",
        "CREATE TABLE pdu (_id INTEGER PRIMARY KEY, date INTEGER, msg_box INTEGER)",
        "CREATE TABLE addr (_id INTEGER PRIMARY KEY, msg_id INTEGER, address TEXT, type INTEGER)",
        "CREATE TABLE part (_id INTEGER PRIMARY KEY, mid INTEGER, ct TEXT, _data TEXT, text TEXT)",
        "INSERT INTO sms VALUES (1, '+32470000401', 1710403200000, 1, 'Oud bericht')",
        "INSERT INTO pdu VALUES (1, 1710403300, 1)",
        "INSERT INTO addr VALUES (1, 1, '+32470000402', 137)",
        "INSERT INTO part VALUES (1, 1, 'image/png', '/data/parts/PART_9.png', NULL)",
    )
    got = extract(MESSAGES, path)
    assert [(g["locator"], g["party_raw"], g["instant_utc"], g["text"], g["attachments"]) for g in got] == [
        ("sms _id 1", "+32470000401", "2024-03-14T08:00:00+00:00", "Oud bericht", []),
        ("pdu _id 1", "+32470000402", "2024-03-14T08:01:40+00:00", None, ["PART_9.png"]),
    ]
