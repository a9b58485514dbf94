"""SMS Backup & Restore (SyncTech, Android) XML backups: calls and messages.

Calls and messages are always in separate files; one importer each.

``calls-<when>.xml``: root ``<calls count=...>``, one ``<call>`` per call with
``number``, ``duration`` (seconds), ``date`` (milliseconds since 1970-01-01
UTC), ``type``, and in newer versions ``presentation``, ``readable_date``
(local time, display only: never parsed) and ``contact_name`` ("(Unknown)"
when there is none). ``type`` is Android's ``CallLog.Calls.TYPE``:

    1 incoming, answered          5 incoming, rejected
    2 outgoing                    6 incoming, blocked ("Refused List")
    3 incoming, missed            7 incoming, answered on another device
    4 incoming, voicemail         anything else: kept, incoming, status unknown

An outgoing call is "answered" only when it lasted more than 0 s; with 0 s
nobody can tell whether it rang out or was cut off, so its status is unknown.
A call is withheld when ``presentation`` is 2 restricted, 3 unknown,
4 payphone or 5 unavailable, or the number is ``-1``, ``-2``, ``-3`` or empty.

``sms-<when>.xml``: root ``<smses>`` (very old files: ``<allsms>``) holding
``<sms>`` and ``<mms>`` in any order. ``sms``: ``address`` (``~`` between the
numbers of a group message), ``date`` ms UTC, ``type`` 1 received, 2 sent,
3 draft, 4 outbox, 5 failed, 6 queued, ``subject`` (literally ``null`` when
there is none), ``body``. ``mms``: ``date`` ms UTC (a value below 1e11 is
read as seconds: some writers copy Android's seconds), ``msg_box`` with the
same numbers as the sms ``type``, ``sub`` (subject), ``<addrs><addr address
type/>`` where type 137 is the sender, 151 To, 130 Cc and 129 Bcc, and
``<parts><part ct text cl name fn data/>``: the text is the ``text`` of the
``text/plain`` parts, ``application/smil`` is layout, every other part is an
attachment kept by name only (its base64 ``data`` is dropped as it is read).

Drafts were never sent: they are skipped with that reason. An outgoing
message to a group is one record per recipient (locator ``sms 5 (to 2)``);
an incoming one is one record from its sender. A real subject is the first
line of the text. Source: SyncTech's "Fields in XML backup files", its
calls.xsl, and AOSP (details in reference/handset-formats.md §1).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import ClassVar
from xml.etree.ElementTree import Element

from calllog.importers.cells import INTEGER, instant_in, number_in
from calllog.importers.base import ImportContext, Importer
from calllog.importers.xmlstream import root_element_name, stream_children
from calllog.model import Channel, Direction, Record, Skip, Status

IN, OUT = Direction.IN, Direction.OUT

CALL_TYPES: dict[int, tuple[Direction, Status]] = {
    1: (IN, Status.ANSWERED),
    3: (IN, Status.MISSED),
    4: (IN, Status.VOICEMAIL),
    5: (IN, Status.REJECTED),
    6: (IN, Status.BLOCKED),
    7: (IN, Status.ANSWERED_ELSEWHERE),
}
OUTGOING_CALL = 2
MESSAGE_BOXES: dict[int, tuple[Direction, Status]] = {
    1: (IN, Status.RECEIVED),
    2: (OUT, Status.SENT),
    4: (OUT, Status.QUEUED),  # outbox: not sent yet when the backup was made
    5: (OUT, Status.FAILED),
    6: (OUT, Status.QUEUED),
}
DRAFT_BOX = 3
WITHHELD_PRESENTATIONS = frozenset({2, 3, 4, 5})
WITHHELD_NUMBERS = frozenset({"", "-1", "-2", "-3", "null"})
NO_CONTACT_NAMES = frozenset({"", "(unknown)", "null"})
MMS_FROM, MMS_RECIPIENTS = 137, (151, 130, 129)
MMS_SECONDS_BELOW = 1e11  # ms of 1973-03-03: no MMS date in ms is that small


def _code(raw: str | None) -> int:
    """An enumeration value (type, msg_box, presentation); -1 when it is not
    a whole number, which no table below knows."""
    text = (raw or "").strip()
    return int(text) if INTEGER.fullmatch(text) else -1


def _number(raw: str | None) -> int | float | None:
    """The number in an attribute, or None for a missing, ``null`` or junk value."""
    return None if raw is None else number_in(raw)


def _real(raw: str | None) -> str | None:
    """The attribute unless it is missing, empty or the literal ``null``."""
    if raw is None or raw.strip() in ("", "null"):
        return None
    return raw


def _instant(element: Element, seconds_below: float = 0.0) -> datetime | str:
    """The ``date`` attribute as a UTC instant, or why it cannot be one."""
    return instant_in(element.get("date"), seconds_below)


def _local_text(element: Element) -> str:
    return _real(element.get("readable_date")) or element.get("date") or ""


def _contact_name(element: Element) -> str | None:
    name = element.get("contact_name")
    if name is None or name.strip().lower() in NO_CONTACT_NAMES:
        return None
    return name


def _is_withheld(number: str) -> bool:
    return number.strip() in WITHHELD_NUMBERS


def call_direction_status(call_type: int, duration_s: float | None) -> tuple[Direction, Status]:
    """Android's call ``type`` as direction and status (SBR copies it as is).
    An outgoing call of 0 s may not have been answered: its status is unknown."""
    if call_type == OUTGOING_CALL:
        return OUT, Status.ANSWERED if duration_s else Status.UNKNOWN
    return CALL_TYPES.get(call_type, (IN, Status.UNKNOWN))


def _call_record(call: Element, locator: str) -> Record | Skip:
    instant = _instant(call)
    if isinstance(instant, str):
        return Skip(locator, f"The call was not kept: {instant}.")
    type_raw = call.get("type", "")
    call_type = _code(type_raw)
    duration = _number(call.get("duration"))
    duration_s = float(duration) if duration is not None and duration >= 0 else None
    direction, status = call_direction_status(call_type, duration_s)
    number = call.get("number", "")
    return Record(
        locator=locator,
        instant_utc=instant,
        channel=Channel.CALL,
        direction=direction,
        status=status,
        party_raw=number,
        duration_s=duration_s,
        withheld_hint=_code(call.get("presentation")) in WITHHELD_PRESENTATIONS
        or _is_withheld(number),
        local_text=_local_text(call),
        contact_name=_contact_name(call),
        status_raw=type_raw,
    )


def _addresses(joined: str | None) -> list[str]:
    """The numbers of a ``~``-joined ``address``, in order, once each."""
    found = [part.strip() for part in (joined or "").split("~")]
    return list(dict.fromkeys(part for part in found if part))


def _with_subject(subject: str | None, text: str | None) -> str | None:
    subject = _real(subject)
    if subject is None:
        return text
    return subject if text is None else f"{subject}\n{text}"


def _message_records(
    message: Element,
    locator: str,
    channel: Channel,
    box_raw: str,
    parties: list[str],
    text: str | None,
    attachments: tuple[str, ...] = (),
) -> Iterator[Record | Skip]:
    """One record per party of an outgoing message; the first party only of
    an incoming one (its sender)."""
    box = _code(box_raw)
    if box == DRAFT_BOX:
        yield Skip(locator, "draft, never sent")
        return
    instant = _instant(message, MMS_SECONDS_BELOW if channel is Channel.MMS else 0.0)
    if isinstance(instant, str):
        yield Skip(locator, f"The message was not kept: {instant}.")
        return
    direction, status = MESSAGE_BOXES.get(box, (IN, Status.UNKNOWN))
    if direction is IN or not parties:
        parties = parties[:1] or [""]
    # a group's contact_name names several people, so it fits no single party
    one_party = len(parties) == 1 and "~" not in message.get("address", "")
    for number, party in enumerate(parties, start=1):
        yield Record(
            locator=f"{locator} (to {number})" if len(parties) > 1 else locator,
            instant_utc=instant,
            channel=channel,
            direction=direction,
            status=status,
            party_raw=party,
            withheld_hint=direction is IN and _is_withheld(party),
            local_text=_local_text(message),
            text=text,
            attachments=attachments,
            contact_name=_contact_name(message) if one_party else None,
            status_raw=box_raw,
        )


def _sms_records(sms: Element, locator: str) -> Iterator[Record | Skip]:
    parties = _addresses(sms.get("address"))
    text = _with_subject(sms.get("subject"), sms.get("body"))
    yield from _message_records(sms, locator, Channel.SMS, sms.get("type", ""), parties, text)


def _mime_type(part: Element) -> str:
    return (part.get("ct") or "").split(";")[0].strip().lower()


def _shed_part_data(element: Element) -> None:
    """Drop a part's base64 ``data`` as soon as the part ends; a text part
    that keeps its text only there gets it decoded into ``text`` first."""
    data = element.attrib.pop("data", None)
    if element.tag != "part" or data is None or _mime_type(element) != "text/plain":
        return
    if _real(element.get("text")) is None:
        try:
            element.set("text", base64.b64decode(data).decode("utf-8", "replace"))
        except (binascii.Error, ValueError):
            pass  # unreadable data: the part then simply has no text


def _mms_records(mms: Element, locator: str) -> Iterator[Record | Skip]:
    texts: list[str] = []
    attachments: list[str] = []
    for part in mms.iterfind("parts/part"):
        mime_type = _mime_type(part)
        if mime_type == "text/plain":
            if (text := _real(part.get("text"))) is not None:
                texts.append(text)
        elif mime_type != "application/smil":
            names = (_real(part.get(key)) for key in ("cl", "name", "fn"))
            attachments.append(next((n for n in names if n), None) or mime_type or "attachment")
    senders: list[str] = []
    recipients: list[str] = []
    for addr in mms.iterfind("addrs/addr"):
        address = _real(addr.get("address"))
        if address is None or address == "insert-address-token":
            continue  # Android's placeholder for the phone's own number
        role = _code(addr.get("type"))
        if role == MMS_FROM:
            senders.append(address)
        elif role in MMS_RECIPIENTS:
            recipients.append(address)
    box_raw = mms.get("msg_box", "")
    outgoing = MESSAGE_BOXES.get(_code(box_raw), (IN, Status.UNKNOWN))[0] is OUT
    parties = list(dict.fromkeys(recipients if outgoing else senders))
    parties = parties or _addresses(mms.get("address"))
    text = _with_subject(mms.get("sub"), "\n".join(texts) if texts else None)
    yield from _message_records(
        mms, locator, Channel.MMS, box_raw, parties, text, tuple(attachments)
    )


class _SbrImporter(Importer):
    roots: ClassVar[frozenset[str]]
    what: ClassVar[str]  # for "x.xml is not <what>"

    def identify(self, path: Path, head: bytes) -> bool:
        return root_element_name(head) in self.roots

    def _records(self, element: Element, locator: str) -> Iterator[Record | Skip]:
        raise NotImplementedError

    def extract(self, path: Path, ctx: ImportContext) -> Iterator[Record | Skip]:
        counts: dict[str, int] = {}
        for element in stream_children(path, ctx, self.roots, self.what, _shed_part_data):
            tag = str(element.tag)
            counts[tag] = counts.get(tag, 0) + 1
            yield from self._records(element, f"{tag} {counts[tag]}")


class SbrCallsImporter(_SbrImporter):
    name = "sbr-calls"
    title = "Android call log saved by the app SMS Backup & Restore (calls-….xml)"
    recognised_by = "an XML file whose first element is <calls>"
    how_to_get = (
        "In SMS Backup & Restore tap 'Back up now', switch on 'Call logs', and copy "
        "the calls-….xml file it saves to your computer."
    )
    version = "1"
    roots = frozenset({"calls"})
    what = "an SMS Backup & Restore call log"

    def _records(self, element: Element, locator: str) -> Iterator[Record | Skip]:
        if element.tag == "call":
            yield _call_record(element, locator)
        else:
            yield Skip(locator, f"A <{element.tag}> element is not a call; it was not read.")


class SbrMessagesImporter(_SbrImporter):
    name = "sbr-messages"
    title = "Android SMS and MMS saved by the app SMS Backup & Restore (sms-….xml)"
    recognised_by = "an XML file whose first element is <smses> (or the older <allsms>)"
    how_to_get = (
        "In SMS Backup & Restore tap 'Back up now', switch on 'Messages', and copy "
        "the sms-….xml file it saves to your computer."
    )
    version = "1"
    roots = frozenset({"smses", "allsms"})
    what = "an SMS Backup & Restore message backup"

    def _records(self, element: Element, locator: str) -> Iterator[Record | Skip]:
        if element.tag == "sms":
            yield from _sms_records(element, locator)
        elif element.tag == "mms":
            yield from _mms_records(element, locator)
        else:
            yield Skip(locator, f"A <{element.tag}> element is not a message; it was not read.")
