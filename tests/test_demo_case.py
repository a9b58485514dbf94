"""The demo case end to end: an Android backup (calls and SMS/MMS) plus an
operator CSV and an operator XLSX that overlap it must give exactly the
per-party counts of the story the sample generator wrote down
(samples/truth.json, computed by the generator from the contacts it
invented, not by calllog)."""

from __future__ import annotations

import hashlib
import json
import os
import time
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from calllog.case import Case
from calllog.cli.main import cli
from calllog.demo import build_demo_case, sample_files, samples_dir
from calllog.ingest import import_files
from calllog.parties import parties_document

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TRUTH = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))
COUNTED = ("incoming", "outgoing", "calls_in", "messages_in", "calls_out", "messages_out",
           "unanswered_calls", "first", "last")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Case:
    case, results = build_demo_case(tmp_path_factory.mktemp("demo") / "case")
    assert not any(r.failed for r in results)
    return case


def test_the_samples_folder_is_found_next_to_the_package() -> None:
    assert samples_dir() == SAMPLES
    assert [p.name for p in sample_files(SAMPLES)] == [
        "calls-20260430.xml", "sms-20260430.xml", "operator-2026-02-03.csv", "operator-2026-04.xlsx",
    ]


def test_totals_match_the_story(demo: Case) -> None:
    events = parties_document(demo)["events"]
    assert events == {
        "total": TRUTH["totals"]["events"],
        "calls": TRUTH["totals"]["calls"],
        "messages": TRUTH["totals"]["messages"],
        "corroborated": TRUTH["totals"]["corroborated"],
    }


def test_every_party_is_counted_exactly(demo: Case) -> None:
    found = {p["party"]: {k: p[k] for k in COUNTED} for p in parties_document(demo)["parties"]}
    expected = {p["party"]: {k: p[k] for k in COUNTED} for p in TRUTH["parties"]}
    assert found == expected


def test_missed_rejected_and_blocked_calls_are_all_kept(demo: Case) -> None:
    statuses = dict(
        demo.store.conn.execute(
            "SELECT status, COUNT(*) FROM events WHERE channel_class = 'call' AND direction = 'in' GROUP BY status"
        ).fetchall()
    )
    truth: dict[str, int] = {}
    for contact in TRUTH["contacts"]:
        if contact["class"] == "call" and contact["direction"] == "in":
            truth[contact["status"]] = truth.get(contact["status"], 0) + 1
    assert statuses == truth
    assert {"missed", "rejected", "blocked"} <= set(statuses)


def test_every_contact_lists_exactly_the_files_that_show_it(demo: Case) -> None:
    # the backups are imported first, so each event keeps the phone's instant, as the truth does
    rows = demo.store.conn.execute(
        "SELECT e.party, e.channel_class, e.direction, e.instant_us, group_concat(s.name, '|') AS files "
        "FROM events e JOIN event_sources l ON l.event_id = e.id JOIN sources s ON s.id = l.source_id "
        "GROUP BY e.id"
    ).fetchall()
    found = sorted((r[0], r[1], r[2], r[3] // 1000, tuple(sorted(r[4].split("|")))) for r in rows)
    expected = sorted(
        (c["party"], c["class"], c["direction"], _ms(c["instant_utc"]), tuple(sorted(c["files"])))
        for c in TRUTH["contacts"]
    )
    assert found == expected


def _ms(iso_utc: str) -> int:
    return int(datetime.fromisoformat(iso_utc.replace("Z", "+00:00")).timestamp() * 1000 + 0.5)


def test_every_original_is_kept_byte_for_byte(demo: Case) -> None:
    for path in sample_files(SAMPLES):
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        kept = demo.original_path(sha, path.name)
        assert kept.read_bytes() == path.read_bytes()


def test_importing_everything_again_changes_nothing(demo: Case) -> None:
    before = parties_document(demo)
    results = import_files(demo, sample_files(SAMPLES))
    assert [r.already_imported for r in results] == [True] * 4
    assert parties_document(demo) == before


def test_the_order_of_import_does_not_change_the_counts(tmp_path: Path) -> None:
    case = Case.create(tmp_path / "reversed", ["+32470000001"])
    import_files(case, list(reversed(sample_files(SAMPLES))))
    found = {p["party"]: {k: p[k] for k in COUNTED if k not in ("first", "last")}
             for p in parties_document(case)["parties"]}
    expected = {p["party"]: {k: p[k] for k in COUNTED if k not in ("first", "last")} for p in TRUTH["parties"]}
    assert found == expected
    assert parties_document(case)["events"]["total"] == TRUTH["totals"]["events"]


def test_the_demo_command_prints_the_parties_and_writes_the_pack(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", "-o", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Demo case (fictional data, see samples/STORY.md) in {(tmp_path / 'demo' / 'case').resolve()}"
    totals = (
        f"{TRUTH['totals']['events']} events ({TRUTH['totals']['calls']} calls, "
        f"{TRUTH['totals']['messages']} messages), {TRUTH['totals']['corroborated']} shown by more than one file. "
        "Times in Europe/Brussels."
    )
    assert totals in lines
    busiest = max(TRUTH["parties"], key=lambda p: (p["incoming"] + p["outgoing"]))
    assert busiest["party"] == "+32470000067"
    assert lines[8].startswith("+32 470 00 00 67")
    pack = tmp_path / "demo" / "pack"
    assert f"Evidence pack written to {pack.resolve()}:" in lines
    assert lines[-1] == f"Check it later with: calllog verify {pack}"
    assert (pack / "summary.pdf").is_file() and (pack / "MANIFEST.sha256").is_file()


def test_a_different_machine_time_zone_gives_the_same_case(tmp_path: Path, demo: Case) -> None:
    expected = parties_document(demo)
    old = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    try:
        case = Case.create(tmp_path / "elsewhere", ["+32470000001"])
        import_files(case, sample_files(SAMPLES))
        assert parties_document(case) == expected
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()
