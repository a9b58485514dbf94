"""The indicator sentences in Dutch, French and English: they name the
numbers and the period, say "consistent with" (never "is belaging"), and
read as a police officer could copy them into a PV."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest

from calllog.analysis import Person, conclusion_text
from tests.test_analysis_helpers import JENS, JENS_2, MAMA, WITHHELD, entry, ev, indicator, make_input, run
from calllog.analysis import analyse

CONSISTENT = {"en": "consistent with belaging", "nl": "verenigbaar met belaging", "fr": "compatible avec un harcèlement"}
# what must never be said: that something *is* belaging, or that a legal threshold is exceeded
VERDICTS = re.compile(r"\bis (belaging|stalking)\b|\best (un|du) harcèlement\b|\bc'est du harcèlement|legal threshold|wettelijke drempel|seuil légal", re.I)
OWNER_SHOWN = "+32 470 00 00 01"
JENS_SHOWN, JENS_2_SHOWN = "+32 470 00 00 66", "+32 470 00 00 67"


def _harassment() -> list[dict[str, Any]]:
    """Two numbers of one person: daily, partly at night, a burst, threats,
    rising over six weeks, after a notice; withheld calls beside them."""
    events = []
    start = date(2026, 1, 5)
    for day in range(42):
        when = start + timedelta(days=day)
        for n in range(1 + day // 7):
            events.append(ev(f"{when} {8 + n:02d}:15", party=JENS if day < 20 else JENS_2))
    events += [ev(f"2026-02-10 23:0{m}", party=JENS_2) for m in range(6)]
    events += [ev("2026-02-11 09:00", party=JENS_2, channel="sms", text="Je gaat eraan."),
               ev("2026-02-11 09:05", party=WITHHELD), ev("2026-02-12 03:00", party=WITHHELD)]
    return events


def _document(language: str) -> dict[str, Any]:
    return run(_harassment(), notices=["2026-01-15"], persons=[Person("Jens", (JENS, JENS_2), True)], language=language)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_met_indicators_say_consistent_with_and_name_the_numbers(language: str) -> None:
    document = _document(language)
    person = entry(document, "Jens")
    assert person["consistent_with_belaging"] is True
    assert all(i["met"] for i in person["indicators"]), [i["id"] for i in person["indicators"] if not i["met"]]
    for item in person["indicators"]:
        assert CONSISTENT[language] in item["text"], item["text"]
        assert "Jens" in item["text"] and JENS_SHOWN in item["text"] and JENS_2_SHOWN in item["text"], item["text"]
    for party, shown in ((JENS, JENS_SHOWN), (JENS_2, JENS_2_SHOWN)):
        for item in entry(document, party)["indicators"]:
            assert shown in item["text"], item["text"]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_no_sentence_is_a_verdict(language: str) -> None:
    document = _document(language)
    inp = make_input(_harassment(), notices=["2026-01-15"], persons=[Person("Jens", (JENS, JENS_2), True)], language=language)
    texts = [i["text"] for p in document["parties"] for i in p["indicators"]]
    texts += [s["text"] for s in document["withheld_alongside"]["suspects"]]
    texts += [conclusion_text(p, inp) for p in document["parties"]]
    for text in texts:
        assert not VERDICTS.search(text), text
        assert "{" not in text and "}" not in text, text  # every placeholder filled


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "+32 470 00 00 66 made 5 contacts with +32 470 00 00 01 between 01/01/2026 and 05/01/2026: "
               "5 call attempts (5 unanswered) and 0 messages (threshold: 5 contacts); "
               "repeated contact is an element consistent with belaging."),
        ("nl", "+32 470 00 00 66 nam tussen 01/01/2026 en 05/01/2026 5 keer contact op met +32 470 00 00 01: "
               "5 oproeppogingen (5 onbeantwoord) en 0 berichten (drempel: 5 contacten); "
               "herhaald contact is een element verenigbaar met belaging."),
        ("fr", "+32 470 00 00 66 a contacté +32 470 00 00 01 à 5 reprises entre le 01/01/2026 et le 05/01/2026 : "
               "5 tentatives d'appel (5 sans réponse) et 0 messages (seuil : 5 contacts) ; "
               "un contact répété est un élément compatible avec un harcèlement (belaging)."),
    ],
)
def test_repetition_sentence_word_for_word(language: str, expected: str) -> None:
    events = [ev(f"2026-01-0{d} 12:00") for d in range(1, 6)]
    assert indicator(entry(run(events, language=language), JENS), "repetition")["text"] == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "After the notice of 15/01/2026 (registered letter, counted from the end of that day), "
               "+32 470 00 00 66 (Jens) still made 1 contact with +32 470 00 00 01, the last on 16/01/2026; "
               "contact after being told to stop is an element consistent with belaging."),
        ("nl", "+32 470 00 00 66 (Jens) nam na de verwittiging van 15/01/2026 (registered letter, geteld vanaf het einde van die dag) "
               "nog 1 keer contact op met +32 470 00 00 01, het laatst op 16/01/2026; "
               "contact nadat gevraagd werd te stoppen, is een element verenigbaar met belaging."),
        ("fr", "+32 470 00 00 66 (Jens) a encore contacté +32 470 00 00 01 à 1 reprise après l'avertissement du 15/01/2026 "
               "(registered letter, compté à partir de la fin de ce jour), la dernière fois le 16/01/2026 ; "
               "un contact après avoir été prié d'arrêter est un élément compatible avec un harcèlement (belaging)."),
    ],
)
def test_after_notice_sentence_word_for_word(language: str, expected: str) -> None:
    events = [ev("2026-01-15 23:00"), ev("2026-01-16 00:30")]
    document = run(events, notices=["2026-01-15"], persons=[Person("Jens", (JENS,), True)], language=language)
    assert indicator(entry(document, JENS), "after_notice")["text"] == expected


@pytest.mark.parametrize(
    ("language", "subject", "trend"),
    [("en", "A withheld number", "by 0.40 contacts per week each week"),
     ("nl", "Een afgeschermd nummer", "gemiddeld met 0,40 contacten per week"),
     ("fr", "Un numéro masqué", "de 0,40 contacts par semaine chaque semaine")],
)
def test_withheld_subject_and_decimals_in_each_language(language: str, subject: str, trend: str) -> None:
    # Mondays: 1, 1, 2, 2 calls in four weeks: slope 2 / 5 = 0.4
    days = ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-19", "2026-01-26", "2026-01-26"]
    document = run([ev(f"{day} 02:00", party=WITHHELD) for day in days], language=language)
    withheld = entry(document, WITHHELD)
    assert indicator(withheld, "persistence")["text"].startswith(subject)
    assert trend in indicator(withheld, "escalation")["text"]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_conclusion_says_consistent_or_not_and_why(language: str) -> None:
    persons = [Person("Jens", (JENS, JENS_2), True)]
    inp = make_input(_harassment() + [ev("2026-01-10 10:00", party=MAMA)], notices=["2026-01-15"], persons=persons, language=language)
    document = analyse(inp)
    jens = conclusion_text(entry(document, "Jens"), inp)
    assert CONSISTENT[language].split(" belaging")[0] in jens and JENS_SHOWN in jens and JENS_2_SHOWN in jens
    assert "15/01/2026" in jens  # continued after the notice
    mama = conclusion_text(entry(document, MAMA), inp)
    assert "+32 470 00 00 10" in mama and CONSISTENT[language] not in mama


def test_a_short_number_conclusion_says_why_it_is_not_assessed() -> None:
    inp = make_input([ev(f"2026-01-{d:02d} 10:00", party="8855", channel="sms") for d in range(1, 21)])
    assert conclusion_text(analyse(inp)["parties"][0], inp).startswith("8855 is a short number")


def test_the_owner_lines_are_named() -> None:
    document = run([ev("2026-01-10 10:00")])
    assert OWNER_SHOWN in indicator(entry(document, JENS), "repetition")["text"]
