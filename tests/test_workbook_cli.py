"""``calllog export`` as a user types it, and the same case giving the same
bytes every time (no "now" anywhere in the file)."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from calllog.cli.main import cli
from tests.test_workbook_support import demo_case, event, make_input, write


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "case"
    demo_case(folder).close()
    return folder


def test_export_says_what_it_wrote(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "case.xlsx"
    assert run("-C", str(demo), "export", "-o", str(out), "--no-charts") == (0, (
        f"Wrote {out}\n"
        "Sheets: Summary, Events, Per day, Hour × weekday, Withheld calls, Sources\n"
        "Events listed: 502 (the persons of interest and the withheld number)\n"
        "Not listed: 339 contacts with 7 other numbers, only counted on the Summary; add --include-all to list them.\n"
    ))


def test_export_include_all_in_french_with_charts(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "dossier.xlsx"
    assert run("export", "-C", str(demo), "-o", str(out), "--include-all", "--lang", "fr") == (0, (
        f"Wrote {out}\n"
        "Sheets: Résumé, Événements, Par jour, Heure × jour, Appels masqués, Sources, Graphiques\n"
        "Events listed: 841 (every number, as asked with --include-all)\n"
    ))
    book = load_workbook(out)
    assert len(book["Graphiques"]._images) == 6
    assert book["Événements"]["D2"].value in {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}


@pytest.mark.parametrize(("args", "code", "message"), [
    (["-o", "case.csv"], 2, "Error: Invalid value for '-o': case.csv does not end in .xlsx.\n"),
    (["-o", "missing/case.xlsx"], 1,
     "Error: The folder missing does not exist.\nHint: Make it first, or choose another file with -o.\n"),
    (["-o", "case.xlsx", "--lang", "de"], 2, None),
])
def test_export_refuses_what_it_cannot_write(demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             args: list[str], code: int, message: str | None) -> None:
    monkeypatch.chdir(tmp_path)
    result_code, output = run("-C", str(demo), "export", *args)
    assert result_code == code
    if message is not None:
        assert output.endswith(message)
    assert not (tmp_path / "case.xlsx").exists()


def test_export_outside_a_case(tmp_path: Path) -> None:
    code, output = run("-C", str(tmp_path / "nothing"), "export", "-o", str(tmp_path / "x.xlsx"))
    assert code == 1 and output.startswith("Error: There is no case in ")


def test_export_of_an_empty_case(tmp_path: Path) -> None:
    assert run("init", "-C", str(tmp_path / "case"), "--owner", "0470000001")[0] == 0
    code, output = run("-C", str(tmp_path / "case"), "export", "-o", str(tmp_path / "x.xlsx"))
    assert (code, output) == (1, "Error: There are no calls or messages in this case to export.\n"
                                 "Hint: Import your exports first: calllog import FILE...\n")


def test_the_same_case_gives_the_same_bytes(demo: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    assert run("-C", str(demo), "export", "-o", str(first))[0] == 0
    assert run("-C", str(demo), "export", "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    # the report date is the time of the latest import, never the clock
    with sqlite3.connect(demo / "case.sqlite") as conn:
        latest = conn.execute("SELECT MAX(imported_at) FROM sources").fetchone()[0]
    stamp = datetime.fromisoformat(latest).strftime("%Y-%m-%dT%H:%M:%SZ")
    # read as XML: where the namespaces are declared depends on openpyxl's XML writer (lxml or not)
    properties = ElementTree.fromstring(core)
    assert properties.findtext("{http://purl.org/dc/terms/}created") == stamp
    assert properties.findtext("{http://purl.org/dc/terms/}modified") == stamp
    assert properties.findtext("{http://purl.org/dc/elements/1.1/}creator") == "calllog"


def test_a_given_report_date_is_the_document_date(tmp_path: Path) -> None:
    inp = make_input([event(1, "2026-01-10T09:00:00")])
    path = write(tmp_path / "w.xlsx", inp, report_date=datetime(2026, 6, 30, 12, 0))
    properties = load_workbook(path).properties
    assert properties.created == properties.modified == datetime(2026, 6, 30, 12, 0)
    assert properties.creator == "calllog"
    summary = {row[0]: row[1] for row in load_workbook(path)["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Date of this report"] == "30/06/2026 12:00:00 (UTC)"
