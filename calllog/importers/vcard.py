"""vCard address books (.vcf): names for numbers and e-mail addresses.

An address book holds no calls or messages, so this importer yields
``ContactCard`` items (never events): the name a person gave a contact, and
the phone numbers and e-mail addresses on that card, as written. The pipeline
normalises them and shows the names on the parties.

A file is one or more cards, each ``BEGIN:VCARD`` ... ``END:VCARD``; every
line inside is a property ``[group.]NAME[;param...]:value``. Three versions
are in use (details in reference/handset-formats.md §7):

* 2.1 (versit 1996; Android's export): bare parameters (``TEL;CELL;PREF:``),
  non-ASCII names as ``N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=A9...``
  where a line ending in ``=`` continues on the next line (a quoted-printable
  soft line break); a nested card may follow an ``AGENT:`` line (skipped).
* 3.0 (RFC 2426): ``TEL;TYPE=WORK,VOICE:``; Apple groups a number with its
  label as ``item1.TEL:...`` + ``item1.X-ABLabel:...`` (the label is not used).
* 4.0 (RFC 6350): ``TEL;VALUE=uri;TYPE="voice,home":tel:+1-555-555-5555;ext=5555``
  (RFC 3966 URI: ``tel:`` and everything from the first ``;`` are dropped) or
  plain text ``TEL;TYPE=cell:(123) 555-5832``.

Common to all: a line that starts with a space or a tab continues the one
before it (that first character is dropped); ``\\,`` ``\\;`` ``\\\\`` stand for
the character and ``\\n`` for a line break; ``ENCODING=B``/``BASE64`` values
are base64. The file is UTF-8 (with or without byte-order mark), UTF-16
(with a byte-order mark, or recognised by its zero bytes), or else read as
cp1252; a quoted-printable or base64 value is decoded with its ``CHARSET``.

The name of a card is ``FN``; when that is empty, ``N`` (Family;Given;
Additional;Prefix;Suffix) as "Given Family"; when that is empty too, ``ORG``
(its units joined with ", "). Numbers are the ``TEL`` values, then the
``EMAIL`` addresses (``mailto:`` dropped), each once, in file order.
A card with no number or address, or with no name, is a counted skip.
Cards are counted from 1 in file order: locator ``card 3``.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import io
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote

from calllog.errors import ImportFailed
from calllog.importers.base import ImportContext, Importer
from calllog.model import ContactCard, Skip

_BEGIN_AT_START = re.compile(r"begin[ \t]*:[ \t]*vcard[ \t]*(?:\r\n|\n|\r|$)", re.IGNORECASE)
_BEGIN = re.compile(r"begin[ \t]*:[ \t]*vcard", re.IGNORECASE)
_END = re.compile(r"end[ \t]*:[ \t]*vcard", re.IGNORECASE)
_BOUNDARY = re.compile(r"(?:begin|end)[ \t]*:[ \t]*vcard", re.IGNORECASE)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_WHITESPACE = re.compile(r"\s+")
_UTF8_CHECK_CHUNK = 1024 * 1024
_NO_NUMBER = "no phone number or e-mail"
_NO_NAME = "no name (the card has no FN, N or ORG)"


@dataclass(frozen=True, slots=True)
class _Property:
    name: str  # upper case, group removed ("item1.TEL" -> "TEL")
    params: dict[str, str]  # NAME=value parameters, keys upper case
    bare: frozenset[str]  # 2.1 bare parameters, upper case ("CELL", "QUOTED-PRINTABLE")
    value: str

    @property
    def encoding(self) -> str:
        declared = self.params.get("ENCODING", "").upper()
        if declared:
            return declared
        return next((b for b in ("QUOTED-PRINTABLE", "BASE64") if b in self.bare), "")


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` where it is not inside double quotes
    (a 4.0 parameter such as ``TYPE="voice,home"``)."""
    pieces, start, quoted = [], 0, False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            pieces.append(text[start:index])
            start = index + 1
    return [*pieces, text[start:]]


def _colon_outside_quotes(line: str) -> int:
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return -1


def _parse_property(line: str) -> _Property | None:
    colon = _colon_outside_quotes(line)
    if colon <= 0:
        return None
    name, *raw_params = _split_outside_quotes(line[:colon], ";")
    params: dict[str, str] = {}
    bare: set[str] = set()
    for raw in raw_params:
        key, equals, value = raw.partition("=")
        if equals:
            params.setdefault(key.strip().upper(), value.strip().strip('"'))
        elif key.strip():
            bare.add(key.strip().upper())
    return _Property(name.rpartition(".")[2].strip().upper(), params, frozenset(bare), line[colon + 1 :])


def _is_quoted_printable(line: str) -> bool:
    return "QUOTED-PRINTABLE" in line.partition(":")[0].upper()


def _logical_lines(physical: Iterable[str]) -> Iterator[str]:
    """Unfold continuation lines and quoted-printable soft line breaks (a
    stray ``=`` before ``END:VCARD`` does not swallow the end of the card)."""
    current: str | None = None
    for line in physical:
        line = line.rstrip("\r\n")
        if current is None:
            current = line
        elif current.endswith("=") and _is_quoted_printable(current) and not _BOUNDARY.fullmatch(line.strip()):
            current = current[:-1] + line
        elif line[:1] in (" ", "\t"):
            current += line[1:]
        else:
            yield current
            current = line
    if current is not None:
        yield current


def _decode_bytes(data: bytes, charset: str) -> str:
    """``data`` in its declared charset; a wrong or unknown one falls back to
    UTF-8, then cp1252, so that one odd card never stops the file."""
    for candidate in (charset or "utf-8", "utf-8"):
        try:
            return data.decode(codecs.lookup(candidate).name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def _decoded_value(prop: _Property) -> str:
    encoding, charset = prop.encoding, prop.params.get("CHARSET", "")
    if encoding == "QUOTED-PRINTABLE":
        return _decode_bytes(quopri.decodestring(prop.value.encode("utf-8", "surrogateescape")), charset)
    if encoding in ("B", "BASE64"):
        try:
            return _decode_bytes(base64.b64decode(_WHITESPACE.sub("", prop.value)), charset)
        except (binascii.Error, ValueError):
            return prop.value  # not base64 after all: keep what is written
    return prop.value


def _split_escaped(text: str, separator: str) -> list[str]:
    """``text`` split at each ``separator`` that no backslash escapes; the
    pieces keep their escapes (``_unescape`` them afterwards)."""
    pieces, current, index = [], [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if char == separator:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    return [*pieces, "".join(current)]


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _tidy(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _component(raw: str) -> str:
    """One part of a structured value; its comma-separated values joined by spaces."""
    return _tidy(" ".join(_unescape(value) for value in _split_escaped(raw, ",")))


def _card_name(props: list[_Property]) -> str:
    for prop in props:
        if prop.name == "FN" and (name := _tidy(_unescape(_decoded_value(prop)))):
            return name
    for prop in props:
        if prop.name == "N":
            parts = [_component(p) for p in _split_escaped(_decoded_value(prop), ";")] + ["", ""]
            if name := _tidy(f"{parts[1]} {parts[0]}"):
                return name
    for prop in props:
        if prop.name == "ORG":
            units = [_component(p) for p in _split_escaped(_decoded_value(prop), ";")]
            if name := ", ".join(unit for unit in units if unit):
                return name
    return ""


def _phone_number(prop: _Property) -> str:
    value = _decoded_value(prop).strip()
    if value[:4].lower() == "tel:":  # RFC 3966 URI: drop ;ext=, ;phone-context=, ...
        return unquote(value[4:].split(";", 1)[0]).strip()
    return _unescape(value).strip()


def _email_address(prop: _Property) -> str:
    value = _unescape(_decoded_value(prop)).strip()
    return value[7:].strip() if value[:7].lower() == "mailto:" else value


def _card(locator: str, props: list[_Property]) -> ContactCard | Skip:
    phones = [_phone_number(p) for p in props if p.name == "TEL"]
    emails = [_email_address(p) for p in props if p.name == "EMAIL"]
    numbers = tuple(dict.fromkeys(n for n in phones + emails if n))
    if not numbers:
        return Skip(locator, _NO_NUMBER)
    name = _card_name(props)
    if not name:
        return Skip(locator, _NO_NAME)
    return ContactCard(locator=locator, name=name, numbers=numbers)


def _cards(lines: Iterable[str]) -> Iterator[tuple[str, list[_Property]]]:
    """(locator, properties) of every top-level card. A card inside a card
    right after an empty ``AGENT:`` (2.1) is passed over; any other
    ``BEGIN:VCARD`` inside a card means its ``END:VCARD`` is missing, and a new
    card starts. A card the file cuts off still counts."""
    depth, count = 0, 0
    props: list[_Property] = []
    for line in _logical_lines(lines):
        text = line.strip()
        if _BEGIN.fullmatch(text):
            agent = bool(props) and props[-1].name == "AGENT" and not props[-1].value.strip()
            if depth == 1 and not agent:
                yield f"card {count}", props
                depth = 0
            if depth == 0:
                count, props = count + 1, []
            depth += 1
        elif _END.fullmatch(text):
            if depth == 1:
                yield f"card {count}", props
            depth = max(depth - 1, 0)
        elif depth == 1 and (prop := _parse_property(line)) is not None:
            props.append(prop)
    if depth > 0:
        yield f"card {count}", props


def _encoding_from_start(start: bytes) -> str | None:
    """The encoding a byte-order mark or UTF-16 zero bytes show, if any."""
    if start.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(start) >= 2 and start[0] == 0 and start[1] != 0:
        return "utf-16-be"
    if len(start) >= 2 and start[0] != 0 and start[1] == 0:
        return "utf-16-le"
    return None


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_UTF8_CHECK_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _file_encoding(path: Path) -> str:
    with open(path, "rb") as handle:
        start = handle.read(4)
    return _encoding_from_start(start) or ("utf-8" if _is_utf8(path) else "cp1252")


class VCardImporter(Importer):
    name: ClassVar[str] = "vcard"
    title: ClassVar[str] = "contacts from an address book (vCard .vcf, versions 2.1, 3.0 and 4.0)"
    recognised_by: ClassVar[str] = "a text file that starts with the line BEGIN:VCARD"
    how_to_get: ClassVar[str] = (
        "Android: in Contacts, choose Settings > Export to a .vcf file. iPhone: on iCloud.com "
        "open Contacts, select all, and choose Export vCard."
    )
    version: ClassVar[str] = "1"

    def identify(self, path: Path, head: bytes) -> bool:
        try:
            encoding = _encoding_from_start(head[:4]) or "utf-8"
            start = head[:512].decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")
            return _BEGIN_AT_START.match(start) is not None
        except Exception:  # identify must never raise, whatever the bytes
            return False

    def extract(self, path: Path, ctx: ImportContext) -> Iterator[ContactCard | Skip]:
        found = False
        try:
            encoding = _file_encoding(path)
            with open(path, "rb") as binary:
                # newline="" splits at CR, LF and CRLF alike and keeps them
                text = io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")
                for locator, props in _cards(text):
                    found = True
                    yield _card(locator, props)
                    ctx.report_progress(binary.tell())
        except OSError as error:
            raise ImportFailed(f"{path.name} could not be read: {error.strerror or error}.") from error
        if not found:
            raise ImportFailed(f"{path.name} holds no contact card (no BEGIN:VCARD line), so it has no names to import.")
