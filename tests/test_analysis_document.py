"""The ``calllog.findings/1`` document has exactly the keys of DESIGN.md
(``analyse --json``), plus ``event_ids`` on each indicator, ``matches`` on
the threats indicator and the ``withheld_alongside`` section."""

from __future__ import annotations

import json

from calllog.analysis import FINDINGS_SCHEMA, Person
from tests.test_analysis_helpers import JENS, JENS_2, MAMA, WITHHELD, OWNER, ev, run

# copied by hand from shared/DESIGN.md, in its order
DESIGN_TOP = ["schema", "case", "events", "parties"]
DESIGN_CASE = ["owners", "timezone", "notices"]
DESIGN_EVENTS = ["total", "calls", "messages", "sources", "corroborated"]
DESIGN_PARTY = [
    "party", "person", "numbers", "suspect",
    "incoming", "outgoing", "calls_in", "messages_in", "unanswered_calls",
    "first", "last", "span_days", "active_days", "longest_streak_days",
    "max_per_day", "max_day", "max_in_10_min", "night", "after_notice", "threat_messages",
    "weekly_trend", "indicators", "consistent_with_belaging",
]
DESIGN_INDICATOR = ["id", "met", "value", "threshold", "text"]
WITHHELD_SUSPECT = [
    "party", "person", "numbers", "withheld_calls", "contact_days", "on_contact_days", "within_window",
    "event_ids_on_contact_days", "event_ids_within_window", "text",
]


def _document() -> dict:  # type: ignore[type-arg]
    events = [ev("2026-01-10 10:00"), ev("2026-01-10 10:01", party=JENS_2, channel="sms", text="dood"),
              ev("2026-01-10 12:00", party=MAMA, direction="out"), ev("2026-01-10 12:30", party=WITHHELD)]
    return run(events, notices=["2026-01-05"], persons=[Person("Jens", (JENS, JENS_2), True)])


def test_the_keys_are_those_of_design() -> None:
    document = _document()
    assert list(document) == DESIGN_TOP + ["withheld_alongside"]
    assert document["schema"] == FINDINGS_SCHEMA == "calllog.findings/1"
    assert list(document["case"]) == DESIGN_CASE
    assert document["case"] == {"owners": [OWNER], "timezone": "Europe/Brussels", "notices": ["2026-01-05T23:59:59+01:00"]}
    assert list(document["events"]) == DESIGN_EVENTS
    assert len(document["parties"]) == 5  # the person, its two numbers, withheld, Mama
    for party in document["parties"]:
        assert list(party) == DESIGN_PARTY
        for indicator in party["indicators"]:
            extra = ["event_ids"] + (["matches"] if indicator["id"] == "threats" else [])
            assert sorted(indicator) == sorted(DESIGN_INDICATOR + extra)
    assert list(document["withheld_alongside"]) == ["withheld_calls", "window_minutes", "suspects"]
    for suspect in document["withheld_alongside"]["suspects"]:
        assert list(suspect) == WITHHELD_SUSPECT


def test_the_types_are_plain_json() -> None:
    document = _document()
    assert json.loads(json.dumps(document)) == document  # no numpy or pandas values anywhere
    jens = document["parties"][0]
    assert isinstance(jens["incoming"], int) and isinstance(jens["weekly_trend"], float)
    assert isinstance(jens["suspect"], bool) and isinstance(jens["consistent_with_belaging"], bool)


def test_the_same_input_gives_the_same_document() -> None:
    assert json.dumps(_document()) == json.dumps(_document())
