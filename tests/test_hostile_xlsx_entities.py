"""A workbook whose XML declares entities: nothing outside the file is ever
read into the case, whichever XML parser openpyxl uses (lxml when it is
installed, with entities not resolved; the standard one through defusedxml
otherwise). The workbook below is fictional."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from calllog.errors import ImportFailed
from calllog.importers.table import TableImporter
from tests.golden import context

SECRET = "fictional-secret-7c1d"


def operator_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Gesprekken"
    sheet.append(["Datum", "Uur", "Nummer", "Richting", "Duur"])
    sheet.append(["03/01/2025", "10:00:00", "0470 00 00 66", "Inkomend", "0:00:12"])
    book.save(path)
    return path


def with_entity(source: Path, target: Path, part: str, declaration: str, use: tuple[bytes, bytes]) -> Path:
    """``source`` with a DOCTYPE declaring an entity put before the root of
    ``part``, and the entity used where ``use`` says."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as changed:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == part:
                head, mark, rest = data.partition(b"?>")
                if not mark:  # no XML declaration: the DOCTYPE comes first
                    head, rest = b"", data
                data = head + mark + declaration.encode() + rest.replace(*use, 1)
            changed.writestr(item, data)
    return target


@pytest.mark.parametrize("part, use", [
    ("xl/workbook.xml", (b'name="Gesprekken"', b'name="&x;"')),
    ("xl/worksheets/sheet1.xml", (b"<v>", b"<v>&x;")),
])
def test_an_external_entity_is_never_read_into_the_case(tmp_path: Path, part: str, use: tuple[bytes, bytes]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    declaration = f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
    path = with_entity(operator_workbook(tmp_path / "plain.xlsx"), tmp_path / "usage.xlsx", part, declaration, use)
    try:
        items = list(TableImporter().extract(path, context()))
    except ImportFailed:
        return  # refused: nothing was read
    assert SECRET not in repr(items)


def test_a_workbook_whose_xml_cannot_be_read_is_refused_in_one_sentence(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from calllog.cli.main import cli

    path = with_entity(operator_workbook(tmp_path / "plain.xlsx"), tmp_path / "usage.xlsx",
                       "xl/worksheets/sheet1.xml", "", (b"<sheetData>", b"<sheetData><<"))
    runner = CliRunner()
    case = str(tmp_path / "case")
    assert runner.invoke(cli, ["-C", case, "init"]).exit_code == 0
    result = runner.invoke(cli, ["-C", case, "import", str(path)])
    assert result.exit_code == 1
    assert "usage.xlsx: not imported. It could not be read as a call table" in result.output
    assert "Traceback" not in result.output
