"""Getting the chat text out of a WhatsApp export: a ``.txt`` file, or a
``.zip`` holding one (iOS always zips; Android does when media are included).

A zip is never extracted to disk. Only the chat text is read, in memory,
through ``zipfile`` and with a hard cap on its size that does not trust the
size the zip claims (a "zip bomb" stops at the cap). Member names that point
outside the archive (``../x``, ``/etc/x``, ``C:\\x``) are ignored, and so are
folders and password-protected members.

Which member is the chat: ``_chat.txt`` (iOS) when there is one; otherwise
the one ``.txt`` whose first line reads as a WhatsApp message line
("WhatsApp Chat with X.txt", "WhatsApp-chat met X.txt", "Discussion WhatsApp
avec X.txt", ... are tried first). Two such members are two chats: the user
is asked to import them one by one rather than calllog picking one.

Text is UTF-8, as WhatsApp writes it, with or without a byte-order mark;
UTF-16 with a byte-order mark (a file re-saved by Notepad as "Unicode") is
read too.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from calllog.errors import ImportFailed
from calllog.importers.base import HEAD_BYTES

MAX_CHAT_BYTES = 256 * 1024 * 1024  # far above WhatsApp's own export cap (~40,000 messages)
_READ_CHUNK = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
IOS_CHAT_NAME = "_chat.txt"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DRIVE = re.compile(r"^[A-Za-z]:")
_HINT = "Export the chat again in WhatsApp (chat menu > More > Export chat) and import that file unchanged."


@dataclass(frozen=True, slots=True)
class ChatText:
    """The decoded chat and where it came from (``member`` inside a zip)."""

    text: str
    member: str | None


def decode_chat(data: bytes, final: bool = True) -> str:
    """The text of chat bytes; raises UnicodeDecodeError when it is neither
    UTF-8 nor UTF-16 with a BOM. With ``final=False`` a character cut at the
    end of ``data`` (a file's first 64 KiB) is dropped, not an error."""
    encoding = "utf-16" if data.startswith(_UTF16_BOMS) else "utf-8-sig"
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    return decoder.decode(data, final)


def is_safe_member(info: zipfile.ZipInfo) -> bool:
    """A readable file member whose name stays inside the archive."""
    name = info.filename
    if info.is_dir() or info.flag_bits & 0x1 or "\x00" in name:
        return False
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return False
    return ".." not in PurePosixPath(name.replace("\\", "/")).parts


def _basename(info: zipfile.ZipInfo) -> str:
    return PurePosixPath(info.filename.replace("\\", "/")).name


def _candidates(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """Text members that may be the chat, most likely first; only the iOS
    chat when there is one (other .txt files are then sent attachments)."""
    texts = [info for info in archive.infolist() if is_safe_member(info) and _basename(info).lower().endswith(".txt")]
    ios = [info for info in texts if _basename(info) == IOS_CHAT_NAME]
    if ios:
        return ios[:1]
    return sorted(texts, key=lambda info: ("whatsapp" not in _basename(info).lower(), info.filename))


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most ``limit`` bytes of a member, and one more when it is longer:
    the declared size is not trusted."""
    data = bytearray()  # grows in place: a bomb never costs twice the cap
    with archive.open(info) as member:
        while len(data) <= limit:
            chunk = member.read(min(_READ_CHUNK, limit + 1 - len(data)))
            if not chunk:
                break
            data += chunk
    return bytes(data)


def find_chat_member(
    archive: zipfile.ZipFile, starts_like_chat: Callable[[str], bool]
) -> tuple[zipfile.ZipInfo | None, list[str]]:
    """The member holding the chat, and the names of every member that looks
    like one (more than one: the zip holds several chats)."""
    found: list[zipfile.ZipInfo] = []
    for info in _candidates(archive):
        try:
            head = decode_chat(_read_capped(archive, info, HEAD_BYTES)[:HEAD_BYTES], final=False)
        except (UnicodeDecodeError, zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
            continue  # not text, corrupt or compressed in a way Python cannot read: not the chat
        if starts_like_chat(head):
            found.append(info)
    return (found[0] if found else None), [info.filename for info in found]


def read_chat(path: Path, starts_like_chat: Callable[[str], bool]) -> ChatText:
    """The chat text of a .txt or .zip export; ImportFailed with one sentence
    when there is none to read."""
    with open(path, "rb") as handle:
        magic = handle.read(len(ZIP_MAGIC))
    if magic == ZIP_MAGIC:
        return _read_zip(path, starts_like_chat)
    if path.stat().st_size > MAX_CHAT_BYTES:
        raise ImportFailed(f"{path.name} is larger than any WhatsApp chat export can be.", hint=_HINT)
    return ChatText(_decoded(path.read_bytes(), path.name), None)


def _decoded(data: bytes, name: str) -> str:
    try:
        return decode_chat(data)
    except UnicodeDecodeError as error:
        raise ImportFailed(
            f"{name} is not UTF-8 text as WhatsApp writes it (unreadable byte at position {error.start}).",
            hint=_HINT,
        ) from error


def _read_zip(path: Path, starts_like_chat: Callable[[str], bool]) -> ChatText:
    try:
        with zipfile.ZipFile(path) as archive:
            member, chats = find_chat_member(archive, starts_like_chat)
            if member is None:
                raise ImportFailed(f"{path.name} is a zip file without a WhatsApp chat (_chat.txt) in it.", hint=_HINT)
            if len(chats) > 1:
                raise ImportFailed(
                    f"{path.name} holds {len(chats)} chats ({', '.join(chats)}); calllog reads one chat per file.",
                    hint="Export each chat on its own from WhatsApp and import those files.",
                )
            # a size the zip admits to is believed at once; one it hides is caught by the cap
            data = b"" if member.file_size > MAX_CHAT_BYTES else _read_capped(archive, member, MAX_CHAT_BYTES)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as error:
        raise ImportFailed(f"{path.name} is a damaged or unreadable zip file ({error}).", hint=_HINT) from error
    if member.file_size > MAX_CHAT_BYTES or len(data) > MAX_CHAT_BYTES:
        raise ImportFailed(f"The chat inside {path.name} is larger than any WhatsApp chat export can be.", hint=_HINT)
    return ChatText(_decoded(data, f"{member.filename} in {path.name}"), member.filename)
