"""Threat words: whole-word, case- and accent-insensitive matching.

A threat list is a list of entries. An entry is a word or a phrase
(``dood``, ``ik maak je af``, ``je sais où tu habites``) and may spell out
its inflections and spellings with braces, one level deep, anywhere:
``vermoord{,en,t,de}`` stands for vermoord, vermoorden, vermoordt and
vermoordde; ``ik maak {je,u} af`` for both forms of address. There is no
open wildcard on purpose: ``dood`` must not match ``doodgewoon``, and
``tuer`` must not match ``tuerie`` (a massacre, a report, not a threat).

Matching:

* text and entries are compared after case folding, removing accents
  (``tué`` = ``tue``) and writing every apostrophe as ``'``;
* an entry matches only as whole words: the characters just before and
  after it are not letters or digits;
* the words of a phrase may be separated by any run of spaces and
  punctuation (``ik maak je... af``);
* every match is reported as the text actually wrote it, so a person can
  check it against the message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from calllog.errors import SettingsError

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_SEPARATOR = r"[\W_]+"


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_APOSTROPHES)


def fold(text: str) -> str:
    """The text as it is compared: case folded, without accents."""
    if text.isascii():
        return text.lower().translate(_APOSTROPHES)
    return "".join(_fold_char(ch) for ch in text)


def _fold_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the
    original character it came from (folding can change the length)."""
    pieces: list[str] = []
    positions: list[int] = []
    for index, ch in enumerate(text):
        folded = _fold_char(ch)
        pieces.append(folded)
        positions.extend([index] * len(folded))
    return "".join(pieces), positions


def _literal(piece: str) -> str:
    return _SEPARATOR.join(re.escape(word) for word in piece.split(" "))


def compile_entry(entry: str, key: str = "threat word list") -> str:
    """The regular expression (without boundaries) of one list entry; a
    SettingsError when its braces are not ``{a,b}`` pairs."""
    text = " ".join(fold(entry).split())
    parts: list[str] = []
    rest = text
    while rest:
        opening, closing = rest.find("{"), rest.find("}")
        if opening < 0 and closing < 0:
            parts.append(_literal(rest))
            break
        if opening < 0 or closing < opening or "{" in rest[opening + 1 : closing]:
            raise SettingsError(
                f"The entry '{entry}' of {key} has braces calllog cannot read.",
                hint="Write spellings as word{,en,t}: one pair of braces, alternatives separated by commas.",
            )
        if opening:
            parts.append(_literal(rest[:opening]))
        choices = rest[opening + 1 : closing].split(",")
        parts.append("(?:" + "|".join(_literal(choice) if choice else "" for choice in choices) + ")")
        rest = rest[closing + 1 :]
    pattern = "".join(parts)
    if not text.strip("{}, "):
        raise SettingsError(f"{key} has an empty entry '{entry}'.", hint="Remove it from the list.")
    return pattern


@lru_cache(maxsize=32)
def _matcher(words: tuple[str, ...]) -> re.Pattern[str] | None:
    fragments = sorted({compile_entry(word) for word in words if word.strip()}, key=len, reverse=True)
    if not fragments:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(fragments) + r")(?!\w)")


def threat_matches(text: str | None, words: Sequence[str]) -> list[str]:
    """The parts of ``text`` that match an entry of ``words``, as the text
    wrote them, in order, each once."""
    matcher = _matcher(tuple(words))
    if not text or matcher is None or matcher.search(fold(text)) is None:
        return []
    if text.isascii():  # folding keeps every position
        spans = [match.span() for match in matcher.finditer(fold(text))]
    else:
        folded, positions = _fold_with_positions(text)
        spans = [(positions[m.start()], positions[m.end() - 1] + 1) for m in matcher.finditer(folded)]
    found: list[str] = []
    for start, end in spans:
        written = text[start:end]
        if written not in found:
            found.append(written)
    return found
