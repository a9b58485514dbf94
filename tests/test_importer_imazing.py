"""iMazing call history and Messages CSV importers: golden files, the real
samples of sascha-andres/imazingtosbr, recognition, and broken files.

The golden expectations in tests/data/imazing/*.expected.json were written by
hand from the format definition (the module docstring and
shared/reference/handset-formats.md §5); every fixture there is fictional.
Instants: Europe/Brussels is UTC+1 in winter and UTC+2 in summer; in 2025
the clocks went forward on 30 March at 02:00 and back on 26 October at 03:00.
A field an expectation leaves out must hold the model's default.
"""

from __future__ import annotations

import codecs
from datetime import datetime
from pathlib import Path

import pytest

from calllog.errors import ImportFailed
from calllog.importers.base import Importer
from calllog.importers.imazing import (
    CALL_HEADER, MESSAGE_HEADERS, ImazingCallsImporter, ImazingMessagesImporter,
    call_status, is_handle, read_duration, read_header, read_wall_clock,
)
from calllog.importers.sbr import SbrCallsImporter, SbrMessagesImporter
from calllog.importers.table import TableImporter
from calllog.model import Direction, Record, Skip, Status
from tests.golden import context, expected, extract, head_of, load_expected

DATA = Path(__file__).parent / "data" / "imazing"
REPO = Path(__file__).parents[1]
SHARED = REPO.parent / "shared" / "real-samples"
REAL = SHARED / "imazing"
CALLS, MESSAGES = ImazingCallsImporter(), ImazingMessagesImporter()
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="shared/real-samples is absent")

GOLDEN = [
    (CALLS, "calls-fictional.csv"),
    (MESSAGES, "messages-15-fictional.csv"),
    (MESSAGES, "messages-14-fictional.csv"),  # UTF-8 BOM, ";" and CRLF, a group chat
    (MESSAGES, "messages-13-fictional.tsv"),  # tab and cp1252, as Excel re-saves text
    (MESSAGES, "messages-18-fictional.csv"),  # Message IDs join an attachment row to its text
]


@pytest.mark.parametrize(("importer", "name"), GOLDEN)
def test_golden_file_gives_the_hand_written_records(importer: Importer, name: str) -> None:
    path = DATA / name
    assert importer.identify(path, head_of(path))
    want = load_expected(path.with_name(path.stem + ".expected.json"))
    got = extract(importer, path)
    assert [item["locator"] for item in got] == [entry["locator"] for entry in want]
    for got_item, want_entry in zip(got, want):
        assert got_item == expected(want_entry)


def test_the_case_zone_is_used_not_the_machine_zone() -> None:
    got = extract(CALLS, DATA / "calls-fictional.csv", tz="America/New_York")
    # 2025-11-04 08:00 in New York (EST, UTC-5) is 13:00Z; in Brussels it would be 07:00Z
    assert got[12]["local_text"] == "2025-11-04 08:00:00"
    assert got[12]["instant_utc"] == "2025-11-04T13:00:00+00:00"


@pytest.mark.parametrize(("importer", "name"), GOLDEN)
def test_progress_rises_to_the_file_size(importer: Importer, name: str) -> None:
    progress: list[int] = []
    list(importer.extract(DATA / name, context(progress)))
    assert progress == sorted(progress)
    assert progress[-1] == (DATA / name).stat().st_size


# ---- real files written by other people ------------------------------------

# (file, importer, records) counted by hand from the files
REAL_COUNTS = [
    ("imazingtosbr-call_history_basic.csv", CALLS, 4),
    ("imazingtosbr-call_history_empty.csv", CALLS, 0),
    ("imazingtosbr-call_history_signal.csv", CALLS, 2),
    ("imazingtosbr-call_history_teams.csv", CALLS, 3),
    ("imazingtosbr-messages_mixed.csv", MESSAGES, 4),
    ("imazingtosbr-messages_sms.csv", MESSAGES, 3),
]


@needs_real
@pytest.mark.parametrize(("name", "importer", "count"), REAL_COUNTS)
def test_real_sample_is_claimed_by_its_importer_only_and_gives_every_row(
    name: str, importer: Importer, count: int
) -> None:
    path = REAL / name
    assert CALLS.identify(path, head_of(path)) is (importer is CALLS)
    assert MESSAGES.identify(path, head_of(path)) is (importer is MESSAGES)
    items = list(importer.extract(path, context()))
    assert all(isinstance(item, Record) for item in items)
    assert len(items) == count
    assert [item.locator for item in items] == [f"line {n}" for n in range(2, count + 2)]


@needs_real
def test_real_basic_call_history() -> None:
    got = [
        (r["direction"], r["status"], r["party_raw"], r["instant_utc"], r["duration_s"], r["service"], r["contact_name"])
        for r in extract(CALLS, REAL / "imazingtosbr-call_history_basic.csv")
    ]
    # March 2024 in Brussels is UTC+1; 00:02:45 is 165 s
    assert got == [
        ("out", "answered", "+1234567890", "2024-03-15T13:30:00+00:00", 165, "Phone", "John Doe"),
        ("in", "answered", "+9876543210", "2024-03-15T14:45:30+00:00", 80, "Phone", "Jane Smith"),
        ("out", "unknown", "+1122334455", "2024-03-15T15:20:15+00:00", 0, "WhatsApp Video", "Bob Johnson"),
        ("in", "answered", "+5544332211", "2024-03-15T16:00:00+00:00", 315, "Phone", "Alice Williams"),
    ]


@needs_real
def test_real_signal_and_teams_rows_keep_what_is_not_a_number() -> None:
    signal = extract(CALLS, REAL / "imazingtosbr-call_history_signal.csv")
    teams = extract(CALLS, REAL / "imazingtosbr-call_history_teams.csv")
    assert [r["party_raw"] for r in signal] == [
        "AB123456-7890-ABCD-EF12-34567890ABCD", "CD789012-3456-BCDE-FA23-4567890BCDEF",
    ]
    assert [r["contact_name"] for r in signal] == ["Emma Davis", "Michael Brown"]
    assert {r["service"] for r in signal} == {"Signal Audio"}
    # April and May 2024 in Brussels are UTC+2
    assert signal[1]["instant_utc"] == "2024-04-10T08:15:22+00:00"
    assert [r["party_raw"] for r in teams] == ["Daily Standup", "Project Review", "Team Sync"]
    assert [r["duration_s"] for r in teams] == [1800, 2730, 900]
    assert [r["direction"] for r in teams] == ["out", "in", "out"]
    assert {r["service"] for r in teams} == {"Teams Audio"}
    assert {r["contact_name"] for r in teams} == {None}  # the meeting's name is no person


@needs_real
def test_real_mixed_messages() -> None:
    got = [
        (r["channel"], r["direction"], r["status"], r["party_raw"], r["service"], r["contact_name"], r["text"])
        for r in extract(MESSAGES, REAL / "imazingtosbr-messages_mixed.csv")
    ]
    assert got == [
        ("sms", "in", "received", "Notification", None, None, "Your package has been delivered."),
        ("chat", "out", "sent", "+1555987654", "iMessage", None, "Morning! Got your package?"),
        ("chat", "in", "received", "+1555987654", "iMessage", "Tom Wilson", "Yes! Just opened it. Thanks!"),
        ("sms", "in", "received", "Alert", None, None, "Reminder: Meeting at 2pm today."),
    ]


@needs_real
def test_real_sms_messages() -> None:
    got = extract(MESSAGES, REAL / "imazingtosbr-messages_sms.csv")
    assert [(r["direction"], r["party_raw"], r["status_raw"]) for r in got] == [
        ("in", "Alert", "Read"), ("in", "Bank", "Read"), ("out", "+1234567890", "Sent"),
    ]
    assert got[1]["text"] == "Your account balance is $1234.56"
    assert got[2]["instant_utc"] == "2024-06-03T12:15:00+00:00"  # 14:15 in Brussels, UTC+2


@needs_real
def test_the_generic_table_importer_also_claims_the_call_history() -> None:
    """The registry must let the specific importer win over the generic
    table importer: both claim every iMazing call history, even an empty one.
    Neither claims the Messages CSV."""
    table = TableImporter()
    for path in sorted(REAL.glob("*call_history*.csv")):
        assert CALLS.identify(path, head_of(path))
        assert table.identify(path, head_of(path)), path.name
    for path in sorted(REAL.glob("*messages*.csv")):
        assert MESSAGES.identify(path, head_of(path))
        assert not table.identify(path, head_of(path)), path.name


# ---- recognition -------------------------------------------------------------


def other_formats() -> list[Path]:
    found = [
        *sorted((REPO / "tests" / "data" / "sbr").glob("*.xml")),
        *sorted(p for p in (REPO / "tests" / "data" / "table").iterdir() if p.is_file()),
        *sorted(p for p in (REPO / "samples").iterdir() if p.is_file()),
    ]
    if SHARED.is_dir():
        found += sorted(
            p for p in SHARED.rglob("*") if p.is_file() and "imazing" not in p.parts and p.name != "SOURCES.md"
        )
    return found


@pytest.mark.parametrize("path", other_formats(), ids=lambda p: p.name)
def test_other_formats_are_not_claimed(path: Path) -> None:
    assert not CALLS.identify(path, head_of(path))
    assert not MESSAGES.identify(path, head_of(path))


@pytest.mark.parametrize(("importer", "name"), GOLDEN)
def test_the_other_specific_importers_do_not_claim_the_fixtures(importer: Importer, name: str) -> None:
    path = DATA / name
    others = [CALLS, MESSAGES, SbrCallsImporter(), SbrMessagesImporter()]
    assert [other.identify(path, head_of(path)) for other in others if other is not importer] == [False] * 3
    # the generic table importer claims the call history (see above), not the messages
    assert TableImporter().identify(path, head_of(path)) is (importer is CALLS)


def header_line(header: tuple[str, ...], delimiter: str = ",") -> bytes:
    return (delimiter.join(header) + "\r\n").encode()


# written out as the sources show them, not built from the module's constants
MESSAGE_HEADER_LINES = [
    "Chat Session,Message Date,Delivered Date,Read Date,Edited Date,Service,Type,Sender ID,"
    "Sender Name,Status,Replying to,Subject,Text,Attachment,Attachment type",
    "Chat Session,Message Date,Delivered Date,Read Date,Service,Type,Sender ID,Sender Name,"
    "Status,Replying to,Subject,Text,Attachment,Attachment type",
    "Chat Session,Message Date,Service,Type,Sender ID,Sender Name,Status,Replying to,Subject,"
    "Text,Reactions,Attachment,Attachment type",
    "Chat Session,Message Date,Delivered Date,Read Date,Edited Date,Deleted Date,Service,Type,"
    "Sender ID,Sender Name,Status,Replying to,Subject,Text,Reactions,Attachment,Attachment type",
    "Chat Session,Message ID,Message Date,Delivered Date,Read Date,Edited Date,Deleted Date,"
    "Service,Type,Sender ID,Sender Name,Status,Replying to,Subject,Text,Reactions,Attachment,"
    "Attachment type",
]
WHATSAPP_HEADER = (
    "Chat Session,Message Date,Sent Date,Type,Sender ID,Sender Name,Status,Forwarded,"
    "Replying to,Text,Reactions,Attachment,Attachment type,Attachment info"
)


@pytest.mark.parametrize(
    ("head", "is_calls", "is_messages"),
    [
        (header_line(CALL_HEADER), True, False),
        *[(line.encode() + b"\n", False, True) for line in MESSAGE_HEADER_LINES],
        (header_line(CALL_HEADER, ";"), True, False),
        (header_line(MESSAGE_HEADERS[0], "\t"), False, True),
        (codecs.BOM_UTF8 + header_line(CALL_HEADER), True, False),
        (codecs.BOM_UTF16_LE + "\t".join(CALL_HEADER).encode("utf-16-le"), True, False),
        (b'"Call type","Date","Duration","Number","Contact","Location","Service"\n', True, False),
        (b"call type , date,duration,number,contact,location,SERVICE\n", True, False),
        (b"Call type,Date,Duration,Number,Contact,Location,Service", True, False),  # no line end
        (b"Call type,Date,Duration,Number,Contact,Location\n", False, False),
        (b"Call type,Date,Duration,Number,Contact,Location,Service,Extra\n", False, False),
        (b"Date,Call type,Duration,Number,Contact,Location,Service\n", False, False),
        (b"Title line\nCall type,Date,Duration,Number,Contact,Location,Service\n", False, False),
        (WHATSAPP_HEADER.encode() + b"\n", False, False),  # iMazing's WhatsApp export: not read yet
        (b"", False, False),
        (b"\x00\xff\xfe\x00garbage\x80\x81", False, False),
        (b"<?xml version='1.0'?><calls count='0'/>", False, False),
    ],
)
def test_identify_reads_the_header(tmp_path: Path, head: bytes, is_calls: bool, is_messages: bool) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(head)
    assert CALLS.identify(path, head) is is_calls
    assert MESSAGES.identify(path, head) is is_messages


def test_the_message_layouts_have_13_14_15_17_and_18_columns() -> None:
    assert sorted(len(line.split(",")) for line in MESSAGE_HEADER_LINES) == [13, 14, 15, 17, 18]
    assert [",".join(header) for header in MESSAGE_HEADERS] == MESSAGE_HEADER_LINES


def test_identify_ignores_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "Call History - 2025-12-07 07 00 00.csv"
    path.write_text("Datum;Nummer;Duur\n01/12/2025 10:00;0470000301;12\n", encoding="utf-8")
    assert not CALLS.identify(path, head_of(path))
    renamed = tmp_path / "notes.txt"
    renamed.write_bytes((DATA / "calls-fictional.csv").read_bytes())
    assert CALLS.identify(renamed, head_of(renamed))


# ---- layouts and odd files -------------------------------------------------------


def test_the_17_column_layout_is_read_by_name(tmp_path: Path) -> None:
    header = MESSAGE_HEADERS[3]
    assert len(header) == 17 and "Deleted Date" in header and "Message ID" not in header
    row = {name: "" for name in header} | {
        "Chat Session": "Fictief Persoon A", "Message Date": "2025-07-01 12:00:00",
        "Deleted Date": "2025-07-01 12:05:00", "Service": "iMessage", "Type": "Incoming",
        "Sender ID": "+32470000301", "Sender Name": "Fictief Persoon A", "Status": "Read",
        "Text": "Weg (fictief)", "Reactions": "Liked", "Attachment": "a.png", "Attachment type": "Image",
    }
    path = tmp_path / "m.csv"
    path.write_text(",".join(header) + "\n" + ",".join(row[name] for name in header) + "\n", encoding="utf-8")
    [record] = list(MESSAGES.extract(path, context()))
    assert isinstance(record, Record)
    assert (record.party_raw, record.text, record.attachments) == ("+32470000301", "Weg (fictief)", ("a.png",))
    assert record.instant_utc.isoformat() == "2025-07-01T10:00:00+00:00"  # summer: UTC+2


def test_a_utf16_file_from_excel_is_read(tmp_path: Path) -> None:
    text = "\t".join(CALL_HEADER) + "\r\n" + "\t".join(
        ["Missed", "2025-12-24 23:59:00", "00:00:00", "+32470000301", "Fictief Persoon A", "", "Phone"]
    ) + "\r\n"
    path = tmp_path / "calls.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert CALLS.identify(path, head_of(path))
    [record] = list(CALLS.extract(path, context()))
    assert isinstance(record, Record)
    assert (record.status, record.party_raw) == (Status.MISSED, "+32470000301")
    assert record.instant_utc.isoformat() == "2025-12-24T22:59:00+00:00"


def test_a_header_without_rows_gives_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(header_line(MESSAGE_HEADERS[0]) + b"\r\n\r\n")
    assert list(MESSAGES.extract(path, context())) == []


def test_dates_rewritten_by_excel_stop_the_import_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "resaved.csv"
    path.write_text(
        ";".join(CALL_HEADER) + "\n"
        "Missed;15/03/2025 14:30;0:00:00;+32470000301;;;Phone\n"
        "Missed;16/03/2025 09:10;0:00:00;+32470000301;;;Phone\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as failure:
        list(CALLS.extract(path, context()))
    assert "none of its dates is written as YYYY-MM-DD HH:MM:SS" in failure.value.message
    assert failure.value.hint and "Excel" in failure.value.hint


def test_a_file_of_the_other_kind_is_refused() -> None:
    with pytest.raises(ImportFailed, match="does not start with the header of an iMazing Messages export"):
        list(MESSAGES.extract(DATA / "calls-fictional.csv", context()))


def test_an_unclosed_quote_swallows_the_rest_and_is_a_counted_skip(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text(
        ",".join(CALL_HEADER) + '\nMissed,2025-01-01 10:00:00,0:00:00,+32470000301,"Fictief\n'
        "Missed,2025-01-01 11:00:00,0:00:00,+32470000301,,,Phone\n",
        encoding="utf-8",
    )
    # the csv module reads an unclosed quote to the end of the file: one row of 5 cells
    items = list(CALLS.extract(path, context()))
    assert items == [
        Skip("line 2", "The row has 5 cells where the header has 7, so its columns cannot be told apart; it was not read.")
    ]


def test_describe_says_what_was_understood() -> None:
    lines = MESSAGES.describe(DATA / "messages-14-fictional.csv", context())
    assert lines == [
        "an iMazing Messages export (CSV, one conversation): the 14-column header on line 1, "
        "cells separated by ';', text in utf-8-sig.",
        "Dates are local times, read in Europe/Brussels.",
    ]


# ---- the pieces ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("00:01:23", 83.0), ("01:00:00", 3600.0), ("0:00:07", 7.0), ("12:34", 754.0),
        ("100:00:00", 360000.0), ("45", 45.0), ("2,5", 2.5), (" 00:00:00 ", 0.0),
        ("", None), ("00:61:00", None), ("00:00:60", None), ("1 min", None), ("-00:00:05", None),
    ],
)
def test_read_duration(text: str, seconds: float | None) -> None:
    assert read_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "naive"),
    [
        ("2024-03-15 14:30:00", datetime(2024, 3, 15, 14, 30)),
        ("2024-03-15 14:30", datetime(2024, 3, 15, 14, 30)),
        ("2024-03-15T14:30:05", datetime(2024, 3, 15, 14, 30, 5)),
        ("2024-03-15 14:30:05.25", datetime(2024, 3, 15, 14, 30, 5, 250000)),
        (" 2024-3-5 9:05:00 ", datetime(2024, 3, 5, 9, 5)),
        ("2024-02-30 10:00:00", None), ("2024-03-15 24:00:00", None),
        ("15/03/2024 14:30:00", None), ("2024-03-15", None),
        ("2024-03-15T14:30:00Z", None),  # an instant with a zone is not iMazing's
        ("", None),
    ],
)
def test_read_wall_clock(text: str, naive: datetime | None) -> None:
    assert read_wall_clock(text) == naive


@pytest.mark.parametrize(
    ("word", "duration", "direction", "status"),
    [
        ("Outgoing", 12.0, Direction.OUT, Status.ANSWERED),
        ("Outgoing", 0.0, Direction.OUT, Status.UNKNOWN),
        ("Outgoing", None, Direction.OUT, Status.UNKNOWN),
        ("Incoming", 1.0, Direction.IN, Status.ANSWERED),
        ("incoming", 0.0, Direction.IN, Status.UNKNOWN),
        ("Missed", 5.0, Direction.IN, Status.MISSED),
        ("Declined", 0.0, Direction.IN, Status.REJECTED),
        ("Rejected", 0.0, Direction.IN, Status.REJECTED),
        ("Blocked", 0.0, Direction.IN, Status.BLOCKED),
        ("Canceled", 0.0, Direction.OUT, Status.UNKNOWN),
        ("Gemist", 0.0, Direction.IN, Status.UNKNOWN),
        ("", 10.0, Direction.IN, Status.UNKNOWN),
    ],
)
def test_call_status(word: str, duration: float | None, direction: Direction, status: Status) -> None:
    assert call_status(word, duration) == (direction, status)


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("+32470000301", True), ("0470 00 03 01", True), ("+32 (0)470/00.03-01", True),
        ("fictief@example.org", True), ("1712", True),
        ("Fictief Persoon A", False), ("Alert", False), ("", False), ("+", False),
    ],
)
def test_is_handle(text: str, handle: bool) -> None:
    assert is_handle(text) is handle


def test_read_header_never_raises_on_any_bytes() -> None:
    for head in (bytes(range(256)), b"\xff\xfe" + b"\x00" * 9, b'"' * 100, b"\r\n" * 50):
        assert read_header(head) is None
