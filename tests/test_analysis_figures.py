"""The figures of ``analyse`` against counts made by hand from DESIGN.md's
definitions (contacts = incoming events; dates and hours in Brussels time).

Every expected value below was worked out from the definitions and the
calendar (Monday-based ISO weeks, the EU clock-change rule: 01:00 UTC on the
last Sunday of March and of October), not copied from the code's output.
"""

from __future__ import annotations

import pytest

from calllog.analysis import Person
from tests.test_analysis_helpers import JENS, JENS_2, MAMA, WITHHELD, entry, ev, figures_of, frame, run


def test_counts_by_direction_channel_and_status() -> None:
    events = [
        ev("2026-01-05 10:00", status="answered"),
        ev("2026-01-05 10:05", status="answered_elsewhere"),  # picked up on another device: answered
        ev("2026-01-05 10:10", status="missed"),
        ev("2026-01-05 10:15", status="rejected"),
        ev("2026-01-05 10:20", status="blocked"),
        ev("2026-01-05 10:25", channel="voicemail", status="voicemail"),
        ev("2026-01-05 10:30", channel="sms"),
        ev("2026-01-05 10:35", channel="chat"),
        ev("2026-01-05 11:00", direction="out"),
        ev("2026-01-05 11:05", direction="out", channel="sms"),
        ev("2026-01-05 12:00", party=MAMA),
    ]
    jens = figures_of(events)
    assert (jens["incoming"], jens["outgoing"], jens["calls_in"], jens["messages_in"]) == (8, 2, 6, 2)
    assert jens["unanswered_calls"] == 4  # missed, rejected, blocked, voicemail


def test_first_last_and_span_are_of_contacts_in_local_time() -> None:
    events = [
        ev("2026-01-02 08:00", direction="out"),  # the owner's own call does not start the span
        ev("2026-01-03 09:15:42"),
        ev("2026-01-16 23:59:59", channel="sms"),
        ev("2026-01-20 10:00", direction="out"),
    ]
    jens = figures_of(events)
    assert jens["first"] == "2026-01-03T09:15:42+01:00"
    assert jens["last"] == "2026-01-16T23:59:59+01:00"
    assert jens["span_days"] == 14  # 3 to 16 January, both included


def test_midnight_splits_dates_and_both_sides_are_night() -> None:
    jens = figures_of([ev("2026-01-09 23:59:59"), ev("2026-01-10 00:00:00")])
    assert (jens["active_days"], jens["span_days"], jens["longest_streak_days"]) == (2, 2, 2)
    assert (jens["max_per_day"], jens["max_day"]) == (1, "2026-01-09")
    assert jens["night"] == 2


@pytest.mark.parametrize(
    ("clock", "night"),
    [("21:59:59", 0), ("22:00:00", 1), ("23:30:00", 1), ("03:00:00", 1), ("06:59:59", 1), ("07:00:00", 0), ("12:00:00", 0)],
)
def test_night_is_22_00_to_06_59_local(clock: str, night: int) -> None:
    assert figures_of([ev(f"2026-01-10 {clock}")])["night"] == night


def test_night_follows_the_summer_offset() -> None:
    # 05:00 UTC is 06:00 in winter (night) and 07:00 in summer (day)
    events = [ev("2026-03-28T05:00:00Z"), ev("2026-03-29T05:00:00Z"), ev("2026-03-29T04:59:59Z")]
    assert figures_of(events)["night"] == 2


def test_the_23_hour_day_in_march_is_one_date() -> None:
    # 29 March 2026 runs from 28 March 23:00 UTC (00:00 +01:00) to 29 March 22:00 UTC (00:00 +02:00)
    events = [
        ev("2026-03-28T22:59:59Z"),  # 23:59:59 on the 28th
        ev("2026-03-28T23:00:00Z"),  # 00:00:00 on the 29th
        ev("2026-03-29T01:00:00Z"),  # 03:00 summer time: 02:00-02:59 did not exist
        ev("2026-03-29T21:59:59Z"),  # 23:59:59 summer time on the 29th
        ev("2026-03-29T22:00:00Z"),  # 00:00 on the 30th
    ]
    jens = figures_of(events)
    assert (jens["max_per_day"], jens["max_day"]) == (3, "2026-03-29")
    assert (jens["active_days"], jens["span_days"]) == (3, 3)
    assert jens["last"] == "2026-03-30T00:00:00+02:00"


def test_the_25_hour_day_in_october_is_one_date_and_its_repeated_hour_is_not_merged() -> None:
    # 26 October 2025 runs from 25 October 22:00 UTC to 26 October 23:00 UTC
    events = [
        ev("2025-10-25T22:00:00Z"),  # 00:00 summer time on the 26th
        ev("2025-10-26T00:30:00Z"),  # 02:30 summer time
        ev("2025-10-26T00:35:00Z"),  # 02:35 summer time
        ev("2025-10-26T01:32:00Z"),  # 02:32 winter time: the hour happens again, 62 minutes later
        ev("2025-10-26T22:59:59Z"),  # 23:59:59 winter time on the 26th
        ev("2025-10-26T23:00:00Z"),  # 00:00 on the 27th
    ]
    jens = figures_of(events)
    assert (jens["max_per_day"], jens["max_day"]) == (5, "2025-10-26")
    assert jens["max_in_10_min"] == 2  # 02:30 and 02:35 summer time; 02:32 winter time is an hour later
    assert jens["night"] == 6  # every one of them is between 22:00 and 06:59


def test_busiest_day_tie_goes_to_the_earliest_date() -> None:
    # given out of order on purpose
    events = [ev("2026-01-03 10:00"), ev("2026-01-03 11:00"), ev("2026-01-02 10:00"),
              ev("2026-01-01 18:00"), ev("2026-01-01 09:00")]
    jens = figures_of(events)
    assert (jens["max_per_day"], jens["max_day"]) == (2, "2026-01-01")


def test_streaks_run_across_a_month_end() -> None:
    days = ["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02", "2026-02-04", "2026-02-05"]
    jens = figures_of([ev(f"{day} 12:00") for day in days] + [ev("2026-02-03 12:00", direction="out")])
    assert (jens["longest_streak_days"], jens["active_days"], jens["span_days"]) == (4, 6, 7)


def test_streaks_run_across_the_new_year_and_several_contacts_a_day_count_once() -> None:
    days = ["2025-12-31 08:00", "2025-12-31 20:00", "2026-01-01 00:10", "2026-01-02 10:00"]
    assert figures_of([ev(d) for d in days])["longest_streak_days"] == 3


@pytest.mark.parametrize(
    ("clocks", "most"),
    [
        (["20:00:00", "20:10:00"], 1),  # exactly 10 minutes apart: not in [t, t + 10 min)
        (["20:00:00", "20:09:59"], 2),
        (["20:00:00", "20:02:30", "20:05:00", "20:07:30", "20:10:00"], 4),
        (["20:00:00", "20:02:30", "20:05:00", "20:07:30", "20:09:59"], 5),
        (["20:00", "20:01", "20:02", "20:30", "20:31", "20:32", "20:33"], 4),
    ],
)
def test_max_in_10_min_is_a_half_open_window(clocks: list[str], most: int) -> None:
    assert figures_of([ev(f"2026-02-21 {clock}") for clock in clocks])["max_in_10_min"] == most


def test_max_in_10_min_does_not_mix_parties() -> None:
    events = [ev("2026-02-21 20:00"), ev("2026-02-21 20:01", party=MAMA), ev("2026-02-21 20:02")]
    assert figures_of(events)["max_in_10_min"] == 2
    assert figures_of(events, MAMA)["max_in_10_min"] == 1


def test_after_notice_counts_from_the_end_of_a_date_only_notice() -> None:
    events = [ev("2026-01-15 12:00"), ev("2026-01-15 23:00"), ev("2026-01-15 23:59:59"),
              ev("2026-01-16 00:00:00"), ev("2026-01-16 00:30"), ev("2026-01-16 00:40", direction="out")]
    assert figures_of(events, notices=["2026-01-15"])["after_notice"] == 2


def test_after_notice_with_a_time_counts_from_the_next_second() -> None:
    events = [ev("2026-01-15 18:29"), ev("2026-01-15 18:30:00"), ev("2026-01-15 18:30:01"), ev("2026-01-15 19:00")]
    assert figures_of(events, notices=["2026-01-15T18:30"])["after_notice"] == 2


def test_after_notice_uses_the_earliest_notice_and_the_case_lists_them_in_order() -> None:
    events = [ev("2026-01-20 10:00"), ev("2026-02-05 10:00")]
    document = run(events, notices=["2026-02-01", "2026-01-15"])
    assert entry(document, JENS)["after_notice"] == 2
    assert document["case"]["notices"] == ["2026-01-15T23:59:59+01:00", "2026-02-01T23:59:59+01:00"]


def test_without_a_notice_after_notice_is_zero() -> None:
    assert figures_of([ev("2026-01-20 10:00")])["after_notice"] == 0


def test_weekly_trend_is_the_least_squares_slope_over_iso_weeks_with_empty_weeks() -> None:
    # weeks (Monday-Sunday): 5-11 Jan: 1 contact; 12-18 Jan: none; 19-25 Jan: 2 (the 25th is a Sunday);
    # 26 Jan-1 Feb: 3 (1 Feb is a Sunday). x = 0..3, y = 1, 0, 2, 3:
    # slope = sum((x - 1.5)(y - 1.5)) / sum((x - 1.5)^2) = 4 / 5 = 0.8
    days = ["2026-01-05", "2026-01-19", "2026-01-25", "2026-01-26", "2026-01-28", "2026-02-01"]
    assert figures_of([ev(f"{day} 23:30") for day in days])["weekly_trend"] == pytest.approx(0.8)


def test_weekly_trend_falls_and_a_single_week_has_none() -> None:
    # 3, 2, 1 contacts in three consecutive weeks: slope -1
    days = ["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-12", "2026-01-13", "2026-01-19"]
    assert figures_of([ev(f"{day} 12:00") for day in days])["weekly_trend"] == pytest.approx(-1.0)
    assert figures_of([ev("2026-01-05 12:00"), ev("2026-01-11 23:59")])["weekly_trend"] == 0.0


def test_a_party_without_contacts_has_empty_contact_figures() -> None:
    only_out = figures_of([ev("2026-01-10 10:00", party="101", direction="out")], "101")
    assert only_out["incoming"] == 0 and only_out["outgoing"] == 1
    assert (only_out["first"], only_out["last"], only_out["max_day"]) == (None, None, None)
    assert (only_out["span_days"], only_out["active_days"], only_out["longest_streak_days"]) == (0, 0, 0)
    assert (only_out["max_per_day"], only_out["max_in_10_min"], only_out["weekly_trend"]) == (0, 0, 0.0)


def test_a_person_groups_two_numbers_and_keeps_their_own_entries() -> None:
    events = [ev("2026-01-10 10:00"), ev("2026-01-11 10:00"), ev("2026-01-12 10:00", direction="out"),
              ev("2026-01-12 10:03", party=JENS_2), ev("2026-01-12 10:05", party=JENS_2, channel="sms"),
              *[ev(f"2026-01-{day:02d} 12:00", party=MAMA) for day in range(10, 20)]]
    document = run(events, persons=[Person("Jens", (JENS, JENS_2), True)])
    person = entry(document, "Jens")
    assert (person["person"], person["numbers"], person["suspect"]) == ("Jens", [JENS, JENS_2], True)
    assert (person["incoming"], person["outgoing"], person["messages_in"]) == (4, 1, 1)
    assert (person["first"], person["last"]) == ("2026-01-10T10:00:00+01:00", "2026-01-12T10:05:00+01:00")
    assert (person["active_days"], person["longest_streak_days"], person["max_in_10_min"]) == (3, 3, 2)
    first, second = entry(document, JENS), entry(document, JENS_2)
    assert (first["person"], first["numbers"], first["suspect"], first["incoming"]) == ("Jens", [JENS], True, 2)
    assert (second["person"], second["numbers"], second["incoming"]) == ("Jens", [JENS_2], 2)
    # persons of interest first (the person before its numbers), then by incoming contacts
    assert [p["party"] for p in document["parties"]] == ["Jens", JENS, JENS_2, MAMA]


def test_a_person_over_one_number_names_it_without_an_entry_of_its_own() -> None:
    document = run([ev("2026-01-10 10:00"), ev("2026-01-10 11:00", party=MAMA)],
                   persons=[Person("Jens", (JENS,), False)], names={MAMA: "Mama"})
    # one contact each: the tie goes to the party's text order
    assert [(p["party"], p["person"]) for p in document["parties"]] == [(MAMA, "Mama"), (JENS, "Jens")]


def test_withheld_is_a_party_like_any_other() -> None:
    events = [ev("2026-01-10 02:00", party=WITHHELD), ev("2026-01-10 02:03", party=WITHHELD), ev("2026-01-10 10:00")]
    withheld = figures_of(events, WITHHELD)
    assert (withheld["incoming"], withheld["calls_in"], withheld["night"], withheld["max_in_10_min"]) == (2, 2, 2, 2)
    assert withheld["person"] is None


def test_event_totals_of_the_period() -> None:
    table = frame([ev("2026-01-10 10:00"), ev("2026-01-10 11:00", channel="sms"), ev("2026-01-11 09:00", party=MAMA, direction="out")])
    assert run(table)["events"] == {"total": 3, "calls": 2, "messages": 1, "sources": 1, "corroborated": None}
    table["source_count"] = [2, 1, 3]
    assert run(table)["events"]["corroborated"] == 2


def test_sorting_puts_persons_of_interest_first_then_incoming() -> None:
    events = [ev("2026-01-10 10:00"), *[ev(f"2026-01-10 1{i}:00", party=MAMA) for i in range(3)],
              ev("2026-01-10 10:30", party=WITHHELD), ev("2026-01-10 10:40", party=WITHHELD)]
    document = run(events, persons=[Person("Jens", (JENS,), True)])
    assert [p["party"] for p in document["parties"]] == [JENS, MAMA, WITHHELD]
