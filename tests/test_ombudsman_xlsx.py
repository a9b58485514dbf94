"""The Ombudsman list as a workbook: typed cells, no formula ever, real
dates and times, printable on A4, the same bytes every time."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from calllog.cli.main import cli
from calllog.report.ombudsman import OmbudsmanCall, OmbudsmanList, write_xlsx
from calllog.timeutil import zone
from tests.test_ombudsman import FEBRUARY, make_case

HOSTILE = ("=cmd|' /C calc'!A0", "+32 470 00 00 01", "-1+1", "@SUM(A1)", "\tTAB", "=HYPERLINK(\"x\")")


def write_list(case_dir: Path, out: Path, *options: str) -> Worksheet:
    result = CliRunner().invoke(cli, ["-C", str(case_dir), "ombudsman", "-o", str(out), *options],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    assert isinstance(sheet, Worksheet)
    return sheet


def data_rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return [row for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    return make_case(tmp_path, FEBRUARY)


def test_one_row_per_withheld_call_with_real_dates_and_times(case_dir: Path, tmp_path: Path) -> None:
    sheet = write_list(case_dir, tmp_path / "ombudsman-nl.xlsx")
    assert sheet.title == "Ombudsdienst"
    assert data_rows(sheet) == [
        (1, datetime(2026, 2, 10), time(21, 0, 5), "+32 470 00 00 01", "geheim nummer", "gemist", None),
        (2, datetime(2026, 2, 10), time(23, 45, 0), "+32 470 00 00 01", "geheim nummer", "geweigerd", None),
        (3, datetime(2026, 2, 11), time(0, 30, 30), "+32 470 00 00 01", "geheim nummer", "beantwoord", None),
    ]
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Nr.")
    first = sheet.cell(header + 1, 1)
    assert [sheet.cell(header, c).value for c in range(1, 8)] == [
        "Nr.", "Datum", "Uur", "Opgeroepen nummer (uw lijn)", "Nummer van de beller", "Status", "Opmerking"]
    assert (sheet.cell(first.row, 2).number_format, sheet.cell(first.row, 3).number_format) == ("DD/MM/YYYY", "HH:MM:SS")
    assert [sheet.cell(first.row, c).data_type for c in range(1, 7)] == ["n", "d", "d", "s", "s", "s"]
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.cell(1, 1).value == "Lijst van kwaadwillige oproepen voor de Ombudsdienst voor Telecommunicatie"
    assert sheet.cell(7, 1).value == "Aantal oproepen: 3"


def test_the_page_is_a4_fit_to_width(case_dir: Path, tmp_path: Path) -> None:
    sheet = write_list(case_dir, tmp_path / "list.xlsx")
    assert sheet.page_setup.paperSize == 9  # A4 in the OOXML paper size table
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True


def test_no_cell_is_a_formula(case_dir: Path, tmp_path: Path) -> None:
    sheet = write_list(case_dir, tmp_path / "list.xlsx", "--number", "0470 00 00 66", "--number", "+33612345678")
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    tz = zone("Europe/Brussels")
    calls = tuple(
        OmbudsmanCall(i, datetime(2026, 2, 10, 21, 0, tzinfo=timezone.utc).astimezone(tz), text, text, text, i)
        for i, text in enumerate(HOSTILE, start=1)
    )
    listing = OmbudsmanList("en", "Europe/Brussels", ("withheld",), date(2026, 2, 10), date(2026, 2, 10),
                            calls, (), False)
    out = tmp_path / "hostile.xlsx"
    write_xlsx(listing, out)
    with zipfile.ZipFile(out) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = load_workbook(out).active
    assert isinstance(sheet, Worksheet)
    rows = data_rows(sheet)
    assert [row[3:6] for row in rows] == [(text, text, text) for text in HOSTILE]
    assert all(sheet.cell(r, c).data_type == "s" for r in range(1, sheet.max_row + 1) for c in (4, 5, 6)
               if sheet.cell(r, c).value is not None)


def test_foreign_calls_are_apart_under_their_reason(case_dir: Path, tmp_path: Path) -> None:
    sheet = write_list(case_dir, tmp_path / "fr.xlsx", "--lang", "fr", "--number", "0470 00 00 66",
                       "--number", "+33612345678")
    assert sheet.title == "Médiation"
    column_a = [cell.value for cell in sheet["A"]]
    apart = column_a.index("Appels de l'étranger (mentionnés à part)")
    assert column_a[apart + 1].startswith("Le Service de Médiation ne peut pas identifier les appels")  # type: ignore[union-attr]
    rows = data_rows(sheet)
    assert [(row[0], row[4], row[5]) for row in rows] == [(1, "+32 470 00 00 66", "bloqué"),
                                                         (1, "+33 6 12 34 56 78", "manqué")]
    assert column_a.index(1) < apart < len(column_a) - 1 - column_a[::-1].index(1)


def test_the_same_list_gives_the_same_bytes(case_dir: Path, tmp_path: Path) -> None:
    write_list(case_dir, tmp_path / "a.xlsx")
    write_list(case_dir, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    workbook = load_workbook(tmp_path / "a.xlsx")
    assert workbook.properties.created == workbook.properties.modified == datetime(1980, 1, 1)
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
