"""Tests for calllog.phone. Every number here is fictional or a public
service number; expected parties were worked out by hand from the Belgian
numbering plan (mobile 04xx + 7 digits, fixed 0x + 7 digits) and the rules
in the module docstring."""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pytest
from defusedxml import ElementTree

from calllog.errors import SettingsError
from calllog.model import WITHHELD, Party, PartyQuality
from calllog.phone import (
    WITHHELD_WORDS,
    display_number,
    is_withheld_text,
    mask_number,
    normalise_number,
)

REAL_SAMPLES = Path(__file__).parents[1].parent / "shared" / "real-samples"

V = PartyQuality.VALID
P = PartyQuality.POSSIBLE
I = PartyQuality.INVALID  # noqa: E741
S = PartyQuality.SHORT
N = PartyQuality.NOT_A_NUMBER
E = PartyQuality.EMAIL
W = PartyQuality.WITHHELD

MOBILE = "+32470123456"

# (raw, expected party, expected quality); default region BE.
CASES = [
    # belgium-context.md 4.3: all of these are one valid mobile number
    ("0470 12 34 56", MOBILE, V),
    ("+32470123456", MOBILE, V),
    ("0032470123456", MOBILE, V),
    ("+32 (0)470 12 34 56", MOBILE, V),
    ("0499/12.34.56", "+32499123456", V),
    ("0470.12.34.56", MOBILE, V),
    ("+320470123456", MOBILE, V),
    ("0032(0)470123456", MOBILE, V),
    ("0032 0470 12 34 56", MOBILE, V),
    ("(+32) 470 12 34 56", MOBILE, V),
    # 4.3: the country was guessed (no +, 00 or trunk 0): kept, less sure
    ("32470123456", MOBILE, P),
    ("470123456", MOBILE, P),
    ("3225112233", "+3225112233", P),
    ("25112233", "+3225112233", P),
    # guessed and not valid either: never an E.164 guess
    ("47012345", "47012345", I),
    # 4.3: a Dutch mobile written nationally is not a Belgian number
    ("06 12345678", "0612345678", I),
    ("+32 612345678", "+32612345678", I),
    # 4.3: the typo 00470... would be a Norwegian-looking invalid number
    ("00470123456", "+470123456", I),
    # 4.3: truncated (one digit short of a mobile): possible, not valid
    ("047012345", "+3247012345", P),
    # 4.3: 070 blocks: some valid premium rate, 070 12 34 56 is not
    ("070 22 33 44", "+3270223344", V),
    ("070 24 52 45", "+3270245245", V),
    ("070 12 34 56", "070123456", I),
    # 4.2: 077 has no current use
    ("077 12 34 56", "077123456", I),
    # one digit too many for any Belgian number
    ("06612341234", "06612341234", I),
    ("04701234567", "04701234567", I),
    # fixed lines and toll free
    ("02 511 22 33", "+3225112233", V),
    ("09 223 45 67", "+3292234567", V),  # Gent: 092-094
    ("09 123 45 67", "091234567", I),  # 091 is not in use
    ("0800 12 345", "+3280012345", V),
    # short numbers, recognised before E.164 (parse("101") gives +32101)
    ("100", "100", S),
    ("101", "101", S),
    ("112", "112", S),
    ("1712", "1712", S),
    ("1813", "1813", S),
    ("116000", "116000", S),
    ("116111", "116111", S),  # every 116xxx, though shortdata lacks this one
    ("1777", "1777", S),
    ("2000", "2000", S),  # SMS short codes 2xxx-9xxx
    ("8800", "8800", S),
    ("9997", "9997", S),
    (" 17 12 ", "1712", S),
    ("12345", "12345", I),  # no such 5-digit code
    ("0112", "0112", I),  # a trunk 0 does not make 112
    ("+32101", "+32101", I),
    # foreign numbers written internationally
    ("+31 6 12345678", "+31612345678", V),
    ("0031 6 12345678", "+31612345678", V),
    ("+33 6 12 34 56 78", "+33612345678", V),
    ("0033 6 12 34 56 78", "+33612345678", V),
    ("+43 664 1234567", "+436641234567", V),
    ("+43 1 234567", "+431234567", V),
    ("+49 30 1234567", "+49301234567", V),
    ("+1234567890", "+1234567890", I),  # NANP needs 10 digits after +1
    # how numbers really arrive
    ("tel:+32470123456", MOBILE, V),
    ("TEL:0470123456", MOBILE, V),
    ("0470123456,12", MOBILE, V),  # digits dialled after answering
    ("0470123456;99", MOBILE, V),
    ("#31#0470123456", MOBILE, V),  # caller id hidden for this call
    ("*31#0470123456", MOBILE, V),
    ("\u202a+32 470 12 34 56\u202c", MOBILE, V),  # WhatsApp bidi marks
    ("+32\u00a0470\u00a012\u00a034\u00a056", MOBILE, V),  # no-break spaces
    ("\uff10\uff14\uff17\uff10\uff11\uff12\uff13\uff14\uff15\uff16", MOBILE, V),
    ("0470\u201312\u201334\u201356", MOBILE, V),  # en dashes
    # e-mail addresses (iMessage handles)
    ("Jan.Peeters@Example.BE", "jan.peeters@example.be", E),
    ("  mailto:An@voorbeeld.be ", "an@voorbeeld.be", E),
    ("a@b", "a@b", N),
    ("a@@b.be", "a@@b.be", N),
    # not a number at all
    ("AB123456-7890-ABCD-EF12-34567890ABCD", "AB123456-7890-ABCD-EF12-34567890ABCD", N),
    ("Teams meeting", "Teams meeting", N),
    ("  Proximus ", "Proximus", N),
    ("itsme", "itsme", N),
    ("*100#", "*100#", N),
    ("0470 12 34 56 (mobiel)", "0470 12 34 56 (mobiel)", N),
    ("-4", "-4", N),  # not an AOSP sentinel
    ("-5", "-5", N),
]


@pytest.mark.parametrize(("raw", "party", "quality"), CASES)
def test_normalise_number(raw: str, party: str, quality: PartyQuality) -> None:
    assert normalise_number(raw) == Party(party, quality, raw)


@pytest.mark.parametrize(
    ("raw", "region", "party", "quality"),
    [
        ("06 12345678", "NL", "+31612345678", V),
        ("06 12 34 56 78", "fr", "+33612345678", V),
        ("0470 12 34 56", "NL", "0470123456", I),
        ("+32470123456", "NL", MOBILE, V),
        ("0032470123456", "FR", MOBILE, V),
        ("112", "NL", "112", S),
        ("Anoniem", "NL", WITHHELD, W),
    ],
)
def test_region(raw: str, region: str, party: str, quality: PartyQuality) -> None:
    assert normalise_number(raw, region) == Party(party, quality, raw)


def test_unknown_region_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="'XX'"):
        normalise_number("0470123456", "XX")


# Every spelling the brief and belgium-context.md 4.4 name, as written.
WITHHELD_SPELLINGS = [
    "Anoniem", "Anonieme beller", "Privénummer", "Privé nummer", "Prive",
    "Privé", "Privé-nummer", "Onbekend", "Onbekend nummer", "Geheim nummer",
    "Nummer afgeschermd", "Afgeschermd", "Verborgen nummer", "Numéro masqué",
    "Numéro privé", "Numéro inconnu", "Masqué", "Inconnu", "Appel masqué",
    "Private", "Private number", "Unknown", "Unknown number", "No Caller ID",
    "Withheld", "Hidden", "Restricted", "Anonymous", "Unavailable",
    "Payphone", "Cabine", "Telefooncel", "(Unknown)", "Unbekannt",
    "Rufnummer unterdrückt",
    # case, accents, punctuation and spacing of real exports
    "ANONIEM", "  anoniem  ", "PRIVÉNUMMER", "prive nummer", "Prive-nummer",
    "NUMERO MASQUE", "numéro  masqué.", "Nume\u0301ro masque\u0301",
    "no-caller-id", "No Caller I.D.", "unknown!", "<Unknown>",
    # empty and Android's CallerInfo sentinels
    "", " ", "\t", "-1", "-2", "-3", " -2 ", "-", "--", "()", "+",
]


@pytest.mark.parametrize("raw", WITHHELD_SPELLINGS)
def test_withheld_spellings(raw: str) -> None:
    assert is_withheld_text(raw)
    assert normalise_number(raw) == Party(WITHHELD, W, raw)


@pytest.mark.parametrize("word", sorted(WITHHELD_WORDS))
def test_every_withheld_word_in_any_case(word: str) -> None:
    assert word == word.casefold()
    for spelling in (word, word.upper(), word.title()):
        assert normalise_number(spelling) == Party(WITHHELD, W, spelling)


@pytest.mark.parametrize(
    "raw",
    # abbreviations and words with a number are not guessed at
    ["0470123456", "Teams meeting", "-4", "Jan", "Anoniem 0470", "1712", "Onbekend nr"],
)
def test_not_withheld(raw: str) -> None:
    assert not is_withheld_text(raw)
    assert normalise_number(raw).quality is not W


def test_none_is_withheld_with_empty_raw() -> None:
    assert is_withheld_text(None)
    assert normalise_number(None) == Party(WITHHELD, W, "")


@pytest.mark.parametrize("raw", ["+32470123456", "1712", "Anoniem", "", "x"])
def test_withheld_hint_wins_and_keeps_raw(raw: str) -> None:
    assert normalise_number(raw, withheld_hint=True) == Party(WITHHELD, W, raw)


def test_results_are_cached() -> None:
    # a million-row import must not re-parse the same text every row
    assert normalise_number("0470 12 34 56") is normalise_number("0470 12 34 56")


@pytest.mark.parametrize(
    ("party", "shown"),
    [
        ("+32470123456", "+32 470 12 34 56"),
        ("+3225112233", "+32 2 511 22 33"),
        ("+3292234567", "+32 9 223 45 67"),
        ("+3280012345", "+32 800 12 345"),
        ("+3247012345", "+32 47012345"),  # possible: no grouping is known
        ("+31612345678", "+31 6 12345678"),
        ("+33612345678", "+33 6 12 34 56 78"),
        ("1712", "1712"),
        (WITHHELD, WITHHELD),
        ("jan@example.be", "jan@example.be"),
        ("0612345678", "0612345678"),  # invalid: kept as written
        ("+470123456", "+470123456"),
        ("Teams meeting", "Teams meeting"),
    ],
)
def test_display_number(party: str, shown: str) -> None:
    assert display_number(party) == shown


@pytest.mark.parametrize(
    ("party", "masked"),
    [
        ("+32470123430", "+32 47x xx xx 30"),
        ("+3225112233", "+32 2 5xx xx 33"),
        ("+31612345678", "+31 6 1xxxxx78"),
        ("+33612345678", "+33 6 1x xx xx 78"),
        ("0612345678", "061xxxxx78"),
        ("+470123456", "+470xxxx56"),
        ("1712", "1712"),
        ("116000", "116000"),
        (WITHHELD, WITHHELD),
        ("jan@example.be", "jan@example.be"),
    ],
)
def test_mask_number(party: str, masked: str) -> None:
    assert mask_number(party) == masked


def test_carrier_is_never_used() -> None:
    # numbers are portable in Belgium: the range holder is not the operator
    source = (Path(__file__).parents[1] / "calllog" / "phone.py").read_text("utf-8")
    imported = {
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert not any("carrier" in name for name in imported)
    assert "carrier." not in source


needs_samples = pytest.mark.skipif(
    not REAL_SAMPLES.is_dir(), reason="../shared/real-samples is not present"
)


@needs_samples
def test_real_sbr_call_numbers() -> None:
    path = REAL_SAMPLES / "android-sbr" / "memacs-calls.xml"
    root = ElementTree.parse(path).getroot()
    numbers = [call.get("number") for call in root.iter("call")]
    assert "-1" in numbers and "06612341234" in numbers
    for raw in numbers:
        result = normalise_number(raw)
        assert result.raw == raw
        if raw == "-1":
            assert result == Party(WITHHELD, W, "-1")
        elif raw.startswith("+"):
            # already E.164 without a stray 0: the party is the text itself
            assert result.party == raw and result.quality in (V, P, I)
        else:
            assert result == Party("06612341234", I, raw)


@needs_samples
@pytest.mark.parametrize(
    "name", ["call_history_signal", "call_history_teams", "call_history_basic"]
)
def test_real_imazing_numbers(name: str) -> None:
    path = REAL_SAMPLES / "imazing" / f"imazingtosbr-{name}.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        numbers = [row["Number"] for row in csv.DictReader(handle)]
    assert numbers
    for raw in numbers:
        result = normalise_number(raw)
        if raw.startswith("+"):
            assert result.party == raw and result.quality in (V, P, I)
        else:  # Signal ids and Teams meeting names
            assert result == Party(raw, N, raw)


@needs_samples
def test_real_imazing_message_senders() -> None:
    path = REAL_SAMPLES / "imazing" / "imazingtosbr-messages_mixed.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        senders = {row["Sender ID"] for row in csv.DictReader(handle)} - {""}
    assert {"Notification", "Alert", "+1555987654"} <= senders
    assert normalise_number("Notification") == Party("Notification", N, "Notification")
    assert normalise_number("+1555987654").party == "+1555987654"
