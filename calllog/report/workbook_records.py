"""The Sources, Diary and Charts sheets, and reading what they need from
a case.

Sources: one row per imported file: its name, SHA-256 (of the original as
kept in ``originals/``), format, size, import time (UTC), the time zone its
local times were read in, the counts (read = imported + already known +
skipped, plus address-book cards), why records were skipped (each reason
with its count, at most ``MAX_REASONS``), and the files read with it (a
database's ``-wal`` file: suffix and SHA-256).

Diary: one row per entry of ``diary_entries`` in time order (date and time
local in the case's zone; the text as the user entered it; the kind's
label from ``calllog.i18n.diary``; evidence files by name and SHA-256).
The sheet exists only when the diary has entries.

Charts: the PNG files given, one under the other, each on its own printed
page, scaled to ``CHART_WIDTH_PX`` wide.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from calllog.i18n.workbook import workbook_text
from calllog.report.workbook_cells import Column, prepare_print
from calllog.store import from_us

if TYPE_CHECKING:
    from openpyxl import Workbook

    from calllog.case import Case
    from calllog.model import Skip

MAX_REASONS = 10
CHART_WIDTH_PX = 1000
_ROW_PX = 20  # a default row is 15 pt, 20 px


class SourceRecord(Protocol):
    """A row of ``Store.sources()`` (an ``sqlite3.Row``) or a dict like it."""

    def keys(self) -> Iterable[str]: ...

    def __getitem__(self, key: str) -> Any: ...


@dataclass(frozen=True)
class DiaryRow:
    """One diary entry as the workbook shows it."""

    number: int
    instant_utc: datetime
    written: str
    kind: str
    what: str
    place: str
    witnesses: tuple[str, ...]
    pv: str
    evidence: tuple[tuple[str, str], ...]  # (file name, SHA-256)
    recorded_at: str


def diary_rows(case: "Case") -> list[DiaryRow]:
    """The diary's entries in time order; [] when there are none."""
    conn = case.store.conn
    try:
        entries = conn.execute(
            "SELECT id, instant_us, written, what, place, kind, witnesses, pv, recorded_at "
            "FROM diary_entries ORDER BY instant_us, id"
        ).fetchall()
        files = conn.execute("SELECT entry_id, name, sha256 FROM diary_evidence ORDER BY rowid").fetchall()
    except sqlite3.OperationalError:  # a store from before the diary
        return []
    evidence: dict[int, list[tuple[str, str]]] = {}
    for entry_id, name, sha256 in files:
        evidence.setdefault(int(entry_id), []).append((str(name), str(sha256)))
    return [
        DiaryRow(int(row[0]), from_us(int(row[1])), row[2], row[5], row[3], row[4], _names(row[6]), row[7],
                 tuple(evidence.get(int(row[0]), ())), row[8])
        for row in entries
    ]


def _names(raw: str) -> tuple[str, ...]:
    try:
        names = json.loads(raw)
    except ValueError:
        return (raw,) if raw else ()
    return tuple(str(n) for n in names) if isinstance(names, list) else (str(names),)


def source_skips(case: "Case") -> dict[int, list["Skip"]]:
    return {int(row["id"]): case.store.skips(int(row["id"])) for row in case.store.sources()}


def utc_naive(stamp: str) -> datetime | str:
    """An ISO 8601 time as a naive UTC datetime for Excel; text it is not."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


# --- Sources --------------------------------------------------------------------


def source_columns() -> list[Column]:
    return [
        Column("col.file", 30), Column("col.sha256", 66), Column("col.format", 14), Column("col.size", 12, "int"),
        Column("col.imported_at", 19, "datetime"), Column("col.timezone", 16), Column("col.read", 10, "int"),
        Column("col.imported", 10, "int"), Column("col.known", 10, "int"), Column("col.skipped", 10, "int"),
        Column("col.skip_reasons", 36), Column("col.companions", 40),
    ]


def _reasons(skips: Sequence["Skip"], lang: str) -> str | None:
    counted = Counter(skip.reason for skip in skips)
    lines = [f"{reason} ({n})" for reason, n in counted.most_common(MAX_REASONS)]
    if len(counted) > MAX_REASONS:
        lines.append(workbook_text(lang, "skips.more", n=len(counted) - MAX_REASONS))
    return "\n".join(lines) or None


def _companions(raw: str, name: str) -> str | None:
    try:
        files = json.loads(raw or "[]")
    except ValueError:
        return raw
    lines = [f"{name}{f.get('suffix', '')}: {f.get('sha256', '')}" for f in files if isinstance(f, dict)]
    return "\n".join(lines) or None


def source_values(sources: Sequence[SourceRecord], skips: Mapping[int, Sequence["Skip"]],
                  lang: str) -> Iterator[list[object]]:
    for row in sources:
        keys = set(row.keys())
        yield [
            str(row["name"]), str(row["sha256"]), str(row["format"]),
            int(row["size"]) if "size" in keys else None,
            utc_naive(str(row["imported_at"])) if "imported_at" in keys else None,
            str(row["timezone"]) if "timezone" in keys else None,
            int(row["read"]), int(row["imported"]), int(row["known"]), int(row["skipped"]),
            _reasons(skips.get(int(row["id"]), ()) if "id" in keys else (), lang),
            _companions(str(row["companions"]), str(row["name"])) if "companions" in keys else None,
        ]


# --- Diary ----------------------------------------------------------------------


def diary_columns() -> list[Column]:
    return [
        Column("col.no", 7, "int"), Column("col.date", 11, "date"), Column("col.time", 9, "time"),
        Column("col.when_written", 18), Column("col.kind", 20), Column("col.what", 50), Column("col.where", 20),
        Column("col.witnesses", 20), Column("col.pv", 16), Column("col.evidence", 40),
        Column("col.recorded_at", 19, "datetime"),
    ]


def diary_values(entries: Sequence[DiaryRow], tz: ZoneInfo, lang: str) -> Iterator[list[object]]:
    from calllog.i18n.diary import kind_label

    for entry in entries:
        local = entry.instant_utc.astimezone(tz).replace(tzinfo=None, microsecond=0)
        files = "\n".join(f"{name}: {sha256}" for name, sha256 in entry.evidence)
        yield [
            entry.number, local.date(), local.time(), entry.written or None, kind_label(entry.kind, lang),
            entry.what or None, entry.place or None, "\n".join(entry.witnesses) or None, entry.pv or None,
            files or None, utc_naive(entry.recorded_at) if entry.recorded_at else None,
        ]


# --- Charts ---------------------------------------------------------------------


def add_charts_sheet(workbook: "Workbook", pngs: Sequence[Path], lang: str, title: str) -> None:
    """Each chart on its own printed page, in the order given."""
    from openpyxl.drawing.image import Image
    from openpyxl.worksheet.pagebreak import Break

    ws = workbook.create_sheet(workbook_text(lang, "sheet.charts"))
    prepare_print(ws, lang, title, None)
    row = 1
    for png in pngs:
        image = Image(str(png))
        scale = CHART_WIDTH_PX / image.width if image.width > CHART_WIDTH_PX else 1.0
        image.width, image.height = round(image.width * scale), round(image.height * scale)
        ws.add_image(image, f"A{row}")
        row += math.ceil(image.height / _ROW_PX) + 2
        ws.row_breaks.append(Break(id=row - 1))
