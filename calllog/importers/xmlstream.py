"""Streaming reads of big, untrusted XML phone backups.

Three things every XML backup importer needs, kept apart from any one format:

* ``root_element_name(head)``: the name of the first element in the first
  bytes of a file, past a byte-order mark, the XML declaration, processing
  instructions (``<?xml-stylesheet ...?>``), comments and a DOCTYPE. Used by
  ``identify``; never raises.
* ``CharRefRepairingReader``: a binary file wrapper that repairs numeric
  character references strict parsers reject. SMS Backup & Restore's "store
  emojis" option writes an emoji as its two UTF-16 halves (``&#55357;&#56846;``
  for U+1F60E); expat refuses a reference to a surrogate, so the pair becomes
  the one reference to the real code point (``&#128526;``). A surrogate
  without its partner, and a reference to a character XML 1.0 forbids (such
  as ``&#1;``), become U+FFFD (``&#65533;``), so that one odd message does not
  make a whole backup unreadable. A reference cut in two by a read is held
  back until the next read completes it. Every other byte passes unchanged,
  so line numbers in parser errors stay true.
* ``stream_children(path, ...)``: parses with ``defusedxml`` (no entity
  expansion, no external entities) and yields the root's children one at a
  time, clearing each one afterwards, so memory stays flat on files of
  gigabytes. Truncated or malformed XML, and entity tricks, become one
  ``ImportFailed`` sentence naming the file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import defusedxml
import defusedxml.ElementTree as safe_etree
from pyexpat import errors as expat_errors

from calllog.errors import ImportFailed
from calllog.importers.base import ImportContext

READ_CHUNK_BYTES = 1024 * 1024
PROGRESS_EVERY_BYTES = 1024 * 1024
REPLACEMENT_REF = b"&#65533;"

_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,12})|([0-9]{1,12}));")
_CHAR_REF_AT_END = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,12})|([0-9]{1,12}));\Z")
# the start of a reference whose end has not been read yet: "&", "&#", "&#55"
_PARTIAL_REF = re.compile(rb"&(?:#(?:[xX][0-9a-fA-F]{0,12}|[0-9]{0,12}))?")
_LONGEST_REF = 16  # "&#x" + 12 digits + ";"

# expat errors that mean "the input stopped", not "the input is wrong"
_TRUNCATION_CODES = frozenset(
    expat_errors.codes[message]
    for message in (
        expat_errors.XML_ERROR_NO_ELEMENTS,
        expat_errors.XML_ERROR_UNCLOSED_TOKEN,
        expat_errors.XML_ERROR_PARTIAL_CHAR,
        expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
    )
)


def _code_point(ref: re.Match[bytes]) -> int:
    hex_digits, decimal_digits = ref.group(1), ref.group(2)
    return int(hex_digits, 16) if hex_digits is not None else int(decimal_digits)


def _is_high_surrogate(code_point: int) -> bool:
    return 0xD800 <= code_point <= 0xDBFF


def _is_low_surrogate(code_point: int) -> bool:
    return 0xDC00 <= code_point <= 0xDFFF


def _allowed_in_xml(code_point: int) -> bool:
    """XML 1.0 ``Char``: what a character reference may name."""
    return (
        code_point in (0x9, 0xA, 0xD)
        or 0x20 <= code_point <= 0xD7FF
        or 0xE000 <= code_point <= 0xFFFD
        or 0x10000 <= code_point <= 0x10FFFF
    )


def repair_char_refs(block: bytes) -> bytes:
    """Join surrogate-pair references and replace forbidden ones in a block
    that holds no reference cut at either end."""
    if b"&#" not in block:
        return block
    pieces: list[bytes] = []
    copied_up_to = 0
    waiting_high: re.Match[bytes] | None = None
    for ref in _CHAR_REF.finditer(block):
        code_point = _code_point(ref)
        if waiting_high is not None:
            high = _code_point(waiting_high)
            pieces.append(block[copied_up_to : waiting_high.start()])
            if ref.start() == waiting_high.end() and _is_low_surrogate(code_point):
                combined = 0x10000 + ((high - 0xD800) << 10) + (code_point - 0xDC00)
                pieces.append(b"&#%d;" % combined)
                copied_up_to = ref.end()
                waiting_high = None
                continue
            pieces.append(REPLACEMENT_REF)
            copied_up_to = waiting_high.end()
            waiting_high = None
        if _is_high_surrogate(code_point):
            waiting_high = ref
        elif not _allowed_in_xml(code_point):
            pieces.append(block[copied_up_to : ref.start()])
            pieces.append(REPLACEMENT_REF)
            copied_up_to = ref.end()
    if waiting_high is not None:
        pieces.append(block[copied_up_to : waiting_high.start()])
        pieces.append(REPLACEMENT_REF)
        copied_up_to = waiting_high.end()
    pieces.append(block[copied_up_to:])
    return b"".join(pieces)


def _safe_cut(buffer: bytes) -> int:
    """Where ``buffer`` may be cut without splitting a reference or parting a
    high surrogate from the low one that may follow in the next read."""
    cut = len(buffer)
    last_amp = buffer.rfind(b"&", max(0, cut - _LONGEST_REF))
    if last_amp != -1 and _PARTIAL_REF.fullmatch(buffer, last_amp):
        cut = last_amp
    trailing = _CHAR_REF_AT_END.search(buffer, max(0, cut - _LONGEST_REF), cut)
    if trailing is not None and _is_high_surrogate(_code_point(trailing)):
        cut = trailing.start()
    return cut


class CharRefRepairingReader:
    """A read-only binary file that yields ``raw`` with its character
    references repaired (see the module docstring). ``bytes_read`` counts
    the bytes taken from ``raw``, for progress."""

    def __init__(self, raw: BinaryIO, chunk_size: int = READ_CHUNK_BYTES) -> None:
        self._raw = raw
        self._chunk_size = max(1, chunk_size)
        self._held_back = b""
        self._ready = bytearray()
        self._at_end = False
        self.bytes_read = 0

    @property
    def at_end(self) -> bool:
        return self._at_end

    def _fill(self) -> None:
        chunk = self._raw.read(self._chunk_size)
        if not chunk:
            self._at_end = True
            self._ready += repair_char_refs(self._held_back)
            self._held_back = b""
            return
        self.bytes_read += len(chunk)
        buffer = self._held_back + chunk
        cut = _safe_cut(buffer)
        self._ready += repair_char_refs(buffer[:cut])
        self._held_back = buffer[cut:]

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            while not self._at_end:
                self._fill()
            size = len(self._ready)
        # an empty answer means the end of the file, so never give one early
        while not self._ready and not self._at_end:
            self._fill()
        data = bytes(self._ready[:size])
        del self._ready[:size]
        return data


_WHITESPACE = re.compile(r"\s*")
_ELEMENT_START = re.compile(r"<([A-Za-z_][\w.\-]*)(?=[\s/>])")


def _decode_head(head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return head[3:].decode("utf-8", "replace")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    # element names are ASCII, and latin-1 decodes any byte
    return head.decode("latin-1")


def _skip_doctype(text: str, start: int) -> int:
    """The index after a DOCTYPE that starts at ``start``, or -1."""
    close = text.find(">", start)
    subset = text.find("[", start)
    if subset != -1 and (close == -1 or subset < close):
        end_of_subset = text.find("]", subset)
        if end_of_subset == -1:
            return -1
        close = text.find(">", end_of_subset)
    return -1 if close == -1 else close + 1


def root_element_name(head: bytes) -> str | None:
    """The name of the first element in ``head``, or None when the bytes do
    not start like an XML document."""
    try:
        text = _decode_head(head)
        position = 0
        while True:
            position = _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]
            if text.startswith("<?", position):
                end = text.find("?>", position + 2)
                position = -1 if end == -1 else end + 2
            elif text.startswith("<!--", position):
                end = text.find("-->", position + 4)
                position = -1 if end == -1 else end + 3
            elif text.startswith("<!DOCTYPE", position):
                position = _skip_doctype(text, position)
            else:
                start = _ELEMENT_START.match(text, position)
                return start.group(1) if start else None
            if position == -1:
                return None
    except Exception:  # identify() must answer "no", never raise, whatever the bytes
        return None


def _parse_failure(path: Path, error: ParseError, reader: CharRefRepairingReader) -> ImportFailed:
    line = error.position[0] if error.position else 0
    again = "Make the backup again and import the new file."
    if reader.bytes_read == 0:
        return ImportFailed(f"{path.name} is empty. {again}")
    if reader.at_end and error.code in _TRUNCATION_CODES:
        return ImportFailed(f"{path.name} is not complete: the XML stops at line {line}. {again}")
    return ImportFailed(
        f"{path.name} is damaged: the XML is not valid at line {line} ({error.msg}). {again}"
    )


class _ElementEvents:
    """Parser target: builds the elements and notes each start and end, in
    order. Text between elements is not kept: backups hold everything in
    attributes."""

    def __init__(self) -> None:
        self._builder = TreeBuilder()
        self.events: list[tuple[bool, Element]] = []

    def start(self, tag: str, attributes: dict[str, str]) -> Element:
        element = self._builder.start(tag, attributes)
        self.events.append((True, element))
        return element

    def end(self, tag: str) -> Element:
        element = self._builder.end(tag)
        self.events.append((False, element))
        return element

    def close(self) -> Element:
        return self._builder.close()


def _parsed_events(
    reader: CharRefRepairingReader, chunk_size: int
) -> Iterator[tuple[bool, Element]]:
    """(is_start, element) for the whole file, parsed without entity
    expansion or external references. The parser is fed big chunks because
    expat (before 2.6) reads an unfinished token again on every feed, which
    makes small feeds quadratic on a megabyte of base64 in one attribute."""
    target = _ElementEvents()
    parser = safe_etree.XMLParser(target=target)
    while True:
        data = reader.read(chunk_size)
        if data:
            parser.feed(data)
        else:
            parser.close()
        yield from target.events
        target.events.clear()
        if not data:
            return


def stream_children(
    path: Path,
    ctx: ImportContext,
    accepted_roots: frozenset[str],
    what: str,
    shed: Callable[[Element], None] | None = None,
) -> Iterator[Element]:
    """Yield each child of the root of ``path`` once it is complete, then
    clear it. ``what`` names the format for the error when the root is not
    one of ``accepted_roots`` ("an SMS Backup & Restore call log").
    ``shed(element)`` runs on every deeper element as it ends, to drop what
    is not needed (base64 data) before the whole child is complete."""
    try:
        raw = open(path, "rb")
    except OSError as error:
        raise ImportFailed(f"{path.name} could not be opened ({error.strerror}).") from error
    with raw:
        chunk_size = READ_CHUNK_BYTES  # read here so that tests can make it tiny
        reader = CharRefRepairingReader(raw, chunk_size)
        reported_at = 0
        depth = 0
        root: Element | None = None
        try:
            for is_start, element in _parsed_events(reader, chunk_size):
                if is_start:
                    depth += 1
                    if depth == 1:
                        root = element
                        if element.tag not in accepted_roots:
                            expected = " or ".join(f"<{name}>" for name in sorted(accepted_roots))
                            raise ImportFailed(
                                f"{path.name} is not {what}: it starts with <{element.tag}>, "
                                f"not {expected}."
                            )
                    continue
                depth -= 1
                if depth >= 2 and shed is not None:
                    shed(element)
                elif depth == 1 and root is not None:
                    yield element
                    element.clear()
                    root.remove(element)
                    if reader.bytes_read - reported_at >= PROGRESS_EVERY_BYTES:
                        reported_at = reader.bytes_read
                        ctx.report_progress(reported_at)
        except ParseError as error:
            raise _parse_failure(path, error, reader) from error
        except defusedxml.DefusedXmlException as error:
            raise ImportFailed(
                f"{path.name} declares XML entities, which a phone backup never does; "
                "calllog does not read it, to keep your computer safe."
            ) from error
        except OSError as error:
            raise ImportFailed(f"{path.name} could not be read ({error.strerror}).") from error
        ctx.report_progress(reader.bytes_read)
