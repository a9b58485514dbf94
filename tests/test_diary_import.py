"""``calllog diary import``: a diary kept in a spreadsheet, in Dutch, French
or English, all rows or none."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from calllog import diary
from calllog.case import Case
from calllog.cli.main import cli
from calllog.diary import list_entries

UTC = timezone.utc
HOSTILE = "=HYPERLINK(\"http://x.invalid\")"

# fictional diaries, as Excel saves them in Belgium (";" and day-first dates)
DUTCH = (
    "Datum;Tijdstip;Plaats;Wat gebeurde er?;Soort;Getuigen;Pv-nummer;Nr\n"
    '03/02/2026;18:30;Station Gent-Sint-Pieters;Hij volgde me tot aan mijn deur.;Achtervolging;"Ine; Piet";GE.12.L3.000123/2026;1\n'
    "\n"
    "05/02/2026;07:10;Thuis;Pakje dat ik niet bestelde.;levering;;;2\n"
)
FRENCH = (
    "Quand,Où,Ce qui s'est passé,Type,Témoins,Numéro de PV\n"
    '2026-02-10 22:15,Devant chez moi,"Il m\'attendait devant la porte, une heure.",Attente près du domicile,"Marc, Julie",\n'
)
ENGLISH = "when\twhat\tkind\n2026-02-11 09:00\t" + HOSTILE + "\t\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def case_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(diary, "utc_now", lambda: datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    folder = tmp_path / "case"
    Case.create(folder, ["+32470000001"]).close()
    return folder


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def entries(case_dir: Path) -> list[tuple[datetime, str, str, str, tuple[str, ...], str]]:
    case = Case.open(case_dir)
    try:
        return [(e.instant_utc, e.what, e.where, e.kind, e.witnesses, e.pv) for e in list_entries(case)]
    finally:
        case.close()


def test_a_dutch_diary_with_date_and_time_columns(case_dir: Path, tmp_path: Path) -> None:
    result = run("-C", str(case_dir), "diary", "import", str(write(tmp_path, "dagboek.csv", DUTCH)))
    assert result.exit_code == 0, result.output
    assert result.output == "Imported dagboek.csv: 2 new entries, 0 already in the diary.\nIgnored columns: Nr\n"
    assert entries(case_dir) == [
        (datetime(2026, 2, 3, 17, 30, tzinfo=UTC), "Hij volgde me tot aan mijn deur.", "Station Gent-Sint-Pieters",
         "following", ("Ine", "Piet"), "GE.12.L3.000123/2026"),
        (datetime(2026, 2, 5, 6, 10, tzinfo=UTC), "Pakje dat ik niet bestelde.", "Thuis", "deliveries", (), ""),
    ]


def test_a_french_diary_in_cp1252_with_quoted_cells(case_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "journal.csv", FRENCH, encoding="cp1252")
    assert run("-C", str(case_dir), "diary", "import", str(path)).output == (
        "Imported journal.csv: 1 new entry, 0 already in the diary.\n"
    )
    assert entries(case_dir) == [
        (datetime(2026, 2, 10, 21, 15, tzinfo=UTC), "Il m'attendait devant la porte, une heure.", "Devant chez moi",
         "waiting_near_home", ("Marc", "Julie"), ""),
    ]


def test_an_english_diary_keeps_hostile_text_as_written(case_dir: Path, tmp_path: Path) -> None:
    run("-C", str(case_dir), "diary", "import", str(write(tmp_path, "diary.tsv", ENGLISH, "utf-16")))
    assert entries(case_dir) == [(datetime(2026, 2, 11, 8, 0, tzinfo=UTC), HOSTILE, "", "other", (), "")]


def test_importing_the_same_file_again_adds_nothing(case_dir: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "dagboek.csv", DUTCH)
    run("-C", str(case_dir), "diary", "import", str(path))
    assert run("-C", str(case_dir), "diary", "import", str(path)).output == (
        "Imported dagboek.csv: 0 new entries, 2 already in the diary.\nIgnored columns: Nr\n"
    )
    assert len(entries(case_dir)) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("when,what\n2026-02-03 18:30,fine\n31/02/2026 10:00,bad date\n",
         "Error: Row 3 of bad.csv: '31/02/2026 10:00' is not a date and time calllog can read.\n"
         "Hint: Nothing was imported. Write the local date and time as 2026-02-03 18:30 (or 03/02/2026 18:30).\n"),
        ("when,what,kind\n2026-02-03 18:30,fine,following\n2026-02-04 18:30,odd kind,pizza\n",
         "Error: Row 3 of bad.csv: 'pizza' is not a kind of incident calllog knows.\n"
         "Hint: Nothing was imported. Use one of: following, watching, waiting_near_home, deliveries, gifts, "
         "social_media, threats, blackmail, calls, messages, letters, damage, other.\n"),
        ("datum;tijd;wat;getuigen\n03/02/2026;18:30;fine;Ine\n04/02/2026;18:30;shifted;Ine; Piet\n",
         "Error: Row 3 of bad.csv has more cells than the first row has columns.\n"
         "Hint: Nothing was imported. Put text that contains the separator between double quotes.\n"),
        ("when,what\n2026-02-03 18:30,fine\n2026-02-04 18:30,\n",
         "Error: Row 3 of bad.csv does not say what happened.\n"
         "Hint: Nothing was imported. Fill in the what column.\n"),
        ("when,where\n2026-02-03 18:30,home\n",
         "Error: bad.csv has no column that says what happened.\n"
         "Hint: Name the columns in the first row: when (or date and time), what, where, kind, witnesses, pv; "
         "in English, Dutch or French.\n"),
        ("datum,wat\n03/02/2026,no time column\n",
         "Error: bad.csv has no column with the date and time of each incident.\n"
         "Hint: Name the columns in the first row: when (or date and time), what, where, kind, witnesses, pv; "
         "in English, Dutch or French.\n"),
    ],
)
def test_a_bad_file_imports_nothing_and_names_the_row(case_dir: Path, tmp_path: Path, text: str, message: str) -> None:
    result = run("-C", str(case_dir), "diary", "import", str(write(tmp_path, "bad.csv", text)))
    assert result.exit_code == 1
    assert result.output == message
    assert entries(case_dir) == []
