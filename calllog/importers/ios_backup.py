"""Finding the call history, messages and contacts in an iPhone backup folder.

Finder (Mac) and iTunes or Apple Devices (Windows) back an iPhone up into a
folder named after the phone's id (``~/Library/Application
Support/MobileSync/Backup/<id>`` on a Mac, ``%APPDATA%\\Apple
Computer\\MobileSync\\Backup\\<id>`` or ``%USERPROFILE%\\Apple\\MobileSync\\Backup\\<id>``
on Windows). It holds:

* ``Manifest.plist``: a property list; ``IsEncrypted`` is true when the
  user chose "Encrypt local backup". Everything in such a backup (also
  ``Manifest.db`` since iOS 10.2) is encrypted with a key derived from the
  backup password, which calllog does not ask for: it refuses such a
  backup with a sentence saying how to make an unencrypted one.
* ``Manifest.db`` (iOS 10 and later): SQLite, table ``Files(fileID, domain,
  relativePath, flags, file)``; ``flags`` 1 is a file, 2 a folder, 4 a
  symbolic link; ``file`` is the file's metadata (a binary plist, not read).
  Older backups have ``Manifest.mbdb`` instead (not read: see below).
* every backed-up file, named by its ``fileID``, the SHA-1 of
  ``<domain>-<relativePath>``: in a subfolder named after its first two
  characters (``5a/5a4935c7...``, iOS 10 and later) or directly in the
  backup folder (older backups).

The files calllog reads are all in ``HomeDomain``:

| file (relativePath)                              | fileID                                     | importer        |
|--------------------------------------------------|--------------------------------------------|-----------------|
| ``Library/CallHistoryDB/CallHistory.storedata``  | ``5a4935c78a5255723f707230a451d79c540d2741`` | ios-calls       |
| ``Library/SMS/sms.db``                           | ``3d0d7e5fb2ce288813306e4d4636395e047a3d28`` | ios-messages    |
| ``Library/AddressBook/AddressBook.sqlitedb``     | ``31bb7ba8914766d4ba40d6dfb6113c8b614be442`` | ios-addressbook |

each with its ``-wal``/``-shm`` when the backup has them. ``Manifest.db``
says which files the backup holds and under which id (it is read on a
temporary copy, like every database here); a backup without one gets the
ids computed from the names. A file the manifest lists but the folder lacks
(a backup copied only in part) is left out. Source: mvt
(``src/mvt/ios/modules/base.py``, its test backup) and
``shared/reference/handset-formats.md`` §3.
"""

from __future__ import annotations

import hashlib
import plistlib
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers.expat import ExpatError

from calllog.errors import ImportFailed
from calllog.importers.sqlite_copy import COMPANION_SUFFIXES, companion_files, is_sqlite, open_readonly_copy

DOMAIN = "HomeDomain"
MANIFEST_DB, MANIFEST_PLIST = "Manifest.db", "Manifest.plist"
FILE_FLAG = 1  # Files.flags: 1 file, 2 folder, 4 symbolic link
_FILE_ID = re.compile(r"[0-9a-f]{40}")  # fileID: the SHA-1 of domain and path, in hex


@dataclass(frozen=True)
class BackupFile:
    """One file calllog reads, found in a backup folder."""

    role: str  # "call history", "messages", "address book"
    name: str  # the file's own name, e.g. "CallHistory.storedata", "sms.db"
    path: Path  # the hashed file in the backup folder
    format: str  # importer name: "ios-calls", "ios-messages", "ios-addressbook"
    companions: dict[str, Path] = field(default_factory=dict)  # {"-wal": hashed path, ...}


@dataclass(frozen=True)
class _Wanted:
    role: str
    relative_path: str
    format: str

    @property
    def name(self) -> str:
        return self.relative_path.rsplit("/", 1)[-1]


WANTED = (
    _Wanted("call history", "Library/CallHistoryDB/CallHistory.storedata", "ios-calls"),
    _Wanted("messages", "Library/SMS/sms.db", "ios-messages"),
    _Wanted("address book", "Library/AddressBook/AddressBook.sqlitedb", "ios-addressbook"),
)

ENCRYPTED_HINT = (
    "Make an unencrypted backup: connect the iPhone, open Finder (Mac) or iTunes / Apple Devices "
    "(Windows), untick 'Encrypt local backup' (it asks for the backup password), click "
    "'Back Up Now', and import the new backup folder."
)


def file_id(domain: str, relative_path: str) -> str:
    """The name a backup gives a file: SHA-1 of ``<domain>-<relativePath>``."""
    return hashlib.sha1(f"{domain}-{relative_path}".encode("utf-8")).hexdigest()


def is_ios_backup(folder: Path) -> bool:
    """True when ``folder`` looks like an iPhone backup (it has a
    ``Manifest.db`` or ``Manifest.plist``). Never raises."""
    try:
        return folder.is_dir() and any((folder / name).is_file() for name in (MANIFEST_DB, MANIFEST_PLIST))
    except OSError:
        return False


def _label(folder: Path) -> str:
    """The backup's folder name (the phone's id), also for "." or "backup/"."""
    return folder.resolve().name or str(folder)


def _encrypted(folder: Path, how_known: str = "is encrypted") -> ImportFailed:
    return ImportFailed(
        f"The iPhone backup in {_label(folder)} {how_known}, and calllog cannot read encrypted backups.",
        hint=ENCRYPTED_HINT,
    )


def _refuse_encrypted(folder: Path) -> None:
    """Raise when Manifest.plist says the backup is encrypted; a plist that
    cannot be read says nothing either way (Manifest.db is checked next)."""
    plist = folder / MANIFEST_PLIST
    try:
        with open(plist, "rb") as handle:
            manifest = plistlib.load(handle)
    except (OSError, ValueError, TypeError, KeyError, ExpatError):
        return  # missing, unreadable or not a plist (ValueError covers InvalidFileException)
    if isinstance(manifest, dict) and manifest.get("IsEncrypted") is True:
        raise _encrypted(folder)


def _ids_from_manifest(folder: Path, manifest: Path) -> dict[str, str]:
    """relativePath -> fileID of the wanted files that Manifest.db lists."""
    try:
        with open(manifest, "rb") as handle:
            head = handle.read(100)
    except OSError as error:
        raise ImportFailed(f"{manifest} could not be read ({error.strerror or error}).") from error
    if not is_sqlite(head):
        raise _encrypted(folder, f"looks encrypted (its {MANIFEST_DB} is not a database calllog can open)")
    paths = [w.relative_path + suffix for w in WANTED for suffix in ("", *COMPANION_SUFFIXES)]
    marks = ", ".join("?" for _ in paths)
    try:
        with open_readonly_copy(manifest, companion_files(manifest)) as conn:
            rows = conn.execute(
                f"SELECT relativePath, fileID, flags FROM Files WHERE domain = ? AND relativePath IN ({marks})",
                (DOMAIN, *paths),
            ).fetchall()
    except (ImportFailed, sqlite3.Error) as error:
        raise ImportFailed(
            f"The {MANIFEST_DB} of the iPhone backup in {_label(folder)} is damaged: calllog cannot "
            "find the list of files in it.",
            hint="Make the backup again and import the new backup folder.",
        ) from error
    return {
        str(relative): str(found_id)
        for relative, found_id, flags in rows
        if found_id and (flags is None or flags == FILE_FLAG)
    }


def _locate(folder: Path, found_id: str | None) -> Path | None:
    """The hashed file: ``folder/ab/abcdef...`` (iOS 10+) or ``folder/abcdef...``.
    An id that is not a SHA-1 is not followed: a manifest must never lead
    calllog to a file outside the backup ("../../x", "/etc/x")."""
    if not found_id or not _FILE_ID.fullmatch(found_id):
        return None
    for candidate in (folder / found_id[:2] / found_id, folder / found_id):
        if candidate.is_file() and not candidate.is_symlink():  # a backup holds no links
            return candidate
    return None


def backup_files(folder: Path) -> list[BackupFile]:
    """The call history, messages and address book in the backup ``folder``
    (in that order, those it holds). Raises ``ImportFailed`` for a folder
    that is not a backup, an encrypted backup, a damaged manifest, or a
    backup that holds none of the three."""
    if not is_ios_backup(folder):
        raise ImportFailed(f"{folder} is not an iPhone backup: it has no {MANIFEST_DB} or {MANIFEST_PLIST}.")
    _refuse_encrypted(folder)
    manifest = folder / MANIFEST_DB
    if manifest.is_file():
        ids = _ids_from_manifest(folder, manifest)
    else:  # before iOS 10 (Manifest.mbdb): the ids follow from the names
        ids = {
            w.relative_path + suffix: file_id(DOMAIN, w.relative_path + suffix)
            for w in WANTED
            for suffix in ("", *COMPANION_SUFFIXES)
        }
    found: list[BackupFile] = []
    for wanted in WANTED:
        path = _locate(folder, ids.get(wanted.relative_path))
        if path is None:
            continue
        companions = {
            suffix: beside
            for suffix in COMPANION_SUFFIXES
            if (beside := _locate(folder, ids.get(wanted.relative_path + suffix))) is not None
        }
        found.append(BackupFile(wanted.role, wanted.name, path, wanted.format, companions))
    if not found:
        raise ImportFailed(
            f"The iPhone backup in {_label(folder)} holds no call history, messages or contacts "
            "calllog can read.",
            hint="Check that the folder is a complete copy of the backup.",
        )
    return found
