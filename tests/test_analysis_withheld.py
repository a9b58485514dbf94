"""Withheld calls beside a person of interest's contacts: facts about
timing (same day, within an hour), never an attribution."""

from __future__ import annotations

from typing import Any

from calllog.analysis import Person
from tests.test_analysis_helpers import JENS, JENS_2, MAMA, WITHHELD, ev, run

EVENTS = [
    ev("2026-01-10 20:00"),                           # 1  contact A
    ev("2026-01-12 09:00"),                           # 2  contact B
    ev("2026-01-13 23:50"),                           # 3  contact C
    ev("2026-01-10 20:59", party=WITHHELD),           # 4  same day as A, 59 min after it
    ev("2026-01-10 21:01", party=WITHHELD),           # 5  same day as A, 61 min after it
    ev("2026-01-11 20:30", party=WITHHELD),           # 6  no contact that day, nor within an hour
    ev("2026-01-12 08:00", party=WITHHELD),           # 7  same day as B, exactly 60 min before it
    ev("2026-01-14 00:20", party=WITHHELD),           # 8  the next day, 30 min after C
    ev("2026-01-10 20:05", party=WITHHELD, channel="sms"),  # 9  not a call
    ev("2026-01-11 20:35", party=MAMA),               # 10 not a person of interest
]


def _suspects(persons: list[Person], events: list[dict[str, Any]] = EVENTS) -> list[dict[str, Any]]:
    section = run(events, persons=persons)["withheld_alongside"]
    assert (section["withheld_calls"], section["window_minutes"]) == (5, 60)
    return list(section["suspects"])


def test_same_day_and_within_an_hour_are_counted_by_hand() -> None:
    [jens] = _suspects([Person("Jens", (JENS,), True)])
    assert (jens["party"], jens["person"], jens["numbers"]) == (JENS, "Jens", [JENS])
    assert (jens["withheld_calls"], jens["contact_days"]) == (5, 3)
    assert (jens["on_contact_days"], jens["event_ids_on_contact_days"]) == (3, [4, 5, 7])
    assert (jens["within_window"], jens["event_ids_within_window"]) == (3, [4, 7, 8])
    assert "does not identify" in jens["text"] and "+32 470 00 00 66" in jens["text"]


def test_only_persons_of_interest_are_reported() -> None:
    assert _suspects([Person("Jens", (JENS,), False)]) == []


def test_a_person_over_two_numbers_and_each_number() -> None:
    events = EVENTS + [ev("2026-01-11 20:00", party=JENS_2)]  # now no. 6 is 30 min after a contact, on a contact day
    suspects = _suspects([Person("Jens", (JENS, JENS_2), True)], events)
    assert [s["party"] for s in suspects] == ["Jens", JENS, JENS_2]
    person, first, second = suspects
    assert (person["contact_days"], person["on_contact_days"], person["within_window"]) == (4, 4, 4)
    assert (first["on_contact_days"], first["within_window"]) == (3, 3)
    assert (second["event_ids_on_contact_days"], second["event_ids_within_window"]) == ([6], [6])


def test_withheld_grouped_under_a_person_is_not_set_beside_itself() -> None:
    suspects = _suspects([Person("Jens", (JENS, WITHHELD), True)])
    assert [s["party"] for s in suspects] == ["Jens", JENS]
    assert suspects[0]["contact_days"] == 3 and suspects[0]["within_window"] == 3


def test_no_withheld_calls_says_so() -> None:
    section = run([ev("2026-01-10 20:00")], persons=[Person("Jens", (JENS,), True)])["withheld_alongside"]
    [jens] = section["suspects"]
    assert (section["withheld_calls"], jens["on_contact_days"], jens["within_window"]) == (0, 0, 0)
    assert jens["text"].startswith("There were no calls from a withheld number")
