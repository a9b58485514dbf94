"""SMS Backup & Restore importers: golden files, real samples, broken files,
and the repair of emoji surrogate-pair references.

The golden expectations in tests/data/sbr/*.expected.json were written by
hand from the format definition (shared/reference/handset-formats.md §1); a
field an expectation leaves out must hold the model's default.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import fromstring

import pytest

from calllog.errors import ImportFailed
from calllog.importers import xmlstream
from calllog.importers.base import Importer
from calllog.importers.sbr import SbrCallsImporter, SbrMessagesImporter
from calllog.importers.xmlstream import CharRefRepairingReader, repair_char_refs
from calllog.model import Record, Skip
from tests.golden import context, expected, extract, head_of, load_expected

DATA = Path(__file__).parent / "data" / "sbr"
REAL = Path(__file__).parents[1].parent / "shared" / "real-samples" / "android-sbr"
CALLS, MESSAGES = SbrCallsImporter(), SbrMessagesImporter()
GOLDEN = [(CALLS, "calls-golden"), (MESSAGES, "sms-golden")]


@pytest.mark.parametrize(("importer", "stem"), GOLDEN)
def test_golden_file_gives_the_hand_written_records(importer: Importer, stem: str) -> None:
    want = load_expected(DATA / f"{stem}.expected.json")
    got = extract(importer, DATA / f"{stem}.xml")
    assert [item["locator"] for item in got] == [entry["locator"] for entry in want]
    for got_item, want_entry in zip(got, want):
        assert got_item == expected(want_entry)


@pytest.mark.parametrize("chunk_size", [1, 5, 7, 13, 64])
@pytest.mark.parametrize(("importer", "stem"), GOLDEN)
def test_tiny_reads_split_references_and_change_nothing(
    importer: Importer, stem: str, chunk_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = extract(importer, DATA / f"{stem}.xml")
    monkeypatch.setattr(xmlstream, "READ_CHUNK_BYTES", chunk_size)
    assert extract(importer, DATA / f"{stem}.xml") == whole


@pytest.mark.parametrize(("importer", "stem"), GOLDEN)
def test_progress_ends_at_the_file_size(importer: Importer, stem: str) -> None:
    progress: list[int] = []
    list(importer.extract(DATA / f"{stem}.xml", context(progress)))
    assert progress and progress == sorted(progress)
    assert progress[-1] == (DATA / f"{stem}.xml").stat().st_size


# ---- real files written by other people ------------------------------------

needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="shared/real-samples is absent")

# instants checked with `date -u -d @<seconds>`, milliseconds from the file
MEMACS_CALLS = [
    ("+43691234123", "2011-08-05T17:05:06.092000+00:00", "in", "answered", 59, False),
    ("06612341234", "2011-08-05T10:46:55.834000+00:00", "out", "answered", 22, False),
    ("-1", "2011-08-05T07:51:31.081000+00:00", "in", "answered", 382, True),
    ("+4312341234", "2011-08-04T18:25:27.195000+00:00", "in", "answered", 289, False),
    ("+4366412341234", "2011-08-04T16:45:34.059000+00:00", "in", "answered", 70, False),
    ("+4366234123", "2011-08-04T16:02:31.975000+00:00", "out", "unknown", 0, False),
    ("+436612341234", "2011-08-04T15:21:40.072000+00:00", "in", "missed", 0, False),
    ("+433123412", "2011-08-04T14:36:02.489000+00:00", "out", "answered", 60, False),
]
MEMACS_SMS = [
    ("+436812314123", "2011-08-04T10:05:53+00:00", "in", "received",
     "did you see the new sms memacs module?"),
    ("+43612341234", "2011-08-04T16:04:55.759000+00:00", "out", "sent", "Memacs FTW!"),
    ("+43612341238", "2011-08-04T20:25:50.928000+00:00", "out", "sent", "i like memacs"),
    ("+4312341234", "2011-08-05T18:32:01.554000+00:00", "out", "sent", "http://google.at"),
]


@needs_real
def test_memacs_calls_gives_eight_calls_with_their_instants() -> None:
    path = REAL / "memacs-calls.xml"
    assert CALLS.identify(path, head_of(path)) and not MESSAGES.identify(path, head_of(path))
    got = extract(CALLS, path)
    assert [
        (r["party_raw"], r["instant_utc"], r["direction"], r["status"], r["duration_s"],
         r["withheld_hint"])
        for r in got
    ] == MEMACS_CALLS
    assert [r["locator"] for r in got] == [f"call {n}" for n in range(1, 9)]
    assert {r["local_text"] for r in got[:1]} == {"1312563906092"}  # no readable_date


@needs_real
def test_memacs_sms_gives_four_messages() -> None:
    path = REAL / "memacs-sms.xml"
    assert MESSAGES.identify(path, head_of(path)) and not CALLS.identify(path, head_of(path))
    got = extract(MESSAGES, path)
    assert [
        (r["party_raw"], r["instant_utc"], r["direction"], r["status"], r["text"]) for r in got
    ] == MEMACS_SMS
    assert all(r["channel"] == "sms" for r in got)


@needs_real
def test_super_backup_is_another_app_and_claimed_by_neither() -> None:
    path = REAL / "memacs-superbackup-calls.xml"
    assert not CALLS.identify(path, head_of(path))
    assert not MESSAGES.identify(path, head_of(path))
    with pytest.raises(ImportFailed, match=r"starts with <alllogs>, not <calls>"):
        list(CALLS.extract(path, context()))


# ---- identify ---------------------------------------------------------------

IDENTIFY_CASES = [
    (b"<calls count='0'/>", True, False),
    (b"\xef\xbb\xbf<?xml version='1.0'?>\r\n<calls>", True, False),
    (b"<?xml version='1.0'?><!-- <smses> --><?xml-stylesheet href='x'?>\n  <calls\n>", True, False),
    (b'<!DOCTYPE calls [<!ENTITY a "b">]><calls>', True, False),
    (b"<smses count='1'>", False, True),
    (b"<allsms>", False, True),
    ("<smses>".encode("utf-16"), False, True),
    (b"<callsx>", False, False),
    (b"<alllogs count='2'>", False, False),
    (b"<?xml version='1.0'", False, False),
    (b"<!-- never closed <calls>", False, False),
    (b"calls <calls>", False, False),
    (b"", False, False),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", False, False),
    (b"SQLite format 3\x00\x10\x00", False, False),
    (bytes(range(256)) * 4, False, False),
    (b"\xff\xfe\x00\xd8", False, False),
]


@pytest.mark.parametrize(("head", "is_calls", "is_messages"), IDENTIFY_CASES)
def test_identify_reads_the_root_element(head: bytes, is_calls: bool, is_messages: bool) -> None:
    path = Path("whatever.bin")
    assert (CALLS.identify(path, head), MESSAGES.identify(path, head)) == (is_calls, is_messages)


def test_identify_ignores_the_file_name(tmp_path: Path) -> None:
    misnamed = tmp_path / "calls-2024.xml"
    misnamed.write_bytes((DATA / "sms-golden.xml").read_bytes())
    head = head_of(misnamed)
    assert not CALLS.identify(misnamed, head) and MESSAGES.identify(misnamed, head)


def test_old_allsms_root_is_read(tmp_path: Path) -> None:
    path = tmp_path / "old.xml"
    path.write_text(
        '<allsms count="1"><sms address="+32470000301" date="1710446400000" type="1" '
        'body="oud formaat (fictief)"/></allsms>',
        encoding="utf-8",
    )
    [record] = extract(MESSAGES, path)
    assert (record["locator"], record["party_raw"], record["text"]) == (
        "sms 1", "+32470000301", "oud formaat (fictief)")


# ---- odd attribute values: never a crash --------------------------------------

ODD_CALLS = [
    # attributes of one <call>, then (direction, status, duration_s, withheld_hint, status_raw)
    ('number="+32470000401" date="1710403200000" type="2" duration="null"',
     ("out", "unknown", None, False, "2")),
    ('number="+32470000401" date="1710403200000" type="2" duration="-5"',
     ("out", "unknown", None, False, "2")),
    ('number="+32470000401" date="1710403200000"', ("in", "unknown", None, False, "")),
    ('number="+32470000401" date="1710403200000" type="null" duration="3"',
     ("in", "unknown", 3.0, False, "null")),
    ('number="+32470000401" date="1710403200000" type="1" presentation="null" duration="3"',
     ("in", "answered", 3.0, False, "1")),
    ('date="1710403200000" type="3" presentation="1"', ("in", "missed", None, True, "3")),
    ('number="-3" date="1710403200000" type="1" presentation="4" duration="1"',
     ("in", "answered", 1.0, True, "1")),
    ('number="+32470000401" date="1.7104032e12" type="1" duration="2.5"',
     ("in", "answered", 2.5, False, "1")),
]


@pytest.mark.parametrize(("attributes", "want"), ODD_CALLS)
def test_odd_call_attributes_are_read_plainly(
    tmp_path: Path, attributes: str, want: tuple[Any, ...]
) -> None:
    path = tmp_path / "calls.xml"
    path.write_text(f"<calls><call {attributes} /></calls>", encoding="utf-8")
    [record] = extract(CALLS, path)
    got = tuple(record[key] for key in
                ("direction", "status", "duration_s", "withheld_hint", "status_raw"))
    assert got == want
    assert record["instant_utc"] == "2024-03-14T08:00:00+00:00"


@pytest.mark.parametrize(("date", "reason"), [
    ('date=""', "it has no date"),
    ("", "it has no date"),
    ('date="0"', "its date '0' is not a real time (the phone stored none)"),
    ('date="99999999999999999999"', "its date '99999999999999999999' is too far from today"),
    ('date="1e400"', "is not a number of milliseconds since 1970"),
])
def test_unusable_dates_are_counted_skips(tmp_path: Path, date: str, reason: str) -> None:
    path = tmp_path / "calls.xml"
    path.write_text(f'<calls><call number="1" type="1" {date}/><call number="2" type="1" '
                    'date="1710403200000"/></calls>', encoding="utf-8")
    skip, record = list(CALLS.extract(path, context()))
    assert isinstance(skip, Skip) and skip.locator == "call 1" and reason in skip.reason
    assert isinstance(record, Record) and record.locator == "call 2"


def test_other_elements_in_the_root_are_counted_skips(tmp_path: Path) -> None:
    path = tmp_path / "calls.xml"
    path.write_text('<calls><note/><call number="1" type="1" date="1710403200000"/></calls>',
                    encoding="utf-8")
    skip, record = list(CALLS.extract(path, context()))
    assert skip == Skip("note 1", "A <note> element is not a call; it was not read.")
    assert isinstance(record, Record) and record.locator == "call 1"


# ---- files that cannot be read ---------------------------------------------------


def test_truncated_file_names_the_file_and_the_line(tmp_path: Path) -> None:
    whole = (DATA / "calls-golden.xml").read_bytes()
    cut = whole[: whole.index(b'type="5"')]  # stops inside the sixth <call>
    path = tmp_path / "calls-2024.xml"
    path.write_bytes(cut)
    line = cut.count(b"\n") + 1
    with pytest.raises(ImportFailed) as failure:
        list(CALLS.extract(path, context()))
    assert failure.value.message == (
        f"calls-2024.xml is not complete: the XML stops at line {line}. "
        "Make the backup again and import the new file."
    )
    assert line == 11


def test_file_without_its_closing_tag_is_not_complete(tmp_path: Path) -> None:
    path = tmp_path / "sms.xml"
    path.write_bytes((DATA / "sms-golden.xml").read_bytes().replace(b"</smses>", b""))
    with pytest.raises(ImportFailed, match=r"^sms.xml is not complete: the XML stops at line"):
        list(MESSAGES.extract(path, context()))


def test_damaged_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "calls.xml"
    path.write_bytes(b"<calls>\n<call number='1' date='1' type='1'/>\n<call></calls>\n")
    with pytest.raises(ImportFailed, match=r"^calls.xml is damaged: the XML is not valid at line 3"):
        list(CALLS.extract(path, context()))


def test_empty_file_is_said_to_be_empty(tmp_path: Path) -> None:
    path = tmp_path / "calls.xml"
    path.write_bytes(b"")
    with pytest.raises(ImportFailed, match=r"^calls.xml is empty\."):
        list(CALLS.extract(path, context()))


def test_a_calls_file_given_to_the_messages_importer_is_refused() -> None:
    with pytest.raises(ImportFailed, match=r"is not an SMS Backup & Restore message backup"):
        list(MESSAGES.extract(DATA / "calls-golden.xml", context()))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE calls [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<calls><call number="&lol3;" date="1710403200000" type="1"/></calls>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE smses [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<smses><sms address="1" date="1710403200000" type="1" body="&secret;"/></smses>
"""


@pytest.mark.parametrize(("importer", "content"), [
    (CALLS, BILLION_LAUGHS), (MESSAGES, EXTERNAL_ENTITY)])
def test_entity_tricks_are_refused(tmp_path: Path, importer: Importer, content: bytes) -> None:
    path = tmp_path / "backup.xml"
    path.write_bytes(content)
    assert importer.identify(path, content)  # claimed, so the user hears why it fails
    with pytest.raises(ImportFailed, match=r"^backup.xml declares XML entities"):
        list(importer.extract(path, context()))


# ---- the surrogate-pair repair -------------------------------------------------

REPAIRS = [
    (b"&#55357;&#56846;", b"&#128526;"),  # U+1F60E, decimal as SBR writes it
    (b"&#xD83D;&#xDE0E;", b"&#128526;"),
    (b"a&#55357;", b"a&#65533;"),  # a high half with nothing after it
    (b"&#55357;&#65;", b"&#65533;&#65;"),
    (b"&#55357; &#56846;", b"&#65533; &#65533;"),  # not adjacent: not a pair
    (b"&#56846;&#55357;", b"&#65533;&#65533;"),  # halves the wrong way round
    (b"&#55357;&#55357;&#56846;", b"&#65533;&#128526;"),
    (b"&#1;&#9;&#10;&#65;&#65535;&#1114112;", b"&#65533;&#9;&#10;&#65;&#65533;&#65533;"),
    (b"&amp;&#38;&lt; no refs", b"&amp;&#38;&lt; no refs"),
]


@pytest.mark.parametrize(("raw", "repaired"), REPAIRS)
def test_repair_char_refs(raw: bytes, repaired: bytes) -> None:
    assert repair_char_refs(raw) == repaired


BOUNDARY_INPUT = b'<a b="x&#55357;&#56846;y&#xD83D;&#xDE20;&#1;z &#55357;" c="&amp;&#55357;"/>'
BOUNDARY_OUTPUT = b'<a b="x&#128526;y&#128544;&#65533;z &#65533;" c="&amp;&#65533;"/>'


@pytest.mark.parametrize("chunk_size", range(1, len(BOUNDARY_INPUT) + 2))
@pytest.mark.parametrize("read_size", [1, 3, 16 * 1024, -1])
def test_reader_repairs_references_split_across_reads(chunk_size: int, read_size: int) -> None:
    reader = CharRefRepairingReader(io.BytesIO(BOUNDARY_INPUT), chunk_size=chunk_size)
    pieces = []
    while piece := reader.read(read_size):
        assert read_size < 0 or len(piece) <= read_size
        pieces.append(piece)
    assert b"".join(pieces) == BOUNDARY_OUTPUT
    assert reader.bytes_read == len(BOUNDARY_INPUT) and reader.at_end


def test_repaired_references_parse_to_the_emoji() -> None:
    element = fromstring(CharRefRepairingReader(io.BytesIO(BOUNDARY_INPUT), 4).read())
    assert element.get("b") == "x\U0001F60Ey\U0001F620\ufffdz \ufffd"
