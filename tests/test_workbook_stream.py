"""The fast way the workbook is written gives what openpyxl's own cells
give: one reused cell per column (``workbook_stream``), values made a
column at a time (``workbook_event_values``), each text checked once per
column, and the archive written in one pass (``workbook_save``)."""

from __future__ import annotations

import math
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from calllog.report import workbook_save, workbook_stream
from calllog.report.workbook_cells import Column, TableWriter, add_rows, add_styles
from calllog.report.workbook_event_values import per_distinct
from calllog.report.workbook_save import save_reproducibly
from tests.test_workbook_support import rows_of

MADE = datetime(2026, 5, 1, 10, 0, 0)
KINDS = ("int", "date", "time", "duration", "datetime", "text")


def table_workbook(path: Path, rows: list[tuple[object, ...]], kinds: tuple[str, ...] = KINDS,
                   width: float = 10) -> Path:
    """A workbook with one table of ``rows`` under columns of ``kinds``."""
    book = Workbook(write_only=True)
    add_styles(book)
    columns = [Column(f"column {n}", width, kind) for n, kind in enumerate(kinds)]
    add_rows(TableWriter(book, "Table", columns, "en", "Title"), rows)
    return save_reproducibly(book, path, MADE)


def plain_values(path: Path, rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """The same rows through openpyxl's own cells, as openpyxl reads them back."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Table")
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return rows_of(path, "Table")


def test_a_reused_column_cell_never_carries_a_value_into_the_next_row(tmp_path: Path) -> None:
    rows: list[tuple[object, ...]] = [
        (1, date(2026, 1, 10), time(9, 0), timedelta(seconds=61), datetime(2026, 1, 10, 9, 0), "first"),
        (None, None, None, None, None, None),
        (3, None, time(23, 59, 59), None, None, ""),
        (4, date(2026, 1, 10), None, timedelta(0), None, None),
    ]
    read = rows_of(table_workbook(tmp_path / "t.xlsx", rows), "Table")[1:]
    assert read == [
        (1, datetime(2026, 1, 10), time(9, 0), timedelta(seconds=61), datetime(2026, 1, 10, 9, 0), "first"),
        (None, None, None, None, None, None),
        (3, None, time(23, 59, 59), None, None, None),  # an empty text reads back as no value
        (4, datetime(2026, 1, 10), None, timedelta(0), None, None),
    ]


def test_moments_are_the_numbers_openpyxl_itself_writes(tmp_path: Path) -> None:
    rows: list[tuple[object, ...]] = [
        (n, date(2026, 3, 29), time(2, 30, 15, 250_000), timedelta(seconds=seconds), datetime(1900, 2, 28, 12), "x")
        for n, seconds in enumerate((0.5, 3725.0, 90061.25, 1e-6))
    ]
    ours = rows_of(table_workbook(tmp_path / "ours.xlsx", rows), "Table")[1:]
    assert ours == plain_values(tmp_path / "plain.xlsx", rows)


def test_other_values_keep_their_types_and_nothing_becomes_a_formula(tmp_path: Path) -> None:
    rows: list[tuple[object, ...]] = [(True, "=1+1", 2.5, "#N/A", datetime(2026, 1, 1, 8), "@SUM(A1)")]
    path = table_workbook(tmp_path / "t.xlsx", rows, kinds=("int", "int", "int", "text", "text", "text"))
    cells = list(load_workbook(path)["Table"].iter_rows(min_row=2))[0]
    assert [c.value for c in cells] == [True, "=1+1", 2.5, "#N/A", datetime(2026, 1, 1, 8), "@SUM(A1)"]
    assert [c.data_type for c in cells] == ["b", "s", "n", "s", "d", "s"]  # a moment in a text column: as before


def test_a_value_no_cell_holds_is_refused() -> None:
    book = Workbook(write_only=True)
    add_styles(book)
    table = TableWriter(book, "Table", [Column("c", 10, "int"), Column("d", 10)], "en", "Title")
    with pytest.raises(TypeError, match="cannot hold dict"):
        table.add_row([1, {"a": 1}])
    for sheet in table.sheets:
        sheet.close()


def test_each_text_gets_its_height_and_its_continuation_every_time_it_occurs(tmp_path: Path) -> None:
    long = "y" * 40_000
    rows: list[tuple[object, ...]] = [("a\nb\nc", "x"), ("x", "a\nb\nc"), (long, "one"), (long, "two"), ("x", "x")]
    path = table_workbook(tmp_path / "t.xlsx", rows, kinds=("text", "text"))
    sheet = load_workbook(path)["Table"]
    assert [row[1] for row in sheet.iter_rows(values_only=True)][1:] == ["x", "a\nb\nc", "one", None, "two", None, "x"]
    assert [sheet.row_dimensions[n].height for n in range(2, 9)] == [45, 45, 409, 409, 409, 409, None]


def test_per_distinct_gives_what_each_value_gives() -> None:
    values = pd.Series(["b", None, "a", "b", float("nan"), "a"], dtype=object)
    made = per_distinct(values, lambda v: f"<{v}>" if isinstance(v, str) else None)
    assert made == ["<b>", None, "<a>", "<b>", None, "<a>"]
    numbers = pd.Series([1.5, math.nan, 1.5, 0.0])
    assert per_distinct(numbers, lambda v: None if pd.isna(v) else timedelta(seconds=float(v))) == [  # type: ignore[arg-type]
        timedelta(seconds=1.5), None, timedelta(seconds=1.5), timedelta(0)]


def test_the_archive_is_written_in_one_pass_with_fixed_dates_and_crs_kept(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook_save, "_CHUNK", 7)  # a CR on every side of a chunk boundary
    rows: list[tuple[object, ...]] = [(n, None, None, None, None, f"line {n}\r\nand\rmore") for n in range(20)]
    first = table_workbook(tmp_path / "1.xlsx", rows)
    second = table_workbook(tmp_path / "2.xlsx", rows)
    assert first.read_bytes() == second.read_bytes()
    assert not (tmp_path / "1.xlsx.partial").exists()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {workbook_save.ZIP_ENTRY_TIME}
        assert not any(b"\r" in archive.read(name) for name in archive.namelist())
    assert [row[5] for row in rows_of(first, "Table")[1:]] == [f"line {n}\r\nand\rmore" for n in range(20)]


def test_a_failed_save_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(data: bytes) -> bytes:
        if b"<sheetData" in data:  # while the sheet is copied into the archive
            raise OSError(28, "No space left on device")
        return data

    monkeypatch.setattr(workbook_save, "_with_cr_references", disk_full)
    with pytest.raises(OSError):
        table_workbook(tmp_path / "t.xlsx", [(1, None, None, None, None, "x")])
    assert list(tmp_path.iterdir()) == []


def test_without_openpyxl_s_row_hook_every_value_gets_its_own_cell_and_the_same_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows: list[tuple[object, ...]] = [
        (n, date(2026, 1, n), time(n, 30), timedelta(seconds=n), datetime(2026, 1, n, 8), f"=text {n}\n{'x' * n}")
        for n in range(1, 20)
    ] + [(None, None, None, None, None, None), (True, None, None, None, None, "y" * 40_000)]
    fast = table_workbook(tmp_path / "fast.xlsx", rows)
    monkeypatch.setattr(workbook_stream, "_CAN_REUSE_CELLS", False)
    slow = table_workbook(tmp_path / "slow.xlsx", rows)
    assert fast.read_bytes() == slow.read_bytes()
