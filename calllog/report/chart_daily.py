"""Chart 1: contacts per day from the persons of interest.

One bar per day with contacts, stacked bottom to top: call attempts not
answered, calls answered, messages (the bar's height is the day's contacts).
A vermillion step line gives the average per day over each calendar week
(Monday to Sunday: the week's contacts divided by its days inside the
period, so a week cut by the period's start or end is not understated).
Notices are dashed vertical lines with their label; diary entries are
triangles along the top edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patheffects import withStroke
from matplotlib.ticker import MaxNLocator

from calllog.i18n.charts import chart_text
from calllog.report.chart_data import KINDS, ChartData, diary_marks
from calllog.report.chart_style import (
    BLACK, KIND_STYLE, PURPLE, VERMILLION, add_small_print, axes_for, chart_style, date_axis, mark_day_label, mark_notices,
    no_contacts, outside_legend, set_title, subject_details,
)

# above this many days the bars are too thin for outlines and hatching to help
_THIN_BARS_DAYS = 120
# above this many days bars touch: gaps narrower than a pixel would print as streaks
_TOUCHING_BARS_DAYS = 400
_LABELLED_DIARY_ENTRIES = 8


def daily_counts(data: ChartData) -> pd.DataFrame:
    """Contacts per local day (rows: every day of the period) and kind."""
    contacts = data.contacts()
    if data.first_day is None or data.last_day is None:
        return pd.DataFrame(columns=list(KINDS), dtype=np.int64)
    days = np.arange(data.first_day, data.last_day + 1)
    counts = contacts.groupby(["day", "kind"]).size().unstack(fill_value=0)
    return counts.reindex(index=days, columns=list(KINDS), fill_value=0).astype(np.int64)


def weekly_average(counts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The step line: x at each week's first day (and after the last day),
    y the average contacts per day of that week within the period."""
    totals = counts.sum(axis=1)
    days = totals.index.to_numpy()
    weeks = (days + 3) // 7  # weeks from Monday to Sunday
    frame = pd.DataFrame({"week": weeks, "day": days, "total": totals.to_numpy()})
    per_week = frame.groupby("week").agg(start=("day", "min"), days=("day", "size"), total=("total", "sum"))
    averages = (per_week["total"] / per_week["days"]).to_numpy()
    x = np.append(per_week["start"].to_numpy(), days[-1] + 1)
    return x.astype(float), np.append(averages, averages[-1])


def _bar_width(days: int) -> float:
    return 0.8 if days <= _THIN_BARS_DAYS else 0.75 if days <= _TOUCHING_BARS_DAYS else 1.0


def daily_contacts_chart(
    data: ChartData, *, diary: Sequence[tuple[datetime, str]] = (), ax: Axes | None = None
) -> Axes:
    """Contacts per day, stacked by kind, with the weekly average, the
    notices and the diary entries (aware instant, short label)."""
    with chart_style():
        ax = axes_for(ax)
        lang = data.language
        counts = daily_counts(data)
        thin = len(counts) > _THIN_BARS_DAYS
        bottom = np.zeros(len(counts), dtype=np.int64)
        for kind in KINDS:
            style = KIND_STYLE[kind]
            heights = counts[kind].to_numpy() if len(counts) else np.zeros(0, dtype=np.int64)
            shown = heights > 0
            ax.bar(
                counts.index.to_numpy()[shown] + 0.5, heights[shown], width=_bar_width(len(counts)),
                bottom=bottom[shown], color=style["color"], hatch=None if thin else style["hatch"] or None,
                edgecolor="white", linewidth=0 if thin else 0.4, gid=f"bars-{kind}",
                # a kind with no bar gets no legend entry (it would show in a default colour)
                label=chart_text(lang, style["text"]) if shown.any() else "_nolegend_",
            )
            bottom = bottom + heights
        if bottom.sum() == 0:
            no_contacts(ax, data)
        else:
            x, y = weekly_average(counts)
            # a white halo keeps the line apart from bars of any colour
            ax.plot(x, y, drawstyle="steps-post", color=VERMILLION, linewidth=1.6, zorder=3,
                    path_effects=[withStroke(linewidth=3.2, foreground="white")],
                    label=chart_text(lang, "weekly_average"), gid="weekly-average")
            ax.set_ylim(0, max(1, int(bottom.max())) * 1.15)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        mark_notices(ax, data)
        _mark_diary(ax, data, diary)
        date_axis(ax, data)
        ax.set_ylabel(chart_text(lang, "axis_per_day"))
        set_title(ax, data, "title_daily", subject_details(data))
        outside_legend(ax, first=[chart_text(lang, KIND_STYLE[k]["text"]) for k in reversed(KINDS)])
        add_small_print(ax, data)
        return ax



def _mark_diary(ax: Axes, data: ChartData, diary: Sequence[tuple[datetime, str]]) -> None:
    marks = diary_marks(diary, data.tz)
    if not marks:
        return
    ax.plot([m.x for m in marks], [0.985] * len(marks), linestyle="none", marker="v", markersize=7,
            markerfacecolor=PURPLE, markeredgecolor=BLACK, markeredgewidth=0.6, clip_on=False, zorder=6,
            transform=ax.get_xaxis_transform(), label=chart_text(data.language, "diary"), gid="diary")
    if len(marks) <= _LABELLED_DIARY_ENTRIES:
        for mark in marks:
            mark_day_label(ax, mark, gid="diary-label")
