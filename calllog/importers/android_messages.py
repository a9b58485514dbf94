"""Android's message database ``mmssms.db`` from a forensic extraction.

``com.android.providers.telephony/databases/mmssms.db`` (AOSP
``MmsSmsDatabaseHelper``), with Samsung's extra tables where they exist.

SMS, table ``sms``: ``address`` (``~`` between the numbers of a group
message), ``date`` milliseconds since 1970 UTC, ``type`` 1 received, 2 sent,
3 draft (skipped: never sent), 4 outbox and 6 queued (outgoing, queued),
5 failed; LG adds 7 blocked, 8 scheduled and 19 broadcast alert, read as such
only when the table has LG's ``lgeSiid`` column (as ALEAPP does); any other
value is kept, incoming, status unknown. ``subject`` and ``body``.

MMS, tables ``pdu`` + ``addr`` + ``part``: ``pdu.date`` is in SECONDS since
1970 (a value of 1e11 or more is read as milliseconds, as for SMS Backup &
Restore); ``msg_box`` has the numbers of ``sms.type``; ``m_type`` 128 sent,
132 received, 130 received but not downloaded yet are messages, the rest
(134 delivery report, 136 read report, ...) are skipped. ``addr.type`` 137
is the sender, 151 To, 130 Cc, 129 Bcc; the owner's own address is there
too (a To of an incoming message; the sender of an outgoing one, often as
``insert-address-token``), so an incoming MMS is one record from its sender
and an outgoing one is one record per To/Cc/Bcc recipient. The text is that
of the ``text/plain`` parts; ``application/smil`` is layout; every other
part is an attachment named by ``cl``, ``name``, ``fn`` or the file name of
``_data``. Locators: ``sms _id 5``, ``pdu _id 3`` (``(to 2)`` per recipient).

Samsung adds (checked on the DFRWS 2021 Galaxy S10 database):

* ``messages``: one row per row of ``sms``, ``pdu``, ``im`` and ``ft``,
  written by triggers (``remote_id`` is the source row's ``_id``), and
  ``words``, a full-text index of the bodies. They mirror the tables above
  row for row, so they are NOT read: one message is one event, never two.
* ``spam_sms`` and ``spam_pdu``/``spam_addr``/``spam_part``: messages the
  phone blocked. They are kept (a blocked message is still a contact), with
  status ``blocked`` when incoming; a ``spam_sms`` row with the same address,
  date and body as an ``sms`` row is the same message and is skipped.
* ``im`` (chat text) and ``ft`` (chat files): Samsung's RCS chat ("chat
  features"), channel ``chat``, service ``rcs``. Neither Samsung nor ALEAPP
  documents them; what is read follows the database's own triggers, which
  copy ``im.type`` into the same box column as ``sms.type`` (same numbers)
  and ``im.date`` unchanged beside ``sms.date`` (milliseconds), and treat
  ``im`` rows of ``service_type`` 1, or of ``message_type`` 0, 5 or 6, as
  text, and ``ft`` rows of ``message_type`` 0, 30, 40 or 80 as files; other
  rows are group notices (their content is a list of recipients), skipped.
  The party is ``address``, or for an outgoing row without one each of the
  ``;``-separated ``recipients``.
* ``wpm`` (WAP push), ``cmas`` (emergency alerts) are not messages from a
  person and are not read.

Bodies are kept exactly as written, encrypted-looking text included. The
same rules as the SMS Backup & Restore importer (``sbr.py``, which copies
these tables) make a message seen in both one corroborated event. Sources:
AOSP Telephony.java and MmsSmsDatabaseHelper, PduHeaders.java, ALEAPP
smsmms.py (reference/handset-formats.md §2).
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from calllog.errors import ImportFailed
from calllog.importers.android_calls import (
    code_in,
    raw_text,
    report_rows,
    sqlite_columns,
    text_in,
)
from calllog.importers.base import ImportContext, Importer
from calllog.importers.cells import instant_in
from calllog.importers.sbr import (
    DRAFT_BOX,
    MESSAGE_BOXES,
    MMS_FROM,
    MMS_RECIPIENTS,
    MMS_SECONDS_BELOW,
    WITHHELD_NUMBERS,
)
from calllog.importers.sqlite_copy import columns, companion_files, open_readonly_copy, tables
from calllog.model import Channel, ContactCard, Direction, Record, Skip, Status

IN, OUT = Direction.IN, Direction.OUT
REQUIRED_SMS_COLUMNS = frozenset({"address", "date", "type", "body"})
LG_MARK_COLUMN = "lgeSiid"
LG_BOXES: dict[int, tuple[Direction, Status]] = {
    7: (IN, Status.BLOCKED),
    8: (OUT, Status.QUEUED),  # scheduled, not sent yet
    19: (IN, Status.RECEIVED),  # broadcast alert
}
MMS_MESSAGE_TYPES = frozenset({128, 130, 132})  # send_req, notification_ind, retrieve_conf
MMS_REPORT_NAMES = {129: "a send confirmation", 131: "a notification answer", 133: "an acknowledgement",
                    134: "a delivery report", 135: "a notification answer", 136: "a read report"}
CHAT_TEXT_TYPES = frozenset({0, 5, 6})
CHAT_FILE_TYPES = frozenset({0, 30, 40, 80})
RCS_SERVICE = 1
CHAT_COLUMNS = ("_id", "address", "date", "type", "recipients", "message_type", "service_type",
                "body", "file_name", "file_path")
READ_TABLES = ("sms", "spam_sms", "pdu", "spam_pdu", "im", "ft")
_RECIPIENT_SPLIT = re.compile(r"[;,]")


@dataclass(frozen=True)
class _Message:
    """What one row says, before it becomes one record per party."""

    locator: str
    channel: Channel
    box_raw: object
    parties: list[str]
    date: object
    text: str | None = None
    attachments: tuple[str, ...] = ()
    blocked: bool = False
    lg: bool = False
    service: str | None = None
    seconds: bool = False


def _rows(conn: sqlite3.Connection, table: str, wanted: tuple[str, ...], order: tuple[str, ...]) -> sqlite3.Cursor:
    """The ``wanted`` columns of ``table`` sorted by ``order``; a column this
    version of the table lacks reads as NULL, and ``_id`` as the rowid."""
    present = set(columns(conn, table))

    def column(name: str) -> str:
        if name in present:
            return name
        return "rowid AS _id" if name == "_id" else f"NULL AS {name}"

    sort = ", ".join(name if name in present else "rowid" for name in order)
    return conn.execute(f"SELECT {', '.join(map(column, wanted))} FROM {table} ORDER BY {sort}")


def _addresses(joined: str) -> list[str]:
    """The numbers of a ``~``-joined address, in order, once each."""
    return list(dict.fromkeys(part.strip() for part in joined.split("~") if part.strip()))


def _with_subject(subject: object, text: str | None) -> str | None:
    real = text_in(subject) if subject is not None and text_in(subject) != "" else None
    if real is None:
        return text
    return real if text is None else f"{real}\n{text}"


def _box(message: _Message) -> tuple[Direction, Status]:
    box = code_in(message.box_raw)
    if message.lg and box in LG_BOXES:
        direction, status = LG_BOXES[box]
    else:
        direction, status = MESSAGE_BOXES.get(box, (IN, Status.UNKNOWN))
    return direction, Status.BLOCKED if message.blocked and direction is IN else status


def _records(message: _Message) -> Iterator[Record | Skip]:
    """One record per party of an outgoing message; the first party only of
    an incoming one (its sender): the rules of sbr._message_records."""
    if code_in(message.box_raw) == DRAFT_BOX:
        yield Skip(message.locator, "draft, never sent")
        return
    if message.seconds:
        instant: datetime | str = instant_in(message.date, MMS_SECONDS_BELOW, "seconds")
    else:
        instant = instant_in(message.date)
    if isinstance(instant, str):
        yield Skip(message.locator, f"The message was not kept: {instant}.")
        return
    direction, status = _box(message)
    parties = message.parties
    if direction is IN or not parties:
        parties = parties[:1] or [""]
    for number, party in enumerate(parties, start=1):
        yield Record(
            locator=f"{message.locator} (to {number})" if len(parties) > 1 else message.locator,
            instant_utc=instant,
            channel=message.channel,
            direction=direction,
            status=status,
            party_raw=party,
            withheld_hint=direction is IN and party.strip() in WITHHELD_NUMBERS,
            local_text=raw_text(message.date),
            text=message.text,
            attachments=message.attachments,
            service=message.service,
            status_raw=raw_text(message.box_raw),
        )


# --- SMS --------------------------------------------------------------------------


def _sms_messages(conn: sqlite3.Connection, table: str, present: set[str]) -> Iterator[_Message | Skip]:
    blocked = table != "sms"
    lg = LG_MARK_COLUMN in present
    for row in _rows(conn, table, ("_id", "address", "date", "type", "body", "subject"), ("_id",)):
        locator = f"{table} _id {row['_id']}"
        if blocked:
            twin = conn.execute(
                "SELECT _id FROM sms WHERE address IS ? AND date IS ? AND body IS ? LIMIT 1",
                (row["address"], row["date"], row["body"]),
            ).fetchone()
            if twin is not None:
                yield Skip(locator, f"the same message as sms _id {twin[0]}, which was read")
                continue
        body = None if row["body"] is None else text_in(row["body"])
        yield _Message(locator, Channel.SMS, row["type"], _addresses(text_in(row["address"])),
                       row["date"], _with_subject(row["subject"], body), blocked=blocked, lg=lg)


# --- MMS --------------------------------------------------------------------------


def _mime_type(value: object) -> str:
    return text_in(value).split(";")[0].strip().lower()


def _attachment_name(part: sqlite3.Row, mime_type: str) -> str:
    for key in ("cl", "name", "fn"):
        if text_in(part[key]).strip():
            return text_in(part[key])
    stored = text_in(part["_data"]).strip()
    if stored:
        return PurePosixPath(stored.replace("\\", "/")).name
    return mime_type or "attachment"


def _mms_messages(conn: sqlite3.Connection, pdu: str, addr: str, part: str) -> Iterator[_Message | Skip]:
    blocked = pdu != "pdu"
    addresses: dict[object, list[tuple[str, int]]] = defaultdict(list)
    if addr in tables(conn):
        for row in _rows(conn, addr, ("msg_id", "address", "type"), ("msg_id", "_id")):
            addresses[row["msg_id"]].append((text_in(row["address"]), code_in(row["type"])))
    parts: dict[object, list[sqlite3.Row]] = defaultdict(list)
    if part in tables(conn):
        for row in _rows(conn, part, ("mid", "ct", "cl", "name", "fn", "_data", "text"), ("mid", "seq", "_id")):
            parts[row["mid"]].append(row)
    for row in _rows(conn, pdu, ("_id", "date", "msg_box", "m_type", "sub"), ("_id",)):
        locator = f"{pdu} _id {row['_id']}"
        m_type = code_in(row["m_type"])
        if row["m_type"] is not None and m_type not in MMS_MESSAGE_TYPES:
            what = MMS_REPORT_NAMES.get(m_type, "a kind of MMS record that is not a message")
            yield Skip(locator, f"{what} (m_type {raw_text(row['m_type'])}), not a message")
            continue
        texts: list[str] = []
        attachments: list[str] = []
        for piece in parts.get(row["_id"], []):
            mime_type = _mime_type(piece["ct"])
            if mime_type == "text/plain":
                if piece["text"] is not None:
                    texts.append(text_in(piece["text"]))
            elif mime_type != "application/smil":
                attachments.append(_attachment_name(piece, mime_type))
        senders, recipients = [], []
        for address, role in addresses.get(row["_id"], []):
            if not address.strip() or address == "insert-address-token":
                continue  # Android's placeholder for the phone's own number
            if role == MMS_FROM:
                senders.append(address)
            elif role in MMS_RECIPIENTS:
                recipients.append(address)
        outgoing = MESSAGE_BOXES.get(code_in(row["msg_box"]), (IN, Status.UNKNOWN))[0] is OUT
        parties = list(dict.fromkeys(recipients if outgoing else senders))
        text = _with_subject(row["sub"], "\n".join(texts) if texts else None)
        yield _Message(locator, Channel.MMS, row["msg_box"], parties, row["date"], text,
                       tuple(attachments), blocked=blocked, seconds=True)


# --- Samsung chat (RCS) -----------------------------------------------------------


def _chat_parties(row: sqlite3.Row) -> list[str]:
    address = text_in(row["address"]).strip()
    recipients = [r.strip() for r in _RECIPIENT_SPLIT.split(text_in(row["recipients"])) if r.strip()]
    outgoing = MESSAGE_BOXES.get(code_in(row["type"]), (IN, Status.UNKNOWN))[0] is OUT
    if outgoing and not address:
        return list(dict.fromkeys(recipients))
    return [address] if address else recipients[:1]


def _is_chat_notice(table: str, row: sqlite3.Row) -> bool:
    """A group notice (who joined, who left), told apart as the database's
    own triggers do when they fill ``messages.content``."""
    if row["message_type"] is None:
        return False
    kind = code_in(row["message_type"])
    if table == "ft":
        return kind not in CHAT_FILE_TYPES
    return code_in(row["service_type"]) != RCS_SERVICE and kind not in CHAT_TEXT_TYPES and kind < 100


def _chat_messages(conn: sqlite3.Connection, table: str) -> Iterator[_Message | Skip]:
    for row in _rows(conn, table, CHAT_COLUMNS, ("_id",)):
        locator = f"{table} _id {row['_id']}"
        if _is_chat_notice(table, row):
            kind = raw_text(row["message_type"])
            yield Skip(locator, f"a chat group notice (message_type {kind}), not a message")
            continue
        attachments: tuple[str, ...] = ()
        text: str | None = None
        if table == "ft":
            stored = text_in(row["file_path"]).strip().replace("\\", "/")
            name = text_in(row["file_name"]).strip() or PurePosixPath(stored).name or "attachment"
            attachments = (name,)
        elif row["body"] is not None:
            text = text_in(row["body"])
        yield _Message(locator, Channel.CHAT, row["type"], _chat_parties(row), row["date"], text,
                       attachments, service="rcs")


# --- the importer -------------------------------------------------------------------


def _all_messages(conn: sqlite3.Connection) -> Iterator[_Message | Skip]:
    found = tables(conn)
    for table in ("sms", "spam_sms"):
        present = set(columns(conn, table))
        if REQUIRED_SMS_COLUMNS <= present:
            yield from _sms_messages(conn, table, present)
    for pdu, addr, part in (("pdu", "addr", "part"), ("spam_pdu", "spam_addr", "spam_part")):
        if pdu in found:
            yield from _mms_messages(conn, pdu, addr, part)
    for table in ("im", "ft"):
        if table in found:
            yield from _chat_messages(conn, table)


class AndroidMessagesImporter(Importer):
    name = "android-messages"
    title = "Android SMS and MMS database (mmssms.db), with Samsung's extra tables"
    recognised_by = "a SQLite database with a table 'sms' that has the columns address, date, type and body"
    how_to_get = (
        "Only from a forensic extraction of the phone (police, a lawyer's expert): the file "
        "mmssms.db in com.android.providers.telephony/databases, with its -wal file."
    )
    version = "1"

    def identify(self, path: Path, head: bytes) -> bool:
        return REQUIRED_SMS_COLUMNS <= sqlite_columns(path, head, "sms")

    def companions(self, path: Path) -> dict[str, Path]:
        return companion_files(path)

    def extract(self, path: Path, ctx: ImportContext) -> Iterator[Record | Skip | ContactCard]:
        with open_readonly_copy(path, companion_files(path)) as conn:
            conn.row_factory = sqlite3.Row
            if not REQUIRED_SMS_COLUMNS <= set(columns(conn, "sms")):
                raise ImportFailed(f"{path.name} has no message table (sms) that calllog can read.")
            try:
                found = tables(conn)
                total = sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in READ_TABLES if t in found)
                size = path.stat().st_size
                for done, item in enumerate(_all_messages(conn), start=1):
                    if isinstance(item, Skip):
                        yield item
                    else:
                        yield from _records(item)
                    report_rows(ctx, size, done, total)
            except sqlite3.Error as error:
                raise ImportFailed(f"{path.name} could not be read to the end ({error}); it may be damaged.") from error
