"""The Summary sheet: two columns, a label and its text, printable.

In order: the title; the case (title, own lines, period of the records,
time zone, report date, events and files); what the workbook lists and
why; per person of interest (or per number consistent with belaging when
no person is marked) its figures, its indicator sentences (met or not) and
the summing-up sentence; the withheld calls with their timing next to each
person of interest; the notices; the other numbers, as counts only; the
law reference (the case setting ``law_reference_<lang>``, else the
catalogue's default); how the figures were made; where to find help.

Every sentence comes from the findings (``calllog.analysis``) or from the
catalogues ``calllog.i18n.workbook`` and ``calllog.i18n.help``. No number
of a person not involved appears here, only their count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import zip_longest
from datetime import datetime
from typing import Any

from calllog.analysis import AnalysisInput, conclusion_text
from calllog.i18n.help import TEXTS as HELP_TEXTS
from calllog.i18n.help import help_lines
from calllog.i18n.workbook import counted, number_text, workbook_text
from calllog.model import WITHHELD
from calllog.phone import display_number
from calllog.report.workbook_cells import Cells, prepare_print, row_height
from calllog.report.workbook_text import text_parts
from calllog.report.workbook_events import Selection, entry_title, top_entries

LABEL_WIDTH = 34
TEXT_WIDTH = 110
COUNT_FIGURES = ("incoming", "calls_in", "unanswered_calls", "messages_in", "outgoing")
DAY_FIGURES = ("span_days", "active_days", "longest_streak_days")
FLAG_FIGURES = ("max_in_10_min", "night", "after_notice", "threat_messages")


@dataclass(frozen=True)
class SummaryLine:
    """One row: ``kind`` is title, heading, pair (label and text) or blank."""

    kind: str
    label: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class SummaryFacts:
    """What the Summary says besides the findings."""

    inp: AnalysisInput
    findings: Mapping[str, Any]
    selection: Selection
    title: str
    report_date: datetime
    law_reference: str | None
    match_tolerance_s: float
    date_is_latest_import: bool = True

    @property
    def lang(self) -> str:
        return self.inp.language

    def say(self, key: str, **values: object) -> str:
        return workbook_text(self.lang, key, **values)

    def count(self, n: int) -> str:
        return number_text(int(n), self.lang)


def _day(local_iso: str) -> str:
    return f"{local_iso[8:10]}/{local_iso[5:7]}/{local_iso[:4]}"


def _moment(local_iso: str) -> str:
    return f"{_day(local_iso)} {local_iso[11:19]}"


def _decimal(value: float, lang: str) -> str:
    shown = f"{value:.2f}"
    return shown if lang == "en" else shown.replace(".", ",")


def case_lines(facts: SummaryFacts) -> list[SummaryLine]:
    inp, say = facts.inp, facts.say
    owners = "\n".join(display_number(o) for o in inp.owners) or None
    if len(inp.events):
        local = inp.events["instant_utc"].dt.tz_convert(inp.tz)
        period = say("value.period", first=local.min().strftime("%d/%m/%Y"), last=local.max().strftime("%d/%m/%Y"))
    else:
        period = say("value.no_events")
    totals = facts.findings["events"]
    events = say("value.events", total=facts.count(totals["total"]), calls=facts.count(totals["calls"]),
                 messages=facts.count(totals["messages"]), sources=facts.count(totals["sources"]),
                 corroborated=facts.count(totals["corroborated"] or 0))
    return [
        SummaryLine("title", say("summary.title")),
        SummaryLine("blank"),
        SummaryLine("pair", say("label.case"), facts.title or None),
        SummaryLine("pair", say("label.lines"), owners),
        SummaryLine("pair", say("label.period"), period),
        SummaryLine("pair", say("label.timezone"), inp.tz.key),
        SummaryLine("pair", say("label.report_date"),
                    say("value.report_date" if facts.date_is_latest_import else "value.report_date_given",
                        date=facts.report_date.strftime("%d/%m/%Y %H:%M:%S"))),
        SummaryLine("pair", say("label.events"), events),
    ]


def selection_lines(facts: SummaryFacts) -> list[SummaryLine]:
    who = ", ".join(entry_title(e) for e in top_entries(facts.selection.entries))
    return [SummaryLine("blank"), SummaryLine("heading", facts.say("heading.selection")),
            SummaryLine("pair", None, facts.say(f"selection.{facts.selection.basis}", who=who))]


def figure_lines(entry: Mapping[str, Any], facts: SummaryFacts) -> list[SummaryLine]:
    say, count = facts.say, facts.count
    numbers = ", ".join(say("party.withheld") if n == WITHHELD else display_number(n) for n in entry["numbers"])
    lines = [SummaryLine("pair", say("fig.numbers"), numbers)]
    lines += [SummaryLine("pair", say(f"fig.{key}"), count(entry[key])) for key in COUNT_FIGURES]
    if entry["first"]:
        lines += [SummaryLine("pair", say("fig.first"), _moment(entry["first"])),
                  SummaryLine("pair", say("fig.last"), _moment(entry["last"]))]
    lines += [SummaryLine("pair", say(f"fig.{key}"), count(entry[key])) for key in DAY_FIGURES]
    if entry["max_day"]:
        lines.append(SummaryLine("pair", say("fig.max_per_day"),
                                 say("value.max_day", n=count(entry["max_per_day"]), date=_day(entry["max_day"]))))
    for key in FLAG_FIGURES:
        if key != "after_notice" or facts.inp.notices:
            lines.append(SummaryLine("pair", say(f"fig.{key}"), count(entry[key])))
    lines.append(SummaryLine("pair", say("fig.weekly_trend"), _decimal(float(entry["weekly_trend"]), facts.lang)))
    return lines


def entry_lines(entry: Mapping[str, Any], facts: SummaryFacts) -> list[SummaryLine]:
    if entry["party"] == WITHHELD:
        heading = facts.say("heading.withheld")
    else:
        heading = facts.say("heading.interest" if entry["suspect"] else "heading.consistent", who=entry_title(entry))
    lines = [SummaryLine("blank"), SummaryLine("heading", heading), *figure_lines(entry, facts)]
    for indicator in entry["indicators"]:
        label = facts.say("label.indicator_met" if indicator["met"] else "label.indicator_not_met")
        lines.append(SummaryLine("pair", label, str(indicator["text"])))
    lines.append(SummaryLine("pair", facts.say("label.conclusion"), conclusion_text(entry, facts.inp)))
    if entry["party"] == WITHHELD:
        suspects = top_entries((facts.findings.get("withheld_alongside") or {}).get("suspects", []))
        for suspect in suspects:
            lines.append(SummaryLine("pair", facts.say("label.alongside", who=entry_title(suspect)), str(suspect["text"])))
    return lines


def closing_lines(facts: SummaryFacts) -> list[SummaryLine]:
    say, inp = facts.say, facts.inp
    lines = [SummaryLine("blank"), SummaryLine("heading", say("heading.notices"))]
    for notice in sorted(inp.notices, key=lambda n: n.at_utc):
        start = notice.at_utc.astimezone(inp.tz).strftime("%d/%m/%Y %H:%M:%S")
        lines.append(SummaryLine("pair", None, say("notice.line", written=notice.written, what=notice.what, start=start)))
    if not inp.notices:
        lines.append(SummaryLine("pair", None, say("notices.none")))

    selection = facts.selection
    if selection.parties is None:
        others = say("others.all")
    elif selection.hidden_numbers:
        others = say("others.hidden", contacts=counted(selection.hidden_events, "contacts", facts.lang),
                     numbers=counted(selection.hidden_numbers, "numbers", facts.lang))
    else:
        others = say("others.none")
    lines += [SummaryLine("blank"), SummaryLine("heading", say("heading.others")), SummaryLine("pair", None, others)]

    lines += [SummaryLine("blank"), SummaryLine("heading", say("heading.law")),
              SummaryLine("pair", None, facts.law_reference or say("law.default")),
              SummaryLine("pair", None, say("law.note"))]

    settings = inp.settings
    method = [
        say("method.corroboration", seconds=f"{facts.match_tolerance_s:g}"),
        say("method.timezone", zone=inp.tz.key),
        say("method.counting", start=settings.get("night_start", "22:00"), end=settings.get("night_end", "07:00")),
        say("method.text"),
        say("method.hashes"),
    ]
    lines += [SummaryLine("blank"), SummaryLine("heading", say("heading.method"))]
    lines += [SummaryLine("pair", None, paragraph) for paragraph in method]

    help_texts = HELP_TEXTS[facts.lang]
    lines += [SummaryLine("blank"), SummaryLine("heading", help_texts["title"]),
              SummaryLine("pair", None, help_texts["intro"])]
    lines += [SummaryLine("pair", line.name, f"{line.contact}\n{line.what}") for line in help_lines(facts.lang)]
    return lines


def summary_lines(facts: SummaryFacts) -> list[SummaryLine]:
    lines = case_lines(facts) + selection_lines(facts)
    for entry in facts.selection.entries:
        lines += entry_lines(entry, facts)
    return lines + closing_lines(facts)


def write_summary_sheet(workbook: Any, lines: Sequence[SummaryLine], lang: str, title: str, name: str) -> Any:
    """The lines as rows; a text longer than a cell holds goes on over the
    rows below it (the Summary is read top to bottom, so no mark is needed)."""
    ws = workbook.create_sheet(name)
    ws.column_dimensions["A"].width = LABEL_WIDTH
    ws.column_dimensions["B"].width = TEXT_WIDTH
    prepare_print(ws, lang, title, None)
    cells = Cells(ws)
    row = 0
    for line in lines:
        labels = text_parts(line.label) if line.label else [None]
        texts = text_parts(line.text) if line.text else [None]
        for label, text in zip_longest(labels, texts):
            row += 1
            if line.kind == "blank":
                ws.append([])
            elif line.kind in ("title", "heading"):
                ws.append([cells.make(label, f"calllog {line.kind}")])
            else:
                height = row_height([label, text], [LABEL_WIDTH, TEXT_WIDTH])
                if height:
                    ws.row_dimensions[row].height = height
                ws.append([cells.make(label, "calllog label"), cells.make(text)])
    return ws
