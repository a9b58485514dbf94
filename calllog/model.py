"""The data model: enums and frozen dataclasses with explicit units.

Instants are timezone-aware UTC ``datetime`` objects, durations are seconds,
and the raw number always travels with the normalised one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Channel(StrEnum):
    CALL = "call"
    SMS = "sms"
    MMS = "mms"
    CHAT = "chat"  # WhatsApp, iMessage, ...
    VOICEMAIL = "voicemail"
    EMAIL = "email"

    @property
    def channel_class(self) -> str:
        """The class used for corroboration: one real contact is a call, a
        text message (SMS and MMS are interchangeable between sources) or a
        chat message."""
        if self in (Channel.CALL, Channel.VOICEMAIL):
            return "call"
        if self in (Channel.SMS, Channel.MMS):
            return "message"
        return self.value

    @property
    def is_call(self) -> bool:
        return self.channel_class == "call"


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


class Status(StrEnum):
    ANSWERED = "answered"
    MISSED = "missed"
    REJECTED = "rejected"
    BLOCKED = "blocked"
    VOICEMAIL = "voicemail"
    ANSWERED_ELSEWHERE = "answered_elsewhere"
    # messages: received, sent, draft, failed ... are kept as their own words
    RECEIVED = "received"
    SENT = "sent"
    DRAFT = "draft"
    FAILED = "failed"
    QUEUED = "queued"
    UNKNOWN = "unknown"


class PartyQuality(StrEnum):
    """How sure the normalisation of a number is."""

    VALID = "valid"
    POSSIBLE = "possible"
    INVALID = "invalid"
    SHORT = "short"
    WITHHELD = "withheld"
    EMAIL = "email"
    NOT_A_NUMBER = "not_a_number"


WITHHELD = "withheld"  # the one party for every withheld or unknown caller


@dataclass(frozen=True, slots=True)
class Party:
    """A normalised party: ``party`` is E.164, a short number, an e-mail
    address or app handle, or ``withheld``; ``raw`` is the text as written."""

    party: str
    quality: PartyQuality
    raw: str


@dataclass(frozen=True, slots=True)
class Record:
    """One call attempt or message as an importer read it from one row.

    ``locator`` says where in the file it was (``row 12``, ``call #3``, a DB
    rowid) so that every figure can be traced back to its source row.
    ``withheld_hint`` is set when the format itself says the number was
    withheld (Android presentation 2/3/4/5), whatever the number text is.
    """

    locator: str
    instant_utc: datetime
    channel: Channel
    direction: Direction
    status: Status
    party_raw: str
    duration_s: float | None = None
    withheld_hint: bool = False
    local_text: str = ""
    time_ambiguous: bool = False
    time_nonexistent: bool = False
    text: str | None = None
    attachments: tuple[str, ...] = ()
    service: str | None = None
    owner_raw: str | None = None
    contact_name: str | None = None
    status_raw: str = ""
    headers: str | None = None  # e-mail: the header block exactly as received


@dataclass(frozen=True, slots=True)
class ContactCard:
    """A name for numbers or e-mail addresses, from an address book. It puts
    names on parties; it is never an event."""

    locator: str
    name: str
    numbers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Skip:
    """A record that was read but not turned into an event, and why."""

    locator: str
    reason: str


@dataclass(frozen=True, slots=True)
class Event:
    """One stored call attempt or message, after normalisation and
    corroboration; ``sources`` lists (source id, locator) of every record
    that shows it."""

    id: int
    instant_utc: datetime
    channel: Channel
    direction: Direction
    status: Status
    party: str
    party_raw: str
    party_quality: PartyQuality
    owner_line: str | None
    duration_s: float | None
    local_text: str
    time_ambiguous: bool
    time_nonexistent: bool
    text: str | None
    attachments: tuple[str, ...]
    service: str | None
    sources: tuple[tuple[int, str], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Source:
    """One imported file and what became of its records."""

    id: int
    sha256: str
    name: str
    size: int
    format: str
    importer_version: str
    imported_at: str
    owner_line: str | None
    read: int
    imported: int
    known: int
    skipped: int
    skips: tuple[Skip, ...] = ()
