"""No cell is ever a formula, text stays exactly as sent, what XML cannot
hold is shown visibly, and nothing is cut: long texts go on over
continuation rows, many events over continuation sheets."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from calllog.report import workbook_cells
from calllog.report.workbook_text import EXCEL_TEXT_LIMIT, text_parts, utf16_length, visible_text
from tests.test_workbook_support import (
    event, excel_decoded, has_formula_element, make_input, message, rows_of, sheet_xml, write,
)

HOSTILE = [
    '=HYPERLINK("http://x.invalid","click")',
    "=1+1",
    "+32 470 12 34 56",
    "-- x",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    "a\r\nb",
    "#N/A",
    "#DIV/0!",
    "'quoted",
    " leading and trailing ",
    "=",
    "<b>&amp;</b>",
]


def test_hostile_texts_are_strings_exactly_as_sent(tmp_path: Path) -> None:
    rows = [message(n, f"2026-01-10T09:{n:02d}:00", text) for n, text in enumerate(HOSTILE)]
    path = write(tmp_path / "w.xlsx", make_input(rows))
    events = load_workbook(path)["Events"]
    cells = [events.cell(row, 12) for row in range(2, 2 + len(HOSTILE))]
    assert [c.value for c in cells] == HOSTILE
    assert {c.data_type for c in cells} == {"s"}
    assert not any(has_formula_element(xml) for xml in sheet_xml(path).values())


def test_hostile_numbers_names_and_attachments_are_strings_too(tmp_path: Path) -> None:
    rows = [event(1, "2026-01-10T09:00:00", party_raw="=cmd|' /C calc'!A0", attachments='["=evil().jpg"]')]
    path = write(tmp_path / "w.xlsx", make_input(rows, suspect=False, names={"+32470000066": "@Jens"}),
                 include_all=True)
    row = load_workbook(path)["Events"][2]
    assert (row[7].value, row[9].value, row[12].value) == ("=cmd|' /C calc'!A0", "@Jens", "=evil().jpg")
    assert row[7].data_type == row[9].data_type == row[12].data_type == "s"


def test_a_case_title_starting_with_equals_is_text(tmp_path: Path) -> None:
    path = write(tmp_path / "w.xlsx", make_input([event(1, "2026-01-10T09:00:00")]), title="=2+2 & co")
    summary = load_workbook(path)["Summary"]
    assert summary["B3"].value == "=2+2 & co" and summary["B3"].data_type == "s"


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\x01b", "a\u2401b"),          # U+0001 -> SYMBOL FOR START OF HEADING
    ("\x00", "\u2400"),
    ("esc\x1b[31m", "esc\u241b[31m"),
    ("\x0b\x0c", "\u240b\u240c"),
    ("tab\tnew\nline\rcr", "tab\tnew\nline\rcr"),  # XML holds these: unchanged
    ("\ufffe\uffff", "[U+FFFE][U+FFFF]"),
    ("é😀", "é😀"),
])
def test_characters_xml_cannot_hold_are_shown_visibly(raw: str, shown: str) -> None:
    assert visible_text(raw) == shown


def test_control_characters_reach_the_cell_visibly_and_nothing_is_cut(tmp_path: Path) -> None:
    text = "begin\x01middle\x1f\x00end"
    path = write(tmp_path / "w.xlsx", make_input([message(1, "2026-01-10T09:00:00", text)]))
    assert load_workbook(path)["Events"]["L2"].value == "begin\u2401middle\u241f\u2400end"


def test_an_excel_escape_in_a_text_is_escaped_so_excel_shows_it_as_sent(tmp_path: Path) -> None:
    # Excel's escape is a lower-case "_x" and four hex digits; "_X00e9_" is not one
    text = "code _x0041_ and _x00e9_ but _X00e9_ stay"
    path = write(tmp_path / "w.xlsx", make_input([message(1, "2026-01-10T09:00:00", text)]))
    stored = load_workbook(path)["Events"]["L2"].value
    assert stored == "code _x005F_x0041_ and _x005F_x00e9_ but _X00e9_ stay"
    assert excel_decoded(stored) == text


def test_a_carriage_return_is_written_as_a_character_reference(tmp_path: Path) -> None:
    path = write(tmp_path / "w.xlsx", make_input([message(1, "2026-01-10T09:00:00", "a\rb")]))
    assert b"<t>a&#13;b</t>" in sheet_xml(path)["xl/worksheets/sheet2.xml"]
    with zipfile.ZipFile(path) as archive:
        assert not any(b"\r" in archive.read(name) for name in archive.namelist() if name.endswith(".xml"))


@pytest.mark.parametrize(("raw", "sizes"), [
    ("x" * EXCEL_TEXT_LIMIT, [EXCEL_TEXT_LIMIT]),
    ("x" * (EXCEL_TEXT_LIMIT + 1), [EXCEL_TEXT_LIMIT, 1]),
    ("x" * 70_000, [EXCEL_TEXT_LIMIT, EXCEL_TEXT_LIMIT, 70_000 - 2 * EXCEL_TEXT_LIMIT]),
    # an emoji counts twice in Excel (UTF-16): 20,000 of them are 40,000 units
    ("😀" * 20_000, [16_383, 3_617]),
    ("", [0]),
])
def test_text_parts_sizes(raw: str, sizes: list[int]) -> None:
    parts = text_parts(raw)
    assert [len(p) for p in parts] == sizes
    assert "".join(parts) == raw


def test_text_parts_leave_room_for_the_underscore_escape() -> None:
    raw = "_x0041_" * 5_000  # 35,000 characters, 65,000 once escaped
    parts = text_parts(raw)
    assert all(len(p) <= EXCEL_TEXT_LIMIT for p in parts)
    assert "".join(excel_decoded(p) for p in parts) == raw


@given(st.text(alphabet=st.sampled_from(["a", "_", "x", "0", "4", "1", "\x01", "😀", "\r"]), max_size=300),
       st.integers(min_value=8, max_value=40))
def test_text_parts_keep_every_character_within_the_limit(raw: str, limit: int) -> None:
    parts = text_parts(raw, limit)
    assert all(utf16_length(excel_decoded(p)) <= limit and len(p) <= limit for p in parts)
    assert "".join(excel_decoded(p) for p in parts) == visible_text(raw)


def test_a_long_message_goes_on_over_continuation_rows(tmp_path: Path) -> None:
    text = "".join(f"{n:06d} " for n in range(10_000))  # 70,000 characters
    rows = [message(1, "2026-01-10T09:00:00", text), message(2, "2026-01-10T10:00:00", "short")]
    events = rows_of(write(tmp_path / "w.xlsx", make_input(rows)), "Events")
    assert len(events) == 1 + 3 + 1
    first, second, third, after = events[1:]
    assert first[:3] == second[:3] == third[:3] == events[1][:3]  # No., date and time repeated
    assert (second[3], second[7], third[13]) == (None, None, None)
    assert second[14] == third[14] == "(continued)"
    assert first[14] is None
    assert first[11] + second[11] + third[11] == text
    assert after[0] == 2 and after[11] == "short"


def test_more_events_than_a_sheet_holds_continue_on_a_next_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook_cells, "MAX_DATA_ROWS", 3)
    rows = [event(n, f"2026-01-{n + 9:02d}T09:00:00") for n in range(1, 9)]
    for lang, names in (("en", ["Events", "Events (2)", "Events (3)"]),
                        ("nl", ["Gebeurtenissen", "Gebeurtenissen (2)", "Gebeurtenissen (3)"])):
        path = write(tmp_path / f"{lang}.xlsx", make_input(rows, language=lang))
        book = load_workbook(path)
        assert [name for name in book.sheetnames if name.startswith(names[0])] == names
        numbers = []
        for name in names:
            ws = book[name]
            assert ws["A1"].value == ("No." if lang == "en" else "Nr.")
            assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
            assert ws.auto_filter.ref == f"A1:O{ws.max_row}"
            numbers += [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
        assert numbers == list(range(1, 9))
        assert [book[name].max_row for name in names] == [4, 4, 3]
