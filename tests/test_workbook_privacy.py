"""Privacy by default: numbers of people not involved appear in no row of
the workbook, only as a count on the Summary, unless ``include_all``.

The demo case (samples/STORY.md) has 841 events: Jens's two numbers made
368 contacts and received 4, a withheld number called 130 times; the 339
other events are with 7 other parties (family, work, the GP, a short
code, 101 and 1712)."""

from __future__ import annotations

from pathlib import Path

import pytest

from calllog.phone import display_number
from calllog.report.workbook import write_case_workbook
from tests.test_workbook_support import (
    JENS, OTHER_NAMES, OTHERS, demo_case, event, every_string, make_input, rows_of, write,
)

LISTED = 368 + 4 + 130


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("privacy")
    marked = demo_case(folder / "marked")
    unmarked = demo_case(folder / "unmarked", person=False, notice=False)
    try:
        write_case_workbook(marked, folder / "default.xlsx")
        write_case_workbook(marked, folder / "all.xlsx", include_all=True)
        write_case_workbook(unmarked, folder / "unmarked.xlsx")
    finally:
        marked.close()
        unmarked.close()
    return {name: folder / f"{name}.xlsx" for name in ("default", "all", "unmarked")}


def long_numbers() -> list[str]:
    return [form for party in OTHERS if party.startswith("+") for form in (party, display_number(party))]


@pytest.mark.parametrize("book", ["default", "unmarked"])
def test_other_numbers_and_names_appear_nowhere(books: dict[str, Path], book: str) -> None:
    strings = every_string(books[book])
    for form in long_numbers():
        assert not any(form in s for s in strings), form
    events = rows_of(books[book], "Events")
    assert len(events) == 1 + LISTED
    assert {row[8] for row in events[1:]} == {display_number(JENS[0]), display_number(JENS[1]), "withheld number"}
    assert not {row[7] for row in events[1:]} & {"8855", "101", "1712"}
    assert not {row[9] for row in events[1:]} & set(OTHER_NAMES)
    summary = [cell for row in rows_of(books[book], "Summary") for cell in row if cell]
    assert not any(name in cell for cell in summary for name in OTHER_NAMES)


def test_the_summary_counts_what_it_leaves_out(books: dict[str, Path]) -> None:
    summary = rows_of(books["default"], "Summary")
    assert ("Other numbers", None) in summary
    assert (None, "Not listed in this workbook: 339 contacts with 7 other numbers. Those numbers are neither a "
                  "person of interest nor a withheld number (family, work ...); they are only counted. Make the "
                  "workbook with --include-all to list them.") in summary


def test_without_a_person_of_interest_the_numbers_consistent_with_belaging_are_listed(books: dict[str, Path]) -> None:
    summary = rows_of(books["unmarked"], "Summary")
    headings = [row[0] for row in summary if row[0] and row[0].startswith("Number whose")]
    assert headings == ["Number whose contacts are consistent with belaging: +32 470 00 00 67",
                        "Number whose contacts are consistent with belaging: +32 470 00 00 66 (Jens)"]
    assert any(row[1] and row[1].startswith("No person of interest is marked in the case.") for row in summary)


def test_include_all_lists_every_event(books: dict[str, Path]) -> None:
    events = rows_of(books["all"], "Events")
    assert len(events) == 1 + 841
    assert set(OTHER_NAMES) <= {row[9] for row in events[1:]}
    summary = rows_of(books["all"], "Summary")
    assert (None, "Every number of the case is listed on the Events sheet (made with --include-all).") in summary


def test_with_nothing_consistent_only_withheld_calls_are_listed(tmp_path: Path) -> None:
    rows = [
        event(1, "2026-01-10T09:00:00", party="+32470000020", party_raw="0470000020"),
        event(2, "2026-01-11T09:00:00", party="withheld", party_raw="Privénummer", party_quality="withheld"),
    ]
    path = write(tmp_path / "w.xlsx", make_input(rows, suspect=False))
    events = rows_of(path, "Events")
    assert [row[0] for row in events[1:]] == [2]
    summary = rows_of(path, "Summary")
    assert any(row[1] and row[1].startswith("No person of interest is marked and no number's contacts") for row in summary)
    summary_texts = [row[1] for row in summary if row[1]]
    assert any(t.startswith("Not listed in this workbook: 1 contact with 1 other number. ") for t in summary_texts)
    assert not any("470000020" in s or "470 00 00 20" in s for s in every_string(path))
