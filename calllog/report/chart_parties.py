"""Chart 6: the numbers that made the most contacts.

Two horizontal bars per number: incoming contacts (every call attempt and
message from it, hatched) and outgoing ones (every call and message to
it), busiest first, the count at the end of each bar. Numbers are ranked by
incoming contacts, then outgoing, then by the number itself.

The people a victim talks to (family, friends, colleagues) are not part of
the case: unless ``include_all`` is given, their numbers are shown masked
(``+32 47x xx xx 30``) and without their name. A number stays in full when
it belongs to a person of interest, is the number the charts are about, or
is the withheld "number"; short numbers (101, 1712, an SMS code) are
services and stay as they are. E-mail addresses and app handles of others
keep their first character only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from calllog.i18n.charts import chart_text, count_text
from calllog.report.chart_data import ChartData, party_label
from calllog.report.chart_style import (
    SKY, VERMILLION, add_small_print, axes_for, chart_style, no_contacts, outside_legend, titled,
)
from calllog.phone import mask_number

TOP_PARTIES = 12
_BAR = 0.38


def party_totals(data: ChartData, top: int = TOP_PARTIES) -> pd.DataFrame:
    """The ``top`` parties by incoming then outgoing contacts: columns
    party, incoming, outgoing (busiest first)."""
    events = data.events
    totals = (
        events.assign(outgoing=~events["incoming"])
        .groupby("party")[["incoming", "outgoing"]].sum().astype(np.int64)
        .reset_index()
    )
    totals = totals.sort_values(["incoming", "outgoing", "party"], ascending=[False, False, True], kind="stable")
    return totals.head(top).reset_index(drop=True)


def shown_party(data: ChartData, party: str, quality: str, include_all: bool) -> str:
    """The label of ``party`` on this chart: in full with its name when it
    is involved (or ``include_all``), else masked."""
    if include_all or party in data.involved:
        return party_label(party, data.names, data.language)
    if quality == "short":
        return party
    if quality == "email" and "@" in party:
        local, domain = party.split("@", 1)
        return f"{local[:1]}…@{domain}"
    if quality == "not_a_number":
        return party[:1] + "…"
    return mask_number(party)


def top_parties_chart(
    data: ChartData, *, top: int = TOP_PARTIES, include_all: bool = False, ax: Axes | None = None
) -> Axes:
    """Incoming and outgoing contacts of the busiest numbers."""
    with chart_style():
        ax = axes_for(ax)
        lang = data.language
        totals = party_totals(data, top)
        quality = data.events.groupby("party")["party_quality"].first()
        labels = [shown_party(data, p, str(quality.get(p, "")), include_all) for p in totals["party"]]
        rows = np.arange(len(totals))
        incoming = ax.barh(rows - _BAR / 2, totals["incoming"], height=_BAR, color=VERMILLION, hatch="////",
                           edgecolor="white", linewidth=0.4, label=chart_text(lang, "incoming"), gid="bars-in")
        outgoing = ax.barh(rows + _BAR / 2, totals["outgoing"], height=_BAR, color=SKY, edgecolor="white",
                           linewidth=0.4, label=chart_text(lang, "outgoing"), gid="bars-out")
        for bars in (incoming, outgoing):
            ax.bar_label(bars, labels=[count_text(int(b.get_width()), lang) for b in bars], padding=2,
                         fontsize=7)
        ax.set_yticks(rows, labels)
        ax.set_ylim(max(1, len(totals)) - 0.5, -0.5)  # busiest on top
        ax.margins(x=0.08)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_xlabel(chart_text(lang, "axis_contacts"))
        ax.set_ylabel(chart_text(lang, "axis_number"))
        if totals.empty:
            no_contacts(ax, data)
        details = [data.period_text()]
        if not include_all and any(label != party_label(p, data.names, lang) for p, label in zip(totals["party"], labels)):
            details.append(chart_text(lang, "masked_note"))
        titled(ax, chart_text(lang, "title_parties", n=len(totals)), ["; ".join(details)])
        outside_legend(ax)
        add_small_print(ax, data)
        return ax
