"""The text of an iPhone message kept only in ``message.attributedBody``.

From iOS 16 (macOS 13) Messages often leaves ``message.text`` NULL and keeps
the text only in ``attributedBody``: an ``NSAttributedString`` archived with
``NSArchiver`` in the old NeXTSTEP "typedstream" format. This module reads
just enough of that format to find the string, and nothing else (fonts,
links, attachment markers are ignored).

A typedstream, as iOS writes it (little-endian, all numbers below in hex)::

    04 0b "streamtyped"            streamer version 4, 11-byte signature
    81 e8 03                       system version 1000
    84 01 40                       type "@": one object follows
    84 84 84 12 "NSAttributedString" 00  84 84 08 "NSObject" 00  85
                                   the object and its class chain (name,
                                   version), ended by nil (85)
    92 84 84 84 08 "NSString" 01 94
                                   type "@" again (a reference, 92), a new
                                   object of class NSString version 1, whose
                                   superclass is an earlier class (94)
    84 01 2b                       type "+": a counted string of bytes
    0e "Wait what door"            its length, then its UTF-8 bytes
    86 ...                         end of the NSString, then the attributes

iOS 13 writes NSMutableAttributedString / NSMutableString the same way:
the NSMutableString's class chain then holds the literal NSString class.

The codes (python-typedstream, ``stream.py``: ``_TAG_*``): a byte below 80
is a number by itself; 81 means a 2-byte little-endian number follows, 82 a
4-byte one; 84 starts something new (an object, a class, a string), 85 is
nil, 86 ends an object, and 92 and above refer back to something already
read. So a string's length is ``0e`` for 14 bytes, ``81 e8 01`` for 488,
``82 xx xx xx xx`` for more than 65535.

How it is found here: the first literal class name ``84 08 "NSString"``
(the attributed string's own string is always the first NSString in the
stream), then its class version, the rest of its class chain (a reference,
nil, or more literal classes), the type ``84 01 2b`` ("+") and the counted
bytes, which must be UTF-8. Anything else, anywhere, gives None: a blob that
does not follow this shape is never guessed at.

Sources: dgelessus/python-typedstream ``src/typedstream/stream.py``
(``_read_integer``, ``_read_unshared_string``, ``_read_class``: the tags and
length rules); ReagentX/crabstep ``src/deserializer/constants.rs`` and
``number.rs`` (the decoder of imessage-exporter: ``I_16 = 0x81``,
``I_32 = 0x82``, ``START = 0x84``, ``EMPTY = 0x85``, ``END = 0x86``); the
older heuristic of imessage-exporter ``imessage-database/src/util/
streamtyped.rs`` (text between ``01 2b`` and ``86 84``), which this decoder
replaces with the length prefix. The byte layout above was checked against
the 105 ``attributedBody`` blobs of the Magnet CTF 2020 iOS 13 ``sms.db``
(each decodes to its ``message.text``).
"""

from __future__ import annotations

HEADER = b"\x04\x0bstreamtyped"  # version 4, little-endian signature
NSSTRING_CLASS_NAME = b"\x84\x08NSString"  # new shared string of 8 bytes
STRING_TYPE = b"\x84\x01+"  # new shared string "+": counted bytes follow

INT16, INT32 = 0x81, 0x82
NEW, NIL = 0x84, 0x85
FIRST_REFERENCE = 0x92  # 0x80-0x91 are tags; from 0x92 on, back-references
MAX_CLASS_CHAIN = 32  # far more than any real chain; stops a looping blob


class _Junk(Exception):
    """The bytes do not follow the expected shape."""


class _Reader:
    def __init__(self, data: bytes, position: int) -> None:
        self.data = data
        self.position = position

    def byte(self) -> int:
        if self.position >= len(self.data):
            raise _Junk
        value = self.data[self.position]
        self.position += 1
        return value

    def take(self, count: int) -> bytes:
        end = self.position + count
        if count < 0 or end > len(self.data):
            raise _Junk
        chunk = self.data[self.position : end]
        self.position = end
        return chunk

    def number(self, head: int | None = None) -> int:
        """An unsigned number: one byte below 0x80, or a 2- or 4-byte one."""
        head = self.byte() if head is None else head
        if head < 0x80:
            return head
        if head == INT16:
            return int.from_bytes(self.take(2), "little")
        if head == INT32:
            return int.from_bytes(self.take(4), "little")
        raise _Junk

    def reference(self, head: int) -> None:
        """Step over a back-reference whose first byte is ``head``."""
        if head in (INT16, INT32):
            self.number(head)
        elif head < FIRST_REFERENCE:
            raise _Junk

    def shared_string(self) -> None:
        """Step over a class name: a new counted string or a reference."""
        head = self.byte()
        if head == NEW:
            self.take(self.number())
        else:
            self.reference(head)

    def rest_of_class_chain(self) -> None:
        """After a class's name: its version, then its superclasses until
        nil or a reference to a class read before."""
        for _ in range(MAX_CLASS_CHAIN):
            self.number()  # the class version
            head = self.byte()
            if head == NIL:
                return
            if head != NEW:
                self.reference(head)
                return
            self.shared_string()
        raise _Junk


def attributed_body_text(blob: object) -> str | None:
    """The string of an archived ``NSAttributedString`` (``attributedBody``),
    or None when ``blob`` is not one this module can read. Never raises."""
    if not isinstance(blob, (bytes, bytearray, memoryview)):
        return None
    data = bytes(blob)
    if not data.startswith(HEADER):
        return None
    start = data.find(NSSTRING_CLASS_NAME, len(HEADER))
    if start < 0:
        return None
    reader = _Reader(data, start + len(NSSTRING_CLASS_NAME))
    try:
        reader.rest_of_class_chain()
        if reader.take(len(STRING_TYPE)) != STRING_TYPE:
            return None  # an encoding given by reference: not the shape iOS writes
        head = reader.byte()
        if head == NIL:
            return None
        return reader.take(reader.number(head)).decode("utf-8")
    except (_Junk, UnicodeDecodeError):
        return None
