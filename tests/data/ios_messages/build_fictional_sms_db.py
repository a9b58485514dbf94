"""Builds synthetic, FICTIONAL iPhone ``sms.db`` files for the tests.

No public iOS 16 ``sms.db`` exists to test against, so these are made from
the schema (the column names and types are those of a real iOS 13
``sms.db``, shared/reference/handset-formats.md §3). Every number, address,
name and text is invented; the numbers are in a range of fictional test
numbers (+32 470 00 03 xx) and the e-mail domain is example.org.

* ``build_ios16(path)``: iOS 16 style. Dates in nanoseconds since 2001, and
  the text of most messages only in ``attributedBody`` (``text`` NULL), as
  a typedstream built by ``attributed_body`` below; a group chat, SMS with
  attachments, RCS, a reaction, a group notice, a sender-less row, junk.
* ``build_ios10(path)``: iOS 10 style. Dates in seconds since 2001, the
  text in ``text``, no ``destination_caller_id``.
* ``build_minimal(path)``: only the tables ``handle`` and ``message``, like
  mvt's minimal test ``sms.db``.

Run ``python build_fictional_sms_db.py OUTDIR`` to look at the files.
The expected records are written by hand in ``*.expected.json``.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any


def _number(value: int) -> bytes:
    """A typedstream unsigned number: one byte below 0x80, else 0x81 and
    two little-endian bytes (0x82 and four bytes above 0xffff)."""
    if value < 0x80:
        return bytes([value])
    if value <= 0xFFFF:
        return b"\x81" + value.to_bytes(2, "little")
    return b"\x82" + value.to_bytes(4, "little")


def _counted(data: bytes) -> bytes:
    return _number(len(data)) + data


def attributed_body(text: str) -> bytes:
    """``text`` archived as iOS 16 writes ``attributedBody``: an
    NSAttributedString holding an NSString, with one attribute run
    (``__kIMMessagePartAttributeName`` = 0). The byte layout copies the real
    iOS 13 blobs of the Magnet CTF 2020 ``sms.db`` with the immutable
    classes (NSAttributedString, NSString) that macOS 13 / iOS 16 use, so
    the back-references are renumbered: objects and classes share one
    numbering, shared strings another, and reference n is written 0x92 + n.
    Checked once with dgelessus/python-typedstream (``TypedStreamReader``):
    it reads this blob to the end, event for event like a real one.
    """
    utf8 = text.encode("utf-8")
    utf16_units = len(text.encode("utf-16-le")) // 2
    return b"".join(
        [
            b"\x04\x0bstreamtyped",  # streamer version 4, little-endian signature
            b"\x81\xe8\x03",  # system version 1000
            b"\x84\x01@",  # type "@" (shared string 0): one object follows
            b"\x84",  # new object 0: the NSAttributedString
            b"\x84\x84\x12NSAttributedString\x00",  # new class 1 (shared string 1), version 0
            b"\x84\x84\x08NSObject\x00",  # its superclass: new class 2 (shared string 2), version 0
            b"\x85",  # nil: end of the class chain
            b"\x92",  # type: shared string 0, "@"
            b"\x84",  # new object 3: the NSString
            b"\x84\x84\x08NSString\x01",  # new class 4 (shared string 3), version 1
            b"\x94",  # its superclass: class 2, NSObject
            b"\x84\x01+",  # type "+" (shared string 4): counted bytes
            _counted(utf8),  # the text, UTF-8
            b"\x86",  # end of the NSString
            b"\x84\x02iI",  # type "iI" (shared string 5): one attribute run
            b"\x01",  # attribute dictionary number 1
            _number(utf16_units),  # run length in UTF-16 units
            b"\x92",  # type "@"
            b"\x84",  # new object 5: the attributes
            b"\x84\x84\x0cNSDictionary\x00",  # new class 6 (shared string 6), version 0
            b"\x94",  # superclass NSObject
            b"\x84\x01i",  # type "i" (shared string 7)
            b"\x01",  # one key
            b"\x92",  # type "@"
            b"\x84\x96\x96",  # new object 7 of class 4 (NSString), type "+" (shared string 4)
            _counted(b"__kIMMessagePartAttributeName"),
            b"\x86",  # end of the key
            b"\x92",  # type "@"
            b"\x84",  # new object 8: the value
            b"\x84\x84\x08NSNumber\x00",  # new class 9 (shared string 8)
            b"\x84\x84\x07NSValue\x00",  # new class 10 (shared string 9)
            b"\x94",  # superclass NSObject
            b"\x84\x01*",  # type "*" (shared string 10): a C string
            b"\x84\x99",  # new C string: shared string 7, "i"
            b"\x99",  # type "i"
            b"\x00",  # value 0: message part 0
            b"\x86\x86\x86",  # end of the NSNumber, the NSDictionary, the NSAttributedString
        ]
    )


SCHEMA = """
CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, country TEXT,
    service TEXT NOT NULL, uncanonicalized_id TEXT, person_centric_id TEXT, UNIQUE (id, service));
CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT,
    handle_id INTEGER DEFAULT 0, subject TEXT, attributedBody BLOB, service TEXT, account TEXT,
    error INTEGER DEFAULT 0, date INTEGER, is_delivered INTEGER DEFAULT 0, is_from_me INTEGER DEFAULT 0,
    is_sent INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0, item_type INTEGER DEFAULT 0,
    other_handle INTEGER DEFAULT 0, group_title TEXT, group_action_type INTEGER DEFAULT 0,
    associated_message_guid TEXT, associated_message_type INTEGER DEFAULT 0 {extra});
CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, style INTEGER,
    chat_identifier TEXT, service_name TEXT, display_name TEXT);
CREATE TABLE chat_handle_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
    handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE, UNIQUE(chat_id, handle_id));
CREATE TABLE chat_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
    message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, message_date INTEGER DEFAULT 0,
    PRIMARY KEY (chat_id, message_id));
CREATE INDEX chat_message_join_idx_message_id_only ON chat_message_join(message_id);
CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL,
    created_date INTEGER DEFAULT 0, filename TEXT, mime_type TEXT, transfer_name TEXT,
    total_bytes INTEGER DEFAULT 0);
CREATE TABLE message_attachment_join (message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE,
    attachment_id INTEGER REFERENCES attachment (ROWID) ON DELETE CASCADE, UNIQUE(message_id, attachment_id));
"""

HANDLES = [  # ROWID, id, service
    (1, "+32470000301", "iMessage"),
    (2, "+32470000302", "iMessage"),
    (3, "+32470000303", "SMS"),
    (4, "fictief.persoon@example.org", "iMessage"),
    (5, "+32470000304", "RCS"),
]
CHATS = [  # ROWID, guid, style (45 one-to-one, 43 group), identifier, service, name, handle ROWIDs
    (1, "iMessage;-;+32470000301", 45, "+32470000301", "iMessage", None, [1]),
    (2, "iMessage;+;chat100000000000000001", 43, "chat100000000000000001", "iMessage", "Fictief groepje", [1, 2]),
    (3, "SMS;-;+32470000303", 45, "+32470000303", "SMS", None, [3]),
    (4, "iMessage;-;fictief.persoon@example.org", 45, "fictief.persoon@example.org", "iMessage", None, [4]),
    (5, "RCS;-;+32470000304", 45, "+32470000304", "RCS", None, [5]),
]
NS = 1_000_000_000
LONG_TEXT = (
    "Ik sta voor je deur. Ik weet dat je thuis bent, het licht brandt. "
    "Doe open of ik blijf hier de hele nacht staan wachten. \U0001f6aa\U0001f6aa"
)
JUNK_BODY = b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84\x84\x08NSString\x01\x95\x84\x01+\x81\xff"
IMESSAGE_ACCOUNT = {"account": "e:", "destination_caller_id": "+32470000001"}
SMS_ACCOUNT = {"account": "p:+32470000001", "destination_caller_id": "+32470000001"}

# One dict per message row (ROWID order); "chat" is the chat it is in.
# Dates are nanoseconds since 2001-01-01T00:00:00Z; the instant is in the comment.
IOS16_MESSAGES: list[dict[str, Any]] = [
    # 2024-03-14T20:00:00.123456789Z
    dict(ROWID=1, chat=1, handle_id=1, service="iMessage", date=732139200 * NS + 123456789,
         is_delivered=1, attributedBody=attributed_body("Waarom antwoord je niet?"), **IMESSAGE_ACCOUNT),
    # 2024-03-14T20:01:30Z
    dict(ROWID=2, chat=1, handle_id=1, service="iMessage", date=732139290 * NS, is_from_me=1, is_sent=1,
         is_delivered=1, attributedBody=attributed_body("Laat me met rust."), **IMESSAGE_ACCOUNT),
    # 2024-03-14T22:47:05Z, in the group, a text longer than 127 bytes
    dict(ROWID=3, chat=2, handle_id=1, service="iMessage", date=732149225 * NS, is_delivered=1,
         attributedBody=attributed_body(LONG_TEXT), **IMESSAGE_ACCOUNT),
    # 2024-03-14T22:50:00Z, from the owner to the group: one record per member
    dict(ROWID=4, chat=2, handle_id=0, service="iMessage", date=732149400 * NS, is_from_me=1, is_sent=1,
         is_delivered=1, attributedBody=attributed_body("Stop met berichten sturen."), **IMESSAGE_ACCOUNT),
    # 2024-03-14T22:40:00Z, a group notice: handle 1 added handle 2
    dict(ROWID=5, chat=2, handle_id=1, service="iMessage", date=732148800 * NS, item_type=1, other_handle=2,
         **IMESSAGE_ACCOUNT),
    # 2024-03-14T22:55:00Z, in the group, sender not recorded
    dict(ROWID=6, chat=2, handle_id=0, service="iMessage", date=732149700 * NS, text="?", **IMESSAGE_ACCOUNT),
    # 2024-03-15T06:12:40Z, SMS with a photo: an MMS
    dict(ROWID=7, chat=3, handle_id=3, service="SMS", date=732175960 * NS, is_delivered=1,
         text="\ufffcFoto van je huis", cache_has_attachments=1, attachments=[(1, "IMG_4012.HEIC", "image/heic")],
         **SMS_ACCOUNT),
    # 2024-03-15T06:13:02Z, attachment only, no transfer_name
    dict(ROWID=8, chat=3, handle_id=3, service="SMS", date=732175982 * NS, is_delivered=1, cache_has_attachments=1,
         attachments=[(2, None, "audio/x-m4a")], **SMS_ACCOUNT),
    # 2024-03-15T06:20:00Z, a reply that failed
    dict(ROWID=9, chat=3, handle_id=3, service="SMS", date=732176400 * NS, is_from_me=1, error=4,
         text="Laat me gerust", **SMS_ACCOUNT),
    # 2024-03-16T23:59:59Z, e-mail handle, text in both columns
    dict(ROWID=10, chat=4, handle_id=4, service="iMessage", date=732326399 * NS, is_delivered=1,
         text="Je kan niet ontsnappen.", attributedBody=attributed_body("Je kan niet ontsnappen."),
         **IMESSAGE_ACCOUNT),
    # 2024-03-31T01:30:00Z (03:30 in Brussels, just after the clocks went forward), RCS
    dict(ROWID=11, chat=5, handle_id=5, service="RCS", date=733541400 * NS, is_delivered=1,
         attributedBody=attributed_body("Nieuw nummer, zelfde persoon."), **SMS_ACCOUNT),
    # 2024-03-14T20:02:00Z, a reaction (tapback "loved") to ROWID 2
    dict(ROWID=12, chat=1, handle_id=1, service="iMessage", date=732139320 * NS, is_delivered=1,
         associated_message_type=2000, associated_message_guid="p:0/FICTIEF-0002",
         attributedBody=attributed_body("Loved \u201cLaat me met rust.\u201d"), **IMESSAGE_ACCOUNT),
    # no date
    dict(ROWID=13, chat=1, handle_id=1, service="iMessage", date=0, text="zonder datum", **IMESSAGE_ACCOUNT),
    # 2024-03-17T10:00:00Z, attributedBody that is cut off: no text, still a message
    dict(ROWID=14, chat=1, handle_id=1, service="iMessage", date=732362400 * NS, is_delivered=1,
         attributedBody=JUNK_BODY, **IMESSAGE_ACCOUNT),
    # 2024-03-17T10:05:00Z, outgoing, neither sent nor failed yet
    dict(ROWID=15, chat=1, handle_id=1, service="iMessage", date=732362700 * NS, is_from_me=1,
         attributedBody=attributed_body("Ik bel de politie."), **IMESSAGE_ACCOUNT),
    # 2024-03-18T08:00:00Z, sender handle missing, but a 1:1 chat
    dict(ROWID=16, chat=3, handle_id=0, service="SMS", date=732441600 * NS, is_delivered=1,
         text="Wie ben jij?", **SMS_ACCOUNT),
    # 2024-03-18T08:30:00Z, an MMS subject without attachment
    dict(ROWID=17, chat=3, handle_id=3, service="SMS", date=732443400 * NS, is_delivered=1, subject="Dringend",
         text="Bel me terug", **SMS_ACCOUNT),
]

# Seconds since 2001; the instant is in the comment.
IOS10_MESSAGES: list[dict[str, Any]] = [
    # 2016-10-29T18:00:00Z
    dict(ROWID=1, chat=3, handle_id=3, service="SMS", date=499456800, is_delivered=1,
         text="Ik zie je morgen.", account="p:+32470000001"),
    # 2016-10-30T00:30:00Z (02:30 in Brussels, first pass of the repeated hour)
    dict(ROWID=2, chat=1, handle_id=1, service="iMessage", date=499480200, is_from_me=1, is_sent=1,
         is_delivered=1, text="Het is twee uur 's nachts.", account="e:fictief.eigenaar@example.org"),
    # 2016-10-30T01:30:00Z (02:30 in Brussels again, second pass)
    dict(ROWID=3, chat=1, handle_id=1, service="iMessage", date=499483800, is_delivered=1,
         text="Ik weet het.", account="e:fictief.eigenaar@example.org"),
    # a negative date
    dict(ROWID=4, chat=1, handle_id=1, service="iMessage", date=-5, text="kapot", account="e:"),
]


def _insert(conn: sqlite3.Connection, table: str, rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values()))


def _fill(conn: sqlite3.Connection, messages: Sequence[dict[str, Any]], chats: bool = True) -> None:
    _insert(conn, "handle", (dict(ROWID=r, id=i, service=s, country="be") for r, i, s in HANDLES))
    if chats:
        for rowid, guid, style, identifier, service, name, people in CHATS:
            _insert(conn, "chat", [dict(ROWID=rowid, guid=guid, style=style, chat_identifier=identifier,
                                        service_name=service, display_name=name)])
            _insert(conn, "chat_handle_join", (dict(chat_id=rowid, handle_id=p) for p in people))
    for message in messages:
        row = {k: v for k, v in message.items() if k not in ("chat", "attachments")}
        row["guid"] = f"FICTIEF-{message['ROWID']:04d}"
        _insert(conn, "message", [row])
        if chats:
            _insert(conn, "chat_message_join", [dict(chat_id=message["chat"], message_id=message["ROWID"],
                                                     message_date=message["date"])])
        for rowid, transfer_name, mime_type in message.get("attachments", []):
            folder = f"~/Library/SMS/Attachments/0{rowid}/0{rowid}/FICTIEF-A{rowid}"
            suffix = "HEIC" if mime_type == "image/heic" else "m4a"
            _insert(conn, "attachment", [dict(ROWID=rowid, guid=f"FICTIEF-A{rowid}", mime_type=mime_type,
                                              transfer_name=transfer_name,
                                              filename=f"{folder}/fictief-{rowid}.{suffix}")])
            _insert(conn, "message_attachment_join", [dict(message_id=message["ROWID"], attachment_id=rowid)])


def build_ios16(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(SCHEMA.format(extra=", destination_caller_id TEXT"))
        _fill(conn, IOS16_MESSAGES)
        conn.commit()
    return path


def build_ios10(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(SCHEMA.format(extra=""))
        _fill(conn, IOS10_MESSAGES)
        conn.commit()
    return path


def build_minimal(path: Path) -> Path:
    """Tables handle and message only; message 2 is from the owner."""
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(SCHEMA.format(extra="").split("CREATE TABLE chat ")[0])
        _fill(conn, IOS10_MESSAGES[:2], chats=False)
        conn.commit()
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    for name, build in (("ios16", build_ios16), ("ios10", build_ios10), ("minimal", build_minimal)):
        target = out / f"{name}-fictional-sms.db"
        target.unlink(missing_ok=True)
        print(build(target))
