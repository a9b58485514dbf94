"""Charts 4 and 5: how the contacts add up, and on which days they came.

4. Cumulative contacts: for each person of interest, and for the withheld
   number, the contacts counted up to the end of each day, as a step line
   from the first day of the period (0) to the last (the total, written at
   the line's end). A line that keeps rising after a notice shows the
   contacts went on after it.
5. The calendar: one row per month, one column per day of the month, each
   cell coloured by that day's contacts and the count written in it (empty:
   none that day). Grey cells are not in the period (or not a day at all,
   like 30 February). A notice's day is outlined in black.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from calllog.analysis.frame import day_of
from calllog.i18n.charts import chart_text, count_text, counted, month_text
from calllog.model import WITHHELD
from calllog.report.chart_data import ChartData, party_label
from calllog.report.chart_style import (
    BLACK, LINE_STYLES, OUTSIDE_GREY, WIDE, WITHHELD_LINE, add_small_print, axes_for, chart_style, date_axis,
    mark_notices, no_contacts, outside_legend, set_title, subject_details,
)
from calllog.report.chart_time import heat_map

_COUNTS_UP_TO_MONTHS = 18  # beyond this many rows the counts no longer fit in the cells


def cumulative_lines(data: ChartData) -> list[tuple[str, tuple[str, ...]]]:
    """(label, numbers) of each line: every subject, then the withheld
    number when it made contacts and is not a subject itself."""
    lines = [(subject.label, subject.numbers) for subject in data.subjects]
    shown = {n for _, numbers in lines for n in numbers}
    if WITHHELD not in shown and not data.contacts((WITHHELD,)).empty:
        lines.append((party_label(WITHHELD, data.names, data.language), (WITHHELD,)))
    return lines


def cumulative_steps(data: ChartData, numbers: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """x (day numbers) and y (contacts up to the end of that day) of a step
    line drawn "steps-post", from (first day, 0) to (last day + 1, total)."""
    if data.first_day is None or data.last_day is None:
        raise ValueError("a chart without events has no period")  # a caller's bug
    per_day = data.contacts(numbers).groupby("day").size()
    totals = per_day.cumsum().to_numpy()
    x = np.concatenate([[data.first_day], per_day.index.to_numpy(), [data.last_day + 1]])
    y = np.concatenate([[0], totals, [totals[-1] if len(totals) else 0]])
    return x.astype(float), y


def cumulative_chart(data: ChartData, *, ax: Axes | None = None) -> Axes:
    """One rising line per person of interest and one for the withheld number."""
    with chart_style():
        ax = axes_for(ax)
        lang = data.language
        lines = cumulative_lines(data) if data.first_day is not None else []
        for i, (label, numbers) in enumerate(lines):
            colour, dashes = WITHHELD_LINE if numbers == (WITHHELD,) else LINE_STYLES[i % len(LINE_STYLES)]
            x, y = cumulative_steps(data, numbers)
            total = int(y[-1])
            ax.plot(x, y, drawstyle="steps-post", color=colour, linestyle=dashes, linewidth=2,
                    label=f"{label}: {counted(total, 'contacts', lang)}", gid="cumulative")
            ax.annotate(count_text(total, lang), xy=(x[-1], y[-1]), xytext=(-2, 4), textcoords="offset points",
                        ha="right", va="bottom", fontsize=8.5, fontweight="bold", color=colour, gid="line-total")
        if not lines or data.contacts(tuple(n for _, ns in lines for n in ns)).empty:
            no_contacts(ax, data)
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        mark_notices(ax, data)
        date_axis(ax, data)
        ax.set_ylabel(chart_text(lang, "axis_running_total"))
        who = ", ".join(label for label, _ in lines)
        set_title(ax, data, "title_cumulative", subject_details(data, named=True), who=who)
        outside_legend(ax)
        add_small_print(ax, data)
        return ax


def calendar_table(data: ChartData) -> tuple[list[tuple[int, int]], np.ndarray, np.ndarray]:
    """The months (year, month) of the period, the contacts per month and day
    of the month (months x 31), and which cells are days of the period."""
    if data.first_day is None or data.last_day is None:
        return [], np.zeros((0, 31), dtype=np.int64), np.zeros((0, 31), dtype=bool)
    first, last = day_of(data.first_day), day_of(data.last_day)
    months = [(y, m) for y in range(first.year, last.year + 1) for m in range(1, 13)
              if (first.year, first.month) <= (y, m) <= (last.year, last.month)]
    row_of = {month: row for row, month in enumerate(months)}
    per_day = data.contacts().groupby("day").size()
    counts = np.zeros((len(months), 31), dtype=np.int64)
    inside = np.zeros((len(months), 31), dtype=bool)
    for number in range(data.first_day, data.last_day + 1):
        day = day_of(number)
        row = row_of[(day.year, day.month)]
        inside[row, day.day - 1] = True
        counts[row, day.day - 1] = int(per_day.get(number, 0))
    return months, counts, inside


def calendar_chart(data: ChartData, *, ax: Axes | None = None) -> Axes:
    """Contacts per day laid out as a calendar: months down, days across."""
    months, counts, inside = calendar_table(data)
    with chart_style():
        ax = axes_for(ax, (WIDE[0], float(np.clip(2.0 + 0.32 * len(months), 3.6, 7.2))))
        lang = data.language
        ax.pcolormesh(np.ma.masked_where(inside, np.ones(inside.shape)), cmap=ListedColormap([OUTSIDE_GREY]),
                      edgecolors="white", linewidth=0.6, gid="outside")
        heat_map(ax, counts, lang, write_counts=len(months) <= _COUNTS_UP_TO_MONTHS, font_size=6.5)
        ax.set_xticks(np.arange(31) + 0.5, [str(d) for d in range(1, 32)])
        ax.set_yticks(np.arange(len(months)) + 0.5, [f"{month_text(m, lang)} {y}" for y, m in months])
        ax.invert_yaxis()
        ax.set_xlabel(chart_text(lang, "axis_day_of_month"))
        ax.set_ylabel(chart_text(lang, "axis_month"))
        notes = []
        for mark in data.notices:
            day = day_of(int(mark.x))
            if (day.year, day.month) in months:
                row = months.index((day.year, day.month))
                ax.add_patch(Rectangle((day.day - 1, row), 1, 1, fill=False, edgecolor=BLACK, linewidth=2,
                                       zorder=5, gid="notice-day"))
                notes.append(mark.label)
        if counts.sum() == 0:
            no_contacts(ax, data)
        notes = [chart_text(lang, "outlined", label=label) for label in notes]
        set_title(ax, data, "title_calendar", subject_details(data) + notes
                  + [chart_text(lang, "empty_cells"), chart_text(lang, "outside_period")])
        add_small_print(ax, data)
        return ax

