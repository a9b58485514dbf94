"""What the workbook tests share: hand-built events, the demo case with a
person of interest and a notice, and ways to read a written workbook back
(openpyxl values, and the raw XML of each sheet). No tests here."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from openpyxl import load_workbook

from calllog.analysis import DEFAULT_ANALYSIS_SETTINGS, AnalysisInput, Notice, Person, analyse, notice_instant
from calllog.case import Case
from calllog.demo import build_demo_case
from calllog.report.workbook import write_workbook
from calllog.store import to_us

BRUSSELS = ZoneInfo("Europe/Brussels")
OWNER = "+32470000001"
JENS = ("+32470000066", "+32470000067")
# the demo's other parties and their names, which the default workbook must never show
OTHERS = ("+32470000020", "+32470000010", "+32470000030", "+3292100000", "8855", "101", "1712")
OTHER_NAMES = ("Ine", "Mama", "Pieter werk", "Huisartsenpraktijk De Linde")
SOURCES: list[dict[str, Any]] = [{
    "id": 1, "name": "calls-fictional.xml", "sha256": "ab" * 32, "format": "sbr-calls", "size": 1234,
    "imported_at": "2026-05-01T10:00:00+00:00", "timezone": "Europe/Brussels", "read": 3, "imported": 3,
    "known": 0, "skipped": 0, "companions": "[]",
}]
REPORT_DATE = datetime(2026, 5, 1, 10, 0, 0)


def event(number: int, utc: str, **values: Any) -> dict[str, Any]:
    """One event row as ``Store.events_frame()`` gives it; an incoming
    missed call from Jens's first number unless told otherwise."""
    row: dict[str, Any] = {
        "id": number, "instant_utc": pd.Timestamp(utc, tz="UTC"), "local_text": "", "time_ambiguous": False,
        "time_nonexistent": False, "channel": "call", "channel_class": "call", "direction": "in",
        "status": "missed", "status_raw": "3", "duration_s": 0.0, "party_raw": "0470 00 00 66",
        "party": JENS[0], "party_quality": "valid", "owner_line": OWNER, "text": None, "attachments": "[]",
        "service": None, "source_count": 1, "sources": f"calls-fictional.xml: call {number}",
    }
    row.update(values)
    return row


def message(number: int, utc: str, text: str, **values: Any) -> dict[str, Any]:
    """An incoming SMS from Jens's first number unless told otherwise."""
    defaults: dict[str, Any] = {"channel": "sms", "channel_class": "message", "status": "received",
                                "status_raw": "1", "duration_s": float("nan"), "text": text}
    return event(number, utc, **{**defaults, **values})


def make_input(rows: Sequence[dict[str, Any]], *, suspect: bool = True, language: str = "en",
               notices: Sequence[Notice] = (), names: dict[str, str] | None = None) -> AnalysisInput:
    frame = pd.DataFrame(list(rows))
    frame["instant_utc"] = frame["instant_utc"].astype("datetime64[ns, UTC]")
    persons = (Person("Jens (fictional)", JENS, True),) if suspect else ()
    return AnalysisInput(frame, BRUSSELS, (OWNER,), tuple(notices), persons, dict(DEFAULT_ANALYSIS_SETTINGS),
                         language, 1, names or {})


def write(path: Path, inp: AnalysisInput, **options: Any) -> Path:
    options.setdefault("report_date", REPORT_DATE)
    options.setdefault("title", "Fictional test case")
    return write_workbook(inp, analyse(inp), options.pop("sources", SOURCES), path, **options)


def demo_case(folder: Path, person: bool = True, notice: bool = True) -> Case:
    case, _ = build_demo_case(folder)
    with case.store.transaction():
        if person:
            case.store.save_person("Jens (fictional)", list(JENS), True)
        if notice:
            case.store.add_notice(to_us(notice_instant("2026-01-15", case.tz)), "2026-01-15", "registered letter")
    return case


def rows_of(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in load_workbook(path)[sheet].iter_rows(values_only=True)]


def every_string(path: Path) -> list[str]:
    """Every text cell of every sheet."""
    book = load_workbook(path)
    return [cell.value for ws in book.worksheets for row in ws.iter_rows() for cell in row
            if isinstance(cell.value, str)]


def sheet_xml(path: Path) -> dict[str, bytes]:
    """The raw XML of every worksheet, by its name in the zip."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/sheet")}


def has_formula_element(xml: bytes) -> bool:
    return re.search(rb"<(\w+:)?f[ >/]", xml) is not None


def excel_decoded(stored: str) -> str:
    """What Excel shows for a stored string: it reads ``_xHHHH_`` as the
    character HHHH (ECMA-376 Part 1, 22.9.2.19 ST_Xstring)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), stored)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
