"""The structure of each chart on a small hand-built case (tests/chart_cases.py):
titles, axis labels, tick texts, the number of bars and dots, the notice
lines with their labels, masked numbers, and the three languages. The
expected values are worked out by hand from the table in chart_cases."""

from __future__ import annotations

import io
from datetime import date, datetime, timezone

import pytest
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

from calllog.analysis.frame import day_number
from calllog.errors import SettingsError
from calllog.report.chart_data import chart_data
from calllog.report.charts import (
    calendar_chart, cumulative_chart, daily_contacts_chart, hour_weekday_chart, time_of_day_chart, top_parties_chart,
)
from tests.chart_cases import JENS_66, JENS_67, MAMA, ROWS, many_contacts, small_case

MON = day_number(date(2026, 1, 5))  # the first day of the small case
SOURCE_EN = "source: calllog, 10 events from 2 files; time zone: Europe/Brussels"
NOTICE_EN = "Told to stop: 06/01/2026 (registered letter)"
END_OF_NOTICE_DAY = MON + 1 + (86399 / 86400)  # 06/01 23:59:59 local


def texts(ax: Axes, gid: str) -> list[str]:
    return [t.get_text() for t in ax.texts if t.get_gid() == gid]


def bars(ax: Axes, label: str) -> BarContainer:
    (container,) = [c for c in ax.containers if c.get_label() == label]
    assert isinstance(container, BarContainer)
    return container


def tick_texts(ax: Axes, axis: str = "x") -> list[str]:
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in labels]


def legend_texts(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    return [t.get_text().replace("\n", " ") for t in legend.get_texts()] if legend else []


def notice_lines(ax: Axes) -> list[float]:
    return [line.get_xdata()[0] for line in ax.lines if line.get_label() == NOTICE_EN]


@pytest.fixture
def data():
    return chart_data(small_case(), title="Case of L. (fictional)")


def test_every_chart_has_its_small_print(data) -> None:
    for draw in (daily_contacts_chart, time_of_day_chart, hour_weekday_chart, cumulative_chart, calendar_chart,
                 top_parties_chart):
        ax = draw(data)
        assert texts(ax, "source") == [SOURCE_EN], draw.__name__
        assert texts(ax, "case-title") == ["Case of L. (fictional)"], draw.__name__
        assert ax.get_title(loc="left"), draw.__name__


def test_daily_chart_stacks_the_contacts_of_the_person_of_interest(data) -> None:
    ax = daily_contacts_chart(data)
    assert ax.get_title(loc="left") == "Contacts per day: Jens"
    assert texts(ax, "subtitle") == ["05/01/2026 to 09/01/2026; numbers +32 470 00 00 66, +32 470 00 00 67"]
    assert ax.get_xlabel() == "Date" and ax.get_ylabel() == "Contacts per day"
    assert tick_texts(ax) == ["05/01", "06/01", "07/01", "08/01", "09/01"]
    # Jens: Mon an SMS and a missed call, Tue an answered call, Wed a rejected call (from his second number)
    unanswered = bars(ax, "Call attempts, not answered (missed, rejected, blocked)")
    assert [(p.get_x() + p.get_width() / 2 - MON, p.get_height(), p.get_y()) for p in unanswered] == [
        (0.5, 1, 0), (2.5, 1, 0)]
    assert [(p.get_x() + p.get_width() / 2 - MON, p.get_height()) for p in bars(ax, "Calls, answered")] == [(1.5, 1)]
    # the message sits on top of the missed call of the same day
    assert [(p.get_x() + p.get_width() / 2 - MON, p.get_y()) for p in bars(ax, "Messages (SMS, MMS, chat)")] == [
        (0.5, 1)]


def test_daily_chart_weekly_average_notice_and_legend(data) -> None:
    ax = daily_contacts_chart(data)
    (average,) = [line for line in ax.lines if line.get_gid() == "weekly-average"]
    # one week (Monday 05/01 to Friday 09/01 in the period): 4 contacts over 5 days
    assert list(average.get_xdata()) == [MON, MON + 5]
    assert list(average.get_ydata()) == [0.8, 0.8]
    assert notice_lines(ax) == [pytest.approx(END_OF_NOTICE_DAY)]
    assert texts(ax, "notice-label") == [NOTICE_EN]
    assert legend_texts(ax) == [
        "Messages (SMS, MMS, chat)", "Calls, answered", "Call attempts, not answered (missed, rejected, blocked)",
        "Average per day over each week (Mon–Sun)", NOTICE_EN,
    ]


def test_daily_chart_marks_diary_entries() -> None:
    data = chart_data(small_case())
    diary = [(datetime(2026, 1, 7, 17, 0, tzinfo=timezone.utc), "waited at the door"),
             (datetime(2026, 1, 5, 7, 0, tzinfo=timezone.utc), "followed to work")]
    ax = daily_contacts_chart(data, diary=diary)
    (markers,) = [line for line in ax.lines if line.get_gid() == "diary"]
    # 18:00 and 08:00 local, in time order
    assert list(markers.get_xdata()) == [pytest.approx(MON + 8 / 24), pytest.approx(MON + 2 + 18 / 24)]
    assert texts(ax, "diary-label") == ["followed to work", "waited at the door"]
    assert "Diary entry" in legend_texts(ax)


def test_weekly_average_divides_by_the_days_of_each_week_in_the_period() -> None:
    rows = [("2026-01-04 12:00", JENS_66, "valid", "sms", "in", "received"),   # Sunday: a week of 1 day
            ("2026-01-05 12:00", JENS_66, "valid", "sms", "in", "received"),   # Monday
            ("2026-01-11 12:00", JENS_66, "valid", "sms", "in", "received"),   # Sunday
            ("2026-01-11 13:00", JENS_66, "valid", "sms", "in", "received")]
    ax = daily_contacts_chart(chart_data(small_case(rows=rows, notices=False)))
    (average,) = [line for line in ax.lines if line.get_gid() == "weekly-average"]
    assert list(average.get_ydata()) == [1.0, 3 / 7, 3 / 7]
    assert list(average.get_xdata()) == [MON - 1, MON, MON + 7]


def test_raster_has_one_dot_per_contact_at_its_time_of_day(data) -> None:
    ax = time_of_day_chart(data)
    assert ax.get_title(loc="left") == "Every contact by date and time of day: Jens"
    assert ax.get_ylabel() == "Time of day" and ax.get_ylim() == (0, 24)
    assert tick_texts(ax, "y") == ["00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00", "24:00"]
    dots = {c.get_gid(): [tuple(o) for o in c.get_offsets()] for c in ax.collections if c.get_gid().startswith("dots")}
    assert {gid: [(x - MON, y) for x, y in offsets] for gid, offsets in dots.items()} == {
        "dots-unanswered": [(0.5, 23.5), (2.5, 3.25)],
        "dots-answered": [(1.5, 12.0)],
        "dots-message": [(0.5, 10.0)],
    }
    night = sorted((p.get_y(), p.get_y() + p.get_height()) for p in ax.patches if p.get_gid() == "night")
    assert night == [(0, 7), (22, 24)]
    assert "Night (22:00–07:00)" in legend_texts(ax)
    assert notice_lines(ax) == [pytest.approx(END_OF_NOTICE_DAY)]


def test_raster_of_100000_contacts_uses_small_faint_rasterised_dots() -> None:
    data = chart_data(many_contacts(100_000))
    ax = time_of_day_chart(data)
    (dots,) = [c for c in ax.collections if c.get_gid() == "dots-unanswered"]
    assert len(dots.get_offsets()) == 100_000
    assert dots.get_sizes()[0] <= 1.0 and dots.get_alpha() <= 0.1
    assert dots.get_rasterized()  # one image inside a PDF or SVG, not 100,000 circles
    ax.figure.savefig(io.BytesIO(), format="svg")


def test_other_charts_of_100000_contacts_aggregate() -> None:
    data = chart_data(many_contacts(100_000))
    daily = daily_contacts_chart(data)
    # 180 days of UTC from 01/10/2025 00:00 end on 30/03/2026 at 01:59 local time: 181 local days
    assert len(bars(daily, "Call attempts, not answered (missed, rejected, blocked)")) == 181
    heat = hour_weekday_chart(data)
    assert sum(int(t.get_text().replace(",", "")) for t in heat.texts if t.get_gid() == "cell-count") == 100_000
    (line,) = [line for line in cumulative_chart(data).lines if line.get_gid() == "cumulative"]
    assert len(line.get_xdata()) == 1 + 181 + 1  # one step a day, not one per contact
    for ax in (daily, heat):
        ax.figure.savefig(io.BytesIO(), format="png", dpi=50)


def test_heat_map_counts_per_weekday_and_hour(data) -> None:
    ax = hour_weekday_chart(data)
    assert ax.get_title(loc="left") == "Contacts by weekday and hour: Jens"
    assert tick_texts(ax, "y") == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert tick_texts(ax)[:3] == ["00", "01", "02"] and len(tick_texts(ax)) == 24
    assert ax.get_xlabel() == "Hour of the day (00 = from 00:00 to 00:59)"
    cells = sorted((round(t.get_position()[1] - 0.5), round(t.get_position()[0] - 0.5), t.get_text())
                   for t in ax.texts if t.get_gid() == "cell-count")
    # Mon 10:00 and 23:30, Tue 12:00, Wed 03:15
    assert cells == [(0, 10, "1"), (0, 23, "1"), (1, 12, "1"), (2, 3, "1")]


def test_cumulative_lines_for_the_person_and_the_withheld_number(data) -> None:
    ax = cumulative_chart(data)
    assert ax.get_title(loc="left") == "Contacts added up over time: Jens, withheld number"
    lines = {line.get_label(): line for line in ax.lines if line.get_gid() == "cumulative"}
    assert set(lines) == {"Jens: 4 contacts", "withheld number: 2 contacts"}
    jens = lines["Jens: 4 contacts"]
    assert list(jens.get_xdata() - MON) == [0, 0, 1, 2, 5] and list(jens.get_ydata()) == [0, 2, 3, 4, 4]
    withheld = lines["withheld number: 2 contacts"]
    assert list(withheld.get_xdata() - MON) == [0, 4, 5] and list(withheld.get_ydata()) == [0, 2, 2]
    assert withheld.get_linestyle() != jens.get_linestyle()  # apart in black and white too
    assert sorted(texts(ax, "line-total")) == ["2", "4"]
    assert notice_lines(ax) == [pytest.approx(END_OF_NOTICE_DAY)]


def test_calendar_lays_out_the_days_of_each_month(data) -> None:
    ax = calendar_chart(data)
    assert ax.get_title(loc="left") == "Contacts per day, as a calendar: Jens"
    assert tick_texts(ax, "y") == ["January 2026"]
    assert tick_texts(ax) == [str(d) for d in range(1, 32)]
    cells = sorted((round(t.get_position()[0] + 0.5), t.get_text()) for t in ax.texts if t.get_gid() == "cell-count")
    assert cells == [(5, "2"), (6, "1"), (7, "1")]
    (outline,) = [p for p in ax.patches if p.get_gid() == "notice-day"]
    assert outline.get_xy() == (5, 0)  # the cell of the 6th
    assert NOTICE_EN + " (day outlined in black)" in texts(ax, "subtitle")[0].replace("\n", " ")


def test_top_numbers_masks_people_not_involved(data) -> None:
    ax = top_parties_chart(data)
    assert ax.get_title(loc="left") == "Contacts with the 5 busiest numbers (ranked by incoming contacts)"
    assert tick_texts(ax, "y") == [
        "Jens (+32 470 00 00 66)", "withheld number", "+32 47x xx xx 10", "Jens (+32 470 00 00 67)", "1712"]
    assert [p.get_width() for p in bars(ax, "Incoming (from the number)")] == [3, 2, 1, 1, 0]
    assert [p.get_width() for p in bars(ax, "Outgoing (to the number)")] == [0, 0, 2, 0, 1]
    assert "numbers of people not involved in the case are partly hidden" in texts(ax, "subtitle")[0]
    shown = tick_texts(top_parties_chart(data, include_all=True), "y")
    assert shown[2] == "Mama (+32 470 00 00 10)"


def test_without_a_person_of_interest_the_busiest_number_is_charted_and_the_title_says_so() -> None:
    data = chart_data(small_case(suspects=False))
    ax = daily_contacts_chart(data)
    assert ax.get_title(loc="left") == "Contacts per day: +32 470 00 00 66"
    assert "the number with the most incoming contacts (no person of interest is marked in the case)" in (
        texts(ax, "subtitle")[0].replace("\n", " "))
    # the second SIM is no longer involved: masked on the top-numbers chart
    assert "+32 47x xx xx 67" in tick_texts(top_parties_chart(data), "y")


@pytest.mark.parametrize("asked, label, numbers", [
    ("Mama", "Mama", (MAMA,)),
    ("0470 00 00 67", "Jens (+32 470 00 00 67)", (JENS_67,)),
    ("withheld", "withheld number", ("withheld",)),
    ("jens", "Jens", (JENS_66, JENS_67)),
])
def test_party_option_chooses_whom_the_charts_are_about(asked: str, label: str, numbers: tuple[str, ...]) -> None:
    data = chart_data(small_case(), party=asked)
    assert [(s.label, s.numbers) for s in data.subjects] == [(label, numbers)]
    assert daily_contacts_chart(data).get_title(loc="left") == f"Contacts per day: {label}"


def test_an_unknown_party_is_a_clear_error() -> None:
    with pytest.raises(SettingsError, match="There is no number or person 'Piet' in this case."):
        chart_data(small_case(), party="Piet")


@pytest.mark.parametrize("language, daily, weekday, month, source", [
    ("nl", "Contacten per dag: Jens", "maandag", "januari 2026",
     "bron: calllog, 10 gebeurtenissen uit 2 bestanden; tijdzone: Europe/Brussels"),
    ("fr", "Contacts par jour : Jens", "lundi", "janvier 2026",
     "source : calllog, 10 événements issus de 2 fichiers ; fuseau horaire : Europe/Brussels"),
])
def test_the_case_language_is_used_throughout(language: str, daily: str, weekday: str, month: str, source: str) -> None:
    data = chart_data(small_case(language=language))
    ax = daily_contacts_chart(data)
    assert ax.get_title(loc="left") == daily
    assert texts(ax, "source") == [source]
    assert ax.get_ylabel() == {"nl": "Contacten per dag", "fr": "Contacts par jour"}[language]
    assert tick_texts(hour_weekday_chart(data), "y")[0] == weekday
    assert tick_texts(calendar_chart(data), "y") == [month]
    assert tick_texts(top_parties_chart(data), "y")[1] == {"nl": "afgeschermd nummer", "fr": "numéro masqué"}[language]
    notice = {"nl": "Gevraagd te stoppen: 06/01/2026 (registered letter)",
              "fr": "Prié d'arrêter : 06/01/2026 (registered letter)"}[language]
    assert texts(ax, "notice-label") == [notice]


def test_a_case_without_contacts_says_so() -> None:
    only_outgoing = [row for row in ROWS if row[4] == "out"]
    data = chart_data(small_case(rows=only_outgoing))
    for draw in (daily_contacts_chart, time_of_day_chart, hour_weekday_chart, cumulative_chart, calendar_chart):
        assert texts(draw(data), "no-contacts") == ["No contacts in this period"], draw.__name__
    empty = chart_data(small_case(rows=[], notices=False))
    assert empty.period_text() == "no events"
    for draw in (daily_contacts_chart, time_of_day_chart, hour_weekday_chart, cumulative_chart, calendar_chart,
                 top_parties_chart):
        draw(empty).figure.savefig(io.BytesIO(), format="png", dpi=30)


def test_charts_draw_on_a_given_axes() -> None:
    figure = Figure()
    ax = figure.add_subplot(1, 2, 2)
    assert daily_contacts_chart(chart_data(small_case()), ax=ax) is ax
