"""Records column by column: how the import pipeline holds a file's records.

An operator return holds a million rows. One ``Record`` object per row
costs more than everything else of an import together, so the pipeline
(``calllog.ingest``) works on columns: one list per field of ``Record``,
position ``i`` of every list being record ``i`` in file order. An importer
of small files yields ``Record`` objects, which are gathered here; the
table importer yields whole ``RecordColumns`` batches it built column by
column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from calllog.model import Channel, Direction, Record, Status
from calllog.store import from_us, to_us


@dataclass
class RecordColumns:
    """The fields of ``Record``, one list each, all of the same length;
    ``instant_us`` is the instant as microseconds since 1970 UTC."""

    locator: list[str] = field(default_factory=list)
    instant_us: list[int] = field(default_factory=list)
    channel: list[Channel] = field(default_factory=list)
    direction: list[Direction] = field(default_factory=list)
    status: list[Status] = field(default_factory=list)
    party_raw: list[str] = field(default_factory=list)
    duration_s: list[float | None] = field(default_factory=list)
    withheld_hint: list[bool] = field(default_factory=list)
    local_text: list[str] = field(default_factory=list)
    time_ambiguous: list[bool] = field(default_factory=list)
    time_nonexistent: list[bool] = field(default_factory=list)
    text: list[str | None] = field(default_factory=list)
    attachments: list[tuple[str, ...]] = field(default_factory=list)
    service: list[str | None] = field(default_factory=list)
    owner_raw: list[str | None] = field(default_factory=list)
    contact_name: list[str | None] = field(default_factory=list)
    status_raw: list[str] = field(default_factory=list)
    headers: list[str | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.locator)

    def check(self) -> None:
        """Raise ValueError unless every column has one value per record."""
        lengths = {f.name: len(getattr(self, f.name)) for f in fields(self)}
        if len(set(lengths.values())) > 1:
            raise ValueError(f"record columns of different lengths: {lengths}")

    def append(self, record: Record) -> None:
        for name in _RECORD_FIELDS:
            getattr(self, name).append(getattr(record, name))
        self.instant_us.append(to_us(record.instant_utc))

    def extend(self, other: RecordColumns) -> None:
        for f in fields(self):
            getattr(self, f.name).extend(getattr(other, f.name))

    def record(self, index: int) -> Record:
        """Record ``index`` as an object (for a preview of a few rows)."""
        values: dict[str, Any] = {name: getattr(self, name)[index] for name in _RECORD_FIELDS}
        return Record(instant_utc=from_us(self.instant_us[index]), **values)

    @classmethod
    def of(cls, records: Iterable[Record]) -> RecordColumns:
        columns = cls()
        for record in records:
            columns.append(record)
        return columns


_RECORD_FIELDS = tuple(f.name for f in fields(Record) if f.name != "instant_utc")
