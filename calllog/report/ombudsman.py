"""The list of dates and times for the Telecom Ombudsman's form.

A victim of malicious calls asks the Ombudsdienst voor Telecommunicatie /
Service de Médiation pour les Télécommunications to identify the holder of
the line the calls came from; the form lists the exact date and time of each
call and is signed by the victim (DOMAIN.md, belgium-context.md §2).

What is listed: every *incoming call* (any status: answered, missed,
rejected, blocked, voicemail ...) from a withheld number, or, when numbers
are given, from those numbers (E.164 parties as ``calllog.phone`` makes
them). Calls from a number with a country code other than +32 are listed
apart: the Ombudsman cannot identify calls from abroad.

One line per call:

| column | content |
|---|---|
| No. | 1, 2, ... in time order (calls from abroad numbered apart) |
| date | local date in the case's zone, ``dd/mm/yyyy`` (xlsx: a real date) |
| time | local time ``HH:MM:SS`` as recorded: an operator export that only has minutes gives ``:00`` (xlsx: a real time) |
| number called | the owner's line the event reached; else the case's only owner line; else ``?`` |
| caller | ``+32 470 12 34 56``, or "withheld number" in the list's language |
| status | the event's status in the list's language |

``--from``/``--to`` dates are local dates, both included. The warning "act
quickly" appears when the oldest listed call is more than ``STALE_AFTER``
older than the newest event of the case (never the machine's clock, so the
same case gives the same list); no number of months is printed, because no
deadline is published.

Files: ``.txt`` is UTF-8 with a byte-order mark (so that older Windows
editors show accents) and the table in aligned columns; ``.xlsx`` has one
sheet, every cell an explicit typed value (text is always text, never a
formula), frozen table header, A4, fit to width, fixed document dates and
fixed zip entry dates: the same list gives the same bytes.
"""

from __future__ import annotations

import io
import textwrap
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from calllog.i18n import check_lang
from calllog.i18n.ombudsman import TEXTS
from calllog.i18n.words import word
from calllog.model import WITHHELD
from calllog.phone import display_number
from calllog.timeutil import to_local

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from calllog.case import Case

# about three months; operators keep traffic data for a limited, unpublished time
STALE_AFTER = timedelta(days=91)
HOME_COUNTRY_PREFIX = "+32"
UNKNOWN_LINE = "?"
TEXT_WIDTH = 78
COLUMNS = (
    "column.number", "column.date", "column.time", "column.called", "column.caller", "column.status", "column.note",
)


@dataclass(frozen=True)
class OmbudsmanCall:
    """One line of the list."""

    position: int
    local: datetime  # aware, in the case's zone, cut to the second
    called: str
    caller: str
    status: str
    event_id: int
    note: str = ""  # the UTC offset, for a time in the hour that happens twice

    def cells(self) -> list[str]:
        return [str(self.position), self.date_text, self.time_text, self.called, self.caller, self.status, self.note]

    @property
    def date_text(self) -> str:
        return self.local.strftime("%d/%m/%Y")

    @property
    def time_text(self) -> str:
        return self.local.strftime("%H:%M:%S")


@dataclass(frozen=True)
class OmbudsmanList:
    """The list in one language, ready to write."""

    lang: str
    zone: str
    parties: tuple[str, ...]
    start: date | None
    end: date | None
    calls: tuple[OmbudsmanCall, ...]
    abroad: tuple[OmbudsmanCall, ...]
    stale: bool

    def text(self, key: str, **values: object) -> str:
        template = TEXTS[self.lang][key]
        return template.format(**values) if values else template

    def header(self) -> list[str]:
        """The paragraphs above the table, in order."""
        if self.parties == (WITHHELD,):
            selection = self.text("selection_withheld")
        else:
            shown = (self.text("caller_withheld") if p == WITHHELD else display_number(p) for p in self.parties)
            selection = self.text("selection_numbers", numbers=", ".join(shown))
        lines = [self.text("title"), self.text("purpose"), self.text("sign"), selection,
                 self.text("times", zone=self.zone)]
        if self.start is not None and self.end is not None:
            lines.append(self.text("period", start=_day(self.start), end=_day(self.end)))
        lines.append(self.text("count", count=len(self.calls)))
        if self.stale:
            lines.append(self.text("stale"))
        return lines

    def column_titles(self) -> list[str]:
        return [self.text(key) for key in COLUMNS]


def _day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _repeated_hour_note(local: datetime, texts: dict[str, str]) -> str:
    """For a local time the clocks showed twice (the October night), the
    UTC offset that says which of the two it was; else nothing."""
    naive = local.replace(tzinfo=None)
    first = naive.replace(tzinfo=local.tzinfo, fold=0).utcoffset()
    second = naive.replace(tzinfo=local.tzinfo, fold=1).utcoffset()
    offset = local.utcoffset()
    if first == second or offset is None:
        return ""
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return texts["note_repeated_hour"].format(offset=f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}")


def is_abroad(party: str) -> bool:
    """True for an international number outside Belgium. A withheld, short
    or national-looking number stays in the main list: nothing shows it
    came from abroad."""
    return party.startswith("+") and not party.startswith(HOME_COUNTRY_PREFIX)


def build_ombudsman_list(
    frame: "pd.DataFrame",
    tz: ZoneInfo,
    owners: Sequence[str],
    lang: str,
    numbers: Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> OmbudsmanList:
    """The list from the case's events (``Store.events_frame()``).

    ``numbers`` are parties as stored (E.164); none means the withheld
    calls. ``start``/``end`` are local dates, both included.
    """
    texts = TEXTS[check_lang(lang)]
    parties = tuple(dict.fromkeys(numbers)) if numbers else (WITHHELD,)
    wanted = frame[
        (frame["direction"] == "in") & (frame["channel_class"] == "call") & frame["party"].isin(parties)
    ].sort_values(["instant_utc", "id"], kind="stable")
    only_owner = owners[0] if len(owners) == 1 else None
    main: list[OmbudsmanCall] = []
    abroad: list[OmbudsmanCall] = []
    for row in wanted.itertuples(index=False):
        local = to_local(row.instant_utc.to_pydatetime(), tz).replace(microsecond=0)
        if (start is not None and local.date() < start) or (end is not None and local.date() > end):
            continue
        owner = row.owner_line if isinstance(row.owner_line, str) and row.owner_line else only_owner
        target = abroad if is_abroad(row.party) else main
        target.append(
            OmbudsmanCall(
                position=len(target) + 1,
                local=local,
                called=display_number(owner) if owner else UNKNOWN_LINE,
                caller=texts["caller_withheld"] if row.party == WITHHELD else display_number(row.party),
                status=word(lang, "status", row.status),
                event_id=int(row.id),
                note=_repeated_hour_note(local, texts),
            )
        )
    listed = main + abroad
    first = min((c.local.date() for c in listed), default=None)
    last = max((c.local.date() for c in listed), default=None)
    stale = False
    if main and len(frame):
        newest = frame["instant_utc"].max().to_pydatetime()
        stale = newest - main[0].local > STALE_AFTER
    return OmbudsmanList(
        lang=lang,
        zone=tz.key,
        parties=parties,
        start=start or first,
        end=end or last,
        calls=tuple(main),
        abroad=tuple(abroad),
        stale=stale,
    )


def case_ombudsman_list(
    case: "Case",
    lang: str,
    numbers: Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> OmbudsmanList:
    """``build_ombudsman_list`` for an open case."""
    return build_ombudsman_list(case.store.events_frame(), case.tz, case.owners, lang, numbers, start, end)


# --- plain text -------------------------------------------------------------------


def _table(titles: list[str], calls: Sequence[OmbudsmanCall]) -> list[str]:
    rows = [titles] + [c.cells() for c in calls]
    widths = [max(len(row[i]) for row in rows) for i in range(len(titles))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]


def _paragraph(words: str) -> list[str]:
    return textwrap.wrap(words, TEXT_WIDTH, break_on_hyphens=False)


def render_text(listing: OmbudsmanList) -> str:
    """The list as plain text (what ``write_text`` writes)."""
    title, purpose, sign, *facts = listing.header()
    lines = _paragraph(title) + ["=" * min(len(title), TEXT_WIDTH), ""]
    for paragraph in (purpose, sign):
        lines.extend(_paragraph(paragraph) + [""])
    for paragraph in facts:
        if paragraph == listing.text("stale"):
            lines.extend([""] + _paragraph("! " + paragraph))
        else:
            lines.extend(_paragraph(paragraph))
    lines.append("")
    titles = listing.column_titles()
    lines.extend(_table(titles, listing.calls) if listing.calls else _paragraph(listing.text("empty")))
    if listing.abroad:
        lines.extend(["", listing.text("abroad_title"), "-" * len(listing.text("abroad_title"))])
        lines.extend(_paragraph(listing.text("abroad_reason")))
        lines.append(listing.text("abroad_count", count=len(listing.abroad)))
        lines.append("")
        lines.extend(_table(titles, listing.abroad))
    lines.extend(["", "", listing.text("signature"), "", ""])
    return "\n".join(lines)


def write_text(listing: OmbudsmanList, path: Path) -> None:
    path.write_text(render_text(listing), encoding="utf-8-sig", newline="\n")


# --- workbook ----------------------------------------------------------------------

XLSX_WIDTHS = (6, 12, 10, 28, 24, 18, 30)
# workbook properties and zip entries get this date, so the same list gives the same bytes
FIXED_DOCUMENT_TIME = datetime(1980, 1, 1)
_LINE_HEIGHT_PT = 15


def _put(ws: "Worksheet", row: int, column: int, value: object, number_format: str | None = None) -> "Cell":
    """One cell with an explicit type: text stays text even when it starts
    with "=", "+", "-" or "@" (openpyxl would make "=..." a formula)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        cell.data_type = "s"
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    return cell


def _paragraph_row(ws: "Worksheet", row: int, words: str, bold: bool = False) -> None:
    """A paragraph across the table's width, wrapped, its row tall enough
    to show it (Excel does not size merged rows itself)."""
    from openpyxl.styles import Alignment, Font

    cell = _put(ws, row, 1, words)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.font = Font(bold=bold)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(XLSX_WIDTHS))
    per_line = int(sum(XLSX_WIDTHS) * 0.9)
    ws.row_dimensions[row].height = _LINE_HEIGHT_PT * max(1, -(-len(words) // per_line))


def _table_rows(ws: "Worksheet", row: int, titles: list[str], calls: Sequence[OmbudsmanCall]) -> int:
    """The column titles and one row per call from ``row``; the next free row."""
    from openpyxl.styles import Font, PatternFill

    for column, title in enumerate(titles, start=1):
        cell = _put(ws, row, column, title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    for call in calls:
        row += 1
        naive = call.local.replace(tzinfo=None)  # Excel has no zones; the zone is in the header
        _put(ws, row, 1, call.position)
        _put(ws, row, 2, naive.date(), "DD/MM/YYYY")
        _put(ws, row, 3, naive.time(), "HH:MM:SS")
        _put(ws, row, 4, call.called)
        _put(ws, row, 5, call.caller)
        _put(ws, row, 6, call.status)
        _put(ws, row, 7, call.note)
    return row + 1


def write_xlsx(listing: OmbudsmanList, path: Path) -> None:
    """The list as a one-sheet workbook, printable on A4."""
    from openpyxl import Workbook

    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = listing.text("sheet")
    row = 1
    emphasised = {listing.text("title"), listing.text("sign"), listing.text("stale")}
    for paragraph in listing.header():
        _paragraph_row(ws, row, paragraph, bold=paragraph in emphasised)
        row += 1
    header_row = row + 1
    titles = listing.column_titles()
    row = _table_rows(ws, header_row, titles, listing.calls)
    if not listing.calls:
        _paragraph_row(ws, row, listing.text("empty"))
        row += 1
    if listing.abroad:
        row += 1
        _paragraph_row(ws, row, listing.text("abroad_title"), bold=True)
        _paragraph_row(ws, row + 1, listing.text("abroad_reason"))
        _paragraph_row(ws, row + 2, listing.text("abroad_count", count=len(listing.abroad)))
        row = _table_rows(ws, row + 3, titles, listing.abroad)
    _paragraph_row(ws, row + 1, listing.text("signature"), bold=True)

    for column, width in enumerate(XLSX_WIDTHS, start=1):
        ws.column_dimensions[chr(ord("A") + column - 1)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    workbook.properties.creator = "calllog"
    workbook.properties.created = FIXED_DOCUMENT_TIME
    workbook.properties.modified = FIXED_DOCUMENT_TIME
    save_workbook_fixed(workbook, path)


def save_workbook_fixed(workbook: "Workbook", path: Path) -> None:
    """Save without "now" anywhere: openpyxl's own save stamps the time
    into the document properties and into every zip entry."""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    stamp = FIXED_DOCUMENT_TIME.timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as written, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in written.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, written.read(entry.filename))
