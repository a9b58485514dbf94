"""MANIFEST.sha256 and ``calllog verify``: proof that nothing changed.

The manifest is in ``sha256sum`` format (``<hash>  <path>``, one per line,
sorted by path), so anyone can check a pack with standard tools too
(``sha256sum -c MANIFEST.sha256`` inside the pack). It lists every file of
the pack and every original of the case. Originals stay in the case folder
(they hold other people's numbers, which stay out of the pack for the
police): their lines name them as ``originals/<file>``, and ``verify``
checks them against the case when it is given one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_NAME = "MANIFEST.sha256"
ORIGINALS_PREFIX = "originals/"
_CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_manifest(pack: Path, originals: Path) -> Path:
    """Hash every file under ``pack`` (but the manifest) and every original."""
    lines = []
    for path in sorted(p for p in pack.rglob("*") if p.is_file() and p.name != MANIFEST_NAME):
        lines.append((path.relative_to(pack).as_posix(), sha256_of(path)))
    for path in sorted(p for p in originals.iterdir() if p.is_file()):
        lines.append((ORIGINALS_PREFIX + path.name, sha256_of(path)))
    manifest = pack / MANIFEST_NAME
    manifest.write_text("".join(f"{digest}  {name}\n" for name, digest in sorted(lines)), encoding="utf-8")
    return manifest


@dataclass
class Verification:
    """What ``verify`` found: files as listed, changed, missing, not checked."""

    ok: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)
    not_checked: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not (self.changed or self.missing or self.unlisted)


def read_manifest(manifest: Path) -> list[tuple[str, str]]:
    entries = []
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
        digest, separator, name = line.partition("  ")
        if not separator or len(digest) != 64 or not name:
            raise ValueError(f"line {number} of {manifest.name} is not '<sha256>  <file>'")
        entries.append((name, digest))
    return entries


def verify_pack(pack: Path, originals: Path | None) -> Verification:
    """Check every file a pack's manifest lists (originals against the
    case's originals folder when given), and files the manifest does not list."""
    result = Verification()
    listed = set()
    for name, digest in read_manifest(pack / MANIFEST_NAME):
        listed.add(name)
        if name.startswith(ORIGINALS_PREFIX) and not (pack / name).exists():
            if originals is None:
                result.not_checked.append(name)
                continue
            path = originals / name[len(ORIGINALS_PREFIX):]
        else:
            path = pack / name
        if ".." in Path(name).parts or not path.is_file():
            result.missing.append(name)
        elif sha256_of(path) == digest:
            result.ok.append(name)
        else:
            result.changed.append(name)
    for path in sorted(p for p in pack.rglob("*") if p.is_file() and p.name != MANIFEST_NAME):
        if path.relative_to(pack).as_posix() not in listed:
            result.unlisted.append(path.relative_to(pack).as_posix())
    return result


def verify_originals(originals: Path) -> Verification:
    """Each original is named by the SHA-256 of its bytes: check it still is."""
    result = Verification()
    for path in sorted(p for p in originals.iterdir() if p.is_file()):
        expected = path.name.split(".", 1)[0]
        (result.ok if sha256_of(path) == expected else result.changed).append(ORIGINALS_PREFIX + path.name)
    return result
