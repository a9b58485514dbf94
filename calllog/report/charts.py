"""The six charts of the evidence pack, and writing them to files.

Each chart is a function ``chart(data, *, ax=None, ...) -> Axes`` over a
``ChartData`` (``chart_data(inp, title, party)``): it draws on ``ax``, or on
a new A4-sized figure, and never touches a file. ``write_charts`` draws all
six and saves each as

| file                       | chart                                         |
|----------------------------|-----------------------------------------------|
| `1-daily-contacts.<fmt>`   | contacts per day, stacked by kind, notices    |
| `2-time-of-day.<fmt>`      | one dot per contact: date x time of day       |
| `3-hour-weekday.<fmt>`     | heat map, hour x weekday, counts in the cells |
| `4-cumulative.<fmt>`       | contacts added up, per person and withheld    |
| `5-calendar.<fmt>`         | contacts per day as a calendar                |
| `6-top-numbers.<fmt>`      | incoming and outgoing contacts per number     |

in the formats asked: ``png`` (200 dpi, for screens), ``pdf`` and ``svg``
(vector, for print). The same case gives byte-identical files: no date
goes into them, the fonts are matplotlib's own, SVG ids come from a fixed
salt, and PNG/PDF/SVG say "calllog" as their creator instead of a version.
matplotlib draws with its Agg renderer through ``Figure`` objects; pyplot
and its global state are never used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from matplotlib.axes import Axes

from calllog.analysis import AnalysisInput
from calllog.errors import CalllogError, SettingsError
from calllog.report.chart_calendar import calendar_chart, cumulative_chart
from calllog.report.chart_daily import daily_contacts_chart
from calllog.report.chart_data import ChartData, Subject, chart_data
from calllog.report.chart_parties import top_parties_chart
from calllog.report.chart_style import DPI, chart_style
from calllog.report.chart_time import hour_weekday_chart, time_of_day_chart

__all__ = [
    "CHART_NAMES", "FORMATS", "ChartData", "Subject", "calendar_chart", "chart_data", "cumulative_chart",
    "daily_contacts_chart", "hour_weekday_chart", "time_of_day_chart", "top_parties_chart", "write_charts",
]

FORMATS = ("png", "pdf", "svg")
CHART_NAMES = ("1-daily-contacts", "2-time-of-day", "3-hour-weekday", "4-cumulative", "5-calendar", "6-top-numbers")
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": "calllog"},
    "pdf": {"Creator": "calllog", "Producer": "calllog", "CreationDate": None, "ModDate": None},
    "svg": {"Creator": "calllog", "Date": None},
}


def draw_charts(
    data: ChartData, include_all: bool = False, diary: Sequence[tuple[datetime, str]] = ()
) -> list[tuple[str, Callable[[], Axes]]]:
    """(file name, drawing function) of each of the six charts."""
    drawings: list[Callable[[], Axes]] = [
        lambda: daily_contacts_chart(data, diary=diary),
        lambda: time_of_day_chart(data),
        lambda: hour_weekday_chart(data),
        lambda: cumulative_chart(data),
        lambda: calendar_chart(data),
        lambda: top_parties_chart(data, include_all=include_all),
    ]
    return list(zip(CHART_NAMES, drawings))


def check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in formats if f.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise SettingsError(
            f"calllog cannot write charts as '{', '.join(unknown)}'." if unknown else "No chart format was given.",
            hint="Use png, pdf or svg, e.g. --format png,pdf.",
        )
    return wanted


def write_charts(
    inp: AnalysisInput,
    out_dir: Path,
    formats: Sequence[str] = ("png", "pdf"),
    party: str | None = None,
    include_all: bool = False,
    *,
    title: str = "",
    diary: Sequence[tuple[datetime, str]] = (),
) -> list[Path]:
    """Draw the six charts of ``inp`` and save each in every format to
    ``out_dir`` (made if missing); the paths written, in order.

    ``party`` charts that number or person instead of the persons of
    interest, ``include_all`` shows every number in full, ``title`` is the
    case title for the small print, ``diary`` the diary entries (aware
    instant, short label) marked on the daily chart."""
    kinds = check_formats(formats)
    data = chart_data(inp, title=title, party=party)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for name, draw in draw_charts(data, include_all, diary):
            with chart_style():
                figure = draw().get_figure(root=True)
                assert figure is not None
                for kind in kinds:
                    path = out_dir / f"{name}.{kind}"
                    figure.savefig(path, format=kind, dpi=DPI, metadata=_METADATA[kind])
                    written.append(path)
    except OSError as error:
        raise CalllogError(
            f"calllog could not write the charts to {out_dir}: {error.strerror or error}.",
            hint="Choose a folder you can write to with -o.",
        ) from None
    return written
