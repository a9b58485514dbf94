"""The workbook for the police and the lawyer (``calllog export``, and the
``.xlsx`` of the evidence pack).

Sheets, in order (names in the case language, ``calllog.i18n.workbook``):

| sheet | content |
|---|---|
| Summary | case, period, per person of interest the figures, indicator sentences and conclusion, withheld calls beside them, notices, the other numbers as counts, the law reference, how the figures were made, the help list (``workbook_summary``) |
| Events | one row per listed event: No. (event id in the case), date, time, weekday, channel, direction, status, number as written and normalised, name, duration, message text, attachments, own line (when the case has several), the sources that show it (file: row), a note (``workbook_events``) |
| Per day | counts per local date by kind of contact (``workbook_counts``) |
| Hour x weekday | incoming contacts by hour and weekday |
| Withheld calls | every incoming call from a withheld number, with its timing next to each person of interest |
| Diary | only when the diary has entries (``workbook_records``) |
| Sources | file name, SHA-256, format, counts and why records were skipped |
| Charts | the chart PNGs given, one per printed page (only when given) |

Which events are listed (privacy by default) is explained in
``workbook_events``; what a cell cannot hold and how every text stays
text (never a formula) in ``workbook_cells``.

Dates are real Excel dates (``DD/MM/YYYY``), times real times
(``HH:MM:SS``), durations real durations (``[h]:mm:ss``): local wall-clock
time in the case's zone, to the second, as naive values (Excel has no
zones; the zone is named on the Summary). Every table sheet has its header
frozen, filtered and repeated on each printed page; every sheet prints on
A4 landscape, fit to the page width, with "page x of y" and the case
title in the footer.

Reproducible: the same case gives the same bytes. The document's created
and modified dates are the report date, by default the time of the latest
import (never the clock); zip entries have a fixed date
(``workbook_save``).

Sheets are streamed with openpyxl's write-only mode, which keeps every
feature used here (cell styles, explicit cell types, freeze panes, print
titles, filters, page setup, images) in little memory, and writes its XML
with lxml. The values of the event sheets are made a column at a time
(``workbook_event_values``) and streamed through one reused cell per column
(``workbook_stream``), so that a styled row costs no more than a bare one.
Measured on a 100,000-event case (1.4 million cells): about 10 s, no more
than a bare openpyxl write-only dump of the same events without any style
(``benchmarks/bare_workbook.py``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from calllog.analysis import AnalysisInput, analyse
from calllog.errors import CalllogError
from calllog.i18n import check_lang
from calllog.i18n.workbook import workbook_text
from calllog.report.workbook_cells import TableWriter, add_rows, add_styles
from calllog.report.workbook_counts import hour_weekday_columns, hour_weekday_values, per_day_columns, per_day_values
from calllog.report.workbook_events import (
    EventRows, event_columns, event_values, select_events, withheld_columns, withheld_values,
)
from calllog.report.workbook_records import (
    DiaryRow, SourceRecord, add_charts_sheet, diary_columns, diary_rows, diary_values, source_columns, source_skips, source_values,
)
from calllog.report.workbook_save import save_reproducibly
from calllog.report.workbook_summary import SummaryFacts, summary_lines, write_summary_sheet

if TYPE_CHECKING:
    from calllog.case import Case
    from calllog.model import Skip

# the report date of a case without any import: a fixed date, never the clock
EMPTY_CASE_DATE = datetime(1980, 1, 1)
DEFAULT_MATCH_TOLERANCE_S = 120.0
# events repeat these columns on a continuation row: No., date, time
_REPEATED = (0, 1, 2)


@dataclass(frozen=True)
class WorkbookWritten:
    """What ``write_workbook`` wrote, for the command line to say."""

    path: Path
    sheets: tuple[str, ...]
    events_listed: int
    hidden_events: int
    hidden_numbers: int
    basis: str


def default_report_date(sources: Sequence[SourceRecord]) -> datetime:
    """The time of the latest import (UTC, naive), so that making the
    workbook again later gives the same bytes."""
    stamps = [datetime.fromisoformat(str(row["imported_at"])) for row in sources]
    if not stamps:
        return EMPTY_CASE_DATE
    return max(_utc_naive(stamp) for stamp in stamps)


def _utc_naive(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment  # a naive report date is taken to be UTC
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def write_workbook(
    inp: AnalysisInput,
    findings: Mapping[str, Any],
    sources: Sequence[SourceRecord],
    path: Path,
    include_all: bool = False,
    chart_pngs: Sequence[Path] = (),
    report_date: datetime | None = None,
    *,
    title: str = "",
    diary: Sequence[DiaryRow] = (),
    skips: Mapping[int, Sequence["Skip"]] | None = None,
    law_reference: str | None = None,
    match_tolerance_s: float = DEFAULT_MATCH_TOLERANCE_S,
) -> Path:
    """Write the workbook of ``inp`` (in ``inp.language``) to ``path``.

    ``findings`` is ``analyse(inp)``; ``sources`` are the case's source
    rows (``Store.sources()``), ``skips`` their skipped records by source
    id; ``law_reference`` replaces the default law text."""
    return build_workbook(inp, findings, sources, path, include_all, chart_pngs, report_date, title=title,
                          diary=diary, skips=skips, law_reference=law_reference,
                          match_tolerance_s=match_tolerance_s).path


def build_workbook(
    inp: AnalysisInput,
    findings: Mapping[str, Any],
    sources: Sequence[SourceRecord],
    path: Path,
    include_all: bool = False,
    chart_pngs: Sequence[Path] = (),
    report_date: datetime | None = None,
    *,
    title: str = "",
    diary: Sequence[DiaryRow] = (),
    skips: Mapping[int, Sequence["Skip"]] | None = None,
    law_reference: str | None = None,
    match_tolerance_s: float = DEFAULT_MATCH_TOLERANCE_S,
) -> WorkbookWritten:
    """``write_workbook``, saying what it wrote."""
    from openpyxl import Workbook

    lang = check_lang(inp.language)
    latest_import = default_report_date(sources)
    made = _utc_naive(report_date) if report_date is not None else latest_import
    selection = select_events(inp, findings, include_all)
    rows = EventRows(inp, findings, selection, lang)

    workbook = Workbook(write_only=True)
    add_styles(workbook)
    facts = SummaryFacts(inp, findings, selection, title, made, law_reference, match_tolerance_s,
                         date_is_latest_import=made == latest_import and bool(sources))
    write_summary_sheet(workbook, summary_lines(facts), lang, title, workbook_text(lang, "sheet.summary"))

    def table(key: str, columns: Any, repeat: Sequence[int] = (), note: int | None = None) -> TableWriter:
        return TableWriter(workbook, workbook_text(lang, key), columns, lang, title, repeat, note)

    columns = event_columns(rows)
    add_rows(table("sheet.events", columns, _REPEATED, len(columns) - 1), event_values(rows))
    add_rows(table("sheet.per_day", per_day_columns()), per_day_values(rows))
    add_rows(table("sheet.hour_weekday", hour_weekday_columns()), hour_weekday_values(rows))
    columns = withheld_columns(rows, findings)
    add_rows(table("sheet.withheld", columns, _REPEATED, len(columns) - 1), withheld_values(rows, findings))
    if diary:
        add_rows(table("sheet.diary", diary_columns(), _REPEATED, note=3), diary_values(diary, inp.tz, lang))
    add_rows(table("sheet.sources", source_columns(), (0, 1)), source_values(sources, skips or {}, lang))
    if chart_pngs:
        add_charts_sheet(workbook, chart_pngs, lang, title)

    sheets = tuple(ws.title for ws in workbook.worksheets)
    try:
        save_reproducibly(workbook, path, made)
    except OSError as error:
        raise CalllogError(
            f"calllog could not write the workbook {path}: {error.strerror or error}.",
            hint="Choose a file in a folder you can write to with -o, and close the file if a program has it open.",
        ) from None
    return WorkbookWritten(path, sheets, len(rows.frame), selection.hidden_events, selection.hidden_numbers,
                           selection.basis)


def law_reference(case: "Case", lang: str) -> str | None:
    """The law text the user set for ``lang`` (``law_reference_<lang>``)."""
    value = case.store.get_setting(f"law_reference_{lang}")
    return str(value) if value else None


def write_case_workbook(
    case: "Case",
    path: Path,
    lang: str | None = None,
    include_all: bool = False,
    chart_pngs: Sequence[Path] = (),
    report_date: datetime | None = None,
    inp: AnalysisInput | None = None,
    findings: Mapping[str, Any] | None = None,
) -> WorkbookWritten:
    """The workbook of an open case, with everything gathered from it:
    title, diary, skipped records, law reference and match tolerance.
    ``inp`` saves loading the events again (its language is replaced by
    ``lang`` when given); ``findings``, when given, must be ``analyse`` of
    that input in the language written, and saves analysing it again."""
    from calllog.casedata import load_analysis_input

    inp = inp if inp is not None else load_analysis_input(case)
    if lang is not None:
        inp = dataclasses.replace(inp, language=check_lang(lang))
    findings = findings if findings is not None else analyse(inp)
    return build_workbook(
        inp, findings, case.store.sources(), path, include_all, chart_pngs, report_date,
        title=case.title, diary=diary_rows(case), skips=source_skips(case),
        law_reference=law_reference(case, inp.language), match_tolerance_s=case.match_tolerance_s,
    )
