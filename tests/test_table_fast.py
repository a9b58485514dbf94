"""The column-at-a-time reading of text tables (``table_fast``) gives the
very records and skips of the row-by-row reading, whatever the rows hold.

Tables are generated: title lines, a header, then rows mixing good calls
and messages with everything an export or a hostile hand puts in them
(blank and whitespace lines, short and long rows, total lines, mobile
data, words nobody knows, dates that are no dates, two-digit years, month
first proofs, times in the dates, the repeated and the missing DST hour,
rows in ascending or descending order, CRLF line ends). All numbers are
fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calllog.errors import ImportFailed
from calllog.importers.table import TableImporter
from calllog.importers.table_fast import read_table_columns
from calllog.importers.table_mapping import read_mapping
from calllog.importers.table_plan import plan_table
from tests.golden import context, items_by_columns

IMPORTER = TableImporter()
HEADER = "Datum;Uur;Nummer;Soort;Richting;Duur"

dates = st.sampled_from([
    "03/01/2025", "13/01/2025", "01/13/2025", "30/03/2025", "26/10/2025", "31/02/2025", "2025-10-26",
    "7/4/25", "", "  ", "geen datum", " 03/01/2025 ", "\xa003/01/2025", "03/01/2025 14:05", "00/00/0000", "03.01.2025", "26/10/2025 02:30:00",
])
times = st.sampled_from([
    "10:00:00", "02:30:00", "02:59:59", "03:00:00", "23:59:59", "2:05", "14u30", "25:00:00", "", " ", "x",
    "10:00:00 PM", "12:00 am", " 10:00:00\t",
])
numbers = st.sampled_from(["0470 00 00 01", "+32470000002", "Anoniem", "", '="0470000003"', "1234", "abc"])
kinds = st.sampled_from(["Oproep", "SMS", "MMS", "Mobiel internet", "Onbekend soort", "", "Gesprek"])
directions = st.sampled_from(["Inkomend", "Uitgaand", "Gemist", "Geweigerd", "", "Doorgeschakeld"])
durations = st.sampled_from(["0:00:00", "0:01:20", "1:02:03", "", "12", "1 min 20 s", "-5", "n/a"])
special_lines = st.sampled_from(["", "   ", ";;;;;", "Totaal;;;;;0:10:00", "Subtotaal;12", HEADER, "only one cell"])


@st.composite
def rows(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 9)) == 0:
        return draw(special_lines)
    cells = [draw(dates), draw(times), draw(numbers), draw(kinds), draw(directions), draw(durations)]
    shape = draw(st.integers(0, 12))
    if shape == 0:
        cells = cells[: draw(st.integers(1, 5))]  # a short row
    elif shape == 1:
        cells += ["extra"]  # a long row
    return ";".join(cells)


@st.composite
def tables(draw: st.DrawFn) -> bytes:
    body = draw(st.lists(rows(), min_size=1, max_size=40))
    if draw(st.booleans()):
        body.reverse()  # newest first, as many operators write
    lines = ["Gedetailleerd overzicht (fictief)", "Lijn: 0470 00 00 09", "", HEADER, *body]
    end = "\r\n" if draw(st.booleans()) else "\n"
    return (end.join(lines) + (end if draw(st.booleans()) else "")).encode("cp1252")


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(table=tables())
def test_columns_and_rows_read_a_table_alike(tmp_path: Path, table: bytes) -> None:
    path = tmp_path / "usage.csv"
    path.write_bytes(table)
    ctx = context()
    plan = plan_table(path, read_mapping(None))
    if plan.problem is not None:  # no readable date in the first rows: neither reading starts
        with pytest.raises(ImportFailed):
            list(IMPORTER.extract_columns(path, ctx))
        return
    if b'"' not in table:  # a quote sends the file row by row (below)
        assert read_table_columns(plan, ctx) is not None
    assert items_by_columns(IMPORTER, path, ctx) == list(IMPORTER.extract(path, ctx))


@pytest.mark.parametrize("text, why", [
    ('Datum;Uur;Nummer;Soort;Richting;Duur\n"03/01/2025";10:00:00;0470000001;Oproep;Inkomend;0:00:10\n',
     "quotes: a quoted cell may hold a line break or a delimiter"),
    ("Datum;Uur;Nummer;Soort;Richting;Duur\r03/01/2025;10:00:00;0470000001;Oproep;Inkomend;0:00:10\r",
     "lines ending in a lone carriage return"),
    ("Datum;Uur;Nummer;Soort;Richting;Duur\n03/01/2025;10:00:00;0470\x00000001;Oproep;Inkomend;0:00:10\n",
     "a NUL byte"),
])
def test_a_text_the_c_reader_could_split_otherwise_is_read_row_by_row(tmp_path: Path, text: str, why: str) -> None:
    path = tmp_path / "usage.csv"
    path.write_bytes(text.encode("utf-8"))
    ctx = context()
    plan = plan_table(path, read_mapping(None))
    assert read_table_columns(plan, ctx) is None, why
    assert items_by_columns(IMPORTER, path, ctx) == list(IMPORTER.extract(path, ctx))


def test_a_mapped_encoding_that_does_not_fit_is_left_to_the_row_reader(tmp_path: Path) -> None:
    good = "03/01/2025;10:00:00;0470000001;SMS;Uit;\n" * 8000  # beyond what the plan reads ahead
    path = tmp_path / "usage.csv"
    path.write_bytes(f"{HEADER}\n{good}03/01/2025;10:00:00;047000000é;SMS;Uit;\n".encode("cp1252"))
    mapping = {"encoding": "utf-8"}
    assert read_table_columns(plan_table(path, read_mapping(mapping)), context(mapping=mapping)) is None
    with pytest.raises(ImportFailed, match="of usage.csv is not written in utf-8"):
        list(IMPORTER.extract_columns(path, context(mapping=mapping)))
