"""The case folder: the store, the originals and the case settings.

A case is created once (``calllog init``) and grows as the victim imports
new exports month after month. Every imported file is kept in
``originals/``, byte for byte, named by its SHA-256 and made read-only.

The case is private: the folders calllog makes are readable by the user
only (0o700), the store and the kept files too (0o600, 0o400), whatever
the umask. A file being imported is first copied into a private
``originals/.incoming-*`` folder; an import killed midway can leave one
behind, and the next ``Case.open`` removes it once no process holds it
(an advisory lock on the folder says which are in use; where the system
has none, as on Windows, such leftovers stay and are simply never read).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no advisory locks
    fcntl = None  # type: ignore[assignment]

from calllog.errors import CaseError, ImportFailed, SettingsError
from calllog.model import PartyQuality
from calllog.phone import normalise_number
from calllog.store import STORE_NAME, Store
from calllog.timeutil import DEFAULT_ZONE, zone

ORIGINALS = "originals"
LANGUAGES = ("nl", "fr", "en")
DEFAULT_SETTINGS: dict[str, object] = {
    "timezone": DEFAULT_ZONE,
    "language": "nl",
    "title": "",
    "region": "BE",
    # two records of one real call, from two sources, are at most this far apart
    "match_tolerance_s": 120,
}
_CHUNK = 1024 * 1024
INCOMING_PREFIX = ".incoming-"
MAKING_PREFIX = ".making-"
_MAKING_STALE_S = 600
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
KEPT_FILE = stat.S_IRUSR  # read-only, for the user only
_DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))  # full, or over the user's quota


def owner_number(raw: str, region: str = "BE") -> str:
    """The E.164 form of an owner line, or a SettingsError a person can fix."""
    party = normalise_number(raw, region)
    if party.quality not in (PartyQuality.VALID, PartyQuality.POSSIBLE):
        raise SettingsError(
            f"'{raw}' is not a phone number calllog can use as your line.",
            hint="Write it as on a SIM card, for example 0470 12 34 56 or +32 470 12 34 56.",
        )
    return party.party


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise SettingsError(f"'{lang}' is not a language calllog writes.", hint="Use nl, fr or en.")
    return lang


@dataclass(frozen=True)
class KeptOriginal:
    """A file copied into ``originals/`` while it was hashed."""

    path: Path
    sha256: str
    size: int


class Case:
    """An open case folder."""

    def __init__(self, root: Path, store: Store) -> None:
        self.root = root
        self.store = store
        self._held: dict[Path, int] = {}  # incoming folders in use, and their locked handles

    # opening ------------------------------------------------------------
    @classmethod
    def create(
        cls,
        root: Path,
        owners: list[str],
        tz_name: str = DEFAULT_ZONE,
        lang: str = "nl",
        title: str = "",
    ) -> "Case":
        if (root / STORE_NAME).exists():
            raise CaseError(f"There is already a case in {root.resolve()}.", hint="Use it as it is, or choose another folder with -C.")
        if root.exists() and not root.is_dir():
            raise CaseError(f"{root.resolve()} is a file, not a folder.", hint="Choose a folder for the case with -C.")
        zone(tz_name)
        check_language(lang)
        numbers = [(owner_number(raw), raw) for raw in owners]  # validate before creating anything
        # a folder made for the case is private; a full folder the user chose keeps its mode
        if not root.exists() or (root.is_dir() and not any(root.iterdir())):
            root.mkdir(parents=True, exist_ok=True)
            root.chmod(PRIVATE_FOLDER)
        _private_folder(root / ORIGINALS)
        _private_file(root / STORE_NAME)  # SQLite gives its -wal and -shm the same mode
        store = Store(root / STORE_NAME)
        with store.transaction():
            for key, value in DEFAULT_SETTINGS.items():
                store.set_setting(key, value)
            store.set_setting("timezone", tz_name)
            store.set_setting("language", lang)
            store.set_setting("title", title)
            for number, raw in numbers:
                store.add_owner(number, raw)
        return cls(root, store)

    @classmethod
    def open(cls, root: Path) -> "Case":
        if not (root / STORE_NAME).is_file():
            raise CaseError(
                f"There is no case in {root.resolve()}.",
                hint="Create one with 'calllog init', or point to it with -C FOLDER.",
            )
        _private_folder(root / ORIGINALS)
        case = cls(root, Store(root / STORE_NAME))
        case.remove_abandoned_copies()
        return case

    def close(self) -> None:
        self.store.close()

    # settings -----------------------------------------------------------
    def setting(self, key: str) -> object:
        return self.store.get_setting(key, DEFAULT_SETTINGS.get(key))

    @property
    def tz(self) -> ZoneInfo:
        return zone(str(self.setting("timezone")))

    @property
    def language(self) -> str:
        return str(self.setting("language"))

    @property
    def title(self) -> str:
        return str(self.setting("title") or "")

    @property
    def region(self) -> str:
        return str(self.setting("region"))

    @property
    def match_tolerance_s(self) -> float:
        return float(self.setting("match_tolerance_s"))  # type: ignore[arg-type]

    @property
    def owners(self) -> list[str]:
        return self.store.owners()

    # originals ----------------------------------------------------------
    @property
    def originals_dir(self) -> Path:
        return self.root / ORIGINALS

    def original_path(self, sha256: str, name: str) -> Path:
        return self.originals_dir / (sha256 + _safe_suffix(name))

    def receive(self, path: Path, name: str | None = None, beside: KeptOriginal | None = None) -> KeptOriginal:
        """Copy ``path`` into a private folder inside the originals folder,
        as ``name`` (default: its own name, so that messages name the file the
        user knows), hashing the very bytes that are kept: the file may change
        under us. ``beside`` puts the copy in the folder of an earlier one
        (a database and its -wal file must sit together). A symbolic link is
        followed: what is kept is a regular file with the bytes it points to.
        A copy that fails (a full disk, an unreadable file) leaves nothing
        and raises a CalllogError."""
        folder = beside.path.parent if beside is not None else self._incoming_folder()
        copy = folder / _safe_file_name(name or path.name)
        try:
            digest, size = _copy_hashing(path, copy)
        except BaseException as error:
            if beside is None:
                self.discard(KeptOriginal(copy, "", 0))
            else:
                copy.unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise _copy_failure(path, error) from error
            raise
        return KeptOriginal(copy, digest, size)

    def _incoming_folder(self) -> Path:
        """A new private folder in originals/, locked for as long as this
        process uses it (the system releases the lock if it is killed). It
        is made under another name and locked before it is renamed, so that
        no ``.incoming-*`` folder is ever unlocked while in use."""
        if fcntl is None:
            return Path(tempfile.mkdtemp(prefix=INCOMING_PREFIX, dir=self.originals_dir))
        making = Path(tempfile.mkdtemp(prefix=MAKING_PREFIX, dir=self.originals_dir))
        handle = os.open(making, os.O_RDONLY)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            folder = making.with_name(INCOMING_PREFIX + making.name[len(MAKING_PREFIX):])
            making.rename(folder)
        except BaseException:
            os.close(handle)
            shutil.rmtree(making, ignore_errors=True)
            raise
        self._held[folder] = handle
        return folder

    def discard(self, received: KeptOriginal) -> None:
        """Remove what ``receive`` left, if it was not kept."""
        self._remove_incoming(received.path.parent)

    @contextmanager
    def scratch_folder(self) -> Iterator[Path]:
        """A private folder inside the case for temporary copies a reader
        needs, removed afterwards (and after a crash, like a received file)."""
        folder = self._incoming_folder()
        try:
            yield folder
        finally:
            self._remove_incoming(folder)

    def _remove_incoming(self, folder: Path) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        handle = self._held.pop(folder, None)
        if handle is not None:
            os.close(handle)

    def remove_abandoned_copies(self) -> None:
        """Remove the ``.incoming-*`` folders of imports that were killed
        midway; a folder still locked belongs to a running import and stays.
        (A ``.making-*`` folder is one killed in the instant before it was
        locked: removed once it is old.)"""
        if fcntl is None:
            return
        stale = time.time() - _MAKING_STALE_S
        for folder in self.originals_dir.glob(".*-*"):
            try:
                if folder.name.startswith(MAKING_PREFIX) and folder.stat().st_mtime > stale:
                    continue
                if not folder.name.startswith((MAKING_PREFIX, INCOMING_PREFIX)):
                    continue
                handle = os.open(folder, os.O_RDONLY)
            except OSError:
                continue  # gone meanwhile
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                continue  # locked: another calllog is importing right now
            finally:
                os.close(handle)

    def keep(self, received: KeptOriginal, name: str) -> tuple[Path, bool]:
        """Give a received file its final name and make it read-only; say
        whether it is new (the same bytes kept before need no second copy).
        The caller discards the private folder afterwards."""
        final = self.original_path(received.sha256, name)
        if final.exists():
            return final, False
        received.path.chmod(KEPT_FILE)
        received.path.rename(final)
        return final, True


def _private_folder(folder: Path) -> None:
    if not folder.is_dir():
        folder.mkdir()
        folder.chmod(PRIVATE_FOLDER)  # chmod: mkdir's mode is cut by the umask


def _private_file(path: Path) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(handle)
    path.chmod(PRIVATE_FILE)


def _copy_hashing(source: Path, target: Path) -> tuple[str, int]:
    """Copy ``source`` to a new file ``target``; the SHA-256 and size of the
    bytes written, synced to the disk."""
    digest = hashlib.sha256()
    size = 0
    with open(source, "rb") as reading, open(target, "xb") as writing:
        while chunk := reading.read(_CHUNK):
            digest.update(chunk)
            writing.write(chunk)
            size += len(chunk)
        writing.flush()
        os.fsync(writing.fileno())
    return digest.hexdigest(), size


def _copy_failure(path: Path, error: OSError) -> CaseError | ImportFailed:
    if error.errno in _DISK_FULL:
        return CaseError(
            f"There is not enough free space on the disk of the case to keep {path.name}; nothing of it was imported.",
            hint="Free some space on that disk and import the file again.",
        )
    return ImportFailed(
        f"{path.name} could not be copied into the case ({error.strerror or error}); nothing of it was imported.",
        hint="Check that the file opens and that you may write in the case folder.",
    )


def _safe_file_name(name: str) -> str:
    """The last part of a name that may come from other people's files, so
    that a copy never lands outside its folder ("../../x" becomes "x")."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].replace("\x00", "")
    return base if base not in ("", ".", "..") else "file"


def _safe_suffix(name: str) -> str:
    """The original extension, so that the kept file still opens in the right
    program; anything odd in it is dropped (names come from other people)."""
    suffix = "".join(Path(_safe_file_name(name)).suffixes[-2:]).lower()
    suffix = re.sub(r"[^a-z0-9.]", "", suffix)[:12]
    return suffix if suffix.startswith(".") else ""
