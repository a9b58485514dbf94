"""Indicators, their thresholds and event ids, and ``consistent_with_belaging``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from calllog.analysis import Person, analyse
from tests.test_analysis_helpers import JENS, JENS_2, MAMA, WITHHELD, entry, ev, frame, indicator, make_input, run

INDICATOR_IDS = ["persistence", "repetition", "one_sidedness", "after_notice", "bursts", "unsocial_hours", "escalation", "threats"]
SUSPECT = [Person("Jens", (JENS,), True)]


def daily(party: str, first: str, days: int, clock: str = "12:00", **kwargs: Any) -> list[dict[str, Any]]:
    start = date.fromisoformat(first)
    return [ev(f"{start + timedelta(days=n)} {clock}", party=party, **kwargs) for n in range(days)]


def test_every_entry_has_the_eight_indicators_in_order_with_their_keys() -> None:
    document = run(daily(JENS, "2026-01-01", 3))
    indicators = entry(document, JENS)["indicators"]
    assert [i["id"] for i in indicators] == INDICATOR_IDS
    for item in indicators:
        expected = {"id", "met", "value", "threshold", "event_ids", "text"} | ({"matches"} if item["id"] == "threats" else set())
        assert set(item) == expected


@pytest.mark.parametrize(("days", "met"), [(13, False), (14, True)])
def test_persistence_needs_a_span_of_14_days(days: int, met: bool) -> None:
    events = [ev("2026-01-01 12:00"), ev(f"{date(2026, 1, 1) + timedelta(days=days - 1)} 08:00")]
    persistence = indicator(entry(run(events), JENS), "persistence")
    assert (persistence["met"], persistence["value"], persistence["threshold"]) == (met, days, 14)
    assert persistence["event_ids"] == [1, 2]  # the first and the last contact


@pytest.mark.parametrize(("count", "met"), [(4, False), (5, True)])
def test_repetition_needs_5_contacts_and_lists_them_all(count: int, met: bool) -> None:
    events = daily(JENS, "2026-01-01", count) + [ev("2026-01-01 13:00", direction="out")]
    repetition = indicator(entry(run(events), JENS), "repetition")
    assert (repetition["met"], repetition["value"], repetition["threshold"]) == (met, count, 5)
    assert repetition["event_ids"] == list(range(1, count + 1))


@pytest.mark.parametrize(("outgoing", "met", "ratio"), [(0, True, 0.0), (2, True, 0.1), (3, False, 0.15)])
def test_one_sidedness_is_at_most_10_percent_of_the_contacts_back(outgoing: int, met: bool, ratio: float) -> None:
    events = daily(JENS, "2026-01-01", 20) + daily(JENS, "2026-01-01", outgoing, "13:00", direction="out")
    one_sided = indicator(entry(run(events), JENS), "one_sidedness")
    assert (one_sided["met"], one_sided["value"], one_sided["threshold"]) == (met, ratio, 0.1)
    assert one_sided["event_ids"] == list(range(21, 21 + outgoing))  # the owner's own contacts, to check


def test_one_sidedness_without_contacts_is_not_met() -> None:
    one_sided = indicator(entry(run([ev("2026-01-01 10:00", direction="out")]), JENS), "one_sidedness")
    assert (one_sided["met"], one_sided["value"]) == (False, None)


def test_after_notice_is_met_for_a_person_of_interest() -> None:
    events = [ev("2026-01-15 23:00"), ev("2026-01-16 00:30"), ev("2026-01-17 09:00")]
    after = indicator(entry(run(events, notices=["2026-01-15"], persons=SUSPECT), JENS), "after_notice")
    assert (after["met"], after["value"], after["threshold"], after["event_ids"]) == (True, 2, 1, [2, 3])
    assert "15/01/2026" in after["text"] and "17/01/2026" in after["text"]


def test_after_notice_is_not_applied_to_others_but_still_counted() -> None:
    events = [ev("2026-01-16 10:00", party=MAMA)]
    after = indicator(entry(run(events, notices=["2026-01-15"], persons=SUSPECT), MAMA), "after_notice")
    assert (after["met"], after["value"], after["event_ids"]) == (False, 1, [1])
    assert "not marked as a person of interest" in after["text"]


def test_after_notice_without_a_notice_says_so() -> None:
    after = indicator(entry(run([ev("2026-01-16 10:00")], persons=SUSPECT), JENS), "after_notice")
    assert after["met"] is False
    assert after["text"].startswith("No notice")


def test_bursts_list_every_contact_inside_a_busy_window() -> None:
    clocks = ["20:00:00", "20:02:00", "20:04:00", "20:06:00", "20:08:00", "20:09:59", "20:30:00"]
    events = [ev(f"2026-02-21 {c}") for c in clocks] + [ev("2026-02-22 20:00")]
    bursts = indicator(entry(run(events), JENS), "bursts")
    assert (bursts["met"], bursts["value"], bursts["threshold"], bursts["event_ids"]) == (True, 6, 5, [1, 2, 3, 4, 5, 6])
    assert "1 day" in bursts["text"] and "21/02/2026" in bursts["text"]


def test_five_contacts_spread_over_exactly_ten_minutes_are_not_a_burst() -> None:
    events = [ev(f"2026-02-21 20:{m}") for m in ("00:00", "02:30", "05:00", "07:30", "10:00")]
    bursts = indicator(entry(run(events), JENS), "bursts")
    assert (bursts["met"], bursts["value"], bursts["event_ids"]) == (False, 4, [])


def test_burst_window_and_size_are_settings() -> None:
    events = [ev(f"2026-02-21 20:{m:02d}") for m in (0, 5, 10, 14)]
    bursts = indicator(entry(run(events, settings={"burst_minutes": 15, "burst_contacts": 4}), JENS), "bursts")
    assert (bursts["met"], bursts["value"], bursts["threshold"]) == (True, 4, 4)
    assert entry(run(events), JENS)["max_in_10_min"] == 3  # the figure stays the 10-minute one


def test_unsocial_hours_reports_the_count_and_share() -> None:
    events = [ev("2026-01-10 23:00"), ev("2026-01-11 06:30"), ev("2026-01-11 12:00"), ev("2026-01-12 12:00")]
    unsocial = indicator(entry(run(events), JENS), "unsocial_hours")
    assert (unsocial["met"], unsocial["value"], unsocial["threshold"], unsocial["event_ids"]) == (True, 2, 1, [1, 2])
    assert "2 (50%)" in unsocial["text"]


def test_escalation_needs_four_weeks_and_a_rising_trend() -> None:
    rising = [ev(f"{day} 12:00") for day in ("2026-01-05", "2026-01-19", "2026-01-25", "2026-01-26", "2026-01-28", "2026-02-01")]
    escalation = indicator(entry(run(rising), JENS), "escalation")
    assert (escalation["met"], escalation["value"], escalation["threshold"]) == (True, 0.8, 0.1)
    three_weeks = [ev(f"{day} 12:00") for day in ("2026-01-05", "2026-01-19", "2026-01-20", "2026-01-21")]
    short = indicator(entry(run(three_weeks), JENS), "escalation")
    assert short["met"] is False and "too few" in short["text"]


def test_threats_list_each_message_and_its_words() -> None:
    events = [ev("2026-01-10 10:00", channel="sms", text="Ik maak je af."),
              ev("2026-01-10 11:00", channel="sms", text="Doodgewoon een vraag"),
              ev("2026-01-10 12:00", channel="sms", direction="out", text="Je bent dood voor mij"),  # the owner's own
              ev("2026-01-10 13:00", channel="chat", text="Je sais où tu habites. Tu vas le regretter")]
    threats = indicator(entry(run(events), JENS), "threats")
    assert (threats["met"], threats["value"], threats["threshold"], threats["event_ids"]) == (True, 2, 1, [1, 4])
    assert threats["matches"] == [
        {"event_id": 1, "words": ["maak je af"]},
        {"event_id": 4, "words": ["Je sais où tu habites", "Tu vas le regretter"]},
    ]
    assert entry(run(events), JENS)["threat_messages"] == 2


def test_thresholds_come_from_the_case_settings() -> None:
    events = daily(JENS, "2026-01-01", 3)
    repetition = indicator(entry(run(events, settings={"repetition_contacts": 3}), JENS), "repetition")
    assert (repetition["met"], repetition["threshold"]) == (True, 3)


# --- consistent_with_belaging ---------------------------------------------------


def test_one_sided_repeated_persistent_contact_is_consistent() -> None:
    assert entry(run(daily(JENS, "2026-01-01", 14)), JENS)["consistent_with_belaging"] is True


def test_five_contacts_over_a_month_one_sided_is_consistent() -> None:
    events = daily(JENS, "2026-01-01", 4) + [ev("2026-02-01 12:00")]
    assert entry(run(events), JENS)["consistent_with_belaging"] is True


@pytest.mark.parametrize(
    ("events", "why"),
    [
        (daily(JENS, "2026-01-01", 3) + [ev("2026-02-01 12:00")], "4 contacts: not repeated enough"),
        (daily(JENS, "2026-01-01", 13), "13 days: not persistent"),
        (daily(JENS, "2026-01-01", 20) + daily(JENS, "2026-01-01", 10, "13:00", direction="out"), "answered back: two-way"),
    ],
)
def test_a_missing_condition_is_not_consistent(events: list[dict[str, Any]], why: str) -> None:
    assert entry(run(events), JENS)["consistent_with_belaging"] is False, why


def test_two_way_contact_that_continued_after_the_notice_is_consistent_for_a_person_of_interest() -> None:
    events = daily(JENS, "2026-01-01", 30) + daily(JENS, "2026-01-01", 30, "13:00", direction="out")
    assert entry(run(events, notices=["2026-01-10"], persons=SUSPECT), JENS)["consistent_with_belaging"] is True
    assert entry(run(events, notices=["2026-01-10"]), JENS)["consistent_with_belaging"] is False


def test_family_and_work_contacts_two_way_in_daytime_are_not_flagged() -> None:
    family = daily(MAMA, "2025-10-01", 120, "18:15", channel="sms") + daily(MAMA, "2025-10-01", 110, "19:00", direction="out")
    work = daily(JENS_2, "2025-10-01", 90, "09:30") + daily(JENS_2, "2025-10-02", 90, "10:00", direction="out", channel="sms")
    harasser = daily(JENS, "2025-12-01", 60, "23:30")
    document = run(family + work + harasser, notices=["2026-01-05"], persons=SUSPECT)
    for party in (MAMA, JENS_2):
        found = entry(document, party)
        assert found["consistent_with_belaging"] is False
        met = [i["id"] for i in found["indicators"] if i["met"]]
        assert met == ["persistence", "repetition"], party
    assert entry(document, JENS)["consistent_with_belaging"] is True


def test_a_short_number_is_never_called_consistent() -> None:
    parcels = daily("8855", "2026-01-01", 20, channel="sms")
    assert entry(run(parcels), "8855")["consistent_with_belaging"] is False


def test_withheld_calls_can_be_consistent() -> None:
    withheld = daily(WITHHELD, "2026-01-01", 20, "02:00")
    assert entry(run(withheld), WITHHELD)["consistent_with_belaging"] is True


def test_the_filter_and_the_period() -> None:
    events = daily(JENS, "2026-01-01", 10) + daily(JENS_2, "2026-01-01", 3) + daily(MAMA, "2026-01-01", 5)
    inp = make_input(events, persons=[Person("Jens", (JENS, JENS_2), True)])
    assert [p["party"] for p in analyse(inp, party_filter="jens")["parties"]] == ["Jens", JENS, JENS_2]
    assert [p["party"] for p in analyse(inp, party_filter="0470 00 00 10")["parties"]] == [MAMA]
    assert analyse(inp, party_filter="0470 99 99 99")["parties"] == []
    january_3_to_5 = analyse(inp, party_filter=JENS, start=date(2026, 1, 3), end=date(2026, 1, 5))
    only = january_3_to_5["parties"][0]
    assert (only["incoming"], only["first"], only["last"]) == (3, "2026-01-03T12:00:00+01:00", "2026-01-05T12:00:00+01:00")
    assert january_3_to_5["events"]["total"] == 3 + 1 + 3  # every party of those dates


def test_an_empty_case_gives_an_empty_document() -> None:
    document = run(frame([]))
    assert document["parties"] == [] and document["events"]["total"] == 0
    assert document["withheld_alongside"] == {"withheld_calls": 0, "window_minutes": 60, "suspects": []}
