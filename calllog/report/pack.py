"""The evidence pack (``calllog report -o DIR``): one folder a police
officer can attach to a proces-verbaal and a lawyer can check.

    <case>.xlsx        the workbook (events, per day, withheld calls, sources ...)
    summary.pdf        one to three A4 pages
    charts/            the six charts, PNG for screens and PDF for print
    findings.json      the ``calllog analyse --json`` document
    ombudsman-nl.txt   the dated list of withheld calls for the Ombudsman's
    ombudsman-fr.txt   form, in Dutch and in French (and as .xlsx)
    MANIFEST.sha256    SHA-256 of every file above and of every original

The same case gives the same bytes when the pack is made again: no "now"
inside any file (the report date is the time of the latest import unless
the user gives one).
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from calllog.analysis import analyse
from calllog.case import Case, check_language
from calllog.casedata import load_analysis_input
from calllog.errors import CaseError
from calllog.report.manifest import write_manifest

CHART_FORMATS = ("png", "pdf")
PRIVATE_FOLDER = 0o700


@dataclass(frozen=True)
class Pack:
    folder: Path
    files: list[Path]


def report_date(case: Case, given: datetime | None = None) -> datetime:
    """The date a pack says it was made: the latest import, so that making
    the pack again gives the same bytes."""
    if given is not None:
        return given
    stamps = [row["imported_at"] for row in case.store.sources()]
    if not stamps:
        raise CaseError("The case has no imported files yet.", hint="Import the exports first with 'calllog import'.")
    return datetime.fromisoformat(max(stamps))


def workbook_name(case: Case) -> str:
    """A file name from the case title, safe on every system."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", case.title).strip("-").lower()[:60]
    return f"{slug or 'calllog-case'}.xlsx"


def prepare_folder(folder: Path, force: bool) -> None:
    if folder.exists() and not folder.is_dir():
        raise CaseError(f"{folder} is a file, not a folder.", hint="Give a folder for the pack with -o.")
    if folder.exists() and any(folder.iterdir()):
        if not force:
            raise CaseError(f"{folder} is not empty.", hint="Choose a new folder, or add --force to replace its content.")
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(PRIVATE_FOLDER)  # other people's numbers: readable by the user only


def write_pack(
    case: Case,
    folder: Path,
    lang: str | None = None,
    include_all: bool = False,
    date: datetime | None = None,
    force: bool = False,
) -> Pack:
    from calllog.report.charts import write_charts
    from calllog.report.ombudsman_pack import write_ombudsman_lists
    from calllog.report.summary import write_summary
    from calllog.report.workbook import write_workbook

    made = report_date(case, date)
    inp = load_analysis_input(case)
    if lang is not None:
        inp = replace(inp, language=check_language(lang))
    prepare_folder(folder, force)
    findings = analyse(inp)
    sources = case.store.sources()

    charts = write_charts(inp, folder / "charts", CHART_FORMATS, include_all=include_all)
    pngs = [path for path in charts if path.suffix == ".png"]
    files = list(charts)
    files.append(write_workbook(inp, findings, sources, folder / workbook_name(case), include_all=include_all,
                                chart_pngs=pngs, report_date=made))
    files.append(write_summary(case, inp, findings, folder / "summary.pdf", chart_pngs=pngs, report_date=made))
    findings_path = folder / "findings.json"
    findings_path.write_text(json.dumps(findings, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    files.append(findings_path)
    files.extend(write_ombudsman_lists(case, inp, folder, made))
    files.append(write_manifest(folder, case.originals_dir))
    return Pack(folder, files)
