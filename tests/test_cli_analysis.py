"""person, notice, settings and analyse as a user types them, on the demo
case; every figure is checked against a count made from the generator's
own list of contacts (samples/truth.json), not from calllog."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from calllog.cli.main import cli
from calllog.demo import build_demo_case

TRUTH = json.loads((Path(__file__).resolve().parents[1] / "samples" / "truth.json").read_text(encoding="utf-8"))
BRUSSELS = ZoneInfo("Europe/Brussels")
JENS = ("+32470000066", "+32470000067")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("analysis") / "case"
    build_demo_case(folder)[0].close()
    return str(folder)


def contacts_from(parties: tuple[str, ...]) -> list[datetime]:
    return [
        datetime.fromisoformat(c["local"]) for c in TRUTH["contacts"]
        if c["party"] in parties and c["direction"] == "in"
    ]


def test_person_notice_and_settings_say_what_they_recorded(demo: str) -> None:
    assert run("-C", demo, "person", "--list") == (0, "No persons yet. Use 'calllog person NAME NUMBER... --suspect'.\n")
    assert run("-C", demo, "person", "Jens (fictional)", "0470 00 00 66", "+32470000067", "--suspect") == (
        0, "Jens (fictional): +32 470 00 00 66, +32 470 00 00 67 (person of interest)\n")
    assert run("-C", demo, "notice", "2026-01-15", "--what", "registered letter") == (
        0, "Notice 1: 2026-01-15 (registered letter); contacts count as after it from 2026-01-15T23:59:59+01:00\n")
    code, output = run("-C", demo, "settings")
    assert code == 0
    assert output.splitlines()[:8] == [
        "timezone: Europe/Brussels", "language: en", "title: Fictional demo case",
        "law_reference_nl: (the default text)", "law_reference_fr: (the default text)",
        "law_reference_en: (the default text)", "owners: +32 470 00 00 01", "persistence_days: 14",
    ]
    assert run("-C", demo, "settings", "set", "law_reference_en", "art. 442bis Sw. (stalking)") == (
        0, "law_reference_en: art. 442bis Sw. (stalking)\n")
    assert run("-C", demo, "settings", "set", "burst_minutes", "10") == (0, "burst_minutes: 10\n")


def test_withheld_cannot_be_given_to_a_person(demo: str) -> None:
    code, output = run("-C", demo, "person", "Someone", "Anoniem")
    assert code == 1
    assert output.startswith("Error: Withheld calls cannot be given to a person")


def test_a_bad_notice_date_is_one_sentence(demo: str) -> None:
    code, output = run("-C", demo, "notice", "15/13/2026", "--what", "letter")
    assert code == 1
    assert output.startswith("Error: ") and "Traceback" not in output


def test_analyse_json_matches_a_count_made_from_the_story(demo: str) -> None:
    run("-C", demo, "person", "Jens (fictional)", "0470000066", "0470000067", "--suspect")
    if "Notice 1" not in run("-C", demo, "notice", "--list")[1]:
        run("-C", demo, "notice", "2026-01-15", "--what", "registered letter")
    code, output = run("-C", demo, "analyse", "--json")
    assert code == 0
    document = json.loads(output)
    assert document["schema"] == "calllog.findings/1"
    assert document["case"]["notices"] == ["2026-01-15T23:59:59+01:00"]
    entries = {e["party"]: e for e in document["parties"]}
    notice = datetime(2026, 1, 15, 23, 59, 59, tzinfo=BRUSSELS)
    for key, parties in (("Jens (fictional)", JENS), (JENS[0], JENS[:1]), (JENS[1], JENS[1:]),
                         ("withheld", ("withheld",))):
        contacts = contacts_from(parties)
        days = sorted({c.date() for c in contacts})
        entry = entries[key]
        assert entry["incoming"] == len(contacts), key
        assert entry["active_days"] == len(days), key
        assert entry["span_days"] == (days[-1] - days[0]).days + 1, key
        assert entry["night"] == sum(1 for c in contacts if c.hour >= 22 or c.hour < 7), key
        assert entry["after_notice"] == sum(1 for c in contacts if c > notice), key
        assert entry["first"] == min(contacts).isoformat(), key
    assert entries["Jens (fictional)"]["numbers"] == list(JENS)
    assert entries["Jens (fictional)"]["consistent_with_belaging"] is True


def test_family_and_work_contacts_are_not_flagged(demo: str) -> None:
    document = json.loads(run("-C", demo, "analyse", "--json")[1])
    entries = {e["party"]: e for e in document["parties"]}
    for everyday in ("+32470000010", "+32470000020", "+32470000030", "+3292100000"):
        assert entries[everyday]["consistent_with_belaging"] is False, everyday


def test_the_terminal_view_names_the_numbers_in_its_sentences(demo: str) -> None:
    run("-C", demo, "person", "Jens (fictional)", "0470000066", "0470000067", "--suspect")
    code, output = run("-C", demo, "analyse", "--party", "Jens (fictional)")
    assert code == 0
    lines = output.splitlines()
    assert lines[0].split() == ["Party", "Person", "Interest", "In", "Out", "Span", "(days)", "Active", "days",
                                "Max/day", "Night", "After", "notice", "Consistent"]
    assert "Jens (fictional):" in lines
    sentences = [line for line in lines if line.startswith("  [")]
    assert sentences and all("+32 470 00 00 66" in s and "+32 470 00 00 67" in s for s in sentences[:8])
    assert any("consistent with belaging" in line for line in lines)
    assert not any(" is belaging" in line for line in lines)
