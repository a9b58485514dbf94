"""WhatsApp "Export chat": the chat as text (``.txt``) or zipped (``.zip``).

WhatsApp publishes no specification; what follows is observed behaviour,
gathered from community parsers and their fixtures (Pustur/whatsapp-chat-
parser, joweich/chat-miner, mlomb/chat-analytics, lucasrodes/whatstk) and
summed up in shared/reference/handset-formats.md §4. Calls are not in text
exports; every message is one event, channel ``chat``, service "WhatsApp".

Files. Android writes ``WhatsApp Chat with <name>.txt`` (nl ``WhatsApp-chat
met <name>.txt``, fr ``Discussion WhatsApp avec <name>.txt``), zipped with
its media when media are included; iOS always writes a zip, ``WhatsApp Chat
- <name>.zip``, holding ``_chat.txt`` (CRLF line ends) and the media
(``00000012-PHOTO-2020-01-01-12-00-00.jpg``). How a zip is read safely:
``whatsapp_source``. Text is UTF-8, often with a byte-order mark.

Lines (``whatsapp_lines``): a message starts with its local date and time::

    nl-BE   9/04/2024 15:23 - Jan: tekst        fr-BE   9/04/24 15:23 - Jan: texte
    nl-NL   09-04-2024 15:23 - Jan: tekst       fr-FR   09/04/2024 15:23 - Jan: texte
    en-GB   09/04/2024, 15:23 - Jan: text       de      09.04.24, 15:23 - Jan: Text
    en-US   4/9/24, 3:23 PM - Jan: text         (U+202F before PM since 2023)
    iOS     [09/04/2024, 15:23:44] Jan: text    (any of the date layouts above)
    any     2024-04-09, 15:23 - Jan: text

Lines that do not start so continue the message above (multi-line
messages). Day or month first is decided once per file: a first field above
12 anywhere proves day first, a second one month first; with no proof, day
first, as Belgium writes dates, or, after a year written first, year/month/
day as ISO does (``describe`` says which and why). Times are
local wall-clock times without a zone: they are read in the import's zone
(``--tz``, default the case's), all of one file at once so that the order of
the lines settles the repeated hour of the October clock change.

What each line is (``whatsapp_words``):

* system lines (no ``author:`` after the date; on iOS, lines written as if
  by the chat itself): "Messages and calls are end-to-end encrypted", "X
  created group", "X added Y", "X left", "X changed their phone number",
  "Your security code with X changed", and the same in Dutch, French and
  German: counted as skipped, reason "system line", never a message;
* media placeholders (Android ``<Media omitted>``, ``<Media weggelaten>``,
  ``<Médias omis>``, ``<Medien ausgeschlossen>``; iOS ``image omitted``,
  ``afbeelding weggelaten``, ``document omitted``, ...) and attachment lines
  (iOS ``<attached: 00000012-PHOTO-….jpg>``, nl ``<bijgevoegd: …>``, fr
  ``<pièce jointe : …>``, de ``<Anhang: …>``; Android ``IMG-20210428-
  WA0001.jpg (file attached)``, ``(bestand bijgevoegd)``, ``(fichier
  joint)``, ``(Datei angehängt)``): messages, the file name (or the
  placeholder as written) in ``attachments``, the caption as text or None;
* "This message was deleted", "Dit bericht is verwijderd", "Ce message a été
  supprimé", "Diese Nachricht wurde gelöscht": messages with that text (they
  show that something was sent); ``Author:.`` (a disappearing-mode message
  whose content is gone) and ``Author:`` alone: messages without text;
* everything else with an author: a message with its text as written
  (invisible direction marks removed), including an iOS "Missed voice
  call" notice, should an export hold one [unconfirmed].

The French, German and Dutch iOS strings and the Dutch/French/German system
wording come from third-party parsers, not from real exports [unconfirmed].

Who is who. The export names each author as the phone shows them: a
contact name ("Jan"), or a number ("+32 470 12 34 56") for someone not in
the phone's contacts. The author is the party as written: a number is
normalised later, a name stays a name (``calllog person`` links names to
numbers); nothing is guessed. The owner's own messages carry the owner's
name, so calllog must be told which author is the owner: ``--me NAME``
(``ctx.options["me"]``; compared without case, accents, spaces and
punctuation). The owner's messages are outgoing, to the one other author of
a two-person chat; in a group chat (3+ authors, or a line only groups have,
such as "X added Y") they went to the group, not to one person, and are
skipped with that reason; when nobody else wrote, the file does not say to
whom they went: skipped too. Everyone else's messages are incoming from
their author.

Without ``--me``, a chat with two or more authors cannot be read (one of
them is the owner, and her messages must never count as contacts to her):
the import stops with a sentence listing the authors. A chat with one
author is read as messages from that author. With ``--me`` naming nobody in
a chat of exactly two authors that is not a group, the import stops too
(the name is probably misspelt); in a group the owner may simply never
have written.

Locators: ``line 14``, the line (of ``_chat.txt`` in a zip) where the
message starts, as a text editor numbers it.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from calllog.errors import ImportFailed
from calllog.importers.base import HEAD_BYTES, ImportContext, Importer
from calllog.importers.whatsapp_lines import (
    DateOrder, Entry, Layout, entries, infer_order, naive_time, split_lines, starts_like_chat,
)
from calllog.importers.whatsapp_owner import (
    ME_HINT, Owner, authors_text, counted, decide_owner, me_names, owner_lines,
)
from calllog.importers.whatsapp_source import ZIP_MAGIC, ChatText, decode_chat, find_chat_member, read_chat
from calllog.importers.whatsapp_words import Message, SystemLine, classify
from calllog.model import Channel, Direction, Record, Skip, Status
from calllog.timeutil import WallClock, resolve_wall_clock_series

SERVICE = "WhatsApp"
SYSTEM_LINE = "system line"
TO_GROUP = "a message you sent to the group, not to one person"
TO_NOBODY = "a message you sent, but nobody else wrote in this chat, so it does not say to whom"
BEFORE_FIRST = "text before the first message line"
PROGRESS_EVERY = 2000  # entries between two progress reports


@dataclass(frozen=True, slots=True)
class _Chat:
    """A chat file read and classified, before anyone is told apart."""

    source: ChatText
    layout: Layout
    order: DateOrder
    items: list[tuple[Entry, Message | SystemLine | str]]  # str: why the entry is skipped
    naives: list[datetime | None]
    preface: list[int]  # lines of text before the first message line
    authors: Counter[str]
    group_line_seen: bool  # a system line only group chats have ("X added Y")

    def owner(self, ctx: ImportContext, file_name: str) -> Owner:
        return decide_owner(self.authors, self.group_line_seen, me_names(ctx.options), file_name)


def _read(path: Path) -> _Chat:
    source = read_chat(path, starts_like_chat)
    found, preface = entries(split_lines(source.text))
    if not found:
        raise ImportFailed(
            f"{path.name} is not a WhatsApp chat export: no line starts with a date and time "
            "followed by a name.",
            hint="Import the .txt or .zip file that WhatsApp's 'Export chat' made, unchanged.",
        )
    order = infer_order(found)
    items: list[tuple[Entry, Message | SystemLine | str]] = []
    naives: list[datetime | None] = []
    authors: Counter[str] = Counter()
    group_line_seen = False
    for entry in found:
        naive = naive_time(entry, order)
        what: Message | SystemLine | str = naive if isinstance(naive, str) else classify(entry)
        naives.append(naive if isinstance(naive, datetime) else None)
        if isinstance(what, Message):
            authors[what.author] += 1
        elif isinstance(what, SystemLine):
            group_line_seen = group_line_seen or what.group_only
        items.append((entry, what))
    return _Chat(source, found[0].layout, order, items, naives, preface, authors, group_line_seen)


def _record(entry: Entry, message: Message, owner: Owner, locator: str, clock: WallClock) -> Record | Skip:
    if message.author in owner.mine:
        if owner.other is None:  # a group, or nobody else wrote
            return Skip(locator, TO_GROUP if owner.group else TO_NOBODY)
        direction, status, party = Direction.OUT, Status.SENT, owner.other
    else:
        direction, status, party = Direction.IN, Status.RECEIVED, message.author
    return Record(
        locator=locator,
        instant_utc=clock.instant_utc,
        channel=Channel.CHAT,
        direction=direction,
        status=status,
        party_raw=party,
        local_text=entry.local_text,
        time_ambiguous=clock.ambiguous,
        time_nonexistent=clock.nonexistent,
        text=message.text,
        attachments=message.attachments,
        service=SERVICE,
    )


class WhatsAppImporter(Importer):
    name: ClassVar[str] = "whatsapp"
    title: ClassVar[str] = "a WhatsApp chat saved with 'Export chat' (.txt, or .zip from an iPhone)"
    recognised_by: ClassVar[str] = (
        "text (or a zip holding it, such as _chat.txt) whose first line starts with a date and a time "
        "as WhatsApp writes them: 'date, time - name: text' or '[date, time] name: text'"
    )
    how_to_get: ClassVar[str] = (
        "In WhatsApp open the chat, tap the name at the top (iPhone) or ⋮ > More (Android), choose "
        "'Export chat' ('Without media' is enough) and save the file on your computer."
    )
    version: ClassVar[str] = "1"

    def identify(self, path: Path, head: bytes) -> bool:
        try:
            if head.startswith(ZIP_MAGIC):
                with zipfile.ZipFile(path) as archive:
                    return find_chat_member(archive, starts_like_chat)[0] is not None
            return starts_like_chat(decode_chat(head, final=len(head) < HEAD_BYTES))
        except Exception:  # identify must never raise, whatever the bytes
            return False

    def extract(self, path: Path, ctx: ImportContext) -> Iterator[Record | Skip]:
        chat = _read(path)
        owner = chat.owner(ctx, path.name)
        if owner.problem is not None:
            raise ImportFailed(owner.problem, hint=ME_HINT)
        for line in chat.preface:
            yield Skip(f"line {line}", BEFORE_FIRST)
        clocks = resolve_wall_clock_series(chat.naives, ctx.tz)
        size = path.stat().st_size
        for index, ((entry, what), clock) in enumerate(zip(chat.items, clocks)):
            if index % PROGRESS_EVERY == 0:
                ctx.report_progress(size * index // len(chat.items))
            locator = f"line {entry.line}"
            if isinstance(what, str):
                yield Skip(locator, f"The message was not kept: {what}.")
            elif isinstance(what, SystemLine):
                yield Skip(locator, SYSTEM_LINE)
            elif clock is None:
                yield Skip(locator, f'The message was not kept: its time "{entry.local_text}" cannot be stored.')
            else:
                yield _record(entry, what, owner, locator, clock)
        ctx.report_progress(size)

    def describe(self, path: Path, ctx: ImportContext) -> list[str]:
        try:
            chat = _read(path)
        except ImportFailed as error:
            return [f"Cannot import: {error.message}"]
        inside = f", read from {chat.source.member} inside the zip" if chat.source.member else ""
        system = sum(isinstance(what, SystemLine) for _, what in chat.items)
        other_skips = sum(isinstance(what, str) for _, what in chat.items) + len(chat.preface)
        messages = f"{counted(sum(chat.authors.values()), 'message')}, {counted(system, 'system line')} (skipped)"
        return [
            f"WhatsApp chat, {chat.layout.name} layout ({chat.layout.grammar}){inside}.",
            chat.order.describe(chat.items[0][0]),
            f"Times are local wall-clock times, read in {ctx.tz.key}.",
            messages + (f", {counted(other_skips, 'other line')} skipped." if other_skips else "."),
            f"Authors: {authors_text(chat.authors)}." if chat.authors else "Authors: none.",
            *owner_lines(chat.owner(ctx, path.name), chat.authors),
        ]
