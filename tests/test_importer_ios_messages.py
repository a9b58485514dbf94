"""iPhone sms.db importer and its attributedBody (typedstream) decoder.

Golden files: the fictional databases are built by
tests/data/ios_messages/build_fictional_sms_db.py and their records were
written by hand in tests/data/ios_messages/*.expected.json from the format
definition (shared/reference/handset-formats.md §3, the module docstring);
a field an expectation leaves out must hold the model's default. The real
Magnet CTF 2020 iOS 13 sms.db is read from ../shared/real-samples; its
figures below were counted by hand with sqlite3.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

import pytest

from calllog.errors import ImportFailed
from calllog.importers import ios_messages
from calllog.importers.ios_messages import IosMessagesImporter
from calllog.importers.ios_typedstream import attributed_body_text
from calllog.importers.registry import IMPORTERS
from calllog.importers.sbr import SbrCallsImporter, SbrMessagesImporter
from calllog.importers.table import TableImporter
from calllog.model import Record
from tests.golden import context, digests, expected, extract, head_of, load_builder, load_expected

ROOT = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data" / "ios_messages"
REAL = ROOT.parent / "shared" / "real-samples"
REAL_SMS_DB = REAL / "ios" / "magnet-ctf-2020-ios13-sms.db"
IMPORTER = IosMessagesImporter()
BUILDER = load_builder(DATA / "build_fictional_sms_db.py")


@pytest.fixture
def ios16(tmp_path: Path) -> Path:
    return BUILDER.build_ios16(tmp_path / "ios16-fictional-sms.db")


# --- golden files ---------------------------------------------------------------


@pytest.mark.parametrize(("stem", "builder"), [("ios16-fictional", "build_ios16"), ("ios10-fictional", "build_ios10")])
def test_golden_database_gives_the_hand_written_records(tmp_path: Path, stem: str, builder: str) -> None:
    path = getattr(BUILDER, builder)(tmp_path / f"{stem}-sms.db")
    want = load_expected(DATA / f"{stem}.expected.json")
    got = extract(IMPORTER, path)
    assert [item["locator"] for item in got] == [entry["locator"] for entry in want]
    for got_item, want_entry in zip(got, want):
        assert got_item == expected(want_entry)


def test_a_database_with_only_message_and_handle_is_read(tmp_path: Path) -> None:
    path = BUILDER.build_minimal(tmp_path / "minimal-sms.db")
    got = [(r["locator"], r["direction"], r["party_raw"], r["text"]) for r in extract(IMPORTER, path)]
    # without chats an outgoing message goes to its own handle_id
    assert got == [
        ("message ROWID 1", "in", "+32470000303", "Ik zie je morgen."),
        ("message ROWID 2", "out", "+32470000301", "Het is twee uur 's nachts."),
    ]


def test_the_wal_is_read_and_no_original_file_changes(tmp_path: Path) -> None:
    built = BUILDER.build_ios16(tmp_path / "built.db")
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    with closing(sqlite3.connect(built)) as writer:
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute(
            "INSERT INTO message (ROWID, guid, handle_id, service, date, is_delivered, text) "
            "VALUES (18, 'FICTIEF-0018', 1, 'iMessage', 732500000000000000, 1, 'alleen in de wal')"
        )
        writer.execute("INSERT INTO chat_message_join (chat_id, message_id) VALUES (1, 18)")
        writer.commit()
        # copied while the writer is open: the new row exists only in the -wal
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(f"{built}{suffix}", evidence / f"sms.db{suffix}")
    original = evidence / "sms.db"
    with closing(sqlite3.connect(f"{original.as_uri()}?mode=ro&immutable=1", uri=True)) as main_only:
        assert main_only.execute("SELECT count(*) FROM message WHERE ROWID = 18").fetchone() == (0,)
    before = digests(evidence)

    assert IMPORTER.identify(original, head_of(original))
    assert IMPORTER.companions(original) == {"-wal": evidence / "sms.db-wal", "-shm": evidence / "sms.db-shm"}
    got = extract(IMPORTER, original)
    assert "\n".join(IMPORTER.describe(original, context())).startswith(
        "18 messages, 5 handles, 5 chats (read together with its -wal file)."
    )

    assert got[-1]["locator"] == "message ROWID 18" and got[-1]["text"] == "alleen in de wal"
    assert digests(evidence) == before  # same files, same bytes


def test_progress_ends_at_the_size_of_the_file(ios16: Path) -> None:
    seen: list[int] = []
    list(IMPORTER.extract(ios16, context(seen)))
    assert seen[-1] == ios16.stat().st_size


# --- dates ------------------------------------------------------------------------


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        (499456800, utc("2016-10-29T18:00:00")),  # iOS 10: seconds
        (499456800.25, utc("2016-10-29T18:00:00.250000")),
        (588813210539788032, utc("2019-08-29T23:13:30.539788")),  # mvt's fixture value, ns
        (10**12 + 1, utc("2001-01-01T00:16:40")),  # just above the threshold: ns
        ("732139200", utc("2024-03-14T20:00:00")),  # a number stored as text
        ("588813210539788033", utc("2019-08-29T23:13:30.539788")),  # 18 digits as text stay exact
    ],
)
def test_dates_are_seconds_or_nanoseconds_since_2001_by_size(raw: object, want: datetime) -> None:
    assert ios_messages._instant(raw) == want


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (None, "it has no date"),
        (0, "its date 0 is not a real time (the phone stored none)"),
        (-1, "its date -1 is not a real time (the phone stored none)"),
        ("gisteren", "its date 'gisteren' is not a number"),
        (float("nan"), "its date nan is not a number"),
        (b"\x01", "its date b'\\x01' is not a number"),
        (10**12, "its date 1000000000000 is too far from today to be a real time"),
    ],
)
def test_a_date_that_is_no_time_gives_the_reason(raw: object, reason: str) -> None:
    assert ios_messages._instant(raw) == reason


# --- the real Magnet CTF 2020 iOS 13 sms.db ---------------------------------------


@pytest.fixture
def real_db() -> Path:
    if not REAL_SMS_DB.is_file():
        pytest.skip("../shared/real-samples is not there")
    return REAL_SMS_DB


def test_real_database_gives_one_record_per_message(real_db: Path) -> None:
    items = list(IMPORTER.extract(real_db, context()))
    records = [item for item in items if isinstance(item, Record)]
    # 105 messages, every one with a handle and a 1:1 chat, no notices: nothing skipped
    assert len(items) == len(records) == 105
    counts = Counter((r.service, r.channel.value, r.direction.value, r.status.value) for r in records)
    # sqlite3: SELECT service, is_from_me, cache_has_attachments, count(*) ... GROUP BY 1, 2, 3
    assert counts == {
        ("SMS", "sms", "in", "received"): 25,
        ("SMS", "mms", "in", "received"): 3,
        ("SMS", "sms", "out", "sent"): 26,
        ("SMS", "mms", "out", "sent"): 2,
        ("iMessage", "chat", "in", "received"): 26,
        ("iMessage", "chat", "out", "sent"): 23,
    }
    # sqlite3: SELECT h.id, count(*) FROM message m JOIN handle h ON h.ROWID = m.handle_id GROUP BY 1
    assert Counter(r.party_raw for r in records) == {
        "+18028293349": 49, "+15183808956": 45, "+17744371821": 4,
        "22000": 3, "40404": 2, "+12092664939": 1, "+17542276288": 1,
    }


@pytest.mark.parametrize(
    ("locator", "instant", "channel", "direction", "party", "text", "attachments"),
    [
        # date 599079037641931008 ns: 599079037 s + 978307200 = 2019-12-26T18:50:37Z (date -u)
        ("message ROWID 12", "2019-12-26T18:50:37.641931", "sms", "in", "22000",
         "G-680228 is your Google verification code.", ()),
        ("message ROWID 56", "2020-01-15T01:43:08.573353", "chat", "in", "+15183808956", "Wait what door", ()),
        # text "\ufffc\ufffc": two photos and nothing else
        ("message ROWID 34", "2020-01-05T17:29:59.777601", "chat", "out", "+15183808956", None,
         ("IMG_0066.HEIC", "IMG_0067.jpg")),
        ("message ROWID 125", "2020-01-23T17:51:43.819746", "mms", "out", "+18028293349", "Me", ("IMG_0177.JPG",)),
        ("message ROWID 254", "2020-03-24T01:00:55.800776", "sms", "in", "22000",
         "G-386965 is your Google verification code.", ()),
    ],
)
def test_real_database_exact_records(
    real_db: Path, locator: str, instant: str, channel: str, direction: str, party: str,
    text: str | None, attachments: tuple[str, ...],
) -> None:
    record = next(r for r in IMPORTER.extract(real_db, context()) if r.locator == locator)
    assert isinstance(record, Record)
    assert record.instant_utc == utc(instant)
    assert (record.channel.value, record.direction.value, record.party_raw) == (channel, direction, party)
    assert (record.text, record.attachments) == (text, attachments)


def test_every_real_attributed_body_decodes_to_its_text_column(real_db: Path) -> None:
    uri = f"{real_db.absolute().as_uri()}?mode=ro&immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as conn:
        rows = conn.execute("SELECT text, attributedBody FROM message").fetchall()
    assert len(rows) == 105
    long_ones = [text for text, _ in rows if len(text.encode("utf-8")) >= 128]
    assert len(long_ones) == 4  # their lengths use the 0x81 two-byte form
    assert [attributed_body_text(body) for _, body in rows] == [text for text, _ in rows]


# --- the typedstream decoder ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "x", "a" * 127, "b" * 128, "Waarom? 😠", "é" * 300, "Zoveel tekst. " * 5000],
)
def test_decoder_reads_back_every_length_form(text: str) -> None:
    blob = BUILDER.attributed_body(text)
    assert attributed_body_text(blob) == text
    assert attributed_body_text(memoryview(blob)) == text


def test_decoder_reads_the_ios13_mutable_string_layout() -> None:
    # NSMutableAttributedString > NSMutableString > NSString, as iOS 13 writes it (fictional text)
    blob = (
        b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84\x84\x84\x19NSMutableAttributedString\x00"
        b"\x84\x84\x12NSAttributedString\x00\x84\x84\x08NSObject\x00\x85\x92\x84\x84\x84\x0fNSMutableString"
        b"\x01\x84\x84\x08NSString\x01\x95\x84\x01+\x0eIk zie jou.\xe2\x80\x8a\x86\x84\x02iI\x01\x0c\x86"
    )
    assert attributed_body_text(blob) == "Ik zie jou.\u200a"


def test_decoder_never_raises_on_any_cut_of_a_blob() -> None:
    blob = BUILDER.attributed_body("Waarom antwoord je niet?")
    text_ends = blob.index(b"niet?") + len(b"niet?")
    for cut in range(len(blob)):
        want = "Waarom antwoord je niet?" if cut >= text_ends else None
        assert attributed_body_text(blob[:cut]) == want


VALID = BUILDER.attributed_body("hallo")


@pytest.mark.parametrize(
    "junk",
    [
        None, "", "streamtyped NSString", 42, b"", b"\x00" * 64,
        VALID.replace(b"streamtyped", b"typedstream"),  # big-endian: iOS never writes it
        VALID.replace(b"\x08NSString", b"\x08NSStrinG"),  # no NSString class
        VALID.replace(b"\x84\x01+", b"\x84\x01*"),  # another type than "+"
        VALID.replace(b"\x84\x01+\x05", b"\x84\x01+\x85"),  # a nil string
        VALID.replace(b"\x84\x01+\x05", b"\x84\x01+\x83"),  # a float tag where a length belongs
        VALID.replace(b"+\x05hallo", b"+\x05hal\xffo"),  # not UTF-8
        VALID.replace(b"NSString\x01\x94", b"NSString\x01\x90"),  # a tag where a reference belongs
        VALID.replace(b"+\x05hallo", b"+\x82\xff\xff\xff\x7fhallo"),  # longer than the blob
    ],
)
def test_decoder_gives_none_for_junk(junk: object) -> None:
    assert attributed_body_text(junk) is None


# --- recognising files ------------------------------------------------------------


def other_format_files() -> list[Path]:
    found = [*sorted((ROOT / "tests" / "data" / "sbr").glob("*.xml"))]
    found += sorted(p for p in (ROOT / "tests" / "data" / "table").iterdir() if p.is_file())
    found += sorted(p for p in (ROOT / "samples").iterdir() if p.is_file())
    if REAL.is_dir():
        found += sorted(p for p in REAL.rglob("*") if p.is_file() and p.parent.name != "ios")
    return found


@pytest.mark.parametrize("path", other_format_files(), ids=lambda p: p.name)
def test_identify_leaves_other_formats_alone(path: Path) -> None:
    assert not IMPORTER.identify(path, head_of(path))


def test_identify_leaves_other_sqlite_databases_alone(tmp_path: Path) -> None:
    calls = tmp_path / "CallHistory.storedata"
    with closing(sqlite3.connect(calls)) as conn:
        conn.execute("CREATE TABLE ZCALLRECORD (Z_PK INTEGER PRIMARY KEY, ZDATE TIMESTAMP, ZADDRESS VARCHAR)")
    messages_only = tmp_path / "message-only.db"
    with closing(sqlite3.connect(messages_only)) as conn:
        conn.execute("CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT)")
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    for path in (calls, messages_only, broken):
        assert not IMPORTER.identify(path, head_of(path))
    assert not IMPORTER.identify(tmp_path / "missing.db", b"SQLite format 3\x00")


def test_identify_claims_the_fixtures_and_the_real_sample(tmp_path: Path) -> None:
    paths = [
        BUILDER.build_ios16(tmp_path / "a.db"),
        BUILDER.build_ios10(tmp_path / "b.db"),
        BUILDER.build_minimal(tmp_path / "c.db"),
    ]
    paths += [REAL_SMS_DB] if REAL_SMS_DB.is_file() else []
    for path in paths:
        assert IMPORTER.identify(path, head_of(path)), path.name


def test_no_other_importer_claims_the_fixtures(tmp_path: Path) -> None:
    paths = [BUILDER.build_ios16(tmp_path / "a.db"), BUILDER.build_ios10(tmp_path / "b.db")]
    paths += [REAL_SMS_DB] if REAL_SMS_DB.is_file() else []
    others = [SbrCallsImporter(), SbrMessagesImporter(), TableImporter()]
    others += [imp for imp in IMPORTERS if imp.name != IMPORTER.name and type(imp) not in map(type, others)]
    for path in paths:
        claims = [imp.name for imp in others if imp.identify(path, head_of(path))]
        assert claims == [], path.name


# --- files that cannot be read -----------------------------------------------------


def test_a_file_that_is_no_database_fails_with_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "sms.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    with pytest.raises(ImportFailed) as failure:
        list(IMPORTER.extract(path, context()))
    assert failure.value.message.startswith("sms.db is not a database calllog can open")


@pytest.mark.parametrize(
    ("schema", "what"),
    [
        ("CREATE TABLE message (ROWID INTEGER PRIMARY KEY, date INTEGER, is_from_me INTEGER, handle_id INTEGER, text TEXT)",
         "it has no handle table with an id column"),
        ("CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT)", "it has no message table"),
        ("CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT);"
         "CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT, date INTEGER)",
         "it lacks the message column(s) is_from_me, handle_id"),
    ],
)
def test_a_database_without_the_tables_fails_saying_what_is_missing(tmp_path: Path, schema: str, what: str) -> None:
    path = tmp_path / "chat.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(schema)
    with pytest.raises(ImportFailed) as failure:
        list(IMPORTER.extract(path, context()))
    assert failure.value.message == f"chat.db is not an iPhone message database calllog can read: {what}."
