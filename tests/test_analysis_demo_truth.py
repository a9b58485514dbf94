"""The analysis of the demo story against its ground truth.

``samples/truth.json`` was written by the generator of the fictional demo
case (``samples/make_samples.py``), from its own list of contacts and not
by calllog; here its contacts are fed to ``analyse`` as the events a
perfect import and corroboration would give, and every figure the truth
states is compared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from calllog.analysis import Person, analyse
from calllog.phone import normalise_number
from tests.test_analysis_helpers import COLUMNS, OWNER, entry, indicator, make_input

TRUTH = Path(__file__).parents[1] / "samples" / "truth.json"
JENS, JENS_2 = "+32470000066", "+32470000067"
FAMILY_AND_WORK = ["+32470000010", "+32470000020", "+32470000030", "+3292100000"]


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    if not TRUTH.is_file():
        pytest.skip("samples/truth.json is not in this checkout")
    return dict(json.loads(TRUTH.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def document(truth: dict[str, Any]) -> dict[str, Any]:
    rows = [
        {
            "id": number, "instant_utc": contact["instant_utc"], "channel": contact["kind"],
            "channel_class": contact["class"], "direction": contact["direction"], "status": contact["status"],
            "party": contact["party"], "party_quality": normalise_number(contact["party"]).quality.value,
            "text": contact.get("text"), "duration_s": contact.get("duration_s"),
        }
        for number, contact in enumerate(truth["contacts"], start=1)
    ]
    events = pd.DataFrame(rows, columns=COLUMNS)
    events["instant_utc"] = pd.to_datetime(events["instant_utc"], utc=True)
    events["source_count"] = [len(contact["files"]) for contact in truth["contacts"]]
    assert truth["owner_line"] == OWNER and [n["date"] for n in truth["notices"]] == ["2026-01-15"]
    inp = make_input(events, notices=["2026-01-15"], persons=[Person("Jens", (JENS, JENS_2), True)])
    return analyse(inp)


def test_event_totals(document: dict[str, Any], truth: dict[str, Any]) -> None:
    totals = truth["totals"]
    assert document["events"] == {**{key: totals[key] for key in ("calls", "messages", "corroborated")},
                                  "total": totals["events"], "sources": 1}


def test_every_party_figure_the_truth_states(document: dict[str, Any], truth: dict[str, Any]) -> None:
    for expected in truth["parties"]:
        found = entry(document, expected["party"])
        for key in ("incoming", "outgoing", "calls_in", "messages_in", "unanswered_calls"):
            assert found[key] == expected[key], (expected["party"], key)
        assert (found["first"], found["last"]) == (expected["first_in"], expected["last_in"]), expected["party"]


def test_the_person_is_the_sum_of_its_numbers(document: dict[str, Any]) -> None:
    person, first, second = entry(document, "Jens"), entry(document, JENS), entry(document, JENS_2)
    for key in ("incoming", "outgoing", "calls_in", "messages_in", "unanswered_calls", "night", "after_notice", "threat_messages"):
        assert person[key] == first[key] + second[key], key
    assert person["first"] == first["first"] and person["last"] == second["last"]


def test_the_headline_figures(document: dict[str, Any], truth: dict[str, Any]) -> None:
    headline = truth["headline"]
    harasser = [entry(document, "Jens"), entry(document, "withheld")]
    assert sum(p["incoming"] for p in harasser) == headline["harasser_incoming"]
    assert sum(p["calls_in"] for p in harasser) == headline["harasser_calls"]
    assert sum(p["unanswered_calls"] for p in harasser) == headline["harasser_unanswered_calls"]
    assert sum(p["after_notice"] for p in harasser) == headline["harasser_after_notice"]
    assert sum(p["night"] for p in harasser) == headline["harasser_night"]
    night_after = sum(len(set(indicator(p, "unsocial_hours")["event_ids"]) & set(indicator(p, "after_notice")["event_ids"]))
                      for p in harasser)
    assert night_after == headline["harasser_night_after_notice"]
    assert entry(document, "Jens")["outgoing"] == headline["her_replies_to_him"]


def test_burst_days_of_his_numbers(document: dict[str, Any], truth: dict[str, Any]) -> None:
    """The truth counts dates on which one of his parties (each number and
    withheld, separately) had 5 contacts within 10 minutes."""
    contacts = {c_id: c for c_id, c in enumerate(truth["contacts"], start=1)}
    days = set()
    for party in (JENS, JENS_2, "withheld"):
        for event_id in indicator(entry(document, party), "bursts")["event_ids"]:
            days.add(contacts[event_id]["local"][:10])
    # every contact in a burst window marks its date; a window never spans midnight in the story
    assert len(days) == truth["headline"]["burst_days"]


def test_family_and_work_are_not_flagged_and_the_harassment_is(document: dict[str, Any]) -> None:
    for party in FAMILY_AND_WORK:
        assert entry(document, party)["consistent_with_belaging"] is False, party
    for party in ("Jens", JENS, JENS_2, "withheld"):
        assert entry(document, party)["consistent_with_belaging"] is True, party
    assert entry(document, "8855")["consistent_with_belaging"] is False  # a parcel service's short code
