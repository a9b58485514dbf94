"""What a WhatsApp chat line says: a message (author, text, attachments) or
a system line. The words are WhatsApp's in English, Dutch, French and German
(a few Spanish ones too); see the importer's docstring for their sources.

How a system line is told apart:

* a line with no ``author: `` after its date is a system line ("Alice
  added Bob", "Messages and calls are end-to-end encrypted", "You were
  added"), in every language;
* a line whose would-be author is a sentence (``Alice changed the subject
  from "x" to "Re: y"``: the ``: `` is inside the subject) is one: it quotes
  something, or it holds system wording in more than four words, so that a
  contact saved as "Admin" or "Geblokkeerd" stays an author;
* on iOS, system lines are written as if the chat (its name) were the
  author, with the text after ``author: `` starting with an invisible
  left-to-right mark: such a text is a system line when it holds system
  wording, unless it is an attachment, a deleted message or a call notice,
  which iOS marks the same way and which are kept.

Everything else is a message, so an unknown system line in an unknown
language is kept as a message rather than lost (``describe`` lists every
author found, which makes such a line easy to see).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from calllog.importers.whatsapp_lines import Entry, plain_spaces

_SYSTEM_WORDS = re.compile(
    "|".join(
        (
            r"end-to-end", r"ende-zu-ende", r"de bout en bout",  # the encryption banner
            r"\bcreated (?:the |this )?group\b", r"\baangemaakt\b", r"\ba créé\b", r"\berstellt\b",
            r"\badded\b", r"\btoegevoegd\b", r"\bajouté", r"\bhinzugefügt\b",
            r"\bleft\b", r"\bverlaten\b", r"\ba quitté\b", r"\best parti", r"\bverlassen\b",
            r"\bremoved\b", r"\bverwijderd\b", r"\bretiré", r"\bentfernt\b",
            r"\bjoined\b", r"\blid geworden\b", r"\ba rejoint\b", r"\bbeigetreten\b",
            r"\bchanged\b", r"\bgewijzigd\b", r"\ba modifié\b", r"\ba changé\b", r"\bgeändert\b", r"\bgewechselt\b",
            r"\bsecurity code\b", r"\bbeveiligingscode\b", r"\bcode de sécurité\b", r"\bsicherheits(?:nummer|code)\b",
            r"\bdisappearing messages\b", r"\bverdwijnende berichten\b", r"\bmessages éphémères\b",
            r"\bselbstlöschende nachrichten\b",
            r"\bblocked this contact\b", r"\bgeblokkeerd\b", r"\bbloqué\b", r"\bblockiert\b",
            r"\badmin\b", r"\bbeheerder\b", r"\badministrat(?:eur|rice)\b",
            r"\btap (?:to|for)\b", r"\btik (?:om|voor)\b", r"\bappuyez\b", r"\btippe\b",
            r"\bbusiness account\b", r"\bzakelijk account\b", r"\bcompte professionnel\b",
        )
    ),
    re.IGNORECASE,
)

# Wording only a group chat has; one such line means the owner's messages
# went to a group, never to one person.
_GROUP_WORDS = re.compile(
    r"\bgroup\b|\bgroep\b|\bgroupe\b|\bgruppe\b|\badded\b|\btoegevoegd\b|\bajouté|\bhinzugefügt\b"
    r"|\bleft\b|\bverlaten\b|\ba quitté\b|\best parti|\bverlassen\b|\bremoved\b|\bverwijderd\b|\bretiré"
    r"|\bentfernt\b|\bjoined\b|\blid geworden\b|\ba rejoint\b|\bbeigetreten\b|\badmin\b|\bbeheerder\b",
    re.IGNORECASE,
)

DELETED = re.compile(
    r"(?:this message was deleted|you deleted this message"
    r"|dit bericht is verwijderd|je hebt dit bericht verwijderd|u hebt dit bericht verwijderd"
    r"|ce message a été supprimé|vous avez supprimé ce message"
    r"|diese nachricht wurde gelöscht|du hast diese nachricht gelöscht)\.?",
    re.IGNORECASE,
)

# iOS marks call notices like system lines; a missed call is evidence, kept.
_CALL_NOTICE = re.compile(
    r"missed (?:voice|video|group) call|gemiste (?:spraak|video)?oproep|appel (?:vocal |vidéo )?manqué"
    r"|verpasster (?:sprach|video)?anruf",
    re.IGNORECASE,
)

# Android without media: one placeholder for every kind of file.
MEDIA_PLACEHOLDERS = frozenset(
    word.casefold()
    for word in (
        "<Media omitted>", "<Media weggelaten>", "<Médias omis>", "<Fichier omis>",
        "<Medien ausgeschlossen>", "<Medien weggelassen>", "<Multimedia omitido>", "<Archivo omitido>",
    )
)

# iOS without media: one placeholder per kind ("image omitted"), possibly
# after a document's name ("Plan.pdf • 3 pages document omitted").
_KIND_OMITTED = re.compile(
    r"(?:.*(?:•|\.\w{2,5}\b).*?\s)?"
    r"(?:image|photo|video|audio|sticker|gif|document|contact card"  # en
    r"|afbeelding|foto|contactkaart"  # nl (video, audio, sticker, document as in en)
    r"|vidéo|autocollant|carte de contact"  # fr [unconfirmed]
    r"|bild|dokument|kontaktkarte|imagen|documento)"  # de [unconfirmed], es
    r"\s+(?:omitted|weggelaten|omise?s?|absente?|weggelassen|ausgelassen|omitida?)",
    re.IGNORECASE,
)

# iOS with media: "<attached: 00000012-PHOTO-2020-01-01-12-00-00.jpg>"
_ATTACHED_TAG = re.compile(
    r"<\s*(?:attached|bijgevoegd|pièce jointe|anhang|adjunto|allegato|anexo)\s*:\s*(?P<name>[^<>]+?)\s*>",
    re.IGNORECASE,
)

# Android with media: "IMG-20210428-WA0001.jpg (file attached)", caption below.
_FILE_ATTACHED = re.compile(
    r"(?P<name>\S.*?)\s+\((?:file attached|bestand bijgevoegd|fichier joint|datei angehängt|archivo adjunto)\)\s*",
    re.IGNORECASE,
)


SENTENCE_WORDS = 4  # more words than a name usually has


@dataclass(frozen=True, slots=True)
class Message:
    author: str  # as written, direction marks removed, odd spaces made plain
    text: str | None
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SystemLine:
    group_only: bool  # wording that only a group chat has


def _joined(lines: list[str]) -> str | None:
    """Lines of a message as one text; None when there is nothing in it."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    while lines and not lines[0].strip():
        lines = lines[1:]
    return "\n".join(lines) if lines else None


def _system(wording: str) -> SystemLine:
    return SystemLine(group_only=_GROUP_WORDS.search(wording) is not None)


def classify(entry: Entry) -> Message | SystemLine:
    """What the entry is; see the module docstring for the rules."""
    rest = entry.rest
    cut = rest.find(": ")
    if cut < 0:
        bare = rest.rstrip()
        # "Author:" (an empty message) and "Author:." (a disappearing-mode
        # message whose content is gone) still show that something was sent
        author = bare[:-2] if bare.endswith(":.") else bare[:-1] if bare.endswith(":") else ""
        if not author.strip() or ":" in author or _is_sentence(author):
            return _system(rest)
        return Message(_author(author), _joined(entry.more))
    author, first = rest[:cut], rest[cut + 2:]
    if not author.strip() or _is_sentence(author):
        return _system(rest)
    attachments, first = _attachments(first)
    if attachments:
        return Message(_author(author), _joined([first, *entry.more]), attachments)
    plain = first.strip()
    # only iOS writes system lines with an author; an Android line with one is a message
    marked = entry.body_marked and entry.layout.bracketed
    if marked and not DELETED.fullmatch(plain) and not _CALL_NOTICE.search(plain):
        if _SYSTEM_WORDS.search(plain):
            return _system(plain)
    return Message(_author(author), _joined([first, *entry.more]))


@lru_cache(maxsize=4096)  # a chat has few authors, each on many lines
def _is_sentence(author: str) -> bool:
    """A would-be author that is really the start of a system sentence: it
    quotes a subject, or it is system wording longer than a name. A short
    name such as "Admin" or "Geblokkeerd - niet opnemen" (how a victim may
    have saved the harasser) stays a name."""
    if any(quote in author for quote in '"“”«»'):
        return True
    return len(author.split()) > SENTENCE_WORDS and _SYSTEM_WORDS.search(author) is not None


@lru_cache(maxsize=4096)
def _author(text: str) -> str:
    return " ".join(plain_spaces(text).split())


def _attachments(first: str) -> tuple[tuple[str, ...], str]:
    """Attachment names (or the placeholder as written) on a message's first
    line, and what is left of that line as its text."""
    names = tuple(match.group("name") for match in _ATTACHED_TAG.finditer(first))
    if names:
        return names, _ATTACHED_TAG.sub("", first).strip()
    plain = first.strip()
    if (match := _FILE_ATTACHED.fullmatch(plain)) is not None:
        return (match.group("name"),), ""
    if plain.casefold() in MEDIA_PLACEHOLDERS or _KIND_OMITTED.fullmatch(plain):
        return (plain,), ""
    return (), first
