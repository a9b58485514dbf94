"""Column names of operator usage exports, in Dutch, French and English.

No Belgian operator publishes the layout of its export (see
``shared/reference/belgium-context.md`` §1), so a header cell is matched by
meaning, not by one exact spelling: letter case, accents and punctuation
are ignored ("Date/heure", "DATE-HEURE" and "date heure" are the same), a
unit in brackets is read apart ("Duur (min)"), and a label that is not in
the lists below is matched by its words ("Datum van de oproep" is a date).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache


class Role(StrEnum):
    """What a column holds; the values are the keys of a mapping's [columns]."""

    DATETIME = "datetime"
    DATE = "date"
    TIME = "time"
    NUMBER = "number"
    DIRECTION = "direction"
    STATUS = "status"
    KIND = "type"  # a column that may say the channel, the direction or both
    CHANNEL = "channel"
    DURATION = "duration"
    OWNER = "owner"
    CONTACT = "contact"


ROLE_TEXT: dict[Role, str] = {
    Role.DATETIME: "date and time",
    Role.DATE: "date",
    Role.TIME: "time of day",
    Role.NUMBER: "number of the other party",
    Role.DIRECTION: "direction (incoming/outgoing)",
    Role.STATUS: "status (answered, missed, ...)",
    Role.KIND: "type (call/SMS and direction)",
    Role.CHANNEL: "channel (call, SMS, MMS)",
    Role.DURATION: "duration",
    Role.OWNER: "own line (the victim's number)",
    Role.CONTACT: "contact name",
}

# Columns whose words say channel, direction and status (read alike).
WORD_ROLES: tuple[Role, ...] = (Role.DIRECTION, Role.STATUS, Role.KIND, Role.CHANNEL)

# Exact labels (after ``normalise_words``), best first within a role: when
# two columns claim one role, the earlier label in its list wins.
LABELS: dict[Role, tuple[str, ...]] = {
    Role.DATETIME: (
        "datum en uur", "datum tijd", "datum en tijd", "datum uur", "tijdstempel",
        "date et heure", "date heure", "date time", "date and time", "datetime",
        "horodatage", "timestamp", "start", "begin", "start time", "starttijd",
        "begintijd", "debut", "date de debut",
    ),
    Role.DATE: (
        "datum", "date", "dag", "jour", "day", "datum oproep", "gespreksdatum",
        "date d appel", "date appel", "call date",
    ),
    Role.TIME: (
        "uur", "tijd", "tijdstip", "heure", "time", "aanvangsuur", "heure de debut",
        "heure debut", "call time",
    ),
    Role.OWNER: (
        "mijn nummer", "eigen nummer", "lijn", "lijnnummer", "mon numero", "ligne",
        "numero de ligne", "my number", "line", "line number", "msisdn", "gsm nummer",
    ),
    Role.NUMBER: (
        "nummer", "telefoonnummer", "oproepnummer", "gebeld nummer", "van naar",
        "numero", "numero appele", "numero de telephone", "de vers",
        "number", "phone number", "other party", "tegenpartij", "correspondent",
        "correspondant", "gesprekspartner", "bestemming", "destination", "contactnummer",
    ),
    Role.DIRECTION: (
        "richting", "sens", "direction", "call type", "type oproep", "type d appel",
        "in uit", "inkomend uitgaand", "entrant sortant", "incoming outgoing",
    ),
    Role.STATUS: ("status", "statut", "resultaat", "resultat", "result", "etat"),
    Role.KIND: ("type", "soort", "aard", "nature", "categorie", "category", "usage type"),
    Role.CHANNEL: (
        "dienst", "service", "soort dienst", "type de service", "channel", "kanaal",
        "canal", "verbruik", "consommation",
    ),
    Role.DURATION: (
        "duur", "gespreksduur", "tijdsduur", "duur gesprek", "duree", "duree d appel",
        "duration", "call duration", "length", "lengte",
    ),
    Role.CONTACT: ("naam", "contact", "contactpersoon", "nom", "name", "contact name"),
}

# Word rules for labels not in LABELS, tried in this order.
_OWN_WORDS = frozenset({"mijn", "eigen", "mon", "ma", "my", "own"})
_DATE_WORDS = frozenset({"datum", "date"})
_TIME_WORDS = frozenset({"uur", "tijd", "tijdstip", "heure", "time"})
_NUMBER_WORDS = frozenset({"nummer", "numero", "number", "telefoonnummer"})
_DURATION_WORDS = frozenset({"duur", "gespreksduur", "duree", "duration"})
_DIRECTION_WORDS = frozenset({"richting", "sens", "direction"})
_KIND_WORDS = frozenset({"type", "soort"})
# A label with one of these is about money, volume or the end of a call: never a role.
_NEVER_WORDS = frozenset({
    "prijs", "kost", "kosten", "bedrag", "tarief", "prix", "cout", "montant", "tarif",
    "price", "cost", "amount", "charge", "zone", "volume", "eind", "einde", "eindtijd",
    "fin", "end", "btw", "tva", "vat", "geboortedatum",
})
_MINUTE_WORDS = frozenset({"min", "mins", "minuut", "minuten", "minute", "minutes", "mn"})

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")


@lru_cache(maxsize=4096)
def normalise_words(text: str) -> str:
    """Lower case, no accents, words separated by one space: the form in
    which labels and words of values are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_WORD.sub(" ", bare.casefold()).split())


def recognise_label(label: str) -> tuple[Role, int] | None:
    """The role a header label names and its rank (lower is a surer match),
    or None when it names nothing calllog uses."""
    full = normalise_words(label)
    base = normalise_words(_BRACKETED.sub(" ", label))  # "Duur (sec)" -> "duur"
    for candidate in (full, base):
        for role, labels in LABELS.items():
            if candidate in labels:
                return role, labels.index(candidate)
    words = set(full.split())
    # a header label is a few words without figures; anything else is a sentence or data
    if not words or len(words) > 4 or words & _NEVER_WORDS or any(word.isdigit() for word in words):
        return None
    fallback = 100  # ranks after every exact label
    if words & _OWN_WORDS and words & (_NUMBER_WORDS | {"lijn", "ligne", "line"}):
        return Role.OWNER, fallback
    if words & _DATE_WORDS:
        return (Role.DATETIME if words & _TIME_WORDS else Role.DATE), fallback
    if words & _TIME_WORDS:
        return Role.TIME, fallback
    if words & _DURATION_WORDS:
        return Role.DURATION, fallback
    if words & _NUMBER_WORDS:
        return Role.NUMBER, fallback
    if words & _DIRECTION_WORDS:
        return Role.DIRECTION, fallback
    if words & _KIND_WORDS:
        return Role.KIND, fallback
    return None


def seconds_per_unit(label: str) -> float:
    """How many seconds one unit of a plain number in a duration column is:
    60 when the label says minutes ("Duur (min)"), else 1."""
    return 60.0 if set(normalise_words(label).split()) & _MINUTE_WORDS else 1.0
