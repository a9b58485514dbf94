"""The look every chart shares: sizes, palette, date axis, title, marks
and the small print.

* Sizes fit A4: 10.5 x 6.2 inches (26.7 x 15.7 cm) fills a landscape page
  inside 1.5 cm margins, or a portrait page scaled to the text width.
* Colours are Okabe & Ito's colour-blind-safe palette, picked so that the
  three kinds of contact also differ in lightness (black, blue, sky blue)
  and, where bars are wide enough, in hatching: a chart printed in black
  and white keeps them apart. Lines differ by style as well as colour.
* Fonts are matplotlib's own DejaVu Sans, never a font of the machine, so
  the same case draws the same pixels everywhere; ``svg.hashsalt`` fixes the
  ids inside SVG files.
* Dates are Belgian: ``dd/mm`` or month names on the axis, ``dd/mm/yyyy`` in
  titles.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from calllog.analysis.frame import day_number, day_of
from calllog.i18n.charts import chart_text, counted, month_text
from calllog.report.chart_data import ChartData, Mark

WIDE = (10.5, 6.2)
DPI = 200
RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 11,
    "axes.titlelocation": "left",
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 7.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "hatch.linewidth": 0.6,
    "text.parse_math": False,  # a name with a "$" in it is a name, not a formula
    "date.epoch": "1970-01-01T00:00:00",
    "svg.hashsalt": "calllog",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,  # TrueType: the words in a PDF can be searched and copied
    "savefig.dpi": DPI,
}

# Okabe-Ito
BLUE, ORANGE, GREEN, SKY, VERMILLION, PURPLE, YELLOW, BLACK = (
    "#0072B2", "#E69F00", "#009E73", "#56B4E9", "#D55E00", "#CC79A7", "#F0E442", "#000000",
)
# grey levels (printed in black and white): answered 0, unanswered 87, messages 159 of 255
KIND_STYLE: dict[str, dict[str, str]] = {
    "unanswered": {"color": BLUE, "hatch": "", "marker": "o", "text": "calls_unanswered"},
    "answered": {"color": BLACK, "hatch": "", "marker": "s", "text": "calls_answered"},
    "message": {"color": SKY, "hatch": "////", "marker": "^", "text": "messages"},
}
LINE_STYLES: tuple[tuple[str, Any], ...] = (
    (VERMILLION, "-"), (GREEN, (0, (6, 2))), (PURPLE, (0, (6, 2, 1, 2))), (ORANGE, (0, (2, 1, 2, 3))),
)
# dotted, so that it is never taken for a notice's dashed line
WITHHELD_LINE: tuple[str, Any] = (BLUE, (0, (1, 1.2)))
HEAT_COLOURS = "YlOrBr"
OUTSIDE_GREY = "#e4e4e4"
NOTICE_LINE: dict[str, Any] = {"color": BLACK, "linestyle": (0, (5, 2)), "linewidth": 1.5, "zorder": 4}
_LEGEND_WIDTH = 30  # characters: a legend beside the plot must not eat it
_SUBTITLE_WIDTH = 125  # characters of 8.5 pt: about the width of a plot
_SUBTITLE_SIZE = 8.5
_SUBTITLE_LINE = 11.5  # points


@contextmanager
def chart_style() -> Iterator[None]:
    """The rcParams of every chart, for drawing and for saving."""
    with matplotlib.rc_context(cast(Any, RC)):
        yield


def axes_for(ax: Axes | None, size: tuple[float, float] = WIDE) -> Axes:
    """``ax``, or the Axes of a new A4-sized figure (no pyplot: no global state)."""
    if ax is not None:
        return ax
    figure = Figure(figsize=size, layout="constrained")
    return figure.add_subplot()


def set_title(ax: Axes, data: ChartData, key: str, details: list[str] | None = None, who: str | None = None) -> None:
    """What and for whom (the title), then the period and the numbers, and
    why these numbers (the subtitle)."""
    main = chart_text(data.language, key, who=(data.who if who is None else who) or "-")
    titled(ax, main, ["; ".join([data.period_text()] + [d for d in (details or []) if d])])


def titled(ax: Axes, main: str, lines: list[str]) -> None:
    """A bold title and, under it in a smaller font, the subtitle lines
    (wrapped to the width of a plot)."""
    wrapped = [part for line in lines for part in textwrap.wrap(line, _SUBTITLE_WIDTH)]
    ax.set_title(main, loc="left", fontweight="bold", pad=6 + _SUBTITLE_LINE * len(wrapped))
    ax.annotate("\n".join(wrapped), xy=(0, 1), xycoords="axes fraction", xytext=(0, 5), textcoords="offset points",
                ha="left", va="bottom", fontsize=_SUBTITLE_SIZE, gid="subtitle")


def subject_details(data: ChartData, named: bool = False) -> list[str]:
    """The numbers of each subject (with its name when ``named`` or when
    there are several), and why the subject was chosen."""
    named = named or len(data.subjects) > 1
    details = []
    for subject in data.subjects:
        if subject.detail:
            numbers = chart_text(data.language, "numbers", numbers=subject.detail)
            details.append(f"{subject.label}: {subject.detail}" if named else numbers)
    if data.busiest:
        details.append(chart_text(data.language, "busiest"))
    return details


def add_small_print(ax: Axes, data: ChartData) -> None:
    """The case title (left) and where the figures come from (right), in
    small print under the x-axis label, attached to the Axes."""
    source = chart_text(
        data.language, "source", events=counted(data.event_total, "events", data.language),
        files=counted(data.files, "files", data.language), zone=data.tz.key,
    )
    place: dict[str, Any] = {
        "xycoords": ("axes fraction", ax.xaxis.label), "textcoords": "offset points",
        "xytext": (0, -8), "va": "top", "fontsize": 6.5, "color": "#333333",
    }
    if data.case_title:
        ax.annotate(data.case_title, xy=(0, 0), ha="left", gid="case-title", **place)
    ax.annotate(source, xy=(1, 0), ha="right", gid="source", **place)


def date_axis(ax: Axes, data: ChartData) -> None:
    """x from the first to the end of the last day, Belgian tick labels."""
    if data.first_day is None or data.last_day is None:
        return
    ax.set_xlim(data.first_day, data.last_day + 1)
    positions, labels = date_ticks(data.first_day, data.last_day, data.language)
    ax.set_xticks(positions, labels)
    ax.set_xlabel(chart_text(data.language, "axis_date"))


def date_ticks(first_day: int, last_day: int, language: str) -> tuple[list[float], list[str]]:
    """Tick positions (in day numbers) and labels: every day or every Monday
    as ``dd/mm`` at noon for short periods, month starts (at 00:00) for long
    ones, the year under the first month and under each January."""
    span = last_day - first_day + 1
    if span <= 100:
        step = 1 if span <= 14 else 2 if span <= 28 else 7
        start = first_day if step < 7 else first_day + (-(first_day + 3)) % 7  # the first Monday
        days = list(range(start, last_day + 1, step))
        # a day's label sits in the middle of that day, under its bar or its dots
        return [d + 0.5 for d in days], [f"{day_of(d).day:02d}/{day_of(d).month:02d}" for d in days]
    months = _month_starts(first_day, last_day + 1)
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60) if len(months) / s <= 14)
    # keep Januaries on the axis when skipping months, and every n-th year's when skipping years
    years = max(1, step // 12)
    chosen = [d for d in months if (day_of(d).month - 1) % min(step, 12) == 0 and day_of(d).year % years == 0]
    labels = []
    for i, d in enumerate(chosen):
        day = day_of(d)
        label = month_text(day.month, language, short=True)
        labels.append(f"{label}\n{day.year}" if i == 0 or day.month == 1 else label)
    return [float(d) for d in chosen], labels


def _month_starts(first_day: int, end_day: int) -> list[int]:
    day = day_of(first_day)
    year, month = (day.year, day.month) if day.day == 1 else (day.year + day.month // 12, day.month % 12 + 1)
    starts: list[int] = []
    while True:
        number = day_number(day.replace(year=year, month=month, day=1))
        if number > end_day:
            return starts
        starts.append(number)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def mark_notices(ax: Axes, data: ChartData, labelled: bool = True) -> None:
    """A dashed vertical line at each notice, with its label along it."""
    for mark in data.notices:
        ax.axvline(mark.x, label=mark.label, **NOTICE_LINE)
        if labelled:
            _line_label(ax, mark, gid="notice-label")


def _line_label(ax: Axes, mark: Mark, gid: str, size: float = 7) -> None:
    ax.annotate(
        mark.label, xy=(mark.x, 0.99), xycoords=("data", "axes fraction"), xytext=(-2, 0),
        textcoords="offset points", rotation=90, ha="right", va="top", fontsize=size, gid=gid,
        bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}, zorder=5,
    )


def mark_day_label(ax: Axes, mark: Mark, gid: str) -> None:
    _line_label(ax, mark, gid, size=6.5)


def outside_legend(ax: Axes, first: list[str] | None = None, **kwargs: Any) -> None:
    """The legend beside the plot, its long labels wrapped; the labels in
    ``first`` come first, in that order."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    rank = {label: i for i, label in enumerate(first or [])}
    order = sorted(range(len(labels)), key=lambda i: (rank.get(labels[i], len(rank)), i))
    handles, labels = [handles[i] for i in order], [labels[i] for i in order]
    wrapped = [textwrap.fill(label, _LEGEND_WIDTH) for label in labels]
    ax.legend(handles, wrapped, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              borderaxespad=0, **kwargs)


def no_contacts(ax: Axes, data: ChartData) -> None:
    ax.text(0.5, 0.5, chart_text(data.language, "no_contacts"), transform=ax.transAxes, ha="center",
            va="center", fontsize=11, color="#555555", gid="no-contacts")

