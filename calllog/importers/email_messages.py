"""E-mail: single messages (.eml) and mailboxes (.mbox), one event per mail.

Victims are told to keep offensive e-mails *with their headers*: the
headers (the chain of ``Received`` lines each server adds, ``Message-ID``,
``Date``) are what lets the police ask a provider who sent the mail. So each
record carries the complete original header block, verbatim.

Formats read:

* ``.eml``: one message as RFC 5322 defines it: header fields
  ``Name: value`` (a line starting with a space or tab continues the field
  above), an empty line, the body. Bodies are MIME (RFC 2045-2049):
  ``multipart/*`` parts, ``Content-Transfer-Encoding`` base64 or
  quoted-printable, a ``charset`` per text part; names and subjects may be
  RFC 2047 encoded words (``=?utf-8?q?...?=``).
* ``.mbox``: many messages in one file (RFC 4155; Thunderbird, Google
  Takeout). Each starts with a separator line ``From <sender> <date>`` that
  is not part of the message: here, a line starting with ``From `` that
  holds a time (``12:34``) and a four-digit year, at the start of the file
  or after an empty line. Body lines that would look like a separator are
  written ``>From ``; one ``>`` is taken off again (the mboxrd rule). The
  mailbox is read as a stream and opened read-only (the stdlib ``mailbox``
  module opens it for writing and reads it whole).

Per mail:

* party: the sender's address from ``From`` (else ``Sender``, else
  ``Return-Path``), lower-cased, via ``email.utils.parseaddr``; the display
  name (RFC 2047 decoded) becomes the contact name. When the address is one
  of the owner's (``ctx.options["me"]``) the mail is outgoing (status sent)
  and the party is the first ``To`` (else ``Cc``, ``Bcc``) address;
  otherwise it is incoming (status received).
* instant: the ``Date`` header (RFC 5322 with its own offset, e.g.
  ``Tue, 7 Jan 2025 21:14:09 +0100``; ``-0000``, ``GMT``, ``UT`` and ``Z``
  mean UTC; the old zone names EST...PDT and the European CET, CEST, BST,
  ... are known). A date with no zone at all is read as local time in the
  case's zone. When ``Date`` is missing or unreadable, the date after the
  last ``;`` of the first (topmost, latest) ``Received`` header is used; with
  neither, the mail is a counted skip. ``local_text`` is the date as written.
* text: the subject on the first line, then the ``text/plain`` body; with no
  plain part, the text of the ``text/html`` part (tags dropped, scripts and
  styles left out). Text beyond ``MAX_TEXT_CHARS`` and mails beyond
  ``MAX_MESSAGE_BYTES`` are cut, with a note saying so (the original file
  keeps everything).
* attachments: the file names of the attached parts (the MIME type when a
  part has none); a forwarded mail counts as one attachment.
* headers: the bytes from the start of the message to the empty line that
  ends its header block (the ``From `` separator of an mbox excluded),
  decoded as UTF-8 with any other byte shown as U+FFFD; for an ASCII header
  block, ``headers.encode()`` is exactly those bytes.

Locators: ``message 1`` for an .eml; ``message 3 (line 120)`` in an mbox,
the line being that of its ``From `` separator. A broken MIME body, a
charset Python does not know or a mail too deeply nested never stop the
file: the mail keeps its headers and whatever text could be read.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from email import policy
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr, parsedate_tz
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, ClassVar

from calllog.errors import ImportFailed
from calllog.importers.base import HEAD_BYTES, ImportContext, Importer
from calllog.model import Channel, Direction, Record, Skip, Status
from calllog.timeutil import resolve_wall_clock

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000
MAX_MIME_DEPTH = 40
_LINE_PIECE = 1024 * 1024  # mbox lines are read in pieces of at most this size
_SEPARATOR_WINDOW = 1024  # the bytes of a line that decide whether it is a separator
_UTC = timezone.utc

_FIELD = re.compile(rb"[\x21-\x39\x3b-\x7e]+[ \t]*:")  # RFC 5322 field name, then ":"
_SEPARATOR = re.compile(rb"From \S+[ \t].*\b\d{1,2}:\d{2}\b.*\b\d{4}\b")
_QUOTED_SEPARATOR = re.compile(rb">+From ")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_COMMENT = re.compile(r"\([^()]*\)")
_CLOCK_AND_ZONE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*([+-]\d{4}|[A-Za-z]{1,5})?\s*$")
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\f\v\xa0]+")
_ZONE_HOURS = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "WET": 0, "WEST": 1, "BST": 1,
    "CET": 1, "MET": 1, "CEST": 2, "MEST": 2, "EET": 2, "EEST": 3,
}
_BLOCK_TAGS = frozenset(
    "p div br li tr table h1 h2 h3 h4 h5 h6 blockquote pre hr ul ol dl dt dd section article".split()
)
_HIDDEN_TAGS = frozenset({"script", "style", "head", "title", "template"})
_NO_SENDER = "The mail has no sender address (its From header is missing or empty)."
_NO_RECIPIENT = "The mail was sent by you but names no recipient (no To, Cc or Bcc address)."
_NO_DATE = "The mail has no date: its Date header is missing or unreadable, and no Received header has one."


def _text_of_bytes(data: bytes, charset: str = "utf-8") -> str:
    """``data`` in its declared charset, else UTF-8, else cp1252: a wrong or
    unknown charset never stops a mail."""
    for candidate in (charset or "utf-8", "utf-8"):
        try:
            return data.decode(codecs.lookup(candidate).name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def _header_end(raw: bytes) -> int:
    """Where the header block of ``raw`` ends: at the first empty line, or at
    a line that is no header field (the body of a broken mail)."""
    position = 0
    while position < len(raw):
        newline = raw.find(b"\n", position)
        line_end = len(raw) if newline < 0 else newline + 1
        line = raw[position:line_end]
        if line in (b"\n", b"\r\n"):
            return position
        if not (line[:1] in (b" ", b"\t") and position > 0) and not _FIELD.match(line):
            return position
        position = line_end
    return len(raw)


def _header_fields(block: bytes) -> list[tuple[str, str]]:
    """(lower-case name, unfolded value) of every field, in order."""
    fields: list[tuple[str, str]] = []
    for raw_field in re.split(rb"\r?\n(?![ \t])", block):
        name, colon, value = raw_field.partition(b":")
        if colon:
            text = _FOLD.sub("", _text_of_bytes(value)).strip()
            fields.append((name.decode("ascii", "replace").strip().lower(), text))
    return fields


def _first(fields: list[tuple[str, str]], name: str) -> str | None:
    return next((value for key, value in fields if key == name), None)


def _decoded_words(text: str) -> str:
    """``text`` with its RFC 2047 encoded words decoded (kept as written when
    they are broken)."""
    try:
        return str(make_header(decode_header(text)))
    except Exception:  # the email package raises assorted errors on bad words
        return text


def _address(value: str | None, many: bool = False) -> tuple[str, str] | None:
    """(display name, lower-case address) of the (first) address in a header."""
    if not value:
        return None
    pairs = getaddresses([value]) if many else [parseaddr(value)]
    for name, address in pairs:
        if address.strip():
            return _decoded_words(name).strip(), address.strip().strip("<>").lower()
    return None


def _zone_offset(date_text: str) -> timedelta | None:
    """The UTC offset a date states; None when it states none (or an unknown one)."""
    found = _CLOCK_AND_ZONE.search(date_text)
    zone = found.group(1) if found else None
    if zone is None:
        return None
    if zone[0] in "+-":
        minutes = int(zone[1:3]) * 60 + int(zone[3:5])
        return timedelta(minutes=-minutes if zone[0] == "-" else minutes)
    hours = _ZONE_HOURS.get(zone.upper())
    return None if hours is None else timedelta(hours=hours)


def _instant(date_text: str, ctx: ImportContext) -> tuple[datetime, bool, bool] | None:
    """(UTC instant, ambiguous, nonexistent) of an RFC 5322 date, or None."""
    text = _COMMENT.sub(" ", date_text).strip()
    fields = parsedate_tz(text)
    if fields is None:
        return None
    try:
        naive = datetime(*fields[:6])
        offset = _zone_offset(text)
        if offset is None:
            clock = resolve_wall_clock(naive, ctx.tz)
            return clock.instant_utc, clock.ambiguous, clock.nonexistent
        return (naive - offset).replace(tzinfo=_UTC), False, False
    except (ValueError, OverflowError):
        return None


def _mail_date(
    fields: list[tuple[str, str]], ctx: ImportContext
) -> tuple[str, tuple[datetime, bool, bool]] | None:
    """(date as written, its reading): Date, else the first Received's date."""
    written = _first(fields, "date")
    if written and (reading := _instant(written, ctx)):
        return written, reading
    received = _first(fields, "received")
    if received and ";" in received:
        written = received.rpartition(";")[2].strip()
        if reading := _instant(written, ctx):
            return written, reading
    return None


class _HtmlText(HTMLParser):
    """The readable text of an HTML part: tags dropped, blocks on new lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # <br/> is one line break, not two

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in _BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.pieces.append(data)


def html_to_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parser.pieces).splitlines())
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


class _TooDeep(Exception):
    """A mail nests parts deeper than any mail program writes them."""


def _leaves(part: Message, depth: int = 0) -> Iterator[Message]:
    """The parts that hold content; a forwarded mail (message/rfc822) is one leaf."""
    if depth > MAX_MIME_DEPTH:
        raise _TooDeep()
    payload = part.get_payload()
    if part.get_content_maintype() == "multipart" and isinstance(payload, list):
        for sub in payload:
            if isinstance(sub, Message):
                yield from _leaves(sub, depth + 1)
    else:
        yield part


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    return _text_of_bytes(data, part.get_content_charset() or "utf-8").replace("\r\n", "\n")


def _attachment_name(part: Message, content_type: str) -> str:
    filename = part.get_filename()
    if filename:
        return _decoded_words(filename)
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if content_type == "message/rfc822" and isinstance(inner, Message):
        subject = inner.get("subject", "")
        return f"{_decoded_words(str(subject)).strip() or 'forwarded mail'}.eml"
    return content_type


def _body(message: Message) -> tuple[str | None, tuple[str, ...]]:
    """(text, attachment names) of a parsed mail."""
    plain: list[str] = []
    html: list[str] = []
    attachments: list[str] = []
    for part in _leaves(message):
        try:
            content_type = part.get_content_type()
            attached = part.get_content_disposition() == "attachment" or part.get_filename() is not None
            if attached or content_type == "message/rfc822":
                attachments.append(_attachment_name(part, content_type))
            elif content_type == "text/plain":
                plain.append(_part_text(part))
            elif content_type == "text/html":
                html.append(html_to_text(_part_text(part)))
            elif part.get_content_maintype() == "multipart":  # no boundary found: keep it as text
                plain.append(str(part.get_payload()))
            else:
                attachments.append(content_type)
        except Exception:  # one hostile part must not cost the rest of the mail
            attachments.append("[unreadable part]")
    texts = [text.rstrip() for text in (plain or html) if text.strip()]
    return ("\n".join(texts) if texts else None), tuple(attachments)


def _capped(text: str) -> str:
    if len(text) <= MAX_TEXT_CHARS:
        return text
    more = len(text) - MAX_TEXT_CHARS
    return f"{text[:MAX_TEXT_CHARS]}\n[calllog: {more} more characters of this text are in the original file]"


def _owner_addresses(ctx: ImportContext) -> set[str]:
    me = ctx.options.get("me", ())
    return {str(address).strip().lower() for address in ((me,) if isinstance(me, str) else me)}


def _mail_record(raw: bytes, locator: str, ctx: ImportContext, cut: bool) -> Record | Skip:
    header_end = _header_end(raw)
    fields = _header_fields(raw[:header_end])
    sender = next(filter(None, (_address(_first(fields, n)) for n in ("from", "sender", "return-path"))), None)
    if sender is None:
        return Skip(locator, _NO_SENDER)
    dated = _mail_date(fields, ctx)
    if dated is None:
        return Skip(locator, _NO_DATE)
    written, (instant, ambiguous, nonexistent) = dated
    direction, status, party = Direction.IN, Status.RECEIVED, sender
    if sender[1] in _owner_addresses(ctx):
        direction, status = Direction.OUT, Status.SENT
        recipients = (_address(_first(fields, n), many=True) for n in ("to", "cc", "bcc"))
        recipient = next(filter(None, recipients), None)
        if recipient is None:
            return Skip(locator, _NO_RECIPIENT)
        party = recipient
    try:
        body, attachments = _body(BytesParser(policy=policy.default).parsebytes(raw))
    except Exception:  # hostile MIME: the email package raises assorted errors
        body, attachments = "[calllog: the body of this mail could not be read]", ()
    if cut:
        note = f"[calllog: only the first {MAX_MESSAGE_BYTES // 2**20} MiB of this mail were read]"
        body = f"{body}\n{note}" if body else note
    subject = _first(fields, "subject")
    subject = _decoded_words(subject).strip() if subject else ""
    text = "\n".join(t for t in (subject, body) if t) or None
    return Record(
        locator=locator,
        instant_utc=instant,
        channel=Channel.EMAIL,
        direction=direction,
        status=status,
        party_raw=party[1],
        local_text=written,
        time_ambiguous=ambiguous,
        time_nonexistent=nonexistent,
        text=_capped(text) if text else None,
        attachments=attachments,
        contact_name=party[0] or None,
        headers=raw[:header_end].decode("utf-8", errors="replace"),
    )


def _header_names(head: bytes, complete: bool) -> set[str]:
    """The lower-case field names of the header block at the start of
    ``head``; empty when it does not start with one."""
    lines = head.split(b"\n")
    if not complete:
        lines = lines[:-1]  # the head may cut its last line
    names: set[str] = set()
    for index, line in enumerate(lines):
        if line in (b"", b"\r"):
            return names
        if line[:1] in (b" ", b"\t") and index > 0:
            continue
        field = _FIELD.match(line)
        if field is None or b"\x00" in line:
            return set()
        names.add(field.group().rstrip(b": \t").decode("ascii").lower())
    return names


def _line_pieces(handle: BinaryIO) -> Iterator[tuple[bool, bytes]]:
    """(starts a line?, bytes) of the file, a long line in pieces; the first
    piece of a line is long enough to tell whether it is a separator."""
    line_start = True
    while piece := handle.readline(_LINE_PIECE):
        while line_start and len(piece) < _SEPARATOR_WINDOW and not piece.endswith(b"\n"):
            more = handle.readline(min(_LINE_PIECE, _SEPARATOR_WINDOW - len(piece)))
            if not more:
                break
            piece += more
        yield line_start, piece
        line_start = piece.endswith(b"\n")


def _mbox_messages(handle: BinaryIO) -> Iterator[tuple[int, bytes, bool]]:
    """(separator line number, message bytes, cut short?) of every message."""
    pieces: list[bytes] = []
    size, start_line, line_number, cut, previous_blank = 0, 0, 0, False, True
    for line_start, piece in _line_pieces(handle):
        line_number += line_start
        if line_start and previous_blank and _SEPARATOR.match(piece):
            if start_line:
                yield start_line, b"".join(pieces), cut
            pieces, size, start_line, cut = [], 0, line_number, False
        elif start_line:
            if line_start and _QUOTED_SEPARATOR.match(piece):
                piece = piece[1:]
            if size + len(piece) <= MAX_MESSAGE_BYTES:
                pieces.append(piece)
                size += len(piece)
            else:
                cut = True
        previous_blank = line_start and piece in (b"\n", b"\r\n")
    if start_line:
        yield start_line, b"".join(pieces), cut


class EmailImporter(Importer):
    name: ClassVar[str] = "email"
    title: ClassVar[str] = "e-mails, with their headers: one mail (.eml) or a mailbox (.mbox)"
    recognised_by: ClassVar[str] = (
        "a file that starts with mail header lines (From, Date or Received, and Message-ID "
        "or Subject), or with an mbox 'From ' line followed by mail headers"
    )
    how_to_get: ClassVar[str] = (
        "In Gmail open the mail, choose ⋮ > Download message (.eml); in Outlook on the web, "
        "... > Save as; in Thunderbird, File > Save As > File. A whole Gmail box: Google "
        "Takeout, Mail (.mbox)."
    )
    version: ClassVar[str] = "1"

    def identify(self, path: Path, head: bytes) -> bool:
        try:
            complete = len(head) < HEAD_BYTES
            if head.startswith(b"From "):
                first, _, rest = head.partition(b"\n")
                return _SEPARATOR.match(first) is not None and len(_header_names(rest, complete)) >= 2
            names = _header_names(head.removeprefix(codecs.BOM_UTF8), complete)
            return "from" in names and bool(names & {"date", "received"}) and bool(
                names & {"message-id", "subject"}
            )
        except Exception:  # identify must never raise, whatever the bytes
            return False

    def extract(self, path: Path, ctx: ImportContext) -> Iterator[Record | Skip]:
        try:
            with open(path, "rb") as handle:  # read-only: the original is evidence
                if handle.read(5) != b"From ":
                    handle.seek(0)
                    raw = handle.read(MAX_MESSAGE_BYTES + 1).removeprefix(codecs.BOM_UTF8)
                    if not _header_fields(raw[: _header_end(raw)]):
                        raise ImportFailed(f"{path.name} is not an e-mail: it does not start with mail headers.")
                    yield _mail_record(raw[:MAX_MESSAGE_BYTES], "message 1", ctx, len(raw) > MAX_MESSAGE_BYTES)
                    ctx.report_progress(handle.tell())
                    return
                handle.seek(0)
                number = 0
                for number, (line, raw, cut) in enumerate(_mbox_messages(handle), start=1):
                    yield _mail_record(raw, f"message {number} (line {line})", ctx, cut)
                    ctx.report_progress(handle.tell())
                if number == 0:
                    raise ImportFailed(f"{path.name} is not a mailbox: its first line is no 'From ' separator.")
        except OSError as error:
            raise ImportFailed(f"{path.name} could not be read: {error.strerror or error}.") from error
