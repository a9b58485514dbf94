"""The importer interface: a format is one small module with one class.

An importer is cheap to ask (``identify`` looks at the first bytes and, if
it must, the file itself) and streams what it reads (``extract`` yields one
``Record`` or ``Skip`` per record in the file, in file order). It never
touches the case: the pipeline in ``calllog.ingest`` hashes, keeps the
original, normalises numbers, corroborates and stores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from calllog.model import ContactCard, Record, Skip
from calllog.record_columns import RecordColumns

HEAD_BYTES = 64 * 1024  # how much of a file ``identify`` is shown

ProgressCallback = Callable[[int], None]
"""Called with the number of bytes of the file read so far."""


@dataclass(frozen=True)
class ImportContext:
    """What an importer may need besides the file.

    ``tz`` is the zone of local wall-clock times in the file (the case's zone
    unless ``--tz`` says otherwise); ``region`` the default region for
    national numbers; ``mapping`` a user's layout for a table
    (``--mapping FILE``, already parsed from TOML).
    """

    tz: ZoneInfo
    region: str = "BE"
    mapping: Mapping[str, Any] | None = None
    progress: ProgressCallback | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    def report_progress(self, bytes_read: int) -> None:
        if self.progress is not None:
            self.progress(bytes_read)


class Importer:
    """Base class of every importer; subclasses set the class attributes."""

    name: ClassVar[str]  # short id used by --format, e.g. "sbr-calls"
    title: ClassVar[str]  # what it reads, in plain words
    recognised_by: ClassVar[str]  # how identify() knows the format
    how_to_get: ClassVar[str] = ""  # one line: how a victim obtains it
    version: ClassVar[str] = "1"
    # a generic importer (the table reader) steps aside when a specific one
    # also claims a file; two specific claims are still an error
    generic: ClassVar[bool] = False

    def identify(self, path: Path, head: bytes) -> bool:
        """True when this importer reads the file. ``head`` is its first
        ``HEAD_BYTES`` bytes. Must not raise on any input."""
        raise NotImplementedError

    def companions(self, path: Path) -> dict[str, Path]:
        """Files read together with ``path``, by the suffix they add to its
        name (``{"-wal": ...}`` for SQLite); the pipeline keeps them too and
        puts their copies next to the copy of ``path`` before ``extract``."""
        return {}

    def extract(self, path: Path, ctx: ImportContext) -> Iterator[Record | Skip | ContactCard]:
        """Yield one Record, Skip or ContactCard per record, in file order. Raise
        ``calllog.errors.ImportFailed`` when the file cannot be read at all
        (truncated XML, wrong encoding): the pipeline then keeps nothing."""
        raise NotImplementedError

    def extract_columns(self, path: Path, ctx: ImportContext) -> Iterator[RecordColumns | Skip | ContactCard]:
        """What ``extract`` yields, with the records gathered into column
        batches (what the import pipeline reads). Records stay in file
        order and so do skips, but a skip may come after records that
        follow it in the file. An importer of big files overrides this to
        build its columns without a ``Record`` per row."""
        batch = RecordColumns()
        for item in self.extract(path, ctx):
            if isinstance(item, Record):
                batch.append(item)
            else:
                yield item
        yield batch

    def describe(self, path: Path, ctx: ImportContext) -> list[str]:
        """Lines saying what the importer understood of the file, for
        ``import --dry-run``; the default says nothing beyond the format."""
        return []
