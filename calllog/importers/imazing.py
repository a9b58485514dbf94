"""iMazing (DigiDNA) CSV exports of an iPhone: the call history and Messages.

iMazing, on a Windows or Mac computer, exports what an iPhone holds without
a forensic tool. It publishes no layout: the headers below come from
third-party importers (sascha-andres/imazingtosbr ``types.go`` and
``testdata``, others' tests; shared/reference/handset-formats.md §5). A file
is recognised by its first line, which must be one of these headers exactly
(compared without case or surrounding spaces; ``,``, ``;`` or tab between
the cells, UTF-8 with or without BOM, UTF-16 or cp1252, as Excel re-saves).

Call history (``Call History - <when>.csv``)::

    Call type,Date,Duration,Number,Contact,Location,Service

``Date`` is the phone's local wall-clock time ``YYYY-MM-DD HH:MM:SS`` with
no zone, read in the case's zone (or ``--tz``), every row of a file at once
so that row order places the repeated October hour. ``Duration`` is
``HH:MM:SS`` (``MM:SS`` and seconds are read too). ``Number`` is passed on as
written even when it is no phone number (a Signal UUID, a Teams meeting's
name: the pipeline marks those ``not_a_number``). ``Service`` is
``Phone: <number>``, ``FaceTime Audio``, ``WhatsApp Video``, ``Signal
Audio``, ``Teams Audio``...: its text before ``:`` is the record's service.
``Contact`` is the name (not when it only repeats the number); ``Location``
(the number's country) is not kept. ``Call type`` (only Outgoing and
Incoming are confirmed [S]; Missed is in one other importer's tests; [U]
never seen in an export):

    Outgoing   out, answered when it lasted more than 0 s, else unknown
    Incoming   in, the same rule (0 s may well be a missed call)
    Missed     in, missed
    Declined, Rejected [U]   in, rejected
    Blocked [U]              in, blocked
    Cancelled, Canceled [U]  out, unknown
    anything else            kept: in, unknown, the word as status_raw

Messages (one file per conversation, ``Messages - <name>.csv``)::

    15: Chat Session,Message Date,Delivered Date,Read Date,Edited Date,Service,Type,
        Sender ID,Sender Name,Status,Replying to,Subject,Text,Attachment,Attachment type
    14: the 15 without Edited Date
    13: Chat Session,Message Date,Service,Type,Sender ID,Sender Name,Status,
        Replying to,Subject,Text,Reactions,Attachment,Attachment type
    17: the 15 with Deleted Date after Edited Date and Reactions after Text [S]
    18: the 17 with Message ID after Chat Session [S]

``Message Date`` is read like the call ``Date``. ``Type`` Incoming is
received, Outgoing sent (failed when ``Status`` says so), Notification a
notice of the app (someone left a group...), counted as skipped; another
word is kept: in, unknown. ``Service`` SMS or MMS gives that channel;
iMessage, RCS or anything else is a chat message with that service. An
incoming message's party is its ``Sender ID`` (the session when empty). An
outgoing one has no sender: its party is the ``Chat Session`` when that is a
number or an address; when the session is a name, the one ``Sender ID`` that
wrote in that session in the file (a one-to-one conversation named after the
contact); with none or several (a group), the session text, not a number.
``Subject`` is the first line of the text; ``Attachment`` is kept by name. In
the 18-column layout consecutive rows with the same ``Message ID`` are one
message (iMazing puts an attachment on a row of its own): one record.

Locators are the physical line a row starts on (``line 12``; a quoted text
can hold line breaks). A row whose cells do not match the header, or whose
date cannot be read, is a counted skip; a file in which no date can be read
at all (dates rewritten by Excel) is refused with that reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from calllog.errors import ImportFailed
from calllog.importers.base import HEAD_BYTES, ImportContext, Importer
from calllog.importers.table_reader import (
    file_encoding, head_encoding, head_lines, split_line, text_rows,
)
from calllog.model import Channel, Direction, Record, Skip, Status
from calllog.timeutil import WallClock, resolve_wall_clock_series

IN, OUT = Direction.IN, Direction.OUT
DELIMITERS = (",", ";", "\t")

CALL_HEADER = ("Call type", "Date", "Duration", "Number", "Contact", "Location", "Service")
_MESSAGE_15 = (
    "Chat Session", "Message Date", "Delivered Date", "Read Date", "Edited Date", "Service", "Type",
    "Sender ID", "Sender Name", "Status", "Replying to", "Subject", "Text", "Attachment", "Attachment type",
)
_MESSAGE_17 = (
    *_MESSAGE_15[:5], "Deleted Date", *_MESSAGE_15[5:13], "Reactions", *_MESSAGE_15[13:],
)
MESSAGE_HEADERS: tuple[tuple[str, ...], ...] = (
    _MESSAGE_15,
    tuple(name for name in _MESSAGE_15 if name != "Edited Date"),
    (
        "Chat Session", "Message Date", "Service", "Type", "Sender ID", "Sender Name", "Status",
        "Replying to", "Subject", "Text", "Reactions", "Attachment", "Attachment type",
    ),
    _MESSAGE_17,
    (_MESSAGE_17[0], "Message ID", *_MESSAGE_17[1:]),
)

# None: answered when the call lasted, unknown when it did not
CALL_WORDS: dict[str, tuple[Direction, Status | None]] = {
    "outgoing": (OUT, None),
    "incoming": (IN, None),
    "missed": (IN, Status.MISSED),
    "declined": (IN, Status.REJECTED),
    "rejected": (IN, Status.REJECTED),
    "blocked": (IN, Status.BLOCKED),
    "cancelled": (OUT, Status.UNKNOWN),
    "canceled": (OUT, Status.UNKNOWN),
}
MESSAGE_CHANNELS = {"sms": Channel.SMS, "mms": Channel.MMS}
NOTIFICATION = "notification"
_FAILED_WORDS = ("fail", "not delivered", "error", "undelivered")
_WALL_CLOCK = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?"
)
_CLOCK_DURATION = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})")
_SECONDS = re.compile(r"\d+(?:[.,]\d+)?")
_HANDLE = re.compile(r"\+?[\d\s().\-/]*\d[\d\s().\-/]*")  # a number as people write it
NO_DATES_HINT = (
    "Import the CSV exactly as iMazing saved it: a file opened and saved again in Excel "
    "has its dates rewritten."
)


def _key(cells: Sequence[str]) -> tuple[str, ...]:
    return tuple(cell.strip().casefold() for cell in cells)


_CALL_KEY = _key(CALL_HEADER)
_MESSAGE_KEYS = {_key(header): header for header in MESSAGE_HEADERS}


def read_header(head: bytes) -> tuple[str, tuple[str, ...]] | None:
    """(delimiter, header) when the first line of ``head`` is a header iMazing
    writes, else None. Never raises."""
    try:
        encoding = head_encoding(head)
        if encoding is None:
            return None
        lines = head_lines(head, encoding, len(head) < HEAD_BYTES, 1)
        first = lines[0].lstrip("\ufeff") if lines else ""
        for delimiter in DELIMITERS:
            key = _key(split_line(first, delimiter))
            if key == _CALL_KEY:
                return delimiter, CALL_HEADER
            if key in _MESSAGE_KEYS:
                return delimiter, _MESSAGE_KEYS[key]
    except Exception:  # identify must never raise, whatever the bytes
        return None
    return None


def read_wall_clock(text: str) -> datetime | None:
    """``YYYY-MM-DD HH:MM[:SS[.ffffff]]`` as a naive datetime, or None."""
    found = _WALL_CLOCK.fullmatch(text.strip())
    if found is None:
        return None
    year, month, day, hour, minute, second, fraction = found.groups()
    try:
        return datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
            int((fraction or "0").ljust(6, "0")),
        )
    except ValueError:  # 2024-02-30, 25:00 ...
        return None


def read_duration(text: str) -> float | None:
    """``HH:MM:SS``, ``MM:SS`` or plain seconds; None when empty or unreadable."""
    text = text.strip()
    if found := _CLOCK_DURATION.fullmatch(text):
        hours, minutes, seconds = (int(part or 0) for part in found.groups())
        if minutes < 60 and seconds < 60:
            return float(hours * 3600 + minutes * 60 + seconds)
        return None
    if _SECONDS.fullmatch(text):
        return float(text.replace(",", "."))
    return None


def call_status(word: str, duration_s: float | None) -> tuple[Direction, Status]:
    direction, status = CALL_WORDS.get(word.strip().casefold(), (IN, Status.UNKNOWN))
    if status is None:
        status = Status.ANSWERED if duration_s else Status.UNKNOWN
    return direction, status


def is_handle(text: str) -> bool:
    """True for a phone number or an address, as opposed to a contact's name."""
    return bool(_HANDLE.fullmatch(text.strip())) or "@" in text


@dataclass(frozen=True)
class Layout:
    """How one file is written: its delimiter, its header and its text encoding."""

    delimiter: str
    header: tuple[str, ...]
    encoding: str

    def column(self, name: str) -> int:
        return self.header.index(name)


RowWatcher = Callable[[list[str]], None]


class _ImazingCsv(Importer):
    """What the two exports share: header, two passes over the rows, locators."""

    headers: ClassVar[tuple[tuple[str, ...], ...]]

    def identify(self, path: Path, head: bytes) -> bool:
        found = read_header(head)
        return found is not None and found[1] in self.headers

    def describe(self, path: Path, ctx: ImportContext) -> list[str]:
        layout = self._layout(path)
        shown = "tab" if layout.delimiter == "\t" else f"'{layout.delimiter}'"
        return [
            f"{self.title}: the {len(layout.header)}-column header on line 1, cells separated "
            f"by {shown}, text in {layout.encoding}.",
            f"Dates are local times, read in {ctx.tz.key}.",
        ]

    def _layout(self, path: Path) -> Layout:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
        found = read_header(head)
        if found is None or found[1] not in self.headers:
            raise ImportFailed(f"{path.name} does not start with the header of {self.title}.")
        return Layout(found[0], found[1], file_encoding(path, head))

    @staticmethod
    def _rows(path: Path, layout: Layout, ctx: ImportContext, pass_number: int) -> Iterator[tuple[int, list[str]]]:
        """(line, cells) of every non-blank row below the header. Progress runs
        through the first half of the file size in pass 0, the second in pass 1."""
        size = path.stat().st_size
        start = pass_number * size

        def progress(done: int) -> None:
            ctx.report_progress((start + min(done, size)) // 2)

        for line, cells in text_rows(path, layout.encoding, False, layout.delimiter, 1, progress):
            if any(cell.strip() for cell in cells):
                yield line, cells

    def _clocks(
        self, path: Path, layout: Layout, ctx: ImportContext, column: str, watch: RowWatcher | None = None
    ) -> list[WallClock | None]:
        """Pass 0: the instant of every row (None where the row or its date
        cannot be read), all rows at once for the DST hours; ``watch`` sees
        every well-formed row (facts about the whole file)."""
        at = layout.column(column)
        width = len(layout.header)
        naives: list[datetime | None] = []
        fitting = 0
        for _line, cells in self._rows(path, layout, ctx, 0):
            fits = len(cells) == width
            naives.append(read_wall_clock(cells[at]) if fits else None)
            if fits:
                fitting += 1
                if watch is not None:
                    watch(cells)
        clocks = resolve_wall_clock_series(naives, ctx.tz)
        if fitting and not any(clocks):
            raise ImportFailed(
                f"{path.name} has iMazing's header, but none of its dates is written as "
                "YYYY-MM-DD HH:MM:SS, so no row can be placed in time.",
                hint=NO_DATES_HINT,
            )
        return clocks


def _misfit(locator: str, cells: list[str], header: tuple[str, ...]) -> Skip:
    return Skip(
        locator,
        f"The row has {len(cells)} cells where the header has {len(header)}, so its "
        "columns cannot be told apart; it was not read.",
    )


class ImazingCallsImporter(_ImazingCsv):
    name: ClassVar[str] = "imazing-calls"
    title: ClassVar[str] = "an iMazing call history export (CSV)"
    recognised_by: ClassVar[str] = (
        "a CSV whose first line is iMazing's header Call type,Date,Duration,Number,Contact,Location,Service"
    )
    how_to_get: ClassVar[str] = (
        "In iMazing on your computer, choose your iPhone, open 'Phone', select the calls "
        "and click 'Export to CSV'."
    )
    version: ClassVar[str] = "1"
    headers = (CALL_HEADER,)

    def extract(self, path: Path, ctx: ImportContext) -> Iterator[Record | Skip]:
        layout = self._layout(path)
        clocks = self._clocks(path, layout, ctx, "Date")
        for position, (line, cells) in enumerate(self._rows(path, layout, ctx, 1)):
            yield call_record(f"line {line}", cells, clocks[position])
        ctx.report_progress(path.stat().st_size)


def call_record(locator: str, cells: list[str], clock: WallClock | None) -> Record | Skip:
    """One row of the call history."""
    if len(cells) != len(CALL_HEADER):
        return _misfit(locator, cells, CALL_HEADER)
    word, date, duration, number, contact, _location, service = cells
    if clock is None:
        return Skip(locator, f"The call was not kept: its date {date!r} is not written as YYYY-MM-DD HH:MM:SS.")
    duration_s = read_duration(duration)
    direction, status = call_status(word, duration_s)
    name = contact.strip()
    return Record(
        locator=locator,
        instant_utc=clock.instant_utc,
        channel=Channel.CALL,
        direction=direction,
        status=status,
        party_raw=number,
        duration_s=duration_s,
        local_text=date,
        time_ambiguous=clock.ambiguous,
        time_nonexistent=clock.nonexistent,
        service=service.split(":", 1)[0].strip() or None,
        # a Teams meeting's "contact" is its name again, which names nobody
        contact_name=name if name and name != number.strip() else None,
        status_raw=word,
    )


class ImazingMessagesImporter(_ImazingCsv):
    name: ClassVar[str] = "imazing-messages"
    title: ClassVar[str] = "an iMazing Messages export (CSV, one conversation)"
    recognised_by: ClassVar[str] = (
        "a CSV whose first line is one of iMazing's Messages headers (13, 14, 15, 17 or 18 "
        "columns, starting with Chat Session)"
    )
    how_to_get: ClassVar[str] = (
        "In iMazing on your computer, choose your iPhone, open 'Messages', select the "
        "conversation and click 'Export to CSV'."
    )
    version: ClassVar[str] = "1"
    headers = MESSAGE_HEADERS

    def extract(self, path: Path, ctx: ImportContext) -> Iterator[Record | Skip]:
        layout = self._layout(path)
        conversation = Conversation(layout.header)
        clocks = self._clocks(path, layout, ctx, "Message Date", conversation.watch)
        group: list[tuple[int, list[str], WallClock | None]] = []
        for position, (line, cells) in enumerate(self._rows(path, layout, ctx, 1)):
            if group and not conversation.same_message(group[-1][1], cells):
                yield conversation.record(group)
                group = []
            if len(cells) != len(layout.header):
                yield _misfit(f"line {line}", cells, layout.header)
                continue
            group.append((line, cells, clocks[position]))
        if group:
            yield conversation.record(group)
        ctx.report_progress(path.stat().st_size)


class Conversation:
    """What pass 0 learns of a Messages file, and pass 1's reading of its rows."""

    def __init__(self, header: tuple[str, ...]) -> None:
        self.at = {name: index for index, name in enumerate(header)}
        self.width = len(header)
        # incoming Sender IDs per Chat Session: who the owner writes to
        self.senders: dict[str, set[str]] = {}

    def watch(self, cells: list[str]) -> None:
        sender = cells[self.at["Sender ID"]].strip()
        if sender and cells[self.at["Type"]].strip().casefold() == "incoming":
            self.senders.setdefault(cells[self.at["Chat Session"]].strip(), set()).add(sender)

    def same_message(self, previous: list[str], cells: list[str]) -> bool:
        """Rows of one message: the same Message ID (18 columns), one after the other."""
        at = self.at.get("Message ID")
        return (
            at is not None and len(cells) == self.width
            and cells[at].strip() != "" and cells[at] == previous[at]
        )

    def record(self, group: list[tuple[int, list[str], WallClock | None]]) -> Record | Skip:
        """One message from its row(s)."""
        at = self.at
        locator = "line " + " + line ".join(str(line) for line, _cells, _clock in group)
        _line, first, clock = group[0]
        kind = first[at["Type"]].strip().casefold()
        if kind == NOTIFICATION:
            return Skip(locator, "A notice of the Messages app, not a message anyone sent; it was not kept.")
        date = first[at["Message Date"]]
        if clock is None:
            return Skip(locator, f"The message was not kept: its date {date!r} is not written as YYYY-MM-DD HH:MM:SS.")
        party, name = self.party(kind, first)
        service = first[at["Service"]].strip()
        channel = MESSAGE_CHANNELS.get(service.casefold(), Channel.CHAT)
        subject = first[at["Subject"]].strip()
        texts = [cells[at["Text"]] for _line, cells, _clock in group if cells[at["Text"]].strip()]
        attachments = [cells[at["Attachment"]] for _line, cells, _clock in group]
        status_text = first[at["Status"]]
        return Record(
            locator=locator,
            instant_utc=clock.instant_utc,
            channel=channel,
            direction=OUT if kind == "outgoing" else IN,
            status=message_status(kind, status_text),
            party_raw=party,
            local_text=date,
            time_ambiguous=clock.ambiguous,
            time_nonexistent=clock.nonexistent,
            text="\n".join([subject, *texts] if subject else texts) or None,
            attachments=tuple(file for file in attachments if file.strip()),
            service=(service or None) if channel is Channel.CHAT else None,
            contact_name=name,
            status_raw=status_text,
        )

    def party(self, kind: str, cells: list[str]) -> tuple[str, str | None]:
        """(party as written, contact name) of one message."""
        session = cells[self.at["Chat Session"]]
        if kind != "outgoing":
            sender = cells[self.at["Sender ID"]]
            party = sender if sender.strip() else session
            name = cells[self.at["Sender Name"]].strip()
            return party, name if name and name != party.strip() else None
        if is_handle(session):
            return session, None
        senders = self.senders.get(session.strip(), set())
        if len(senders) == 1:  # a one-to-one conversation named after the contact
            return next(iter(senders)), session.strip() or None
        return session, None


def message_status(kind: str, status: str) -> Status:
    if kind == "incoming":
        return Status.RECEIVED
    if kind != "outgoing":
        return Status.UNKNOWN
    word = status.strip().casefold()
    return Status.FAILED if any(sign in word for sign in _FAILED_WORDS) else Status.SENT
