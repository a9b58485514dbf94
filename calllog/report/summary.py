"""``summary.pdf``: one to three A4 pages a lawyer can print.

Who, what period, the key figures and the indicator sentences of the
persons of interest, the withheld calls, the notices, two charts, the help
list and the source files with their SHA-256.

Written with ReportLab (a well-kept PDF library): its flowing layout wraps
long sentences and tables across pages, which matplotlib's PDF backend
cannot, and its ``invariant`` mode leaves no date or random id in the file,
so the same case gives the same bytes. The text font is the DejaVu Sans that
matplotlib ships, embedded, so names and messages in any European script
print as written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

from calllog.analysis import AnalysisInput, conclusion_text
from calllog.case import Case
from calllog.diary import list_entries
from calllog.i18n import text
from calllog.i18n.diary import kind_label
from calllog.i18n.help import TEXTS as HELP_TEXTS
from calllog.i18n.help import help_lines
from calllog.i18n.summary import TEXTS
from calllog.phone import display_number
from calllog.timeutil import to_local

FIGURES = ("incoming", "calls_in", "unanswered_calls", "messages_in", "outgoing", "span_days", "active_days",
           "max_per_day", "night", "after_notice", "threat_messages")
SUMMARY_CHARTS = ("1-daily-contacts", "2-time-of-day")  # the two most telling charts
MARGIN = 16 * mm


@cache
def _fonts() -> tuple[str, str]:
    folder = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")
    pdfmetrics.registerFont(TTFont("CalllogSans", os.path.join(folder, "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("CalllogSans-Bold", os.path.join(folder, "DejaVuSans-Bold.ttf")))
    return "CalllogSans", "CalllogSans-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, spaceAfter=4),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=3),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=10, leading=13, spaceBefore=5, spaceAfter=2),
        "body": ParagraphStyle("body", fontName=regular, fontSize=8.8, leading=11.5, spaceAfter=2.5),
        "small": ParagraphStyle("small", fontName=regular, fontSize=7.2, leading=9),
        "mono": ParagraphStyle("mono", fontName=regular, fontSize=6.6, leading=8.5),
    }


def _p(words: str, style: ParagraphStyle) -> Paragraph:
    # every text is escaped: names and messages come from other people
    return Paragraph(escape(words), style)


def _date(instant: datetime, inp: AnalysisInput) -> str:
    return to_local(instant, inp.tz).strftime("%d/%m/%Y")


def entries_of_interest(findings: dict[str, Any]) -> list[dict[str, Any]]:
    """Persons of interest (grouped persons before their numbers); when none
    is marked, the numbers whose pattern is consistent with belaging."""
    entries = [e for e in findings["parties"] if e["party"] != "withheld"]
    marked = [e for e in entries if e["suspect"]]
    return marked or [e for e in entries if e["consistent_with_belaging"]]


def _heading(entry: dict[str, Any], lang: str) -> str:
    if entry["party"] == "withheld":
        return text(TEXTS, lang, "withheld_party")
    name = entry["person"] or ""
    if entry["party"] in entry["numbers"]:
        return display_number(entry["party"]) + (f" ({name})" if name else "")
    return str(entry["party"])


def _figures_table(entries: list[dict[str, Any]], lang: str, styles: dict[str, ParagraphStyle]) -> Table:
    """One column per entry, one row per figure: the numbers side by side."""
    width = (A4[0] - 2 * MARGIN - 62 * mm) / max(len(entries), 1)
    header = [""] + [_p(_heading(e, lang), styles["small"]) for e in entries]
    rows = [[_p(text(TEXTS, lang, f"figure.{key}"), styles["small"])]
            + [f"{e[key]:,}".replace(",", " ") for e in entries] for key in FIGURES]
    table = Table([header, *rows], colWidths=[62 * mm] + [width] * len(entries), hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (1, 1), (-1, -1), _fonts()[0], 8),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


def _sentences(entry: dict[str, Any], inp: AnalysisInput, styles: dict[str, ParagraphStyle]) -> list[Any]:
    """The indicator sentences that are met, and the summing-up."""
    block: list[Any] = [_p(_heading(entry, inp.language), styles["h3"])]
    block += [_p("• " + indicator["text"], styles["body"]) for indicator in entry["indicators"] if indicator["met"]]
    block.append(_p(conclusion_text(entry, inp), styles["body"]))
    return block


def _top_level(shown: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries whose sentences are printed: a person rather than each
    of its numbers (their figures are in the table)."""
    grouped = {n for e in shown if e["party"] not in e["numbers"] for n in e["numbers"]}
    return [e for e in shown if e["party"] not in grouped]


def _diary(case: Case, inp: AnalysisInput, styles: dict[str, ParagraphStyle]) -> list[Any]:
    """The diary entries, in the order things happened (none: no section)."""
    entries = list_entries(case)
    if not entries:
        return []
    lang = inp.language
    block: list[Any] = [_p(text(TEXTS, lang, "diary"), styles["h2"])]
    for entry in entries:
        when = to_local(entry.instant_utc, inp.tz).strftime("%d/%m/%Y %H:%M")
        details = text(TEXTS, lang, "diary_details", where=entry.where or "–",
                       witnesses=", ".join(entry.witnesses) or "–", pv=entry.pv or "–",
                       evidence=", ".join(e.name for e in entry.evidence) or "–")
        block.append(_p(f"{when} – {kind_label(entry.kind, lang)}: {entry.what} ({details})", styles["body"]))
    return block


def _charts(pngs: Sequence[Path]) -> list[Image]:
    chosen = [p for stem in SUMMARY_CHARTS for p in pngs if p.stem == stem]
    width = A4[0] - 2 * MARGIN
    images = []
    for path in chosen:
        image = Image(str(path))
        scale = width / image.imageWidth
        image.drawWidth, image.drawHeight = width, image.imageHeight * scale
        images.append(image)
    return images


def _others_line(findings: dict[str, Any], shown: list[dict[str, Any]], lang: str) -> str:
    covered = {n for e in shown for n in e["numbers"]} | {"withheld"}
    others = [e for e in findings["parties"] if e["party"] in e["numbers"] and e["party"] not in covered]
    contacts = sum(e["incoming"] + e["outgoing"] for e in others)
    return text(TEXTS, lang, "others", contacts=contacts, numbers=len(others))


def _sources_table(case: Case, lang: str, styles: dict[str, ParagraphStyle]) -> Table:
    rows = []
    for source in case.store.sources():
        counts = text(TEXTS, lang, "source_counts", format=source["format"], read=source["read"],
                      imported=source["imported"], known=source["known"], skipped=source["skipped"])
        rows.append([_p(source["name"], styles["small"]), _p(source["sha256"], styles["mono"]),
                     _p(counts, styles["small"])])
    table = Table(rows, colWidths=[50 * mm, 72 * mm, 56 * mm], hAlign="LEFT", repeatRows=0)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def write_summary(
    case: Case,
    inp: AnalysisInput,
    findings: dict[str, Any],
    path: Path,
    chart_pngs: Sequence[Path] = (),
    report_date: datetime | None = None,
) -> Path:
    lang = inp.language
    styles = _styles()
    title = case.title or text(TEXTS, lang, "untitled")
    events = inp.events
    story: list[Any] = [_p(f"{text(TEXTS, lang, 'title')} – {title}", styles["title"])]
    if report_date is not None:
        story.append(_p(text(TEXTS, lang, "made", date=_date(report_date, inp)), styles["small"]))
    story.append(_p(text(TEXTS, lang, "owner", owners=", ".join(map(display_number, inp.owners)) or "?"),
                    styles["body"]))
    if len(events):
        first, last = events["instant_utc"].min().to_pydatetime(), events["instant_utc"].max().to_pydatetime()
        story.append(_p(text(TEXTS, lang, "period", first=_date(first, inp), last=_date(last, inp),
                             zone=inp.tz.key), styles["body"]))
    totals = findings["events"]
    story.append(_p(text(TEXTS, lang, "totals", events=totals["total"], calls=totals["calls"],
                         messages=totals["messages"], files=totals["sources"],
                         corroborated=totals["corroborated"] or 0), styles["body"]))

    shown = entries_of_interest(findings)
    withheld = [e for e in findings["parties"] if e["party"] == "withheld"]
    story.append(_p(text(TEXTS, lang, "interest"), styles["h2"]))
    if shown or withheld:
        story.append(_figures_table(shown + withheld, lang, styles))
    if not shown:
        story.append(_p(text(TEXTS, lang, "no_interest"), styles["body"]))
    story.append(_p(text(TEXTS, lang, "indicators"), styles["h2"]))
    for entry in _top_level(shown) + withheld:
        story.extend(_sentences(entry, inp, styles))
    for fact in findings.get("withheld_alongside", {}).get("suspects", []):
        story.append(_p(fact["text"], styles["body"]))
    story.append(_p(_others_line(findings, shown, lang), styles["small"]))

    story.append(_p(text(TEXTS, lang, "notices"), styles["h2"]))
    notices = [text(TEXTS, lang, "notice_line", date=_date(n.at_utc, inp) if "T" not in n.written
                    else to_local(n.at_utc, inp.tz).strftime("%d/%m/%Y %H:%M"), what=n.what)
               for n in sorted(inp.notices, key=lambda n: n.at_utc)]
    story += [_p(line, styles["body"]) for line in notices] or [_p(text(TEXTS, lang, "no_notices"), styles["body"])]

    story.extend(_diary(case, inp, styles))
    images = _charts(chart_pngs)
    if images:
        story.append(_p(text(TEXTS, lang, "charts"), styles["h2"]))
        story.extend(images)

    story.append(_p(text(HELP_TEXTS, lang, "title"), styles["h2"]))
    for line in help_lines(lang):
        story.append(_p(f"{line.name} — {line.contact}. {line.what}", styles["small"]))
    story.append(_p(text(TEXTS, lang, "sources"), styles["h2"]))
    story.append(_sources_table(case, lang, styles))
    story.append(Spacer(1, 2 * mm))
    story.append(_p(text(TEXTS, lang, "method"), styles["small"]))

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(_fonts()[0], 7)
        canvas.drawCentredString(A4[0] / 2, 9 * mm, text(TEXTS, lang, "page", title=title, page=doc.page))
        canvas.restoreState()

    document = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=f"{text(TEXTS, lang, 'title')} – {title}", author="calllog", creator="calllog", invariant=1,
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return path
