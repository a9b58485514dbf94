"""The diary: entries as a user types them, evidence kept byte for byte,
edits that keep every earlier value, times read in the case's zone."""

from __future__ import annotations

import hashlib
import json
import stat
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from calllog import diary
from calllog.case import Case
from calllog.cli.main import cli
from calllog.diary import DiaryError, add_entry, diary_markers, edit_entry, list_entries, read_kind, read_when
from calllog.timeutil import zone

UTC = timezone.utc
BRUSSELS = zone("Europe/Brussels")
HOSTILE = "=cmd|' /C calc'!A0"
SCREENSHOT = b"\x89PNG\r\n\x1a\n fictional screenshot \x00\xff\xfe"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


class Clock:
    """utc_now() for the tests: each call gives the next of ``times``."""

    def __init__(self, *times: datetime) -> None:
        self.times = list(times)

    def __call__(self) -> datetime:
        return self.times.pop(0) if len(self.times) > 1 else self.times[0]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fixed = Clock(datetime(2026, 3, 1, 9, 0, 0, 123456, tzinfo=UTC))
    monkeypatch.setattr(diary, "utc_now", fixed)
    return fixed


@pytest.fixture
def case_dir(tmp_path: Path, clock: Clock) -> Path:
    folder = tmp_path / "case"
    Case.create(folder, ["+32470000001"]).close()
    return folder


@pytest.fixture
def case(case_dir: Path) -> Iterator[Case]:
    opened = Case.open(case_dir)
    yield opened
    opened.close()


@pytest.fixture
def screenshot(tmp_path: Path) -> Path:
    path = tmp_path / "screenshot.png"
    path.write_bytes(SCREENSHOT)
    return path


@pytest.mark.parametrize(
    ("written", "instant", "tidy"),
    [
        ("2026-02-03 18:30", datetime(2026, 2, 3, 17, 30, tzinfo=UTC), "2026-02-03 18:30"),  # winter: +01:00
        ("2026-02-03T18:30", datetime(2026, 2, 3, 17, 30, tzinfo=UTC), "2026-02-03 18:30"),
        ("03/02/2026 18:30", datetime(2026, 2, 3, 17, 30, tzinfo=UTC), "2026-02-03 18:30"),  # day first
        ("3/2/2026 18h30", datetime(2026, 2, 3, 17, 30, tzinfo=UTC), "2026-02-03 18:30"),
        ("03.02.2026 8u05", datetime(2026, 2, 3, 7, 5, tzinfo=UTC), "2026-02-03 08:05"),
        ("2026-07-01 09:15:20", datetime(2026, 7, 1, 7, 15, 20, tzinfo=UTC), "2026-07-01 09:15:20"),  # summer
        # the October hour that happens twice: its first occurrence (+02:00)
        ("2026-10-25 02:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "2026-10-25 02:30"),
        # the March hour the clocks skip: read with the offset before the gap
        ("2026-03-29 02:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "2026-03-29 02:30"),
    ],
)
def test_when_is_read_in_the_case_zone(written: str, instant: datetime, tidy: str) -> None:
    read = read_when(written, BRUSSELS)
    assert (read.instant_utc, read.written) == (instant, tidy)
    assert read.ambiguous == written.startswith("2026-10-25")
    assert read.nonexistent == written.startswith("2026-03-29")


@pytest.mark.parametrize("written", ["2026-02-30 10:00", "2026-02-03", "18:30", "2026-02-03 25:00", "yesterday", ""])
def test_a_when_that_is_no_date_and_time_is_refused(written: str) -> None:
    with pytest.raises(DiaryError) as caught:
        read_when(written, BRUSSELS)
    assert caught.value.message == f"'{written}' is not a date and time calllog can read."


@pytest.mark.parametrize(
    ("given", "kind"),
    [
        ("following", "following"), ("Achtervolging", "following"), ("filature", "following"),
        ("waiting near the home", "waiting_near_home"), ("Opwachten in de buurt van de woning", "waiting_near_home"),
        ("Livraison de marchandises non commandées", "deliveries"), ("LIVRAISON DE MARCHANDISES NON COMMANDEES", "deliveries"),
        ("Berichten op sociale media", "social_media"), ("réseaux sociaux", "social_media"),
        ("Menaces envers la victime ou sa famille", "threats"), ("bedreiging", "threats"),
        ("Dégâts matériels", "damage"), ("sms", "messages"), ("Autre", "other"),
    ],
)
def test_kind_is_a_key_or_a_label_in_any_language(given: str, kind: str) -> None:
    assert read_kind(given) == kind


def test_an_unknown_kind_names_the_kinds(case_dir: Path) -> None:
    result = run("-C", str(case_dir), "diary", "add", "--when", "2026-02-03 18:30", "--what", "x", "--kind", "stalking")
    assert result.exit_code == 1
    assert result.output == (
        "Error: 'stalking' is not a kind of incident calllog knows.\n"
        "Hint: Use one of: following, watching, waiting_near_home, deliveries, gifts, social_media, threats, "
        "blackmail, calls, messages, letters, damage, other.\n"
    )


def test_add_keeps_the_evidence_byte_for_byte_named_by_its_hash(case_dir: Path, screenshot: Path) -> None:
    sha = hashlib.sha256(SCREENSHOT).hexdigest()
    result = run("-C", str(case_dir), "diary", "add", "--when", "2026-02-03 18:30", "--kind", "achtervolging",
                 "--what", "He followed me from the station to my door.", "--evidence", str(screenshot))
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Added diary entry #1: 2026-02-03 18:30, Following.\n"
        f"  kept screenshot.png as originals/{sha}.png (SHA-256 {sha})\n"
    )
    kept = case_dir / "originals" / f"{sha}.png"
    assert kept.read_bytes() == SCREENSHOT
    assert not kept.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert sorted(p.name for p in (case_dir / "originals").iterdir()) == [kept.name]  # no temporary folder left
    case = Case.open(case_dir)
    [entry] = list_entries(case)
    case.close()
    assert [(e.name, e.sha256, e.size) for e in entry.evidence] == [("screenshot.png", sha, len(SCREENSHOT))]


def test_a_missing_evidence_file_stores_nothing(case_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "voicemail.m4a"
    result = run("-C", str(case_dir), "diary", "add", "--when", "2026-02-03 18:30", "--what", "x",
                 "--evidence", str(missing))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {missing} is not a file calllog can keep as evidence.\nHint: Check the name and the folder.\n"
    )
    case = Case.open(case_dir)
    assert list_entries(case) == []
    case.close()
    assert list((case_dir / "originals").iterdir()) == []


def test_an_entry_needs_words(case: Case) -> None:
    with pytest.raises(DiaryError, match="needs a few words"):
        add_entry(case, "2026-02-03 18:30", "   ")


def _two_entries(case_dir: Path, screenshot: Path, clock: Clock) -> None:
    folder = str(case_dir)
    assert run("-C", folder, "diary", "add", "--when", "2026-02-03 18:30", "--kind", "achtervolging",
               "--what", "He followed me from the station to my door.", "--where", "Gent-Sint-Pieters",
               "--witness", "Ine", "--witness", "Piet Janssens", "--pv", "GE.12.L3.000123/2026",
               "--evidence", str(screenshot)).exit_code == 0
    assert run("-C", folder, "diary", "add", "--when", "01/02/2026 07:05", "--what", HOSTILE,
               "--kind", "Livraison de marchandises non commandées").exit_code == 0
    clock.times = [datetime(2026, 3, 2, 10, 0, tzinfo=UTC)]
    result = run("-C", folder, "diary", "edit", "2", "--what", "A parcel I did not order was left at my door.",
                 "--where", "Thuis")
    assert result.output == "Changed diary entry #2: what, where. The earlier values are kept.\n"


def test_list_shows_every_field_oldest_first_and_what_was_edited(
    case_dir: Path, screenshot: Path, clock: Clock
) -> None:
    _two_entries(case_dir, screenshot, clock)
    sha = hashlib.sha256(SCREENSHOT).hexdigest()
    result = run("-C", str(case_dir), "diary", "list")
    assert result.exit_code == 0
    assert result.output == (
        "#2  2026-02-01 07:05  Deliveries that were not ordered  (edited)\n"
        "    what:      A parcel I did not order was left at my door.\n"
        "    where:     Thuis\n"
        "    earlier:   what was \"=cmd|' /C calc'!A0\" until 2026-03-02T10:00:00Z\n"
        '    earlier:   where was "" until 2026-03-02T10:00:00Z\n'
        "\n"
        "#1  2026-02-03 18:30  Following\n"
        "    what:      He followed me from the station to my door.\n"
        "    where:     Gent-Sint-Pieters\n"
        "    witnesses: Ine, Piet Janssens\n"
        "    PV:        GE.12.L3.000123/2026\n"
        f"    evidence:  screenshot.png ({len(SCREENSHOT)} bytes, SHA-256 {sha})\n"
    )


def test_list_json_is_the_diary_document(case_dir: Path, screenshot: Path, clock: Clock) -> None:
    _two_entries(case_dir, screenshot, clock)
    sha = hashlib.sha256(SCREENSHOT).hexdigest()
    document = json.loads(run("-C", str(case_dir), "diary", "list", "--json").output)
    assert document == {
        "schema": "calllog.diary/1",
        "timezone": "Europe/Brussels",
        "entries": [
            {
                "id": 2, "when": "2026-02-01T07:05:00+01:00", "written": "2026-02-01 07:05",
                "kind": "deliveries", "kind_label": "Bezorging van goederen die niet besteld waren",
                "what": "A parcel I did not order was left at my door.", "where": "Thuis",
                "witnesses": [], "pv": "", "evidence": [], "recorded_at": "2026-03-01T09:00:00Z", "edited": True,
                "history": [
                    {"field": "what", "earlier": HOSTILE, "changed_at": "2026-03-02T10:00:00Z"},
                    {"field": "where", "earlier": "", "changed_at": "2026-03-02T10:00:00Z"},
                ],
            },
            {
                "id": 1, "when": "2026-02-03T18:30:00+01:00", "written": "2026-02-03 18:30",
                "kind": "following", "kind_label": "Achtervolging",
                "what": "He followed me from the station to my door.", "where": "Gent-Sint-Pieters",
                "witnesses": ["Ine", "Piet Janssens"], "pv": "GE.12.L3.000123/2026",
                "evidence": [{"name": "screenshot.png", "sha256": sha, "size": len(SCREENSHOT),
                              "kept_as": f"originals/{sha}.png"}],
                "recorded_at": "2026-03-01T09:00:00Z", "edited": False, "history": [],
            },
        ],
    }


def test_an_empty_diary_says_how_to_add(case_dir: Path) -> None:
    assert run("-C", str(case_dir), "diary", "list").output == (
        'The diary is empty. Add an entry with: calllog diary add --when "YYYY-MM-DD HH:MM" --what TEXT\n'
    )


def test_edits_keep_every_earlier_value_and_never_delete(case: Case, screenshot: Path, clock: Clock) -> None:
    entry, _ = add_entry(case, "2026-02-03 18:30", "First words", witnesses=["Ine"])
    clock.times = [datetime(2026, 3, 5, 8, 0, tzinfo=UTC)]
    edited, changed = edit_entry(case, entry.id, when="2026-02-03 19:45", what="Second words", witnesses=["Ine", "Piet"])
    assert changed == ["when", "what", "witnesses"]
    clock.times = [datetime(2026, 3, 6, 8, 0, tzinfo=UTC)]
    edited, changed = edit_entry(case, entry.id, what="Third words", evidence=[screenshot])
    assert changed == ["what", "evidence"]
    assert edited.what == "Third words"
    assert edited.instant_utc == datetime(2026, 2, 3, 18, 45, tzinfo=UTC)
    assert edited.witnesses == ("Ine", "Piet")
    assert [(c.field, c.earlier, c.changed_at) for c in edited.history] == [
        ("when", "2026-02-03 18:30", "2026-03-05T08:00:00Z"),
        ("what", "First words", "2026-03-05T08:00:00Z"),
        ("witnesses", '["Ine"]', "2026-03-05T08:00:00Z"),
        ("what", "Second words", "2026-03-06T08:00:00Z"),
        ("evidence", "[]", "2026-03-06T08:00:00Z"),
    ]
    assert len(list_entries(case)) == 1


def test_an_edit_that_changes_nothing_says_so(case_dir: Path, clock: Clock) -> None:
    folder = str(case_dir)
    run("-C", folder, "diary", "add", "--when", "2026-02-03 18:30", "--what", "Same")
    assert run("-C", folder, "diary", "edit", "1", "--what", "Same").output == (
        "Diary entry #1 already says that; nothing changed.\n"
    )
    result = run("-C", folder, "diary", "edit", "1")
    assert result.exit_code == 1
    assert result.output == (
        "Error: Nothing to change in diary entry #1.\n"
        "Hint: Give what to change, for example --what TEXT or --evidence FILE.\n"
    )
    result = run("-C", folder, "diary", "edit", "7", "--what", "x")
    assert result.exit_code == 1
    assert result.output == "Error: There is no diary entry #7.\nHint: See the numbers with 'calllog diary list'.\n"


def test_a_time_the_clocks_skip_is_pointed_out(case_dir: Path) -> None:
    result = run("-C", str(case_dir), "diary", "add", "--when", "2026-03-29 02:30", "--what", "Car horn at night")
    assert result.output == (
        "Added diary entry #1: 2026-03-29 03:30, Other.\n"
        "Note: 2026-03-29 02:30 did not exist in Europe/Brussels (the clocks went forward); "
        "it was read as 2026-03-29 03:30. Check the time.\n"
    )


def test_markers_for_the_chart_are_utc_instants_with_the_kind_in_the_case_language(case: Case) -> None:
    add_entry(case, "2026-02-03 18:30", "Followed", kind="following")
    add_entry(case, "2026-01-20 08:00", "Flowers at the door", kind="gifts")
    assert diary_markers(case) == [
        (datetime(2026, 1, 20, 7, 0, tzinfo=UTC), "Ongevraagde bloemen of geschenken"),
        (datetime(2026, 2, 3, 17, 30, tzinfo=UTC), "Achtervolging"),
    ]
    assert diary_markers(case, "fr")[1] == (datetime(2026, 2, 3, 17, 30, tzinfo=UTC), "Filature")


def test_the_machine_zone_changes_nothing(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset exists on Unix only")
    monkeypatch.setenv("TZ", "Pacific/Chatham")
    time.tzset()
    try:
        entry, _ = add_entry(case, "2026-02-03 18:30", "Followed")
        assert entry.instant_utc == datetime(2026, 2, 3, 17, 30, tzinfo=UTC)
        assert diary.diary_document(case)["entries"][0]["when"] == "2026-02-03T18:30:00+01:00"  # type: ignore[index]
    finally:
        monkeypatch.undo()
        time.tzset()
