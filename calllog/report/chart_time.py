"""Charts 2 and 3: when the contacts came.

2. The time-of-day raster: one dot per contact, its local date across and
   its local time of day up (00:00 at the bottom, 24:00 at the top), night
   hours shaded. Persistence shows as dots on many days, night contacts as
   dots in the grey bands. Dots shrink and fade as their number grows
   (``dot_style``) so that 100,000 contacts make a density, not a black
   block; above ``RASTERIZE_ABOVE`` dots the dots of a PDF or SVG are one
   embedded 200 dpi image (a vector file of 100,000 circles opens slowly).
3. The hour x weekday heat map: contacts over the whole period counted per
   weekday (rows, Monday first) and hour of the day (columns: 00 = 00:00 to
   00:59), the count written in each cell that has one; empty cells had none.
"""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.colors import Colormap, ListedColormap
from matplotlib.ticker import MaxNLocator

from calllog.i18n.charts import chart_text, count_text, weekday_text
from calllog.report.chart_data import KINDS, ChartData
from calllog.report.chart_style import (
    HEAT_COLOURS, KIND_STYLE, add_small_print, axes_for, chart_style, date_axis, mark_notices, no_contacts,
    outside_legend, set_title, subject_details,
)

RASTERIZE_ABOVE = 5_000
_NIGHT_GREY = "#d0d0d0"


def dot_style(n: int) -> tuple[float, float]:
    """Marker area (points^2) and opacity for ``n`` dots on one raster."""
    if n <= 1_000:
        return 14.0, 0.85
    if n <= 10_000:
        return 5.0, 0.45
    if n <= 50_000:
        return 2.0, 0.2
    return 1.0, 0.1


def heat_colours() -> Colormap:
    """A light-to-dark sequential map whose first colour is not white, so
    that a cell with one contact differs from an empty one."""
    base = matplotlib.colormaps[HEAT_COLOURS]
    return ListedColormap(base(np.linspace(0.12, 1.0, 256)), name="calllog-heat")


def time_of_day_chart(data: ChartData, *, ax: Axes | None = None) -> Axes:
    """One dot per contact: date across, time of day up, night shaded."""
    with chart_style():
        ax = axes_for(ax)
        lang = data.language
        contacts = data.contacts()
        _shade_night(ax, data)
        size, alpha = dot_style(len(contacts))
        for kind in KINDS:
            rows = contacts[contacts["kind"] == kind]
            style = KIND_STYLE[kind]
            ax.scatter(
                rows["day"].to_numpy() + 0.5, rows["hour"].to_numpy(), s=size, alpha=alpha, c=style["color"],
                marker=style["marker"], linewidths=0, label=chart_text(lang, style["text"]), zorder=2,
                rasterized=len(contacts) > RASTERIZE_ABOVE, gid=f"dots-{kind}",
            )
        if contacts.empty:
            no_contacts(ax, data)
        ax.set_ylim(0, 24)
        ax.set_yticks(range(0, 25, 3), [f"{h:02d}:00" for h in range(0, 25, 3)])
        ax.grid(axis="y", color="#e8e8e8", linewidth=0.5)
        mark_notices(ax, data)
        date_axis(ax, data)
        ax.set_ylabel(chart_text(lang, "axis_time_of_day"))
        set_title(ax, data, "title_raster", subject_details(data))
        outside_legend(ax, markerscale=1.0)
        legend = ax.get_legend()
        if legend is not None:  # legend dots at full size and colour whatever the dot count
            for handle in legend.legend_handles:
                if isinstance(handle, PathCollection):
                    handle.set_sizes([30.0])
                if handle is not None:
                    handle.set_alpha(1.0)
        add_small_print(ax, data)
        return ax


def _shade_night(ax: Axes, data: ChartData) -> None:
    start, end = (minutes / 60 for minutes in data.night)
    label = chart_text(data.language, "night", start=_clock(data.night[0]), end=_clock(data.night[1]))
    spans = [(start, 24.0), (0.0, end)] if start > end else [(start, end)]
    for i, (low, high) in enumerate(spans):
        if high > low:
            ax.axhspan(low, high, color=_NIGHT_GREY, alpha=0.6, linewidth=0, zorder=0,
                       label=label if i == 0 else None, gid="night")


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def hour_weekday_counts(data: ChartData) -> np.ndarray:
    """A 7 x 24 table of contacts: rows Monday..Sunday, columns hours."""
    contacts = data.contacts()
    table = np.zeros((7, 24), dtype=np.int64)
    np.add.at(table, (contacts["weekday"].to_numpy(np.int64), contacts["hour"].to_numpy().astype(np.int64)), 1)
    return table


def hour_weekday_chart(data: ChartData, *, ax: Axes | None = None) -> Axes:
    """Contacts per weekday and hour over the whole period, counts in the cells."""
    with chart_style():
        ax = axes_for(ax)
        lang = data.language
        table = hour_weekday_counts(data)
        heat_map(ax, table, lang)
        ax.set_xticks(np.arange(24) + 0.5, [f"{h:02d}" for h in range(24)])
        ax.set_yticks(np.arange(7) + 0.5, [weekday_text(d, lang) for d in range(7)])
        ax.set_xlabel(chart_text(lang, "axis_hour"))
        ax.set_ylabel(chart_text(lang, "axis_weekday"))
        ax.invert_yaxis()  # Monday on top, as in a diary
        if table.sum() == 0:
            no_contacts(ax, data)
        set_title(ax, data, "title_heatmap", subject_details(data) + [chart_text(lang, "empty_cells")])
        add_small_print(ax, data)
        return ax


def heat_map(ax: Axes, table: np.ndarray, language: str, write_counts: bool = True, font_size: float = 7) -> None:
    """Cells coloured by count (an empty cell stays white), each count
    written in its cell (white on dark cells), and a colour bar."""
    masked = np.ma.masked_less_equal(table.astype(float), 0)
    top = max(1, int(table.max(initial=0)))
    mesh = ax.pcolormesh(masked, cmap=heat_colours(), vmin=1, vmax=top, edgecolors="white", linewidth=0.6)
    ax.set_xlim(0, table.shape[1])
    ax.set_ylim(0, max(1, table.shape[0]))
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    colour_bar = ax.figure.colorbar(mesh, ax=ax, fraction=0.04, pad=0.02)
    colour_bar.set_label(chart_text(language, "colour_bar"))
    colour_bar.locator = MaxNLocator(integer=True)
    colour_bar.update_ticks()
    if not write_counts:
        return
    for row, column in zip(*np.nonzero(table)):
        value = int(table[row, column])
        dark = value > 1 + 0.55 * (top - 1)
        ax.text(column + 0.5, row + 0.5, count_text(value, language), ha="center", va="center",
                fontsize=font_size, color="white" if dark else "black", gid="cell-count")
