"""The import pipeline: keep the original, identify, extract, normalise,
corroborate, store — one transaction per file.

A file's import is all or nothing: when anything fails, the store and the
originals folder are exactly as they were before. A file whose SHA-256 the
case already holds changes nothing. A batch goes on past a bad file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from calllog.case import Case, KeptOriginal, owner_number
from calllog.errors import CalllogError, ImportFailed
from calllog.importers.base import ImportContext, Importer
from calllog.importers.registry import identify, importer_named, read_head
from calllog.importers.sqlite_copy import copies_made_in, is_sqlite, unfinished_change
from calllog.model import ContactCard, Record, Skip
from calllog.record_columns import RecordColumns
from calllog.timeutil import zone

# what a bug-free importer may still meet in a hostile file; anything else is a bug
# (SyntaxError: XML a parser cannot read, inside a workbook for one)
READ_ERRORS = (OSError, ValueError, KeyError, IndexError, TypeError, UnicodeError, SyntaxError, sqlite3.Error)

ProgressFactory = Callable[[str, int], Callable[[int], None] | None]
"""Given a file name and its size, return a callback fed with bytes read
(or None for no progress display)."""


@dataclass
class FileResult:
    """What became of one file of a batch."""

    path: Path
    name: str = ""
    sha256: str = ""
    format: str = ""
    read: int = 0
    imported: int = 0
    known: int = 0
    skipped: int = 0
    names: int = 0
    already_imported: bool = False
    error: CalllogError | None = None
    skips: list[Skip] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.name = self.name or self.path.name

    @property
    def failed(self) -> bool:
        return self.error is not None


@dataclass(frozen=True)
class ImportOptions:
    format: str | None = None
    owner: str | None = None
    tz: str | None = None
    mapping: Mapping[str, Any] | None = None
    me: tuple[str, ...] = ()


@dataclass
class _Extracted:
    columns: RecordColumns
    skips: list[Skip]
    cards: list[ContactCard]


def import_files(
    case: Case,
    paths: Sequence[Path],
    options: ImportOptions = ImportOptions(),
    progress: ProgressFactory | None = None,
) -> list[FileResult]:
    """Import each file in turn (an iPhone backup folder: each export found
    in it); a failure is recorded and the batch goes on."""
    results: list[FileResult] = []
    for path in paths:
        try:
            if path.is_dir():
                results.extend(_import_backup_folder(case, path, options, progress))
            else:
                results.append(import_file(case, path, options, progress))
        except CalllogError as error:
            results.append(FileResult(path=path, error=error))
    return results


def _import_backup_folder(
    case: Case, folder: Path, options: ImportOptions, progress: ProgressFactory | None
) -> list[FileResult]:
    from calllog.importers.ios_backup import backup_files, is_ios_backup  # only for folders

    if not is_ios_backup(folder):
        raise ImportFailed(
            f"{folder} is a folder, not an export file.",
            hint="Give the export files themselves, or the folder of an unencrypted iPhone backup.",
        )
    with _copies_in_case(case):
        found_files = backup_files(folder)
    results = []
    for found in found_files:
        label = f"{found.name} ({found.role}, iPhone backup {folder.name})"
        try:
            results.append(
                import_file(case, found.path, replace(options, format=found.format), progress,
                            name=found.name, label=label, companions=found.companions)
            )
        except CalllogError as error:
            results.append(FileResult(path=found.path, name=label, error=error))
    return results


def import_file(
    case: Case,
    path: Path,
    options: ImportOptions = ImportOptions(),
    progress: ProgressFactory | None = None,
    name: str | None = None,
    label: str | None = None,
    companions: Mapping[str, Path] | None = None,
) -> FileResult:
    """Import one file. ``name`` is the file's own name when ``path`` does
    not show it (a backup's hashed files); ``label`` how results name it.
    A symbolic link is followed: the bytes it points to are imported and
    kept, as a regular file, under the link's name."""
    if path.is_symlink() and not path.exists():
        raise ImportFailed(f"{path} is a link to {os.readlink(path)}, which does not exist.",
                           hint="Give the file itself.")
    if not path.exists():
        raise ImportFailed(f"{path} does not exist.", hint="Check the name and the folder.")
    if not path.is_file():
        raise ImportFailed(f"{path} is not a file.", hint="Give the export files themselves.")
    name = name or path.name
    label = label or name
    _refuse_unreadable(path, name)
    with _copies_in_case(case):
        importer = _importer_for(path, options)
        ctx = _context(case, options, path, progress)
        owner = owner_number(options.owner, case.region) if options.owner else _default_owner(case)
        if companions is None:
            companions = importer.companions(path)

        received = case.receive(path, name)
        try:
            beside = {suffix: case.receive(extra, name + suffix, beside=received) for suffix, extra in companions.items()}
            identity = _identity(received, beside)
            if case.store.source_by_identity(identity) is not None:
                return _already_imported(path, label, received, importer)
            extracted = _extract(importer, received.path, name, ctx)
            return _store(case, path, label, identity, received, beside, importer, extracted, owner, options)
        finally:
            case.discard(received)  # kept files were renamed away already


@contextmanager
def _copies_in_case(case: Case) -> Iterator[None]:
    """Temporary copies a reader makes (of a SQLite database and its -wal)
    go into a private folder of the case, never the system's temporary
    folder: nothing of the evidence is written outside the case."""
    with case.scratch_folder() as folder, copies_made_in(folder):
        yield


def _refuse_unreadable(path: Path, name: str) -> None:
    """Refuse, before anything is copied, a file that holds nothing, and a
    database another program is in the middle of changing."""
    if path.stat().st_size == 0:
        raise ImportFailed(
            f"{name} is empty (0 bytes): there is nothing in it to import.",
            hint="Make the export again; if it is empty again, the app or the operator wrote no records.",
        )
    if is_sqlite(read_head(path)) and unfinished_change(path):
        raise ImportFailed(
            f"{name} is being changed by another program, or was left half changed "
            f"(see {name}-journal beside it); calllog cannot tell which of its rows are complete.",
            hint="Close the program that uses the database, wait until it has finished, and import it again.",
        )


def _already_imported(path: Path, label: str, received: KeptOriginal, importer: Importer) -> FileResult:
    return FileResult(path=path, name=label, sha256=received.sha256, format=importer.name, already_imported=True)


def _importer_for(path: Path, options: ImportOptions) -> Importer:
    """The format the user named, else the one importer that claims the file."""
    return importer_named(options.format) if options.format else identify(path)


def _identity(main: KeptOriginal, companions: Mapping[str, KeptOriginal]) -> str:
    """What makes a source the same source again: its bytes, and those of
    the files read with it (a newer -wal holds newer rows)."""
    if not companions:
        return main.sha256
    parts = [main.sha256] + [f"{suffix}:{kept.sha256}" for suffix, kept in sorted(companions.items())]
    return hashlib.sha256("\n".join(parts).encode("ascii")).hexdigest()


def _context(case: Case, options: ImportOptions, path: Path, progress: ProgressFactory | None) -> ImportContext:
    callback = progress(path.name, path.stat().st_size) if progress else None
    tz = zone(options.tz) if options.tz else case.tz
    return ImportContext(tz=tz, region=case.region, mapping=options.mapping, progress=callback,
                         options={"me": options.me})


def _default_owner(case: Case) -> str | None:
    owners = case.owners
    return owners[0] if len(owners) == 1 else None


def _extract(importer: Importer, kept: Path, name: str, ctx: ImportContext) -> _Extracted:
    extracted = _Extracted(RecordColumns(), [], [])
    try:
        for item in importer.extract_columns(kept, ctx):
            if isinstance(item, RecordColumns):
                item.check()
                if len(extracted.columns):
                    extracted.columns.extend(item)
                else:  # usually the only batch: taken as it is, not copied
                    extracted.columns = item
            elif isinstance(item, Skip):
                extracted.skips.append(item)
            else:
                extracted.cards.append(item)
    except READ_ERRORS as error:
        raise ImportFailed(
            f"{name} could not be read as {importer.title} ({type(error).__name__}: {error}).",
            hint="Nothing of it was imported. If the file opens normally elsewhere, please report this.",
        ) from error
    return extracted


def _store(
    case: Case,
    path: Path,
    label: str,
    identity: str,
    received: KeptOriginal,
    companions: Mapping[str, KeptOriginal],
    importer: Importer,
    extracted: _Extracted,
    default_owner: str | None,
    options: ImportOptions,
) -> FileResult:
    # numpy and pandas: loaded when there is something to store, not for every command
    from calllog.ingest_columns import corroborate, normalised_parties, record_owners, store_events, store_names

    store = case.store
    columns, skips = extracted.columns, extracted.skips
    region = case.region  # a settings look-up: once, not per record
    parties = normalised_parties(columns, region)
    owners = record_owners(columns, default_owner, region)
    kept_now: list[Path] = []
    try:
        with store.transaction(bulk=True):
            # another calllog may have imported the same file while this one read it
            if store.source_by_identity(identity) is not None:
                return _already_imported(path, label, received, importer)
            source_id = store.insert_source(
                {
                    "identity": identity,
                    "sha256": received.sha256,
                    "companions": json.dumps(
                        [{"suffix": s, "sha256": k.sha256, "size": k.size} for s, k in sorted(companions.items())]
                    ),
                    "name": label,
                    "size": received.size,
                    "format": importer.name,
                    "importer_version": importer.version,
                    "imported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "owner_line": default_owner if options.owner else None,
                    "timezone": options.tz or str(case.setting("timezone")),
                    "read": 0, "imported": 0, "known": 0, "skipped": 0,
                }
            )
            matches = corroborate(case, columns, parties, owners)
            imported = store_events(case, columns, parties, owners, matches, source_id)
            store.insert_skips(source_id, skips)
            named = store_names(case, columns, parties, extracted.cards, label)
            result = FileResult(
                path=path, name=label, sha256=received.sha256, format=importer.name,
                read=len(columns) + len(skips) + len(extracted.cards), imported=imported, known=len(matches.events),
                skipped=len(skips), names=named, skips=skips,
            )
            store.update_source_counts(source_id, result.read, result.imported, result.known, result.skipped)
            # keep the originals last: if this fails the transaction rolls back;
            # if the commit fails the kept copies are removed again below
            for kept in [received, *companions.values()]:
                final, new = case.keep(kept, kept.path.name)
                if new:
                    kept_now.append(final)
    except BaseException:
        for final in kept_now:
            final.unlink(missing_ok=True)
        raise
    return result


def preview(
    case: Case, path: Path, options: ImportOptions, rows: int = 5
) -> tuple[Importer, list[str], list[Record | Skip | ContactCard]]:
    """What ``import --dry-run`` shows: the format, what the importer
    understood, and (when the importer says nothing of its own) the first
    records as parsed. Nothing is stored."""
    if not path.is_file():
        raise ImportFailed(f"{path} is not a file.", hint="Check the name and the folder.")
    _refuse_unreadable(path, path.name)
    with _copies_in_case(case):
        importer = _importer_for(path, options)
        ctx = _context(case, options, path, None)
        first: list[Record | Skip | ContactCard] = []
        try:
            lines = importer.describe(path, ctx)
            if lines:
                return importer, lines, first
            for item in importer.extract(path, ctx):
                first.append(item)
                if len(first) >= rows:
                    break
        except READ_ERRORS as error:
            raise ImportFailed(
                f"{path.name} could not be read as {importer.title} ({type(error).__name__}: {error}).",
                hint="Nothing was imported. If the file opens normally elsewhere, please report this.",
            ) from error
    return importer, lines, first
