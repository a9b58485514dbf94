"""iPhone messages: ``sms.db`` (SMS, MMS, iMessage and RCS).

``/private/var/mobile/Library/SMS/sms.db``, in an iTunes/Finder backup the
file ``3d/3d0d7e5fb2ce288813306e4d4636395e047a3d28`` (a Mac's
``~/Library/Messages/chat.db`` has the same tables). Recent rows are often
only in ``sms.db-wal``, so the database is read with its ``-wal``/``-shm``
on a temporary read-only copy (``sqlite_copy``). Tables read:

* ``message``: one row per message; ``ROWID`` (locator ``message ROWID 42``),
  ``date``, ``is_from_me``, ``handle_id``, ``text``, ``attributedBody``,
  ``subject``, ``service``, ``item_type``, ``is_sent``, ``is_delivered``,
  ``error``, ``account``, ``destination_caller_id``;
* ``handle``: ``ROWID``, ``id`` (the number or e-mail as stored), ``service``;
* ``chat_message_join`` (which chat a message is in) and
  ``chat_handle_join`` (who is in a chat; the owner is never listed);
* ``attachment`` via ``message_attachment_join``: ``transfer_name``,
  ``filename``, ``mime_type``.

Only ``message`` (with ``date``, ``is_from_me``, ``handle_id``, ``text``)
and ``handle`` must exist (mvt's minimal test ``sms.db`` has no other
table); every other column and table is used when it is there.

``date``: time counted from 2001-01-01T00:00:00Z, in **seconds up to iOS 10
and nanoseconds from iOS 11**. The unit is decided per row by size: above
1e12 it is nanoseconds (1e12 s would be the year 33 690; 1e12 ns is 17
minutes after the epoch, before any phone kept messages). iLEAPP
``scripts/artifacts/sms.py`` uses the same rule with 1e15. A NULL, zero or
negative date is a counted skip. ``local_text`` is the raw value.

Direction and parties: ``is_from_me`` 1 is outgoing. An incoming message is
from ``handle_id`` -> ``handle.id``, also in a group chat (one record, the
sender). An outgoing one goes to everybody in its chat
(``chat_handle_join``), one record per person in a group
(``message ROWID 42 (to 2)``); without a chat, to ``handle_id``. A message
whose sender is not recorded (``handle_id`` 0 or a deleted handle) takes the
one person of its 1:1 chat; when even that is missing it is a counted skip,
never "withheld": nobody hid a number, the database simply lost the link.

Status: incoming is received; outgoing is failed when ``error`` is not 0,
sent when ``is_sent`` or ``is_delivered`` is 1, unknown otherwise.
``status_raw`` keeps those flags as written.

Service and channel: ``message.service`` (else the handle's) goes to
``Record.service`` as written: ``SMS`` is an SMS, or an MMS when it has
attachments (iOS writes ``SMS`` for both), so that the operator's own list
can corroborate it; ``iMessage``, ``RCS`` (iOS 18) and anything else is a
chat message.

Text: ``message.text``; when it is NULL or empty (iOS 16 and later), the
string archived in ``attributedBody`` (``ios_typedstream``). U+FFFC (the
object replacement character iOS puts where an attachment sits in the text)
is removed; a text left empty is None. A ``subject`` becomes the first line.
Attachments are listed by ``transfer_name``, else the file name of
``filename``, else the MIME type.

Kept and skipped: ``item_type`` 0 is a message; any other value is a notice
in the chat, not a message, and a counted skip with its meaning (from
imessage-exporter ``tables/messages/models/group_action.rs`` and
``tests/variant.rs``): 1 participant added or removed, 2 group renamed,
3 participant left or group photo/background changed, 4 location sharing
started or stopped, 6 SharePlay. Reactions (tapbacks,
``associated_message_type`` 2000-2007, their removal 3000-3007, stickers
1000) are kept as messages: each is something the sender did that reached
the other phone, and its text says what (``Loved "…"``).

Sources: shared/reference/handset-formats.md §3 "sms.db"; iLEAPP
``scripts/artifacts/sms.py``; imessage-exporter (ReagentX) as cited above.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from calllog.errors import ImportFailed
from calllog.importers.base import ImportContext, Importer
from calllog.importers.ios_typedstream import attributed_body_text
from calllog.importers.sqlite_copy import columns, companion_files, open_readonly_copy, table_names, tables
from calllog.model import Channel, ContactCard, Direction, Record, Skip, Status
from calllog.timeutil import from_apple_nanoseconds, from_apple_seconds

REQUIRED_COLUMNS = ("date", "is_from_me", "handle_id", "text")
OPTIONAL_COLUMNS = (
    "attributedBody", "subject", "service", "item_type", "is_sent", "is_delivered",
    "error", "account", "destination_caller_id",
)
STATUS_FLAGS = ("is_from_me", "is_sent", "is_delivered", "error")
NANOSECONDS_ABOVE = 1e12
ITEM_TYPES = {
    1: "a person was added to or removed from a group chat",
    2: "a group chat was renamed",
    3: "a person left a group chat, or its photo or background changed",
    4: "location sharing was started or stopped",
    6: "a SharePlay session",
}
ATTACHMENT_MARK = "\ufffc"  # where iOS puts an attachment inside the text
PROGRESS_EVERY = 1000


def _integer(value: Any) -> int | None:
    if value is None or isinstance(value, (bool, bytes)):
        return None
    if isinstance(value, int):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if math.isfinite(number) and number == int(number) else None


def _text(value: Any) -> str | None:
    """A TEXT column as text, None when NULL or empty."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return value if isinstance(value, str) and value != "" else None


def _instant(raw: Any) -> datetime | str:
    """``message.date`` as a UTC instant, or why it cannot be one."""
    if raw is None:
        return "it has no date"
    if isinstance(raw, (bytes, bool)):
        return f"its date {raw!r} is not a number"
    try:
        # an integer as text stays exact: a float would blur 18 digits of nanoseconds
        whole = isinstance(raw, str) and raw.strip().isdigit()
        value = raw if isinstance(raw, int) else int(raw) if whole else float(raw)
    except (TypeError, ValueError):
        return f"its date {raw!r} is not a number"
    if not (isinstance(value, int) or math.isfinite(value)):
        return f"its date {raw!r} is not a number"
    if value <= 0:
        return f"its date {raw!r} is not a real time (the phone stored none)"
    try:
        if value > NANOSECONDS_ABOVE:
            return from_apple_nanoseconds(int(value))
        return from_apple_seconds(value)
    except ValueError:
        return f"its date {raw!r} is too far from today to be a real time"


def _clean_text(text: str | None) -> str | None:
    if text is None:
        return None
    text = text.replace(ATTACHMENT_MARK, "")
    return text if text.strip() else None


def _message_text(row: sqlite3.Row) -> str | None:
    text = _clean_text(_text(row["text"]))
    if text is None:
        text = _clean_text(attributed_body_text(row["attributedBody"]))
    subject = _text(row["subject"])
    if subject is not None and subject.strip():
        return subject if text is None else f"{subject}\n{text}"
    return text


def _owner(row: sqlite3.Row) -> str | None:
    """The owner's own number or address the message used, as written:
    ``account`` without its ``p:``/``e:`` prefix, else ``destination_caller_id``."""
    account = _text(row["account"])
    if account is not None and account[1:2] == ":":
        account = account[2:]
    caller_id = _text(row["destination_caller_id"])
    return (account or "").strip() or (caller_id or "").strip() or None


def _status(row: sqlite3.Row, names: set[str], outgoing: bool) -> tuple[Status, str]:
    raw = " ".join(f"{flag}={row[flag]}" for flag in STATUS_FLAGS if flag in names)
    if not outgoing:
        return Status.RECEIVED, raw
    flags = {flag: _integer(row[flag]) for flag in STATUS_FLAGS}
    if flags["error"]:
        return Status.FAILED, raw
    if flags["is_sent"] == 1 or flags["is_delivered"] == 1:
        return Status.SENT, raw
    return Status.UNKNOWN, raw


def _attachment_name(transfer_name: Any, filename: Any, mime_type: Any) -> str:
    path = _text(filename)
    return (
        _text(transfer_name)
        or (path.replace("\\", "/").rsplit("/", 1)[-1] if path else None)
        or _text(mime_type)
        or "attachment"
    )


@dataclass
class _Lookups:
    """The small tables, read once: handles, chat members, attachments."""

    handles: dict[int, tuple[str, str | None]]  # ROWID -> (id, service)
    chat_people: dict[int, list[int]]  # chat ROWID -> handle ROWIDs
    attachments: dict[int, list[str]]  # message ROWID -> names

    @classmethod
    def read(cls, conn: sqlite3.Connection, known: set[str]) -> _Lookups:
        handle_columns = set(columns(conn, "handle"))
        service = "service" if "service" in handle_columns else "NULL"
        handles: dict[int, tuple[str, str | None]] = {}
        for rowid, handle_id, handle_service in conn.execute(
            f"SELECT ROWID, id, {service} FROM handle"
        ):
            if (text := _text(handle_id)) is not None and text.strip():
                handles[rowid] = (text, _text(handle_service))
        chat_people: dict[int, list[int]] = {}
        if "chat_handle_join" in known:
            query = "SELECT chat_id, handle_id FROM chat_handle_join ORDER BY chat_id, handle_id"
            for chat_id, handle_rowid in conn.execute(query):
                chat_people.setdefault(chat_id, []).append(handle_rowid)
        attachments: dict[int, list[str]] = {}
        if {"attachment", "message_attachment_join"} <= known:
            wanted = set(columns(conn, "attachment"))
            picked = ", ".join(
                f"a.{name}" if name in wanted else "NULL"
                for name in ("transfer_name", "filename", "mime_type")
            )
            query = (
                f"SELECT j.message_id, {picked} FROM message_attachment_join j "
                "JOIN attachment a ON a.ROWID = j.attachment_id ORDER BY j.message_id, a.ROWID"
            )
            for message_id, *fields in conn.execute(query):
                attachments.setdefault(message_id, []).append(_attachment_name(*fields))
        return cls(handles, chat_people, attachments)

    def handle(self, rowid: Any) -> tuple[str, str | None] | None:
        number = _integer(rowid)
        return self.handles.get(number) if number else None

    def people(self, chat_ids: Any) -> list[str]:
        """The handles of the message's chats (``chat_ids`` joined by commas),
        in chat and handle order, once each."""
        found: list[str] = []
        numbers = sorted(n for part in str(chat_ids or "").split(",") if (n := _integer(part)) is not None)
        for chat_id in numbers:
            for handle_rowid in self.chat_people.get(chat_id, []):
                if (handle := self.handles.get(handle_rowid)) is not None:
                    found.append(handle[0])
        return list(dict.fromkeys(found))


def _parties(row: sqlite3.Row, lookups: _Lookups, outgoing: bool) -> list[str] | str:
    """Who the message was from (incoming) or to (outgoing), or why nobody."""
    own = lookups.handle(row["handle_id"])
    in_chat = lookups.people(row["chat_ids"])
    if outgoing:
        parties = in_chat or ([own[0]] if own else [])
        return parties or "it names no recipient (no handle, and no chat with members)"
    if own is not None:
        return [own[0]]
    if len(in_chat) == 1:
        return in_chat
    return "the database no longer says who sent it (no handle, and not a 1:1 chat)"


def _channel(row: sqlite3.Row, lookups: _Lookups, attachments: list[str]) -> tuple[Channel, str | None]:
    service = _text(row["service"])
    if service is None and (own := lookups.handle(row["handle_id"])) is not None:
        service = own[1]
    if service is not None and service.strip().casefold() == "sms":
        return (Channel.MMS if attachments else Channel.SMS), service
    return Channel.CHAT, service


def _records(row: sqlite3.Row, names: set[str], lookups: _Lookups) -> Iterator[Record | Skip]:
    locator = f"message ROWID {row['ROWID']}"
    item_type = _integer(row["item_type"])
    if item_type:
        what = ITEM_TYPES.get(item_type, "of a kind calllog does not know")
        yield Skip(locator, f"A notice in the chat, not a message: {what} (item_type {item_type}).")
        return
    instant = _instant(row["date"])
    if isinstance(instant, str):
        yield Skip(locator, f"The message was not kept: {instant}.")
        return
    outgoing = _integer(row["is_from_me"]) == 1
    parties = _parties(row, lookups, outgoing)
    if isinstance(parties, str):
        yield Skip(locator, f"The message was not kept: {parties}.")
        return
    attachments = lookups.attachments.get(row["ROWID"], [])
    channel, service = _channel(row, lookups, attachments)
    status, status_raw = _status(row, names, outgoing)
    text = _message_text(row)
    owner = _owner(row)
    for number, party in enumerate(parties, start=1):
        yield Record(
            locator=f"{locator} (to {number})" if len(parties) > 1 else locator,
            instant_utc=instant,
            channel=channel,
            direction=Direction.OUT if outgoing else Direction.IN,
            status=status,
            party_raw=party,
            local_text=str(row["date"]),
            text=text,
            attachments=tuple(attachments),
            service=service,
            owner_raw=owner,
            status_raw=status_raw,
        )


class IosMessagesImporter(Importer):
    name: ClassVar[str] = "ios-messages"
    title: ClassVar[str] = "iPhone messages: SMS, MMS, iMessage and RCS (sms.db, with its -wal/-shm files)"
    recognised_by: ClassVar[str] = "a SQLite database with the tables message and handle"
    how_to_get: ClassVar[str] = (
        "Make an unencrypted iPhone backup with Finder (Mac) or iTunes / Apple Devices (Windows) "
        "and import the backup folder; a forensic extraction holds the same file."
    )
    version: ClassVar[str] = "1"

    def identify(self, path: Path, head: bytes) -> bool:
        return {"message", "handle"} <= table_names(path, head)

    def companions(self, path: Path) -> dict[str, Path]:
        return companion_files(path)

    def extract(self, path: Path, ctx: ImportContext) -> Iterator[Record | Skip | ContactCard]:
        with open_readonly_copy(path, companion_files(path)) as conn:
            try:
                names, known = self._check(conn, path)
                lookups = _Lookups.read(conn, known)
                total = conn.execute("SELECT count(*) FROM message").fetchone()[0] or 1
                size = path.stat().st_size
                conn.row_factory = sqlite3.Row
                for done, row in enumerate(conn.execute(self._query(names, known)), start=1):
                    yield from _records(row, names, lookups)
                    if done % PROGRESS_EVERY == 0:
                        ctx.report_progress(size * done // total)
            except sqlite3.Error as error:
                raise ImportFailed(
                    f"{path.name} could not be read ({error}); it may be damaged."
                ) from error
        ctx.report_progress(size)

    def describe(self, path: Path, ctx: ImportContext) -> list[str]:
        with open_readonly_copy(path, companion_files(path)) as conn:
            names, known = self._check(conn, path)
            service = "service" if "service" in names else "NULL"
            services: Counter[str] = Counter()
            for value, count in conn.execute(f"SELECT {service}, count(*) FROM message GROUP BY 1"):
                services[_text(value) or "no service given"] += count
            handles = conn.execute("SELECT count(*) FROM handle").fetchone()[0]
            chats = conn.execute("SELECT count(*) FROM chat").fetchone()[0] if "chat" in known else 0
        wal = " (read together with its -wal file)" if "-wal" in companion_files(path) else ""
        lines = [f"{sum(services.values())} messages, {handles} handles, {chats} chats{wal}."]
        lines += [f"  {name}: {count}" for name, count in sorted(services.items())]
        return lines

    @staticmethod
    def _check(conn: sqlite3.Connection, path: Path) -> tuple[set[str], set[str]]:
        known = tables(conn)
        names = set(columns(conn, "message"))
        missing = [c for c in REQUIRED_COLUMNS if c not in names]
        if not names:
            what = "has no message table"
        elif missing:
            what = f"lacks the message column(s) {', '.join(missing)}"
        elif "handle" not in known or "id" not in columns(conn, "handle"):
            what = "has no handle table with an id column"
        else:
            return names, known
        raise ImportFailed(
            f"{path.name} is not an iPhone message database calllog can read: it {what}."
        )

    @staticmethod
    def _query(names: set[str], known: set[str]) -> str:
        """One row per message in ROWID order, its chats joined in; SQLite
        builds a temporary index when the join table has none on message_id."""
        wanted = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
        picked = ", ".join(f"m.{c}" if c in names else f"NULL AS {c}" for c in wanted)
        if "chat_message_join" not in known:
            return f"SELECT m.ROWID AS ROWID, {picked}, NULL AS chat_ids FROM message m ORDER BY m.ROWID"
        return (
            f"SELECT m.ROWID AS ROWID, {picked}, group_concat(j.chat_id) AS chat_ids "
            "FROM message m LEFT JOIN chat_message_join j ON j.message_id = m.ROWID "
            "GROUP BY m.ROWID ORDER BY m.ROWID"
        )
