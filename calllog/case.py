"""The case folder: the store, the originals and the case settings.

A case is created once (``calllog init``) and grows as the victim imports
new exports month after month. Every imported file is kept in
``originals/``, byte for byte, named by its SHA-256 and made read-only.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from calllog.errors import CaseError, SettingsError
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
        zone(tz_name)
        check_language(lang)
        numbers = [(owner_number(raw), raw) for raw in owners]  # validate before creating anything
        root.mkdir(parents=True, exist_ok=True)
        (root / ORIGINALS).mkdir(exist_ok=True)
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
        (root / ORIGINALS).mkdir(exist_ok=True)
        return cls(root, Store(root / STORE_NAME))

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
        (a database and its -wal file must sit together)."""
        digest = hashlib.sha256()
        size = 0
        if beside is not None:
            folder = beside.path.parent
        else:
            folder = Path(tempfile.mkdtemp(prefix=".incoming-", dir=self.originals_dir))
        copy = folder / (name or path.name)
        try:
            with open(path, "rb") as source, open(copy, "wb") as target:
                while chunk := source.read(_CHUNK):
                    digest.update(chunk)
                    target.write(chunk)
                    size += len(chunk)
                target.flush()
                os.fsync(target.fileno())
        except BaseException:
            if beside is None:
                self.discard(KeptOriginal(copy, "", 0))
            raise
        return KeptOriginal(copy, digest.hexdigest(), size)

    def discard(self, received: KeptOriginal) -> None:
        """Remove what ``receive`` left, if it was not kept."""
        shutil.rmtree(received.path.parent, ignore_errors=True)

    def keep(self, received: KeptOriginal, name: str) -> tuple[Path, bool]:
        """Give a received file its final name and make it read-only; say
        whether it is new (the same bytes kept before need no second copy).
        The caller discards the private folder afterwards."""
        final = self.original_path(received.sha256, name)
        if final.exists():
            return final, False
        received.path.rename(final)
        final.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        return final, True


def _safe_suffix(name: str) -> str:
    """The original extension, so that the kept file still opens in the right
    program; anything odd in it is dropped (names come from other people)."""
    suffix = "".join(Path(name).suffixes[-2:]).lower()
    suffix = re.sub(r"[^a-z0-9.]", "", suffix)[:12]
    return suffix if suffix.startswith(".") else ""
