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
from typing import Any

from calllog.analysis import AnalysisInput, analyse
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


def private_findings(findings: dict[str, Any]) -> dict[str, Any]:
    """The findings without the entries of people not involved: the persons
    of interest (or, when none is marked, the numbers whose pattern is
    consistent with belaging) and withheld calls; the others only counted."""
    from calllog.report.summary import entries_of_interest

    kept = entries_of_interest(findings)
    covered = {n for e in kept for n in e["numbers"]} | {"withheld"}
    kept += [e for e in findings["parties"] if e["party"] == "withheld"]
    others = [e for e in findings["parties"] if e["party"] in e["numbers"] and e["party"] not in covered]
    return {
        **findings,
        "parties": [e for e in findings["parties"] if any(e is k for k in kept)],
        "other_parties": {"numbers": len(others), "contacts": sum(e["incoming"] + e["outgoing"] for e in others)},
    }


OMBUDSMAN_LANGUAGES = ("nl", "fr")  # the Ombudsman's form exists in Dutch and French


def write_ombudsman_lists(inp: AnalysisInput, folder: Path) -> list[Path]:
    """The list of withheld calls for the Ombudsman's form, as text and as a
    spreadsheet, in Dutch and French; none when there are no withheld calls."""
    from calllog.report.ombudsman import build_ombudsman_list, write_text, write_xlsx

    written: list[Path] = []
    for lang in OMBUDSMAN_LANGUAGES:
        listing = build_ombudsman_list(inp.events, inp.tz, list(inp.owners), lang)
        if not listing.calls and not listing.abroad:
            return []
        for suffix, writer in ((".txt", write_text), (".xlsx", write_xlsx)):
            path = folder / f"ombudsman-{lang}{suffix}"
            writer(listing, path)
            written.append(path)
    return written


def write_pack(
    case: Case,
    folder: Path,
    lang: str | None = None,
    include_all: bool = False,
    date: datetime | None = None,
    force: bool = False,
) -> Pack:
    from calllog.diary import diary_markers
    from calllog.report.charts import write_charts
    from calllog.report.summary import write_summary
    from calllog.report.workbook import write_case_workbook

    made = report_date(case, date)
    inp = load_analysis_input(case)
    if lang is not None:
        inp = replace(inp, language=check_language(lang))
    prepare_folder(folder, force)
    findings = analyse(inp)

    markers = diary_markers(case, inp.language)
    charts = write_charts(inp, folder / "charts", CHART_FORMATS, include_all=include_all, title=case.title,
                          diary=markers)
    pngs = [path for path in charts if path.suffix == ".png"]
    files = list(charts)
    workbook = write_case_workbook(case, folder / workbook_name(case), include_all=include_all, chart_pngs=pngs,
                                   report_date=made, inp=inp)
    files.append(workbook.path)
    files.append(write_summary(case, inp, findings, folder / "summary.pdf", chart_pngs=pngs, report_date=made))
    findings_path = folder / "findings.json"
    shared = findings if include_all else private_findings(findings)
    findings_path.write_text(json.dumps(shared, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    files.append(findings_path)
    files.extend(write_ombudsman_lists(inp, folder))
    files.append(write_manifest(folder, case.originals_dir))
    return Pack(folder, files)
