"""The import pipeline: originals kept, all or nothing, idempotent,
corroboration across sources, the same result in any machine time zone."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from pathlib import Path

import pytest

from calllog.case import Case
from calllog.errors import FormatError, ImportFailed
from calllog.ingest import ImportOptions, import_file, import_files
from calllog.parties import parties_document

OWNER = "+32470000001"
HARASSER = "+32470000066"


def calls_xml(*calls: tuple[str, int, int, int]) -> str:
    """A small SMS Backup & Restore call log: (number, date ms, type, duration)."""
    rows = "\n".join(
        f'  <call number="{number}" duration="{duration}" date="{date}" type="{kind}" presentation="1" />'
        for number, date, kind, duration in calls
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
        f'<calls count="{len(calls)}">\n{rows}\n</calls>\n'
    )


# 2026-02-10 20:00:00 UTC and a few calls after it (ms)
T0 = 1_770_753_600_000
JANUARY_BACKUP = calls_xml(
    (HARASSER, T0, 3, 0),
    (HARASSER, T0 + 60_000, 5, 0),
    ("0470 00 00 66", T0 + 120_000, 6, 0),
    ("-2", T0 + 180_000, 1, 12),
)
# the next backup overlaps: the same four calls (the phone's clock moved 2 s) and one new
FEBRUARY_BACKUP = calls_xml(
    (HARASSER, T0 + 2_000, 3, 0),
    (HARASSER, T0 + 62_000, 5, 0),
    ("+32 470 00 00 66", T0 + 122_000, 6, 0),
    ("", T0 + 182_000, 1, 12),
    (HARASSER, T0 + 86_400_000, 1, 30),
)


@pytest.fixture
def case(tmp_path: Path) -> Case:
    opened = Case.create(tmp_path / "case", [OWNER])
    yield opened
    opened.close()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def party(case: Case, number: str) -> dict[str, object]:
    return next(p for p in parties_document(case)["parties"] if p["party"] == number)


def test_import_keeps_the_original_byte_for_byte_and_read_only(case: Case, tmp_path: Path) -> None:
    path = write(tmp_path, "calls-20260131.xml", JANUARY_BACKUP)
    result = import_file(case, path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    kept = case.originals_dir / f"{sha}.xml"
    assert result.sha256 == sha
    assert kept.read_bytes() == path.read_bytes()
    assert not kept.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert sorted(p.name for p in case.originals_dir.iterdir()) == [kept.name]


def test_every_call_is_kept_and_withheld_is_one_party(case: Case, tmp_path: Path) -> None:
    result = import_file(case, write(tmp_path, "calls.xml", JANUARY_BACKUP))
    assert (result.read, result.imported, result.known, result.skipped) == (4, 4, 0, 0)
    harasser = party(case, HARASSER)
    assert (harasser["incoming"], harasser["calls_in"], harasser["unanswered_calls"]) == (3, 3, 3)
    withheld = party(case, "withheld")
    assert (withheld["incoming"], withheld["unanswered_calls"], withheld["quality"]) == (1, 0, "withheld")


def test_importing_the_same_file_again_changes_nothing(case: Case, tmp_path: Path) -> None:
    path = write(tmp_path, "calls.xml", JANUARY_BACKUP)
    import_file(case, path)
    before = parties_document(case)
    again = import_file(case, path)
    assert again.already_imported
    assert (again.imported, again.known) == (0, 0)
    assert parties_document(case) == before
    assert len(case.store.sources()) == 1
    assert len(list(case.originals_dir.iterdir())) == 1


def test_overlapping_backups_are_corroborated_not_counted_twice(case: Case, tmp_path: Path) -> None:
    import_file(case, write(tmp_path, "calls-jan.xml", JANUARY_BACKUP))
    second = import_file(case, write(tmp_path, "calls-feb.xml", FEBRUARY_BACKUP))
    assert (second.read, second.imported, second.known) == (5, 1, 4)
    document = parties_document(case)
    assert document["events"] == {"total": 5, "calls": 5, "messages": 0, "corroborated": 4}
    assert party(case, HARASSER)["incoming"] == 4
    assert party(case, "withheld")["incoming"] == 1


def test_two_identical_rows_of_one_file_are_two_calls(case: Case, tmp_path: Path) -> None:
    doubled = calls_xml((HARASSER, T0, 3, 0), (HARASSER, T0, 3, 0))
    result = import_file(case, write(tmp_path, "calls.xml", doubled))
    assert (result.imported, result.known) == (2, 0)


def test_a_broken_file_leaves_the_case_as_it_was(case: Case, tmp_path: Path) -> None:
    import_file(case, write(tmp_path, "calls-jan.xml", JANUARY_BACKUP))
    before = parties_document(case)
    originals = sorted(case.originals_dir.iterdir())
    truncated = write(tmp_path, "calls-feb.xml", FEBRUARY_BACKUP[: len(FEBRUARY_BACKUP) // 2])
    with pytest.raises(ImportFailed, match="calls-feb.xml"):
        import_file(case, truncated)
    assert parties_document(case) == before
    assert sorted(case.originals_dir.iterdir()) == originals
    assert len(case.store.sources()) == 1


def test_a_batch_goes_on_past_a_bad_file(case: Case, tmp_path: Path) -> None:
    bad = write(tmp_path, "notes.txt", "just some notes, not an export\n")
    good = write(tmp_path, "calls.xml", JANUARY_BACKUP)
    results = import_files(case, [bad, good, tmp_path / "missing.xml"])
    assert [r.failed for r in results] == [True, False, True]
    assert isinstance(results[0].error, FormatError)
    assert results[1].imported == 4


def test_a_format_named_by_the_user_is_used(case: Case, tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="no format called 'nonsense'"):
        import_file(case, write(tmp_path, "calls.xml", JANUARY_BACKUP), ImportOptions(format="nonsense"))


def test_the_machine_time_zone_never_changes_a_result(case: Case, tmp_path: Path) -> None:
    import_file(case, write(tmp_path, "calls.xml", FEBRUARY_BACKUP))
    expected = parties_document(case)
    old = os.environ.get("TZ")
    try:
        for zone_name in ("America/New_York", "Asia/Kolkata", "Pacific/Chatham"):
            os.environ["TZ"] = zone_name
            time.tzset()
            assert parties_document(case) == expected
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()
    assert party(case, HARASSER)["first"] == "2026-02-10T21:00:02+01:00"


def test_the_events_frame_traces_each_event_to_its_rows(case: Case, tmp_path: Path) -> None:
    import_file(case, write(tmp_path, "calls-jan.xml", JANUARY_BACKUP))
    import_file(case, write(tmp_path, "calls-feb.xml", FEBRUARY_BACKUP))
    frame = case.store.events_frame()
    assert len(frame) == 5
    assert str(frame["instant_utc"].dtype) == "datetime64[ns, UTC]"
    first = frame.iloc[0]
    assert (first["party"], first["status"], first["source_count"]) == (HARASSER, "missed", 2)
    assert first["sources"] == "calls-jan.xml: call 1; calls-feb.xml: call 1"
    assert frame.iloc[-1]["sources"] == "calls-feb.xml: call 5"


def test_an_operator_call_of_unknown_outcome_learns_it_from_the_handset_once(case: Case, tmp_path: Path) -> None:
    """An operator row of 0 s with no result word is 'unknown'; the handset's
    record of the same call says 'missed'. A third source saying otherwise
    changes nothing: the first outcome known is kept."""
    operator = ("Datum;Uur;Nummer;Richting;Duur\n"
                "10/02/2026;21:00:00;0470 00 00 66;Inkomend;0:00:00\n"
                "10/02/2026;21:05:00;0470 00 00 66;Inkomend;0:00:12\n")
    first = import_file(case, write(tmp_path, "operator.csv", operator))
    assert first.imported == 2
    rows = case.store.conn.execute("SELECT id, status FROM events ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [(1, "unknown"), (2, "answered")]

    handset = import_file(case, write(tmp_path, "calls.xml", calls_xml((HARASSER, T0 + 1_000, 3, 0),
                                                                       (HARASSER, T0 + 301_000, 3, 0))))
    assert (handset.imported, handset.known) == (0, 2)
    later = import_file(case, write(tmp_path, "calls-2.xml", calls_xml((HARASSER, T0 + 500, 5, 0))))
    assert (later.imported, later.known) == (0, 1)

    rows = case.store.conn.execute("SELECT id, status, status_raw FROM events ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [(1, "missed", "3"), (2, "answered", "Inkomend")]
    links = case.store.conn.execute(
        "SELECT event_id, source_id, locator FROM event_sources ORDER BY event_id, source_id").fetchall()
    assert [tuple(r) for r in links] == [(1, 1, "row 2"), (1, 2, "call 1"), (1, 3, "call 1"),
                                         (2, 1, "row 3"), (2, 2, "call 2")]
