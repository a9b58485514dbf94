"""The generic table importer (operator usage exports, CSV/TSV/XLSX).

Golden files in tests/data/table/*.expected.json were written by hand from
each fixture (every fixture is fictional; the numbers are in the unused
+32 470 00 xx xx range). Real files written by other people are read from
../shared/real-samples when that folder is there.
"""

from __future__ import annotations

import json
import random
import tomllib
import zipfile
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from calllog.errors import ImportFailed, SettingsError
from calllog.importers.table import TableImporter
from calllog.importers.table_columns import Role, recognise_label, seconds_per_unit
from calllog.importers.table_durations import read_duration
from calllog.importers.table_values import naive_from_packed, pack_parts, read_moment
from calllog.importers.table_words import WordReader, build_lexicon
from calllog.model import Channel, Direction, Record, Skip, Status
from tests.golden import context, head_of, items_by_columns

DATA = Path(__file__).parent / "data" / "table"
REAL = Path(__file__).parents[1].parent / "shared" / "real-samples"
IMPORTER = TableImporter()
DEFAULTS = {"time_ambiguous": False, "time_nonexistent": False, "owner_raw": None, "contact_name": None}


def identify(path: Path) -> bool:
    return IMPORTER.identify(path, head_of(path))


def read(path: Path, mapping: dict[str, Any] | None = None) -> list[Record | Skip]:
    """What the importer reads row by row, checked against what the import
    pipeline reads (``extract_columns``: column by column where it can)."""
    items = list(IMPORTER.extract(path, context(mapping=mapping)))
    assert items_by_columns(IMPORTER, path, context(mapping=mapping)) == items
    return items


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def build_workbook(path: Path) -> Path:
    """A fictional operator workbook: a sheet without a header first, then
    the usage sheet with a title, real Excel dates, times and durations."""
    book = openpyxl.Workbook()
    info = book.active
    info.title = "Info"
    info.append(["Fictieve klant", "voorbeeld voor calllog"])
    info.append(["Periode", "januari 2025"])
    usage = book.create_sheet("Gesprekken")
    usage.append(["Gebruiksoverzicht (fictieve gegevens)"])
    usage.append([])
    usage.append(["Datum", "Tijdstip", "Gebeld nummer", "Richting", "Gespreksduur", "Kost"])
    usage.append([datetime(2025, 1, 10), time(8, 30, 15), 32470000909, "Inkomend", time(0, 1, 20), 0])
    usage.append([datetime(2025, 1, 10, 21, 5), None, "0470 00 09 09", "Uitgaand",
                  timedelta(hours=1, minutes=2, seconds=3), 0.12])
    usage.append([45668, 0.25, "Geheim nummer", "Gemist", None, 0])  # serial date, fraction of a day
    usage.append([])
    usage.append([datetime(2025, 1, 12), "13:45", 32470000909.0, "Binnenkomend", 42, 0])
    usage.append(["Totaal", None, None, None, "=SUM(E4:E8)", "=SUM(F4:F8)"])  # never evaluated
    book.save(path)
    return path


def as_plain(item: Record | Skip) -> dict[str, Any]:
    if isinstance(item, Skip):
        return {"locator": item.locator, "skip": item.reason}
    return {
        "locator": item.locator,
        "instant_utc": item.instant_utc.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"),
        "local_text": item.local_text,
        "channel": item.channel.value,
        "direction": item.direction.value,
        "status": item.status.value,
        "party_raw": item.party_raw,
        "duration_s": item.duration_s,
        "time_ambiguous": item.time_ambiguous,
        "time_nonexistent": item.time_nonexistent,
        "owner_raw": item.owner_raw,
        "contact_name": item.contact_name,
        "status_raw": item.status_raw,
    }


def assert_matches_golden(items: list[Record | Skip], golden: Path) -> None:
    expected = json.loads(golden.read_text(encoding="utf-8"))["items"]
    got = [as_plain(item) for item in items]
    assert [g["locator"] for g in got] == [e["locator"] for e in expected]
    for one, want in zip(got, expected):
        if "skip" in want:
            assert "skip" in one, one
            assert want["skip"] in one["skip"], (one["locator"], one["skip"])
            continue
        assert "skip" not in one, one
        for key, value in {**DEFAULTS, **want}.items():
            assert one[key] == value, (one["locator"], key, one[key], value)


GOLDEN = [
    ("nl-operator-fictional.csv", None),
    ("fr-operator-fictional.csv", None),
    ("en-unicode-text-fictional.txt", None),
    ("dst-descending-fictional.csv", None),
    ("odd-columns-fictional.csv", "odd-columns-fictional.mapping.toml"),
]


@pytest.mark.parametrize(("fixture", "mapping_file"), GOLDEN)
def test_fixture_reads_as_its_golden_file(fixture: str, mapping_file: str | None) -> None:
    path = DATA / fixture
    mapping = tomllib.loads((DATA / mapping_file).read_text()) if mapping_file else None
    golden = DATA / (path.stem + ".expected.json")
    assert_matches_golden(read(path, mapping), golden)


def test_workbook_reads_as_its_golden_file(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "usage.xlsx")
    assert identify(path)
    assert_matches_golden(read(path), DATA / "workbook-fictional.expected.json")


@pytest.mark.parametrize("fixture", [name for name, mapping in GOLDEN if mapping is None])
def test_fixtures_are_claimed(fixture: str) -> None:
    assert identify(DATA / fixture)


def test_a_table_whose_names_it_does_not_know_is_not_claimed() -> None:
    assert not identify(DATA / "odd-columns-fictional.csv")


SBR = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
    '<calls count="1">\n  <call number="0470000101" duration="12" date="1700000000000" type="1" '
    'readable_date="Datum;Nummer;Duur" />\n</calls>\n'
)


def _zip_without_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Datum;Uur;Nummer;Richting.csv", "Datum;Uur;Nummer;Richting\n01/02/2025;10:00;0470;In\n")


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("sbr-calls.xml", lambda p: p.write_text(SBR)),
        ("random.bin", lambda p: p.write_bytes(random.Random(7).randbytes(100_000))),
        ("not-a-workbook.zip", _zip_without_workbook),
        ("empty.csv", lambda p: p.write_bytes(b"")),
        ("fake.sqlite", lambda p: p.write_bytes(b"SQLite format 3\x00" + b"Datum;Uur;Nummer;Richting\n" * 3)),
        ("notes.md", lambda p: p.write_text("The header is `Datum,Uur,Nummer,Richting`, then rows.\nNo rows here.\n")),
        ("junk-with-header.bin", lambda p: p.write_bytes(b"Datum;Uur;Nummer\n" + bytes(range(256)) * 40)),
        ("truncated.xlsx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 200)),
    ],
)
def test_other_files_are_not_claimed(tmp_path: Path, name: str, make: Any) -> None:
    path = tmp_path / name
    make(path)
    assert identify(path) is False


def test_identify_never_raises_even_for_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "gone.xlsx"
    assert IMPORTER.identify(missing, b"PK\x03\x04rest") is False
    assert IMPORTER.identify(missing, b"Datum;Uur;Nummer;Richting\r\n") is True  # by content only


# --- describe (import --dry-run) -------------------------------------------------


def test_describe_says_what_was_understood() -> None:
    lines = IMPORTER.describe(DATA / "nl-operator-fictional.csv", context())
    text = "\n".join(lines)
    assert lines[0] == 'Text table, encoding cp1252 (Windows Western Europe), delimiter ";"'
    assert "Header on row 5; columns:" in lines
    assert '  A "Datum": date' in lines
    assert '  B "Uur": time of day' in lines
    assert '  D "Type": type (call/SMS and direction)' in lines
    assert '  F "Kost (EUR)": ignored' in lines
    assert 'proved by row 12 "13/03/2025 23:59:59"' in text
    first = [line for line in lines if line.startswith("  row ")]
    assert first == [
        "  row 6: 2025-03-03T08:15:02+01:00 | in | answered | call | 0470 00 01 01 | 83 s",
        "  row 7: 2025-03-03T08:17:40+01:00 | in | unknown | call | 0470 00 01 01 | 0 s",
        "  row 8: 2025-03-03T09:00:00+01:00 | in | missed | call | Anoniem | -",
        "  row 9: 2025-03-04T22:41:13+01:00 | in | received | sms | 0470 00 01 01 | -",
        "  row 11: 2025-03-05T12:00:05+01:00 | out | answered | call | +32 470 00 02 02 | 3723 s",
    ]


def test_describe_names_the_sheet_and_the_date_order(tmp_path: Path) -> None:
    lines = IMPORTER.describe(build_workbook(tmp_path / "usage.xlsx"), context())
    assert lines[0].startswith('Excel workbook, sheet "Gesprekken" (the first sheet with a recognisable header')
    assert "'Info'" in lines[0]
    assert any("no day/month order to guess" in line for line in lines)
    french = IMPORTER.describe(DATA / "fr-operator-fictional.csv", context())
    assert any("nothing in the file proves the order" in line for line in french)
    english = IMPORTER.describe(DATA / "en-unicode-text-fictional.txt", context())
    assert english[0] == "Text table, encoding UTF-16 with BOM, delimiter tab"
    assert any(line.startswith("Dates: month first") for line in english)


def test_describe_marks_an_ambiguous_hour() -> None:
    lines = IMPORTER.describe(DATA / "dst-descending-fictional.csv", context())
    assert "  row 4: 2025-10-26T02:40:00+01:00 (ambiguous hour) | in | answered | call | 0470 00 07 07 | 11 s" in lines


def test_own_line_named_in_a_title_line(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "Overzicht (fictief)\nLijn: 0470 00 00 01\n\nDatum;Uur;Nummer;Richting\n"
                 "01/02/2025;10:00;0470 00 01 01;Inkomend\n")
    (record,) = read(path)
    assert isinstance(record, Record) and record.owner_raw == "0470 00 00 01"


# --- values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date_cell", "time_cell", "dayfirst", "expected"),
    [
        ("13/03/2025", "08:15:02", True, datetime(2025, 3, 13, 8, 15, 2)),
        ("13-03-2025", "08:15", True, datetime(2025, 3, 13, 8, 15)),
        ("13.03.25", "8:15", True, datetime(2025, 3, 13, 8, 15)),
        ("03/04/2025 14h30", None, True, datetime(2025, 4, 3, 14, 30)),
        ("03/04/2025 14u30", None, False, datetime(2025, 3, 4, 14, 30)),
        ("2025-03-04T23:59:59", None, False, datetime(2025, 3, 4, 23, 59, 59)),  # ISO: order known
        ("2025-03-04 10:11:12.345", None, True, datetime(2025, 3, 4, 10, 11, 12)),
        ("4/3/99", "1:02:03 PM", True, datetime(1999, 3, 4, 13, 2, 3)),
        ("04/03/2025", "12:00 AM", True, datetime(2025, 3, 4, 0, 0)),
        ("04/03/2025", "04/03/2025 07:08:09", True, datetime(2025, 3, 4, 7, 8, 9)),  # time column with the date
        (datetime(2025, 3, 4), time(7, 8, 9), True, datetime(2025, 3, 4, 7, 8, 9)),
        (datetime(2025, 3, 4, 7, 8, 8, 999_996), None, True, datetime(2025, 3, 4, 7, 8, 9)),  # Excel rounding
        (45658, 0.5, True, datetime(2025, 1, 1, 12, 0)),
        (45658.75, None, True, datetime(2025, 1, 1, 18, 0)),
        (datetime(2025, 3, 4), timedelta(hours=7, minutes=8), True, datetime(2025, 3, 4, 7, 8)),
    ],
)
def test_dates_and_times(date_cell: Any, time_cell: Any, dayfirst: bool, expected: datetime) -> None:
    parts = read_moment(date_cell, time_cell)
    assert not isinstance(parts, str), parts
    assert naive_from_packed(pack_parts(parts), dayfirst) == expected


@pytest.mark.parametrize(
    ("date_cell", "time_cell", "reason"),
    [
        ("", "10:00", "no date"),
        (None, None, "no date"),
        ("Totaal", None, "unreadable date"),
        ("2025/13", "10:00", "unreadable date"),
        ("04/03/2025", None, "no time"),
        ("04/03/2025", "", "no time"),
        ("04/03/2025", "25:00", "unreadable time"),
        ("04/03/2025", "xx:yy", "unreadable time"),
        ("04/03/2025 10:61", None, "unreadable time"),
    ],
)
def test_unreadable_dates_say_why(date_cell: Any, time_cell: Any, reason: str) -> None:
    assert read_moment(date_cell, time_cell) == reason


def test_a_date_that_does_not_exist_is_none() -> None:
    parts = read_moment("31/02/2025", "10:00")
    assert not isinstance(parts, str)
    assert naive_from_packed(pack_parts(parts), True) is None


@pytest.mark.parametrize(
    ("cell", "decimal_mark", "unit", "seconds"),
    [
        ("0:01:23", ",", 1.0, 83.0),
        ("1:02:03", ",", 1.0, 3723.0),
        ("01:20", ",", 1.0, 80.0),
        ("00:00:07,5", ",", 1.0, 7.5),
        ("83", ",", 1.0, 83.0),
        ("83,5", ",", 1.0, 83.5),
        ("83.5", ",", 1.0, 83.5),  # only one mark, not followed by three digits: a decimal point
        ("1.234", ",", 1.0, 1234.0),  # a thousands point in a decimal-comma file
        ("1.234", ".", 1.0, 1.234),
        ("1.234,5", ".", 1.0, 1234.5),
        ("2,5", ",", 60.0, 150.0),  # the column says minutes
        ("1 min 20 s", ",", 1.0, 80.0),
        ("1m20s", ",", 1.0, 80.0),
        ("1u 2min", ",", 1.0, 3720.0),
        ("2 h 3 min", ",", 1.0, 7380.0),
        ("1 h 02 min 03 s", ",", 1.0, 3723.0),
        ("45 sec.", ",", 1.0, 45.0),
        ("1'20\"", ",", 1.0, 80.0),
        ("1,5 min", ",", 1.0, 90.0),
        ("", ",", 1.0, None),
        ("-", ",", 1.0, None),
        ("n.v.t.", ",", 1.0, None),
        ("12 apples", ",", 1.0, None),
        (None, ",", 1.0, None),
        (time(0, 1, 2), ",", 1.0, 62.0),
        (timedelta(hours=1, minutes=2, seconds=3), ",", 1.0, 3723.0),
        (datetime(1899, 12, 30, 0, 1, 20), ",", 1.0, 80.0),  # a duration cell formatted as a date
        (42, ",", 1.0, 42.0),
        (2.5, ",", 60.0, 150.0),
    ],
)
def test_durations(cell: Any, decimal_mark: str, unit: float, seconds: float | None) -> None:
    assert read_duration(cell, decimal_mark, unit) == seconds


IN, OUT = Direction.IN, Direction.OUT


@pytest.mark.parametrize(
    ("texts", "channel", "direction", "status"),
    [
        (("Oproep inkomend",), Channel.CALL, IN, None),
        (("SMS uitgaand",), Channel.SMS, OUT, None),
        (("Binnenkomend",), None, IN, None),
        (("Ontvangen",), None, IN, None),
        (("Verzonden",), None, OUT, None),
        (("Gemist",), None, IN, Status.MISSED),
        (("Niet beantwoord",), None, IN, Status.MISSED),  # not "answered"
        (("Onbeantwoord",), None, IN, Status.MISSED),
        (("Geweigerd",), None, IN, Status.REJECTED),
        (("Geblokkeerd",), None, IN, Status.BLOCKED),
        (("Voicemailbox",), None, IN, Status.VOICEMAIL),
        (("ENTRANT",), None, IN, None),
        (("Reçu",), None, IN, None),
        (("Émis",), None, OUT, None),
        (("Envoyé",), None, OUT, None),
        (("Appel manqué",), Channel.CALL, IN, Status.MISSED),
        (("En absence",), None, IN, Status.MISSED),
        (("Sans réponse",), None, IN, Status.MISSED),
        (("Refusé",), None, IN, Status.REJECTED),
        (("Rejeté",), None, IN, Status.REJECTED),
        (("Bloqué",), None, IN, Status.BLOCKED),
        (("Messagerie vocale",), None, IN, Status.VOICEMAIL),
        (("Répondeur",), None, IN, Status.VOICEMAIL),
        (("Texto reçu",), Channel.SMS, IN, None),
        (("Dialled",), None, OUT, None),
        (("Declined",), None, IN, Status.REJECTED),
        (("Outgoing", "Missed"), None, OUT, Status.MISSED),  # the direction word wins
        (("Uitgaand", "MMS"), Channel.MMS, OUT, None),
        (("Gesprek",), Channel.CALL, None, None),
    ],
)
def test_type_direction_and_status_words(
    texts: tuple[str, ...], channel: Channel | None, direction: Direction | None, status: Status | None
) -> None:
    reading = WordReader(build_lexicon()).read(texts)
    assert (reading.channel, reading.implied_direction, reading.status) == (channel, direction, status)


def test_data_rows_and_unknown_words_are_told_apart() -> None:
    reader = WordReader(build_lexicon({"ic": "in"}))
    assert reader.read(("Mobiel internet",)).data
    assert reader.read(("IC",)).direction is Direction.IN
    assert reader.read(("Transféré",)).unknown == ("transfere",)


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Datum", Role.DATE), ("DATE", Role.DATE), ("Date d'appel", Role.DATE),
        ("Uur", Role.TIME), ("Tijdstip", Role.TIME), ("Heure", Role.TIME), ("Time", Role.TIME),
        ("Datum en uur", Role.DATETIME), ("Datum/tijd", Role.DATETIME), ("Date et heure", Role.DATETIME),
        ("DATE/HEURE", Role.DATETIME), ("Date time", Role.DATETIME), ("Start", Role.DATETIME),
        ("Nummer", Role.NUMBER), ("Telefoonnummer", Role.NUMBER), ("Oproepnummer", Role.NUMBER),
        ("Gebeld nummer", Role.NUMBER), ("Correspondent", Role.NUMBER), ("Numéro", Role.NUMBER),
        ("Numéro appelé", Role.NUMBER), ("Numéro de téléphone", Role.NUMBER), ("Phone number", Role.NUMBER),
        ("Other party", Role.NUMBER), ("Destination", Role.NUMBER), ("Van/Naar", Role.NUMBER),
        ("De/Vers", Role.NUMBER),
        ("Richting", Role.DIRECTION), ("Sens", Role.DIRECTION), ("Call type", Role.DIRECTION),
        ("Type", Role.KIND), ("Soort", Role.KIND),
        ("Dienst", Role.CHANNEL), ("Service", Role.CHANNEL),
        ("Duur", Role.DURATION), ("Gespreksduur", Role.DURATION), ("Durée", Role.DURATION),
        ("Duration (sec)", Role.DURATION), ("Duur in minuten", Role.DURATION),
        ("Mijn nummer", Role.OWNER), ("Eigen nummer", Role.OWNER), ("Lijn", Role.OWNER),
        ("Mon numéro", Role.OWNER), ("MSISDN", Role.OWNER), ("My number", Role.OWNER),
        ("Datum van de oproep", Role.DATE), ("Status", Role.STATUS), ("Naam", Role.CONTACT),
        ("Kost (EUR)", None), ("Eindtijd", None), ("Prix TVAC", None), ("", None),
        ("12/03/2025, 14:03 - Jan: de datum", None),  # a sentence, not a label
    ],
)
def test_column_names(label: str, role: Role | None) -> None:
    found = recognise_label(label)
    assert (found[0] if found else None) == role


def test_duration_unit_from_the_column_name() -> None:
    assert seconds_per_unit("Duur (min)") == 60.0
    assert seconds_per_unit("Durée en minutes") == 60.0
    assert seconds_per_unit("Duur (sec)") == 1.0
    assert seconds_per_unit("Duur") == 1.0


# --- mapping files -------------------------------------------------------------------

SIMPLE = "Datum;Uur;Nummer;Richting;Duur\n01/02/2025;10:00;0470 00 01 01;Inkomend;0:00:05\n"


@pytest.mark.parametrize(
    ("mapping", "words"),
    [
        ({"colums": {}}, 'setting "colums" that calllog does not know'),
        ({"header_row": "3"}, "header_row must be a whole number"),
        ({"header_row": 0}, "header_row must be a whole number"),
        ({"delimiter": ";;"}, "delimiter must be one character"),
        ({"encoding": "klingon-8"}, 'encoding = "klingon-8" is not an encoding'),
        ({"dayfirst": "yes"}, "dayfirst must be true or false"),
        ({"default_direction": "sideways"}, 'default_direction = "sideways" is not one of'),
        ({"duration_unit": "hours"}, 'duration_unit = "hours" is not one of'),
        ({"columns": {"phone": "Nummer"}}, '[columns] part of the mapping file names "phone"'),
        ({"columns": {"number": 0}}, "columns.number must be the header text"),
        ({"columns": "Nummer"}, "columns must be a table"),
        ({"directions": {"IC": "inbound"}}, '"IC" = \'inbound\' is not one of'),
        ({"channels": {"Spraak": "voice"}}, '"Spraak" = \'voice\' is not one of'),
        ({"header_row": 1, "columns": {"number": "Telefoon"}}, 'names the column "Telefoon" (number)'),
        ({"header_row": 1, "columns": {"number": 9}}, "column 9, but the header on row 1 has only 5 columns"),
        ({"columns": {"number": "Telefoon"}}, 'holds every column the mapping file names ("Telefoon")'),
        ({"header_row": 40}, "the header is on row 40"),
    ],
)
def test_mapping_mistakes_are_one_clear_sentence(tmp_path: Path, mapping: dict[str, Any], words: str) -> None:
    path = write(tmp_path, "t.csv", SIMPLE)
    with pytest.raises(SettingsError) as caught:
        read(path, mapping)
    assert words in caught.value.message
    assert caught.value.hint and "--dry-run" in caught.value.hint


def test_mapping_names_a_sheet_that_is_not_there(tmp_path: Path) -> None:
    path = build_workbook(tmp_path / "usage.xlsx")
    with pytest.raises(SettingsError, match='sheet "Calls", but usage.xlsx has "Info", "Gesprekken"'):
        read(path, {"sheet": "Calls"})
    assert len(read(path, {"sheet": "Gesprekken"})) == 5


def test_mapping_forces_the_date_order_and_renames_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "Wanneer;Wie;Hoe\n03/04/2025 10:00;0470 00 01 01;X\n")
    mapping = {"dayfirst": False, "columns": {"datetime": "Wanneer", "number": "Wie", "type": "Hoe"},
               "directions": {"x": "missed"}}
    (record,) = read(path, mapping)
    assert isinstance(record, Record)
    assert record.instant_utc == datetime(2025, 3, 4, 9, 0, tzinfo=timezone.utc)  # 4 March, UTC+01:00
    assert (record.direction, record.status) == (Direction.IN, Status.MISSED)


def test_mapping_can_switch_off_a_column_and_give_a_default_direction(tmp_path: Path) -> None:
    text = "Datum;Uur;Nummer;Type;Duur (min)\n01/02/2025;10:00;0470 00 01 01;Nationaal;1,5\n"
    path = write(tmp_path, "t.csv", text)
    with pytest.raises(ImportFailed):  # "Type" says neither direction nor channel: no direction at all
        read(path, {"columns": {"type": ""}})
    (record,) = read(path, {"default_direction": "out", "columns": {"type": ""}})
    assert isinstance(record, Record)
    assert (record.direction, record.channel, record.duration_s) == (Direction.OUT, Channel.CALL, 90.0)


def test_mapping_gives_the_header_row_and_the_encoding(tmp_path: Path) -> None:
    text = "Titel\nA;B;C;D\nDag;Uur;Wie;Wat\n01/02/2025;10:00;0470 00 01 01;Inkomend\n"
    path = write(tmp_path, "t.csv", text, "cp1252")
    mapping = {"header_row": 3, "encoding": "cp1252", "columns": {"date": "Dag", "number": "Wie", "type": "Wat"}}
    (record,) = read(path, mapping)
    assert isinstance(record, Record) and record.locator == "row 4"
    wrong = write(tmp_path, "w.csv", "Datum;Uur;Nummer;Richting\n01/02/2025;10:00;Privénummer;In\n", "cp1252")
    with pytest.raises(ImportFailed, match="not written in utf-8"):
        read(wrong, {"encoding": "utf-8"})


# --- files calllog cannot read as they are ---------------------------------------------


def test_no_header_asks_for_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "Wanneer;Wie;Hoe\n01/02/2025 10:00;0470 00 01 01;In\n")
    with pytest.raises(ImportFailed) as caught:
        read(path)
    assert "No header row with a date column and a phone-number column" in caught.value.message
    assert caught.value.hint and "--mapping FILE" in caught.value.hint and "--dry-run" in caught.value.hint
    with pytest.raises(ImportFailed):
        IMPORTER.describe(path, context())


def test_a_table_without_a_direction_column_says_what_to_do(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "Datum;Uur;Nummer;Duur\n01/02/2025;10:00;0470 00 01 01;0:01:00\n")
    with pytest.raises(ImportFailed, match='default_direction = "out"'):
        read(path)
    assert any(line.startswith("Cannot import:") for line in IMPORTER.describe(path, context()))


def test_dates_without_times_are_refused_as_a_whole(tmp_path: Path) -> None:
    rows = "".join(f"0{day}/02/2025;0470 00 01 01;Inkomend\n" for day in range(1, 6))
    path = write(tmp_path, "t.csv", "Datum;Nummer;Richting\n" + rows)
    with pytest.raises(ImportFailed, match="no time of day"):
        read(path)


# --- rows ------------------------------------------------------------------------------


def test_rows_keep_their_physical_line_numbers(tmp_path: Path) -> None:
    text = (
        "Datum;Uur;Nummer;Richting;Opmerking\r\n"
        '01/02/2025;10:00;0470 00 01 01;Inkomend;"two\r\nlines"\r\n'
        "\r\n"
        "01/02/2025;11:00;0470 00 01 01;Uitgaand;\r\n"
        "Datum;Uur;Nummer;Richting;Opmerking\r\n"
        '02/02/2025;12:00;="0470000101";Inkomend;\r\n'
    )
    items = read(write(tmp_path, "t.csv", text))
    assert [item.locator for item in items] == ["row 2", "row 5", "row 6", "row 7"]
    assert isinstance(items[2], Skip) and items[2].reason == "the header line again"
    assert isinstance(items[3], Record) and items[3].party_raw == "0470000101"  # Excel text formula unwrapped


def test_conflicting_date_orders_skip_the_rows_that_do_not_fit(tmp_path: Path) -> None:
    text = "Datum;Uur;Nummer;Richting\n13/01/2025;10:00;0470;In\n01/13/2025;10:00;0470;In\n"
    items = read(write(tmp_path, "t.csv", text))
    assert isinstance(items[0], Record)
    assert isinstance(items[1], Skip) and "not a real date" in items[1].reason and "day first" in items[1].reason


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_delimiters_are_found(tmp_path: Path, delimiter: str) -> None:
    cells = ["Datum", "Uur", "Nummer", "Richting", "Duur"], ["01/02/2025", "10:00", "0470 00 01 01", "In", "1,5"]
    text = "\n".join(delimiter.join(f'"{c}"' if "," in c else c for c in row) for row in cells) + "\n"
    (record,) = read(write(tmp_path, "t.csv", text))
    assert isinstance(record, Record) and record.party_raw == "0470 00 01 01" and record.duration_s == 1.5


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]
)
def test_encodings_are_found(tmp_path: Path, encoding: str) -> None:
    text = "Datum;Uur;Nummer;Richting\r\n01/02/2025;10:00;Numéro privé;Entrant\r\n"
    path = write(tmp_path, "t.csv", text, encoding)
    assert identify(path)
    (record,) = read(path)
    assert isinstance(record, Record) and record.party_raw == "Numéro privé"


def test_bytes_cp1252_leaves_undefined_do_not_stop_the_import(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"Datum;Uur;Nummer;Richting\r\n01/02/2025;10:00;Anoniem \x81\xe9;Inkomend\r\n")
    (record,) = read(path)
    assert isinstance(record, Record) and record.party_raw == "Anoniem \ufffdé"


def test_progress_runs_to_the_size_of_the_file(tmp_path: Path) -> None:
    rows = "".join(f"01/02/2025;10:{minute % 60:02d};0470 00 01 01;Inkomend\n" for minute in range(50_000))
    path = write(tmp_path, "big.csv", "Datum;Uur;Nummer;Richting\n" + rows)
    seen: list[int] = []
    items = list(IMPORTER.extract(path, context(seen)))
    assert len(items) == 50_000
    assert len(seen) > 2 and seen == sorted(seen) and seen[-1] == path.stat().st_size


# --- real files written by other people --------------------------------------------------


def real(name: str) -> Path:
    path = REAL / name
    if not path.is_file():
        pytest.skip("../shared/real-samples is not there")
    return path


def test_real_imazing_call_history_is_read() -> None:
    items = read(real("imazing/imazingtosbr-call_history_basic.csv"))
    got = [(i.locator, i.direction, i.status, i.party_raw, i.duration_s, i.contact_name, i.service)
           for i in items if isinstance(i, Record)]
    assert got == [
        ("row 2", OUT, Status.ANSWERED, "+1234567890", 165.0, "John Doe", "Phone: +1234567890"),
        ("row 3", IN, Status.ANSWERED, "+9876543210", 80.0, "Jane Smith", "Phone: +9876543210"),
        ("row 4", OUT, Status.UNKNOWN, "+1122334455", 0.0, "Bob Johnson", "WhatsApp Video"),
        ("row 5", IN, Status.ANSWERED, "+5544332211", 315.0, "Alice Williams", "Phone: +5544332211"),
    ]
    first = items[0]
    assert isinstance(first, Record)
    assert first.instant_utc == datetime(2024, 3, 15, 13, 30, tzinfo=timezone.utc)  # 14:30 in Brussels, UTC+01:00
    assert read(real("imazing/imazingtosbr-call_history_empty.csv")) == []


@pytest.mark.parametrize(
    "name",
    [
        "SOURCES.md",  # quotes CSV headers, has no rows
        "android-sbr/memacs-calls.xml",
        "android-sbr/memacs-sms.xml",
        "android-db/dfrws2021-samsung-mmssms.db",
        "ios/magnet-ctf-2020-ios13-sms.db",
        "imazing/imazingtosbr-messages_mixed.csv",
        "vcard/raleighlittles-test-v4.vcf",
        "whatsapp/chatminer-test_ddmmyy_24hrs.txt",
        "whatsapp/chatanalytics-4A_11M.zip",
    ],
)
def test_real_files_of_other_formats_are_not_claimed(name: str) -> None:
    assert identify(real(name)) is False


def test_mapping_by_column_position(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", "Export (fictief)\nA;B;C\n01/02/2025 10:00;0470 00 01 01;OG\n")
    mapping = {"columns": {"datetime": 1, "number": 2, "direction": 3}, "directions": {"OG": "out"}}
    (record,) = read(path, mapping)
    assert isinstance(record, Record) and (record.locator, record.direction) == ("row 3", Direction.OUT)


def test_serial_dates_of_a_1904_workbook(tmp_path: Path) -> None:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.append(["Datum", "Uur", "Nummer", "Richting"])
    sheet.append([44196, "10:00", "0470 00 01 01", "Inkomend"])  # 1904 system: 2025-01-01 (1900 system: 45658)
    path = tmp_path / "mac.xlsx"
    book.save(path)
    (record,) = read(path)
    assert isinstance(record, Record)
    assert record.instant_utc == datetime(2025, 1, 1, 9, 0, tzinfo=timezone.utc)
    assert record.local_text == "2025-01-01 10:00"


def test_describe_shows_the_columns_a_mapping_names() -> None:
    mapping = tomllib.loads((DATA / "odd-columns-fictional.mapping.toml").read_text())
    lines = IMPORTER.describe(DATA / "odd-columns-fictional.csv", context(mapping=mapping))
    assert '  A "Tstamp": date and time (named in the mapping)' in lines
    assert '  F "Cost": ignored' in lines
    assert "Dates: written year first or stored as Excel dates; no day/month order to guess." in lines
    assert "Durations written as plain numbers are seconds, with a decimal point." in lines
    assert lines[-1].startswith("  row 6: skipped, \"??\" does not say")
