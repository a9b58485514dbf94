"""Random input, no exception out, and the invariants that must hold for
any input: the number normaliser, the time conversions, and the sniffing
and reading of tables (hypothesis; settings in tests/conftest.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calllog.errors import ImportFailed
from calllog.importers.base import HEAD_BYTES, ImportContext
from calllog.importers.registry import IMPORTERS
from calllog.importers.table import TableImporter
from calllog.importers.whatsapp import WhatsAppImporter
from calllog.model import WITHHELD, PartyQuality, Record, Skip
from calllog.phone import WITHHELD_WORDS, display_number, normalise_number
from calllog.timeutil import resolve_wall_clock, resolve_wall_clock_series, to_local

ZONES = [ZoneInfo(name) for name in (
    "Europe/Brussels", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kolkata",
    "America/St_Johns", "UTC",
)]
BRUSSELS = ZoneInfo("Europe/Brussels")
CONTEXT = ImportContext(tz=BRUSSELS)


# --- numbers ----------------------------------------------------------------------


@given(st.text(max_size=40), st.booleans())
def test_any_text_normalises_without_an_exception(raw: str, hint: bool) -> None:
    party = normalise_number(raw, "BE", hint)
    assert isinstance(party.quality, PartyQuality)
    assert party.raw == raw
    assert party.party or party.quality is PartyQuality.NOT_A_NUMBER
    if hint:
        assert (party.party, party.quality) == (WITHHELD, PartyQuality.WITHHELD)


dialled = st.text(alphabet="0123456789 +()-./*#,;", max_size=24)


@given(dialled)
def test_any_dialled_looking_text_normalises_without_an_exception(raw: str) -> None:
    normalise_number(raw)


def _example_numbers() -> list[str]:
    found = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                found.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164))
    return found


EXAMPLES = _example_numbers()


@st.composite
def written_numbers(draw: st.DrawFn) -> str:
    """A real-looking number as people and exports write it: an example
    number of any country (or a Belgian mobile) with its last digits
    changed, in E.164, with 00, or national for Belgium, with separators."""
    e164 = draw(st.sampled_from(EXAMPLES) | st.from_regex(r"\+3247[0-9]{7}", fullmatch=True))
    tail = draw(st.text(alphabet="0123456789", min_size=0, max_size=3))
    digits = e164[1: len(e164) - len(tail)] + tail
    style = draw(st.sampled_from(["+", "00", "national"]))
    if style == "national" and digits.startswith("32"):
        written = "0" + digits[2:]
    else:
        written = ("+" if style == "+" else "00") + digits
    separators = draw(st.lists(st.sampled_from([" ", ".", "-", "/", ""]), min_size=len(written), max_size=len(written)))
    return "".join(ch + (sep if ch.isdigit() else "") for ch, sep in zip(written, separators)).strip()


@given(written_numbers())
def test_a_normalised_number_normalises_to_itself(raw: str) -> None:
    first = normalise_number(raw)
    if first.quality not in (PartyQuality.VALID, PartyQuality.POSSIBLE):
        return
    again = normalise_number(first.party)
    assert again.party == first.party
    if first.quality is PartyQuality.VALID:
        assert again.quality is PartyQuality.VALID
        # and the way calllog shows it reads back as the same party
        assert normalise_number(display_number(first.party)).party == first.party


@given(st.from_regex(r"47[0-9]{7}", fullmatch=True), st.sampled_from([" ", ".", "/", "-", ""]))
def test_a_belgian_mobile_is_one_party_however_it_is_written(national: str, separator: str) -> None:
    spaced = separator.join([national[:3], national[3:5], national[5:7], national[7:]])
    writings = ["0" + spaced, "+32 " + spaced, "0032" + spaced, "+32 (0)" + spaced, "tel:+32" + national]
    assert {normalise_number(w).party for w in writings} == {"+32" + national}
    assert {normalise_number(w).quality for w in writings} == {PartyQuality.VALID}


@st.composite
def decorated_withheld_words(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(sorted(WITHHELD_WORDS)))
    out = []
    for ch in word:
        out.append(ch.upper() if draw(st.booleans()) else ch)
        out.append(draw(st.sampled_from(["", "", " ", "-", ".", "_", "(", ")", "'"])))
    padding = draw(st.sampled_from(["", " ", "\t", "\u200e"]))
    return padding + "".join(out) + padding


@given(decorated_withheld_words())
def test_withheld_words_stay_withheld_however_they_are_written(raw: str) -> None:
    party = normalise_number(raw)
    assert (party.party, party.quality) == (WITHHELD, PartyQuality.WITHHELD)


@pytest.mark.parametrize("raw", ["", "   ", "-1", "-2", "-3", "(Unknown)", "Privénummer", "NUMÉRO MASQUÉ"])
def test_the_documented_withheld_forms(raw: str) -> None:
    assert normalise_number(raw).party == WITHHELD


# --- time ----------------------------------------------------------------------------


instants = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(2200, 12, 30), timezones=st.just(timezone.utc)
)
wall_times = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 12, 30))


@given(instants, st.sampled_from(ZONES))
def test_utc_to_local_and_back_is_the_same_instant(instant: datetime, tz: ZoneInfo) -> None:
    local = to_local(instant, tz)
    clock = resolve_wall_clock(local.replace(tzinfo=None), tz, fold=local.fold)
    assert clock.instant_utc == instant
    assert not clock.nonexistent


@given(wall_times, st.sampled_from(ZONES), st.sampled_from([0, 1]))
def test_local_to_utc_and_back_is_the_same_wall_clock_except_in_a_gap(naive: datetime, tz: ZoneInfo, fold: int) -> None:
    clock = resolve_wall_clock(naive, tz, fold)
    assert clock.instant_utc.tzinfo is timezone.utc
    back = to_local(clock.instant_utc, tz).replace(tzinfo=None)
    if clock.nonexistent:
        # read with the offset from before the gap: shown later, by the size of the gap
        assert back > naive and back - naive <= timedelta(hours=2)
    else:
        assert back == naive
    assert not (clock.nonexistent and clock.ambiguous)


@given(
    st.lists(st.none() | st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)),
             max_size=30),
    st.sampled_from(ZONES),
)
def test_a_series_of_wall_clock_times_never_raises(naives: list[datetime | None], tz: ZoneInfo) -> None:
    clocks = resolve_wall_clock_series(naives, tz)
    assert len(clocks) == len(naives)
    for naive, clock in zip(naives, clocks):
        if naive is None:
            assert clock is None
            continue
        possible = []
        for fold in (0, 1):
            try:
                possible.append(resolve_wall_clock(naive, tz, fold))
            except ValueError:
                pass  # year 1 or 9999: not storable
        if clock is None:
            assert possible == []
        else:
            assert clock in possible


october_night = st.datetimes(min_value=datetime(2026, 10, 25, 1, 30), max_value=datetime(2026, 10, 25, 3, 30))


@given(st.lists(october_night, min_size=1, max_size=20))
def test_the_repeated_hour_is_marked_and_resolved_to_one_of_its_two_instants(naives: list[datetime]) -> None:
    clocks = resolve_wall_clock_series(list(naives), BRUSSELS)
    for naive, clock in zip(naives, clocks):
        assert clock is not None
        repeated = naive.hour == 2
        assert clock.ambiguous is repeated
        summer, winter = naive - timedelta(hours=2), naive - timedelta(hours=1)
        expected = {summer, winter} if repeated else {summer if naive.hour < 2 else winter}
        assert clock.instant_utc.replace(tzinfo=None) in expected


# --- table sniffing and reading --------------------------------------------------------


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("random-files")


def _write(folder: Path, data: bytes, name: str = "export.csv") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _read_all(importer: TableImporter | WhatsAppImporter, path: Path) -> list[Record | Skip]:
    items = list(importer.extract(path, CONTEXT))
    assert all(isinstance(item, (Record, Skip)) for item in items)
    return items


magic = st.sampled_from([b"", b"PK\x03\x04", b"SQLite format 3\x00", b"<?xml ", b"\xef\xbb\xbf", b"\xff\xfe", b"BEGIN:VCARD\r\n"])


@given(magic, st.binary(max_size=3000))
def test_no_importer_raises_when_asked_whether_random_bytes_are_its_format(scratch: Path, start: bytes, data: bytes) -> None:
    path = _write(scratch, start + data, "calls-2026.xml")
    head = (start + data)[:HEAD_BYTES]
    for importer in IMPORTERS:
        assert importer.identify(path, head) in (True, False)


text_encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])


@given(magic, st.binary(max_size=3000) | st.text(max_size=600).map(lambda t: t.encode("utf-8")))
def test_reading_random_bytes_as_a_table_gives_records_or_one_refusal(scratch: Path, start: bytes, data: bytes) -> None:
    path = _write(scratch, start + data)
    try:
        _read_all(TableImporter(), path)
    except ImportFailed as error:
        assert error.message


ODD_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters=';,\t|"\r\n'), max_size=12
)
DATES = st.one_of(
    st.dates(min_value=datetime(2020, 1, 1).date(), max_value=datetime(2030, 12, 31).date()).map(
        lambda d: d.strftime("%d/%m/%Y")
    ),
    st.sampled_from(["2026-02-10", "31/02/2026", "02/13/2026", "10.02.26", "", "gisteren", "Totaal"]),
    ODD_TEXT,
)
TIMES = st.one_of(
    st.times().map(lambda t: t.strftime("%H:%M:%S")),
    st.sampled_from(["21:00", "9:5", "25:61", "02:30", "9 PM", ""]),
    ODD_TEXT,
)
NUMBERS = st.one_of(
    st.from_regex(r"04[5-9][0-9] [0-9]{2} [0-9]{2} [0-9]{2}", fullmatch=True),
    st.sampled_from(["+32470990001", "Anoniem", "####", "=1+2", "8855", ""]),
    ODD_TEXT,
)
WORDS = st.one_of(
    st.sampled_from(["Inkomend", "Uitgaand", "Gemist", "Entrant", "Sortant", "SMS", "Data", "Oproep", "Zwevend", ""]),
    ODD_TEXT,
)
DURATIONS = st.one_of(st.sampled_from(["0:01:05", "65", "1,5", "1 min 5 s", "lang", "-3", ""]), ODD_TEXT)
# (header labels it may have, what its cells hold); the first three are always there
COLUMNS = [
    (["Datum", "Date"], DATES),
    (["Uur", "Heure", "Time"], TIMES),
    (["Nummer", "Numéro", "Number"], NUMBERS),
    (["Richting", "Sens", "Direction", "Soort", "Type"], WORDS),
    (["Duur", "Durée", "Duration"], DURATIONS),
    (["Naam", "Prijs", "Opmerking"], ODD_TEXT),
]


@st.composite
def tables(draw: st.DrawFn) -> tuple[bytes, int]:
    """An operator-like table: a header with a date, a time and a number
    column (and maybe others, in any order), rows of mostly plausible and
    sometimes broken cells; and how many of its rows are not blank (each
    must become a record or a skip)."""
    chosen = COLUMNS[:3] + draw(st.lists(st.sampled_from(COLUMNS[3:]), unique_by=lambda c: c[0][0], max_size=3))
    chosen = draw(st.permutations(chosen))
    header = [draw(st.sampled_from(labels)) for labels, _ in chosen]
    rows = draw(st.lists(st.tuples(*(cells for _, cells in chosen)).map(list), max_size=12))
    delimiter = draw(st.sampled_from([";", ",", "\t", "|"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(delimiter.join(cells) for cells in [header, *rows]) + newline
    encoding = draw(text_encodings)
    not_blank = sum(any(cell.strip() for cell in row) for row in rows)
    return text.encode(encoding, errors="replace"), not_blank


@given(tables())
def test_every_row_of_a_table_becomes_a_record_or_a_skip(scratch: Path, table: tuple[bytes, int]) -> None:
    data, not_blank = table
    path = _write(scratch, data)
    TableImporter().identify(path, data[:HEAD_BYTES])
    try:
        items = _read_all(TableImporter(), path)
    except ImportFailed as error:
        assert error.message
        return
    assert len(items) == not_blank  # nothing lost, nothing invented
    for item in items:
        assert item.locator.startswith("row ")
        if isinstance(item, Record):
            assert item.instant_utc.tzinfo is timezone.utc


@given(st.text(max_size=800))
def test_reading_random_text_as_a_whatsapp_chat_gives_records_or_one_refusal(scratch: Path, text: str) -> None:
    start = "01/02/2026 10:00 - Jens: " if len(text) % 2 else ""  # half of them start like a chat
    path = _write(scratch, (start + text).encode("utf-8"), "chat.txt")
    try:
        _read_all(WhatsAppImporter(), path)
    except ImportFailed as error:
        assert error.message

