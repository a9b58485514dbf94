"""Words in the type, direction, status and service columns of a table.

One cell may say the channel, the direction and the status at once
("Oproep inkomend", "SMS uitgaand", "Appel manqué"), so every such cell is
read against one lexicon. Words are compared after ``normalise_words``
(no case, no accents, no punctuation); phrases of up to three words are
tried before single words ("niet beantwoord" before "beantwoord").

Meanings: ``in`` / ``out`` set the direction; ``missed``, ``rejected``,
``blocked`` and ``voicemail`` set the status and, when no word says the
direction, mean an incoming call; ``answered`` sets only the status;
``call`` / ``sms`` / ``mms`` set the channel; ``data`` marks a row of
mobile-data usage, which is not a call or a message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from calllog.importers.table_columns import normalise_words
from calllog.model import Channel, Direction, Status


@dataclass(frozen=True, slots=True)
class Meaning:
    """What one word or phrase says; None where it says nothing."""

    channel: Channel | None = None
    data: bool = False
    direction: Direction | None = None
    status: Status | None = None


MEANINGS: dict[str, Meaning] = {
    "in": Meaning(direction=Direction.IN),
    "out": Meaning(direction=Direction.OUT),
    "missed": Meaning(status=Status.MISSED),
    "rejected": Meaning(status=Status.REJECTED),
    "blocked": Meaning(status=Status.BLOCKED),
    "voicemail": Meaning(status=Status.VOICEMAIL),
    "answered": Meaning(status=Status.ANSWERED),
    "failed": Meaning(status=Status.FAILED),
    "call": Meaning(channel=Channel.CALL),
    "sms": Meaning(channel=Channel.SMS),
    "mms": Meaning(channel=Channel.MMS),
    "data": Meaning(data=True),
}
DIRECTION_CHOICES = ("in", "out", "missed", "rejected", "blocked", "voicemail", "answered")
CHANNEL_CHOICES = ("call", "sms", "mms", "data")

# Each entry is one word or a phrase of up to three words (normalised form).
PHRASES: dict[str, tuple[str, ...]] = {
    "in": (
        "inkomend", "inkomende", "binnenkomend", "binnenkomende", "ontvangen", "entrant",
        "entrante", "entrants", "recu", "recue", "recus", "recues", "incoming", "inbound",
        "received", "in",
    ),
    "out": (
        "uitgaand", "uitgaande", "verzonden", "verstuurd", "sortant", "sortante", "sortants",
        "emis", "emise", "envoye", "envoyee", "envoyes", "outgoing", "outbound", "sent",
        "dialled", "dialed", "placed", "out", "uit",
    ),
    "missed": (
        "gemist", "gemiste", "onbeantwoord", "niet beantwoord", "niet opgenomen", "manque",
        "manquee", "manques", "en absence", "sans reponse", "non repondu", "missed",
        "unanswered", "no answer", "not answered",
    ),
    "rejected": (
        "geweigerd", "afgewezen", "refuse", "refusee", "rejete", "rejetee", "rejected",
        "declined",
    ),
    "blocked": ("geblokkeerd", "bloque", "bloquee", "blocked"),
    "voicemail": (
        "voicemail", "voicemailbox", "voice mail", "messagerie vocale", "boite vocale",
        "repondeur",
    ),
    "answered": ("beantwoord", "aangenomen", "opgenomen", "answered", "repondu", "decroche"),
    "failed": ("mislukt", "niet verzonden", "echec", "echoue", "failed"),
    "call": (
        "oproep", "oproepen", "gesprek", "gesprekken", "spraak", "bellen", "telefonie",
        "appel", "appels", "telephonie", "call", "calls", "voice", "audio", "video",
        "facetime", "phone",
    ),
    "sms": ("sms", "texto", "textos", "tekstbericht", "tekstberichten", "text message", "text"),
    "mms": ("mms",),
    "data": ("data", "internet", "mobiel internet", "donnees", "gprs", "umts", "lte", "mobile data"),
}
LONGEST_PHRASE = 3


def build_lexicon(extra: Mapping[str, str] | None = None) -> dict[str, Meaning]:
    """Phrase -> meaning, with a mapping's own words (already normalised,
    meaning names as in ``MEANINGS``) taking precedence."""
    lexicon = {phrase: MEANINGS[name] for name, phrases in PHRASES.items() for phrase in phrases}
    for phrase, name in (extra or {}).items():
        lexicon[phrase] = MEANINGS[name]
    return lexicon


@dataclass(frozen=True, slots=True)
class Reading:
    """What the words of one or more cells say together."""

    channel: Channel | None
    data: bool
    direction: Direction | None  # said by a direction word
    status: Status | None
    unknown: tuple[str, ...]  # words that meant nothing

    @property
    def implied_direction(self) -> Direction | None:
        """The direction said, or ``in`` when only a missed/rejected/blocked/
        voicemail word is there (nobody misses their own call)."""
        if self.direction is not None:
            return self.direction
        if self.status in (Status.MISSED, Status.REJECTED, Status.BLOCKED, Status.VOICEMAIL):
            return Direction.IN
        return None


class WordReader:
    """Reads cells against one lexicon; remembers every distinct cell text
    (a million-row export has only a handful of them)."""

    def __init__(self, lexicon: Mapping[str, Meaning]) -> None:
        self._lexicon = lexicon
        self._cache: dict[tuple[str, ...], Reading] = {}

    def read(self, texts: tuple[str, ...]) -> Reading:
        reading = self._cache.get(texts)
        if reading is None:
            reading = self._cache[texts] = self._read(texts)
        return reading

    def _read(self, texts: tuple[str, ...]) -> Reading:
        channel: Channel | None = None
        direction: Direction | None = None
        status: Status | None = None
        data = False
        unknown: list[str] = []
        for text in texts:
            for meaning in self._meanings(normalise_words(text), unknown):
                channel = channel or meaning.channel
                direction = direction or meaning.direction
                status = status or meaning.status
                data = data or meaning.data
        return Reading(channel, data, direction, status, tuple(unknown))

    def _meanings(self, words: str, unknown: list[str]) -> list[Meaning]:
        whole = self._lexicon.get(words)
        if whole is not None:  # a mapping's own word may hold spaces or be long
            return [whole]
        tokens = words.split()
        found: list[Meaning] = []
        position = 0
        while position < len(tokens):
            for size in range(min(LONGEST_PHRASE, len(tokens) - position), 0, -1):
                meaning = self._lexicon.get(" ".join(tokens[position:position + size]))
                if meaning is not None:
                    found.append(meaning)
                    position += size
                    break
            else:
                unknown.append(tokens[position])
                position += 1
        return found
