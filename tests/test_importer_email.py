"""E-mail importer: golden .eml and .mbox files, headers kept byte for byte,
dates and zones, the owner's own mails, hostile mails, read-only mailboxes,
and what identify() must refuse.

The expectations in tests/data/email/*.expected.json were written by hand
from RFC 5322, RFC 2045-2047 and RFC 4155 (a field left out holds the
model's default; ``headers`` is checked apart, against the file's bytes).
Every fixture is fictional (example.invalid / example.org addresses).
"""

from __future__ import annotations

import builtins
import hashlib
import random
import re
from pathlib import Path
from typing import Any

import pytest

from calllog.errors import ImportFailed
from calllog.importers import email_messages
from calllog.importers.base import HEAD_BYTES, Importer
from calllog.importers.email_messages import EmailImporter, html_to_text
from calllog.importers.sbr import SbrCallsImporter, SbrMessagesImporter
from calllog.importers.table import TableImporter
from calllog.importers.vcard import VCardImporter
from calllog.model import ContactCard, Record, Skip
from tests.golden import (
    as_dict, context, expected, extract, fixtures_and_samples_outside, head_of, load_expected,
)

DATA = Path(__file__).parent / "data" / "email"
EMAIL = EmailImporter()
MBOX = DATA / "mailbox-fictional.mbox"
HEADERS_APART = ("headers",)  # checked against the file's bytes, not against the expectations
NO_SENDER = "The mail has no sender address (its From header is missing or empty)."
NO_DATE = "The mail has no date: its Date header is missing or unreadable, and no Received header has one."
NO_RECIPIENT = "The mail was sent by you but names no recipient (no To, Cc or Bcc address)."


def records(path: Path, **options: Any) -> list[Record | Skip | ContactCard]:
    return list(EMAIL.extract(path, context(**options)))


def only_record(path: Path, **options: Any) -> Record:
    items = records(path, **options)
    assert len(items) == 1 and isinstance(items[0], Record), items
    return items[0]


def mail(tmp_path: Path, text: str | bytes, name: str = "mail.eml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


# ---- golden files ------------------------------------------------------------------

GOLDEN = {
    "mailbox-fictional": "mbox",
    "french-qp-fictional": "eml",
    "received-chain-fictional": "eml",
    "no-date-fictional": "eml",
}


@pytest.mark.parametrize(("stem", "suffix"), GOLDEN.items())
def test_golden_file_gives_the_hand_written_records(stem: str, suffix: str) -> None:
    path = DATA / f"{stem}.{suffix}"
    want = load_expected(DATA / f"{stem}.expected.json")
    assert EMAIL.identify(path, head_of(path))
    got = extract(EMAIL, path, omit=HEADERS_APART)
    assert [item["locator"] for item in got] == [entry["locator"] for entry in want]
    for got_item, want_entry in zip(got, want):
        assert got_item == expected(want_entry, omit=HEADERS_APART)


def header_sections(path: Path) -> list[bytes]:
    """The header block of every mail in a fixture, cut out of the file's
    bytes independently of the importer: after the mbox 'From ' lines (known
    here by their line numbers) up to the first empty line."""
    data = path.read_bytes()
    if path.suffix == ".eml":
        newline = b"\r\n" if b"\r\n" in data else b"\n"
        return [data.split(newline * 2, 1)[0] + newline]
    lines = data.split(b"\n")
    sections = []
    for separator in (1, 30, 46):
        assert lines[separator - 1].startswith(b"From - ")
        block = []
        for line in lines[separator:]:
            if not line:
                break
            block.append(line + b"\n")
        sections.append(b"".join(block))
    return sections


@pytest.mark.parametrize(("stem", "suffix"), GOLDEN.items())
def test_headers_are_the_files_header_section_byte_for_byte(stem: str, suffix: str) -> None:
    path = DATA / f"{stem}.{suffix}"
    got = [item.headers for item in records(path) if isinstance(item, Record)]
    assert [h.encode("utf-8") if h is not None else None for h in got] == header_sections(path)


def test_the_received_chain_message_id_and_date_are_kept_in_order() -> None:
    headers = only_record(DATA / "received-chain-fictional.eml").headers
    assert headers is not None
    assert re.findall(r"^Received: from (\S+)", headers, re.MULTILINE) == [
        "mx.example.org", "relay.example.net", "[192.0.2.55]"
    ]
    assert "\r\n\tfor <slachtoffer@example.org>; Sun, 27 Oct 2024 00:31:02 +0000\r\n" in headers
    assert "Message-ID: <ab12cd34-0000-4000-8000-fictional@anon.example.net>\r\n" in headers
    assert "Date: Sun, 27 Oct 2024 02:30:59 +0200\r\n" in headers
    assert "Deze HTML-versie" not in headers  # the body is not part of it


def test_the_owners_own_mail_is_outgoing_to_the_first_recipient() -> None:
    me = ("someone-else@example.org", "SLACHTOFFER@example.org")
    third = extract(EMAIL, MBOX, omit=HEADERS_APART, me=me)[2]
    assert third == expected({
        "kind": "record", "locator": "message 3 (line 46)", "instant_utc": "2025-01-11T22:50:12+00:00",
        "channel": "email", "direction": "out", "status": "sent",
        "party_raw": "k.onbekend@example.invalid", "contact_name": "Kris Onbekend",
        "local_text": "Sat, 11 Jan 2025 23:50:12 +0100",
        "text": "Laat me met rust\nFictieve testtekst: stop met mij te contacteren.",
    }, omit=HEADERS_APART)
    # the mails the owner received stay incoming
    assert [item["direction"] for item in extract(EMAIL, MBOX, me=("slachtoffer@example.org",))] == ["in", "in", "out"]
    assert extract(EMAIL, MBOX, me="slachtoffer@example.org")[2]["direction"] == "out"  # one string, not a tuple


def test_progress_ends_at_the_file_size() -> None:
    progress: list[int] = []
    list(EMAIL.extract(MBOX, context(progress)))
    assert len(progress) == 3 and progress == sorted(progress) and progress[-1] == MBOX.stat().st_size


# ---- the mailbox stays untouched -------------------------------------------------------


def test_reading_a_mailbox_opens_it_read_only_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "box.mbox"
    copy.write_bytes(MBOX.read_bytes())
    before = (hashlib.sha256(copy.read_bytes()).hexdigest(), copy.stat().st_mtime_ns, copy.stat().st_size)
    modes: list[str] = []
    real_open = builtins.open

    def spying_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if Path(str(file)) == copy:
            modes.append(mode)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spying_open)
    assert len(records(copy)) == 3
    monkeypatch.undo()
    assert modes == ["rb"]
    assert (hashlib.sha256(copy.read_bytes()).hexdigest(), copy.stat().st_mtime_ns, copy.stat().st_size) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["box.mbox"]  # no lock or temporary file


# ---- dates -------------------------------------------------------------------------------

DATES = [
    # Date header, UTC instant, ambiguous, nonexistent
    ("Tue, 7 Jan 2025 21:14:09 +0100", "2025-01-07T20:14:09+00:00", False, False),
    ("Tue, 7 Jan 2025 21:14:09 +0530", "2025-01-07T15:44:09+00:00", False, False),
    ("Tue, 7 Jan 2025 21:14:09 -0000", "2025-01-07T21:14:09+00:00", False, False),
    ("Tue, 7 Jan 2025 21:14:09 GMT", "2025-01-07T21:14:09+00:00", False, False),
    ("Tue, 7 Jan 2025 21:14:09 CET", "2025-01-07T20:14:09+00:00", False, False),
    ("Mon, 31 Mar 2025 21:14:09 CEST", "2025-03-31T19:14:09+00:00", False, False),
    ("7 Jan 25 21:14 EST", "2025-01-08T02:14:00+00:00", False, False),
    ("Tue, 7 Jan 2025 21:14:09 +0100 (CET)", "2025-01-07T20:14:09+00:00", False, False),
    ("Sun, 27 Oct 2024 02:30:00 +0100", "2024-10-27T01:30:00+00:00", False, False),
    # no zone at all: local time in the case's zone (Europe/Brussels)
    ("Tue, 7 Jan 2025 21:14:09", "2025-01-07T20:14:09+00:00", False, False),
    ("Sun, 27 Oct 2024 02:30:00", "2024-10-27T00:30:00+00:00", True, False),
    ("Sun, 30 Mar 2025 02:30:00", "2025-03-30T01:30:00+00:00", False, True),
    ("Tue, 7 Jan 2025 21:14:09 XYZ", "2025-01-07T20:14:09+00:00", False, False),  # unknown zone name
]


@pytest.mark.parametrize(("date", "instant", "ambiguous", "nonexistent"), DATES)
def test_dates(tmp_path: Path, date: str, instant: str, ambiguous: bool, nonexistent: bool) -> None:
    record = only_record(mail(tmp_path, f"From: a@example.invalid\nDate: {date}\nSubject: s\n\nx\n"))
    assert (record.instant_utc.isoformat(), record.time_ambiguous, record.time_nonexistent) == (
        instant, ambiguous, nonexistent
    )
    assert record.local_text == date


def test_a_folded_date_is_unfolded(tmp_path: Path) -> None:
    record = only_record(mail(tmp_path, "From: a@example.invalid\nDate: Tue, 7 Jan 2025\n 21:14:09 +0100\n\nx\n"))
    assert record.instant_utc.isoformat() == "2025-01-07T20:14:09+00:00"
    assert record.local_text == "Tue, 7 Jan 2025 21:14:09 +0100"


FALLBACKS = [
    # headers after From, what comes out
    ("Received: by mx; Tue, 7 Jan 2025 21:14:09 +0100\n", "2025-01-07T20:14:09+00:00"),
    ("Date: Tue, 32 Jan 2025 21:14:09 +0100\nReceived: by mx; Wed, 8 Jan 2025 01:00:00 +0100\n",
     "2025-01-08T00:00:00+00:00"),
    ("Date: Tue, 7 Jan 99999 21:14:09 +0100\nReceived: a; b; Wed, 8 Jan 2025 01:00:00 +0100\n",
     "2025-01-08T00:00:00+00:00"),
    ("Date: morgen\nReceived: by mx without a date\n", NO_DATE),
    ("Date: \n", NO_DATE),
    ("Subject: geen datum\n", NO_DATE),
]


@pytest.mark.parametrize(("more_headers", "outcome"), FALLBACKS)
def test_without_a_readable_date_the_first_received_date_is_used(
    tmp_path: Path, more_headers: str, outcome: str
) -> None:
    items = records(mail(tmp_path, f"From: a@example.invalid\n{more_headers}\nbody\n"))
    assert len(items) == 1
    if outcome == NO_DATE:
        assert items[0] == Skip("message 1", NO_DATE)
    else:
        assert isinstance(items[0], Record) and items[0].instant_utc.isoformat() == outcome


# ---- senders and recipients ----------------------------------------------------------------

SENDERS = [
    # From header line(s), party_raw, contact_name
    ("From: Kris <Kris@Example.INVALID>\n", "kris@example.invalid", "Kris"),
    ('From: "Dupont, Jean" <jean@example.invalid>\n', "jean@example.invalid", "Dupont, Jean"),
    ("From: =?utf-8?b?Wm/Dqw==?= <zoe@example.invalid>\n", "zoe@example.invalid", "Zoë"),
    ("From: Zoë Raw <zoe@example.invalid>\n", "zoe@example.invalid", "Zoë Raw"),  # RFC 6532 UTF-8
    ("From: plain@example.invalid (Commentaar)\n", "plain@example.invalid", "Commentaar"),
    ("From: =?x-unknown?q?Vreemd?= <v@example.invalid>\n", "v@example.invalid", "=?x-unknown?q?Vreemd?="),
    ("From:\nSender: Afzender <sender@example.invalid>\n", "sender@example.invalid", "Afzender"),
    ("Return-Path: <bounce@example.invalid>\n", "bounce@example.invalid", None),
]


@pytest.mark.parametrize(("from_lines", "party", "name"), SENDERS)
def test_senders(tmp_path: Path, from_lines: str, party: str, name: str | None) -> None:
    record = only_record(mail(tmp_path, f"{from_lines}Date: Tue, 7 Jan 2025 21:14:09 +0100\n\nx\n"))
    assert (record.party_raw, record.contact_name, record.direction.value) == (party, name, "in")


def test_a_mail_without_sender_is_a_counted_skip(tmp_path: Path) -> None:
    path = mail(tmp_path, "Return-Path: <>\nTo: a@example.invalid\nDate: Tue, 7 Jan 2025 21:14:09 +0100\n\nx\n")
    assert records(path) == [Skip("message 1", NO_SENDER)]


@pytest.mark.parametrize(
    ("recipients", "party"),
    [("To: undisclosed-recipients:;\nCc: Cc Iemand <cc@example.invalid>\n", "cc@example.invalid"),
     ("Bcc: verborgen@example.invalid\n", "verborgen@example.invalid"),
     ("", NO_RECIPIENT)],
)
def test_the_owners_mail_goes_to_the_first_recipient_found(tmp_path: Path, recipients: str, party: str) -> None:
    path = mail(tmp_path, f"From: ik@example.org\n{recipients}Date: Tue, 7 Jan 2025 21:14:09 +0100\n\nx\n")
    items = records(path, me=("ik@example.org",))
    if party == NO_RECIPIENT:
        assert items == [Skip("message 1", NO_RECIPIENT)]
    else:
        assert isinstance(items[0], Record) and (items[0].direction.value, items[0].party_raw) == ("out", party)


# ---- bodies: MIME, charsets, hostile mails ------------------------------------------------------

HEAD = "From: a@example.invalid\nDate: Tue, 7 Jan 2025 21:14:09 +0100\nMIME-Version: 1.0\n"


def body_of(tmp_path: Path, rest: str | bytes) -> Record:
    data = HEAD.encode() + (rest.encode("utf-8") if isinstance(rest, str) else rest)
    return only_record(mail(tmp_path, data))


def test_an_unknown_charset_falls_back_to_utf8(tmp_path: Path) -> None:
    record = body_of(tmp_path, "Content-Type: text/plain; charset=x-klingon\n\nCafé\n")
    assert record.text == "Café"


def test_a_wrong_charset_falls_back_to_cp1252(tmp_path: Path) -> None:
    record = body_of(tmp_path, b"Content-Type: text/plain; charset=utf-8\n\nCaf\xe9 \x80\n")
    assert record.text == "Café €"


def test_latin1_bytes_in_headers_are_read_and_shown_replaced_in_the_kept_headers(tmp_path: Path) -> None:
    record = body_of(tmp_path, b"Subject: R\xe9ponse\n\nx\n")
    assert record.text == "Réponse\nx"
    assert record.headers == HEAD + "Subject: R\ufffdponse\n"


def test_a_multipart_without_boundary_keeps_its_text(tmp_path: Path) -> None:
    record = body_of(tmp_path, "Content-Type: multipart/mixed\n\nGewoon tekst.\n")
    assert record.text == "Gewoon tekst."


def test_an_unclosed_multipart_and_bad_base64_still_give_the_mail(tmp_path: Path) -> None:
    rest = (
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\n'
        "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n!!!niet base64***\n"
        '--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="a.pdf"\n\nJVBERi0'
    )
    record = body_of(tmp_path, rest)
    assert record.attachments == ("a.pdf",)
    assert record.party_raw == "a@example.invalid"


UNREADABLE_BODY = "[calllog: the body of this mail could not be read]"


@pytest.mark.parametrize(("depth", "text"), [(30, "diep"), (45, UNREADABLE_BODY), (3000, UNREADABLE_BODY)])
def test_deep_nesting_never_raises(tmp_path: Path, depth: int, text: str) -> None:
    opening = "".join(f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(depth))
    record = body_of(tmp_path, opening + "Content-Type: text/plain\n\ndiep\n")
    assert record.text == text
    assert record.instant_utc.isoformat() == "2025-01-07T20:14:09+00:00"  # the mail is kept


def test_binary_junk_in_the_body_never_raises(tmp_path: Path) -> None:
    junk = bytes(random.Random(7).randrange(256) for _ in range(20000))
    record = body_of(tmp_path, b"Content-Type: text/plain; charset=utf-8\n\n" + junk)
    assert record.text is not None and len(record.text) > 1000


def test_attachments_forwarded_mails_and_inline_parts(tmp_path: Path) -> None:
    rest = (
        'Content-Type: multipart/mixed; boundary="m"\n\n'
        "--m\nContent-Type: text/plain\n\nZie bijlagen.\n"
        "--m\nContent-Type: image/png\nContent-Disposition: inline\n\nPNG\n"
        '--m\nContent-Type: application/pdf; name="=?utf-8?q?d=C3=A9claration.pdf?="\n\n%PDF\n'
        "--m\nContent-Type: message/rfc822\n\nFrom: x@example.invalid\nSubject: Doorgestuurd\n\nOude tekst.\n"
        "--m\nContent-Type: message/rfc822\n\nFrom: y@example.invalid\n\nZonder onderwerp.\n"
        "--m\nContent-Type: text/plain\nContent-Disposition: attachment; filename=notities.txt\n\nniet de body\n"
        "--m--\n"
    )
    record = body_of(tmp_path, rest)
    assert record.text == "Zie bijlagen."
    assert record.attachments == (
        "image/png", "déclaration.pdf", "Doorgestuurd.eml", "forwarded mail.eml", "notities.txt"
    )


def test_html_is_turned_into_text() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><h1>Titel</h1>"
        "<p>Een &amp; twee&nbsp;drie</p><ul><li>een</li><li>twee</li></ul>"
        "<script>x()</script>  <p>  veel    spaties<br/>regel<br>regel </p></body></html>"
    )
    assert html_to_text(html) == "Titel\n\nEen & twee drie\n\neen\n\ntwee\n\nveel spaties\nregel\nregel"


def test_long_text_is_cut_with_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(email_messages, "MAX_TEXT_CHARS", 20)
    record = body_of(tmp_path, "Subject: Onderwerp\n\n" + "x" * 100 + "\n")
    assert record.text == (
        "Onderwerp\n" + "x" * 10 + "\n[calllog: 90 more characters of this text are in the original file]"
    )


@pytest.mark.parametrize("suffix", ["eml", "mbox"])
def test_a_huge_mail_is_read_up_to_the_limit_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    monkeypatch.setattr(email_messages, "MAX_MESSAGE_BYTES", 400)
    message = HEAD + "Subject: Groot\n\n" + "regel tekst\n" * 200
    if suffix == "mbox":
        message = "From a@example.invalid Tue Jan  7 20:14:09 2025\n" + message + "\n"
        message += "From b@example.invalid Tue Jan  7 21:00:00 2025\nFrom: b@example.invalid\n"
        message += "Date: Tue, 7 Jan 2025 22:00:00 +0100\n\nklein\n"
    items = records(mail(tmp_path, message, f"big.{suffix}"))
    first = items[0]
    assert isinstance(first, Record) and first.text is not None
    assert first.headers == HEAD + "Subject: Groot\n"
    assert first.text.endswith("\n[calllog: only the first 0 MiB of this mail were read]")
    assert first.text.startswith("Groot\nregel tekst\nregel tekst\n")
    if suffix == "mbox":
        assert isinstance(items[1], Record) and items[1].text == "klein"


# ---- mailbox separators ----------------------------------------------------------------------


def test_only_real_separators_start_a_new_mail(tmp_path: Path) -> None:
    box = (
        "From a@example.invalid Tue Jan  7 20:14:09 2025\n"
        "From: a@example.invalid\nDate: Tue, 7 Jan 2025 21:14:09 +0100\n\n"
        "Regel een\nFrom here on, no separator: the line before is not empty\n\n"
        "From me to you, with love\n"  # after an empty line, but no time and year
        ">From Mon Jan  6 10:00:00 2025 quoted once\n"
        ">>From twice\n\n"
        "From b@example.invalid Wed Jan  8 08:00:00 2025\n"
        "From: b@example.invalid\nDate: Wed, 8 Jan 2025 09:00:00 +0100\n\ntwee\n"
    )
    items = records(mail(tmp_path, box, "box.mbox"))
    assert [getattr(item, "locator") for item in items] == ["message 1 (line 1)", "message 2 (line 12)"]
    first = items[0]
    assert isinstance(first, Record) and first.text == (
        "Regel een\nFrom here on, no separator: the line before is not empty\n\n"
        "From me to you, with love\nFrom Mon Jan  6 10:00:00 2025 quoted once\n>From twice"
    )


def test_reading_a_mailbox_in_tiny_pieces_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = [as_dict(item) for item in records(MBOX)]
    monkeypatch.setattr(email_messages, "_LINE_PIECE", 3)
    assert [as_dict(item) for item in records(MBOX)] == whole


def test_a_crlf_mailbox(tmp_path: Path) -> None:
    path = mail(tmp_path, MBOX.read_bytes().replace(b"\n", b"\r\n"), "crlf.mbox")
    got = [as_dict(item) for item in records(path)]
    assert [(g["party_raw"], g["text"]) for g in got] == [(g["party_raw"], g["text"]) for g in extract(EMAIL, MBOX)]


# ---- whole files that cannot be read ----------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"Datum;Nummer\n01/02/2025;0470000001\n", "table.csv", "is not an e-mail"),
        (b"", "empty.eml", "is not an e-mail"),
        (b"From the desk of nobody\nhello\n", "odd.mbox", "is not a mailbox"),
    ],
)
def test_a_file_that_is_no_mail_cannot_be_imported(tmp_path: Path, content: bytes, name: str, message: str) -> None:
    with pytest.raises(ImportFailed, match=message):
        records(mail(tmp_path, content, name))


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="could not be read"):
        records(tmp_path / "gone.eml")


# ---- identify --------------------------------------------------------------------------------

CLAIMED = [
    b"From: a@example.invalid\r\nDate: Tue, 7 Jan 2025 21:14:09 +0100\r\nSubject: x\r\n\r\nbody",
    b"Received: by mx\n\tfor x; Tue, 7 Jan 2025 21:14:09 +0100\nFrom: a@b\nMessage-ID: <1@b>\n\n",
    b"\xef\xbb\xbfFrom: a@b\nDate: x\nSubject: y\n\n",
    b"From - Tue Jan 07 20:14:09 2025\nFrom: a@b\nDate: x\n\n",
    b"From MAILER-DAEMON Fri Jul  8 12:08:34 2011\r\nReturn-Path: <>\r\nFrom: a@b\r\n",
    b"From: a@b\nDate: x\nSubject: y",  # a whole file that is only headers
]
REFUSED = [
    b"",
    b"From: a@b\nSubject: y\n\n",  # neither Date nor Received
    b"From: a@b\nDate: x\n\n",  # neither Message-ID nor Subject
    b"Date: x\nSubject: y\nMessage-ID: <1@b>\n\n",  # no From
    b"Hello\nFrom: a@b\nDate: x\nSubject: y\n\n",  # text before the headers
    b" From: a@b\nDate: x\nSubject: y\n\n",
    b"From: a@b\nDate: x\nnot a header line\nSubject: y\n\n",
    b"From someone without a date\nFrom: a@b\nDate: x\n\n",
    b"From - Tue Jan 07 20:14:09 2025\nnot headers\n",
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:From: x\r\nEND:VCARD\r\n",
    b"Datum;Uur;Nummer;Duur\n01/02/2025;10:00;0470000001;0:10\n",
    b"12/01/2024, 10:15 - Kris: From: a@b\n",
    b"<?xml version='1.0'?><smses count='0'/>",
    b"From: a@b\x00\nDate: x\nSubject: y\n\n",
]


@pytest.mark.parametrize("head", CLAIMED)
def test_identify_claims_mails(tmp_path: Path, head: bytes) -> None:
    assert EMAIL.identify(tmp_path / "x", head)


@pytest.mark.parametrize("head", REFUSED)
def test_identify_refuses_what_is_no_mail(tmp_path: Path, head: bytes) -> None:
    assert not EMAIL.identify(tmp_path / "x", head)


def test_identify_reads_a_head_cut_in_the_middle_of_a_header(tmp_path: Path) -> None:
    head = (b"From: a@b\nDate: x\nSubject: y\n" + b"X-Long: " + b"z" * HEAD_BYTES)[:HEAD_BYTES]
    assert EMAIL.identify(tmp_path / "x", head)


def test_identify_never_raises_on_random_bytes(tmp_path: Path) -> None:
    generator = random.Random(5322)
    for _ in range(300):
        head = bytes(generator.randrange(256) for _ in range(generator.randrange(80)))
        assert EMAIL.identify(tmp_path / "x", b"From: " + head) in (True, False)
        assert EMAIL.identify(tmp_path / "x", head) in (True, False)


# fixtures and samples of every other format (no mail among them)
@pytest.mark.parametrize("path", fixtures_and_samples_outside(DATA), ids=lambda p: p.name)
def test_identify_does_not_claim_other_formats(path: Path) -> None:
    assert not EMAIL.identify(path, head_of(path))


OTHER_IMPORTERS: list[Importer] = [SbrCallsImporter(), SbrMessagesImporter(), TableImporter(), VCardImporter()]


@pytest.mark.parametrize("importer", OTHER_IMPORTERS, ids=lambda i: i.name)
@pytest.mark.parametrize("path", sorted(DATA.glob("*.eml")) + [MBOX], ids=lambda p: p.name)
def test_other_importers_do_not_claim_mails(importer: Importer, path: Path) -> None:
    assert not importer.identify(path, head_of(path))
