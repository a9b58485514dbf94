"""vCard importer: golden files of the three versions, the real 4.0 sample,
encodings and line endings, escapes, and what identify() must refuse.

The expectations in tests/data/vcard/*.expected.json were written by hand
from the format definitions (shared/reference/handset-formats.md §7, RFC 2426,
RFC 6350, the vCard 2.1 specification); the fixtures are fictional.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from calllog.errors import ImportFailed
from calllog.importers.base import Importer
from calllog.importers.email_messages import EmailImporter
from calllog.importers.sbr import SbrCallsImporter, SbrMessagesImporter
from calllog.importers.table import TableImporter
from calllog.importers.vcard import VCardImporter
from calllog.model import ContactCard
from tests.golden import context, extract, fixtures_and_samples_outside, head_of, load_expected

DATA = Path(__file__).parent / "data" / "vcard"
REAL = Path(__file__).parents[1].parent / "shared" / "real-samples"
VCARD = VCardImporter()
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="shared/real-samples is absent")


def cards_from(tmp_path: Path, data: bytes, name: str = "contacts.vcf") -> list[dict[str, Any]]:
    path = tmp_path / name
    path.write_bytes(data)
    assert VCARD.identify(path, head_of(path))
    return extract(VCARD, path, gives=ContactCard)  # a vCard gives names, never events


# ---- golden files -------------------------------------------------------------

GOLDEN = ["android-2.1-fictional", "ios-3.0-fictional", "v4-uri-bom-fictional"]


@pytest.mark.parametrize("stem", GOLDEN)
def test_golden_file_gives_the_hand_written_cards(stem: str) -> None:
    path = DATA / f"{stem}.vcf"
    want = load_expected(DATA / f"{stem}.expected.json")
    assert VCARD.identify(path, head_of(path))
    assert extract(VCARD, path, gives=ContactCard) == want


@pytest.mark.parametrize("stem", GOLDEN)
def test_progress_ends_at_the_file_size(stem: str) -> None:
    progress: list[int] = []
    list(VCARD.extract(DATA / f"{stem}.vcf", context(progress)))
    assert progress and progress == sorted(progress)
    assert progress[-1] == (DATA / f"{stem}.vcf").stat().st_size


@needs_real
def test_real_vcard_4_sample() -> None:
    # one card; FN wins over N (Perreault;Simon;;;ing. jr,M.Sc.); the only TEL is
    # the text form "(123) 555-5832", then the one EMAIL
    path = REAL / "vcard" / "raleighlittles-test-v4.vcf"
    assert VCARD.identify(path, head_of(path))
    assert extract(VCARD, path, gives=ContactCard) == [
        {
            "kind": "card",
            "locator": "card 1",
            "name": "Simon Perreault",
            "numbers": ["(123) 555-5832", "simon.perreault@viagenie.ca"],
        }
    ]


# ---- encodings and line endings -----------------------------------------------

ONE_CARD = "BEGIN:VCARD\nVERSION:3.0\nFN:Renée Maës\nTEL;TYPE=CELL:+32 470 00 05 01\nEND:VCARD\n"
RENEE = [{"kind": "card", "locator": "card 1", "name": "Renée Maës", "numbers": ["+32 470 00 05 01"]}]


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"], ids=["CRLF", "LF", "CR"])
@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]
)
def test_every_encoding_and_line_ending_gives_the_same_card(
    tmp_path: Path, encoding: str, newline: str
) -> None:
    data = ONE_CARD.replace("\n", newline).encode(encoding)
    assert cards_from(tmp_path, data) == RENEE


def test_a_big_file_in_cp1252_is_read_whole(tmp_path: Path) -> None:
    # the one non-UTF-8 byte comes after the first megabyte: the whole file
    # is still read as cp1252, so "é" of the last card is right
    filler = "BEGIN:VCARD\nVERSION:3.0\nFN:Vul Ling\nTEL:+32470000502\nEND:VCARD\n" * 30000
    data = (filler + ONE_CARD).encode("cp1252")
    cards = cards_from(tmp_path, data)
    assert len(cards) == 30001 and cards[-1] == {**RENEE[0], "locator": "card 30001"}


# ---- values: escapes, quoted-printable, tel: URIs -------------------------------


def card_text(*lines: str, version: str = "3.0") -> bytes:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""]).encode("utf-8")


NAMES = [
    (["FN:Dubois\\, Anne\\; \\\\ zus", "N:X;Y;;;"], "Dubois, Anne; \\ zus"),
    (["FN:Lijn\\nTwee"], "Lijn Twee"),  # a line break in a name becomes a space
    (["FN:", "N:Peeters;Jan,Karel;;Dr.;"], "Jan Karel Peeters"),  # comma = several given names
    (["FN:   ", "N:;;;;", "ORG:Fictief NV\\, Gent;;Verkoop"], "Fictief NV, Gent, Verkoop"),
    (["N:Solo;;;;"], "Solo"),
    (["N:;Voornaam;;;"], "Voornaam"),
    (["FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Ren=E9e"], "Renée"),
    (["FN;QUOTED-PRINTABLE;CHARSET=UTF-8:Ren=C3=A9e =", "M=C3=A4es"], "Renée Mäes"),  # bare 2.1 param
    (["FN;CHARSET=X-NO-SUCH-CHARSET;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e"], "Renée"),
    (["FN;ENCODING=b;CHARSET=UTF-8:UmVuw6llIEI2NA=="], "Renée B64"),
    (["FN;ENCODING=b:not base64 at all!"], "not base64 at all!"),
    (["fn:kleine letters"], "kleine letters"),  # property names are case-insensitive
    (['FN;LANGUAGE="nl;BE":Met Aanhalingstekens'], "Met Aanhalingstekens"),
]


@pytest.mark.parametrize(("lines", "name"), NAMES)
def test_names(tmp_path: Path, lines: list[str], name: str) -> None:
    cards = cards_from(tmp_path, card_text(*lines, "TEL:+32470000601"))
    assert cards == [{"kind": "card", "locator": "card 1", "name": name, "numbers": ["+32470000601"]}]


NUMBERS = [
    ('TEL;VALUE=uri;PREF=1;TYPE="voice,home":tel:+1-555-555-5555;ext=5555', "+1-555-555-5555"),
    ("TEL;VALUE=uri:TEL:+32-470-00-06-02", "+32-470-00-06-02"),
    ("TEL:tel:%2B32470000603", "+32470000603"),  # a tel: URI without VALUE=uri
    ("TEL;TYPE=cell:(123) 555-5832", "(123) 555-5832"),
    ("item7.TEL;type=pref:  0470 00 06 04  ", "0470 00 06 04"),
    ("TEL;CELL;PREF:+32470000605", "+32470000605"),
    ("TEL;X-Privé:0470 00 06 06", "0470 00 06 06"),
    ("EMAIL;INTERNET:Iemand@Example.invalid", "Iemand@Example.invalid"),  # as written
    ("EMAIL:MAILTO:iemand@example.invalid", "iemand@example.invalid"),
    ("EMAIL;ENCODING=QUOTED-PRINTABLE:iemand=40example.invalid", "iemand@example.invalid"),
]


@pytest.mark.parametrize(("line", "number"), NUMBERS)
def test_numbers_and_addresses(tmp_path: Path, line: str, number: str) -> None:
    cards = cards_from(tmp_path, card_text("FN:Iemand", line, version="4.0"))
    assert cards == [{"kind": "card", "locator": "card 1", "name": "Iemand", "numbers": [number]}]


def test_empty_values_are_no_numbers(tmp_path: Path) -> None:
    cards = cards_from(tmp_path, card_text("FN:Leeg", "TEL:", "TEL;VALUE=uri:tel:", "EMAIL: "))
    assert cards == [{"kind": "skip", "locator": "card 1", "reason": "no phone number or e-mail"}]


def test_a_card_the_file_cuts_off_still_counts(tmp_path: Path) -> None:
    data = card_text("FN:Eerste", "TEL:+32470000701") + b"BEGIN:VCARD\r\nFN:Afgebroken\r\nTEL:+32470000702"
    assert cards_from(tmp_path, data) == [
        {"kind": "card", "locator": "card 1", "name": "Eerste", "numbers": ["+32470000701"]},
        {"kind": "card", "locator": "card 2", "name": "Afgebroken", "numbers": ["+32470000702"]},
    ]


def test_a_missing_end_starts_a_new_card_at_the_next_begin(tmp_path: Path) -> None:
    data = b"BEGIN:VCARD\r\nFN:Zonder Einde\r\nTEL:+32470000703\r\n" + card_text("FN:Volgende", "TEL:+32470000704")
    assert cards_from(tmp_path, data) == [
        {"kind": "card", "locator": "card 1", "name": "Zonder Einde", "numbers": ["+32470000703"]},
        {"kind": "card", "locator": "card 2", "name": "Volgende", "numbers": ["+32470000704"]},
    ]


def test_a_stray_soft_line_break_does_not_swallow_the_end_of_a_card(tmp_path: Path) -> None:
    data = card_text("FN:Eerste", "TEL:+32470000705", "NOTE;ENCODING=QUOTED-PRINTABLE:kapot=", version="2.1")
    data += card_text("FN:Tweede", "TEL:+32470000706", version="2.1")
    assert [card["name"] for card in cards_from(tmp_path, data)] == ["Eerste", "Tweede"]


def test_lines_between_cards_and_junk_lines_are_ignored(tmp_path: Path) -> None:
    data = card_text("FN:Een", "geen eigenschap", ":ook niet", "TEL:+32470000801")
    data += b"\r\nrommel tussen de kaarten\r\n" + card_text("FN:Twee", "TEL:+32470000802")
    assert [card["name"] for card in cards_from(tmp_path, data)] == ["Een", "Twee"]


# ---- whole files that cannot be read ---------------------------------------------


def test_a_file_with_no_card_cannot_be_imported(tmp_path: Path) -> None:
    path = tmp_path / "empty.vcf"
    path.write_bytes(b"VERSION:3.0\r\nFN:Los\r\n")
    with pytest.raises(ImportFailed, match="holds no contact card"):
        list(VCARD.extract(path, context()))


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="could not be read"):
        list(VCARD.extract(tmp_path / "gone.vcf", context()))


# ---- identify -----------------------------------------------------------------------

CLAIMED = [
    b"BEGIN:VCARD\r\nVERSION:2.1\r\n",
    b"begin:vcard\nversion:3.0\n",
    b"\xef\xbb\xbfBEGIN:VCARD\r\n",
    b"\r\n\r\n  \tBEGIN:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:3.0\r\n".encode("utf-16"),
    "BEGIN:VCARD\r\nVERSION:3.0\r\n".encode("utf-16-le"),
    b"BEGIN:VCARD",
]
REFUSED = [
    b"",
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
    b"BEGIN:VCARDS\r\n",
    b"VERSION:3.0\r\nBEGIN:VCARD\r\n",
    b"From: someone@example.invalid\r\nSubject: BEGIN:VCARD\r\n",
    b"<?xml version='1.0'?><calls count='0'/>",
    b"SQLite format 3\x00" + bytes(100),
    b"\x00\x01\x02\x03BEGIN:VCARD",
]


@pytest.mark.parametrize("head", CLAIMED)
def test_identify_claims_vcards(tmp_path: Path, head: bytes) -> None:
    assert VCARD.identify(tmp_path / "x", head)


@pytest.mark.parametrize("head", REFUSED)
def test_identify_refuses_what_is_no_vcard(tmp_path: Path, head: bytes) -> None:
    assert not VCARD.identify(tmp_path / "x", head)


def test_identify_never_raises_on_random_bytes(tmp_path: Path) -> None:
    generator = random.Random(2145)
    for _ in range(300):
        head = bytes(generator.randrange(256) for _ in range(generator.randrange(64)))
        assert VCARD.identify(tmp_path / "x", head) in (True, False)


# fixtures and samples of every other format (no vCard among them)
@pytest.mark.parametrize("path", fixtures_and_samples_outside(DATA, real_folder_left_out="vcard"), ids=lambda p: p.name)
def test_identify_does_not_claim_other_formats(path: Path) -> None:
    assert not VCARD.identify(path, head_of(path))


def vcard_files() -> list[Path]:
    found = sorted(DATA.glob("*.vcf"))
    return found + ([REAL / "vcard" / "raleighlittles-test-v4.vcf"] if REAL.is_dir() else [])


OTHER_IMPORTERS: list[Importer] = [SbrCallsImporter(), SbrMessagesImporter(), TableImporter(), EmailImporter()]


@pytest.mark.parametrize("importer", OTHER_IMPORTERS, ids=lambda i: i.name)
@pytest.mark.parametrize("path", vcard_files(), ids=lambda p: p.name)
def test_other_importers_do_not_claim_vcards(importer: Importer, path: Path) -> None:
    assert not importer.identify(path, head_of(path))
