"""WhatsApp "Export chat" importer: golden files, every date layout, system
lines, attachments, who is the owner (--me), safe zip reading, and the real
exports written by other people (../shared/real-samples/whatsapp).

The golden expectations in tests/data/whatsapp/*.expected.json were written
by hand from each fictional fixture and the format notes in
shared/reference/handset-formats.md §4 (the "about" of each file says how
the instants were worked out); a field an expectation leaves out must hold
the model's default. ios-attachments-fictional.zip is made by
tests/data/whatsapp/build_ios_zip.py.
"""

from __future__ import annotations

import json
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from calllog.errors import ImportFailed
from calllog.importers import whatsapp_source
from calllog.importers.base import HEAD_BYTES, Importer
from calllog.importers.sbr import SbrCallsImporter, SbrMessagesImporter
from calllog.importers.table import TableImporter
from calllog.importers.whatsapp import TO_GROUP, TO_NOBODY, WhatsAppImporter
from calllog.importers.whatsapp_lines import entries
from calllog.importers.whatsapp_source import is_safe_member
from calllog.importers.whatsapp_words import Message, SystemLine, classify
from calllog.model import Record, Skip

from tests.data.whatsapp.build_ios_zip import MEMBERS, build
from tests.golden import BRUSSELS, as_dict, context, expected, head_of, load_expected

REPO = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data" / "whatsapp"
REAL = REPO.parent / "shared" / "real-samples"
IMPORTER = WhatsAppImporter()
GOLDEN = ["nl-be-android-fictional.txt", "fr-be-android-fictional.txt", "de-android-fictional.txt",
          "en-us-android-fictional.txt", "ios-attachments-fictional.zip"]
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-samples is absent")


def read(path: Path, *me: str) -> list[Record | Skip]:
    return list(IMPORTER.extract(path, context(me=me) if me else context()))


def records(path: Path, *me: str) -> list[Record]:
    return [item for item in read(path, *me) if isinstance(item, Record)]


def identify(importer: Importer, path: Path) -> bool:
    return importer.identify(path, head_of(path))


def write(tmp_path: Path, text: str, name: str = "chat.txt", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def local(record: Record) -> datetime:
    return record.instant_utc.astimezone(BRUSSELS).replace(tzinfo=None)


# ---- golden files ------------------------------------------------------------


@pytest.mark.parametrize("name", GOLDEN)
def test_golden_file_gives_the_hand_written_records(name: str) -> None:
    want = load_expected((DATA / name).with_suffix(".expected.json"))
    got = [as_dict(item) for item in read(DATA / name, *want["me"])]
    assert [item["locator"] for item in got] == [entry["locator"] for entry in want["items"]]
    for got_item, want_entry in zip(got, want["items"]):
        # the files leave these out: every record is a WhatsApp chat message
        assert got_item == expected(want_entry, channel="chat", service="WhatsApp")


@pytest.mark.parametrize("name", GOLDEN)
def test_fixtures_are_claimed_by_whatsapp_only(name: str) -> None:
    assert identify(IMPORTER, DATA / name)
    for other in (SbrCallsImporter(), SbrMessagesImporter(), TableImporter()):
        assert not identify(other, DATA / name), other.name


def test_the_committed_zip_holds_what_its_builder_writes(tmp_path: Path) -> None:
    def contents(path: Path) -> list[tuple[str, bytes]]:
        with zipfile.ZipFile(path) as archive:
            return [(info.filename, archive.read(info)) for info in archive.infolist()]

    assert contents(DATA / "ios-attachments-fictional.zip") == contents(build(tmp_path / "x.zip")) == MEMBERS


def test_progress_ends_at_the_file_size() -> None:
    seen: list[int] = []
    path = DATA / "nl-be-android-fictional.txt"
    list(IMPORTER.extract(path, context(seen, me=("Sofie",))))
    assert seen == sorted(seen) and seen[-1] == path.stat().st_size


def test_describe_says_layout_date_order_and_authors() -> None:
    assert IMPORTER.describe(DATA / "fr-be-android-fictional.txt", context(me=("Nadia",))) == [
        "WhatsApp chat, Android layout (date, time - author: text).",
        'Dates are read day/month/year (line 1 "3/02/25 08:15" is 3 February 2025): no date in the file '
        "proves the order, so the Belgian default, day first, is used.",
        "Times are local wall-clock times, read in Europe/Brussels.",
        "8 messages, 2 system lines (skipped).",
        "Authors: Marc (fictif) (6 messages), Nadia (2 messages).",
        "Your messages (as Nadia) are read as sent to Marc (fictif).",
    ]
    lines = IMPORTER.describe(DATA / "ios-attachments-fictional.zip", context())
    assert lines[0] == "WhatsApp chat, iOS layout ([date, time] author: text), read from _chat.txt inside the zip."
    assert lines[1] == ('Dates are read day/month/year (line 1 "01/05/2024, 21:10:00" is 1 May 2024), '
                        'as line 10 "13/05/2024, 22:00:00" proves.')
    assert lines[-2].startswith("Cannot import yet:")
    assert "Kevin (fictional) (6 messages), Sofie (1 message)" in lines[-2]


# ---- the date layouts of every locale ------------------------------------------

AT_1523 = datetime(2024, 4, 9, 15, 23)
AT_152344 = datetime(2024, 4, 9, 15, 23, 44)
LAYOUTS = [
    ("nl-BE", "9/04/2024 15:23 - Jan: tekst", AT_1523),
    ("nl-BE comma", "9/04/2024, 15:23 - Jan: tekst", AT_1523),
    ("nl-BE iOS", "[9/04/2024, 15:23:44] Jan: tekst", AT_152344),
    ("fr-BE", "9/04/24 15:23 - Jan: texte", AT_1523),
    ("fr-BE iOS", "[9/04/24 15:23:44] Jan: texte", AT_152344),
    ("fr 'à'", "9/04/2024 à 15:23 - Jan: texte", AT_1523),
    ("nl-NL", "09-04-2024 15:23 - Jan: tekst", AT_1523),
    ("nl-NL comma", "09-04-2024, 15:23 - Jan: tekst", AT_1523),
    ("nl-NL iOS", "[09-04-2024 15:23:44] Jan: tekst", AT_152344),
    ("fr-FR", "09/04/2024 15:23 - Jan: texte", AT_1523),
    ("en-GB", "09/04/2024, 15:23 - Jan: text", AT_1523),
    ("en-GB iOS", "[09/04/2024, 15:23:44] Jan: text", AT_152344),
    ("en-GB iOS with LRM", "\u200e[09/04/2024, 15:23:44] Jan: text", AT_152344),
    ("de", "09.04.24, 15:23 - Jan: Text", AT_1523),
    ("de dotted time", "09.04.2024, 15.23 - Jan: Text", AT_1523),
    ("de iOS", "[09.04.24, 15:23:44] Jan: Text", AT_152344),
    ("en-US U+202F", "4/9/24, 3:23\u202fPM - Jan: text\n4/13/24, 9:00\u202fAM - Jan: x", AT_1523),
    ("en-US iOS", "[4/9/24, 3:23:44\u202fPM] Jan: text\n[4/13/24, 9:00:00\u202fAM] Jan: x", AT_152344),
    ("en-US old", "4/9/24, 3:23 PM - Jan: text\n4/13/24, 9:00 AM - Jan: x", AT_1523),
    ("es p. m.", "09/04/2024, 3:23\u00a0p.\u00a0m. - Jan: texto", AT_1523),
    ("ISO", "2024-04-09, 15:23 - Jan: text", AT_1523),
    ("year first", "2024/04/09 15:23 - Jan: text", AT_1523),
]


@pytest.mark.parametrize(("label", "text", "when"), LAYOUTS, ids=[case[0] for case in LAYOUTS])
def test_every_date_layout_gives_the_same_local_time(tmp_path: Path, label: str, text: str, when: datetime) -> None:
    path = write(tmp_path, text + "\n")
    assert identify(IMPORTER, path)
    first = records(path)[0]
    assert (local(first), first.party_raw, first.text, first.locator) == (when, "Jan", first.text, "line 1")
    assert first.text in ("tekst", "texte", "text", "Text", "texto")


@pytest.mark.parametrize(
    ("hour_text", "hour"), [("12:05 AM", 0), ("12:30 PM", 12), ("1:00 AM", 1), ("11:59 PM", 23), ("00:08 a. m.", 0)]
)
def test_twelve_hour_clock(tmp_path: Path, hour_text: str, hour: int) -> None:
    path = write(tmp_path, f"1/13/24, {hour_text} - Jan: x\n")
    assert local(records(path)[0]).hour == hour


def test_day_and_month_conflict_skips_the_dates_that_do_not_fit(tmp_path: Path) -> None:
    path = write(tmp_path, "13/01/24 10:00 - Jan: a\n14/01/24 10:00 - Jan: b\n01/15/24 10:00 - Jan: c\n")
    got = read(path)
    kept = [local(item) for item in got if isinstance(item, Record)]
    assert kept == [datetime(2024, 1, 13, 10), datetime(2024, 1, 14, 10)]
    assert got[2] == Skip("line 3", 'The message was not kept: its date and time "01/15/24 10:00" are not a real '
                                    "date and time (day/month/year).")
    assert "Line 3 does not fit that order" in IMPORTER.describe(path, context())[1]


def test_the_spring_gap_hour_is_kept_and_marked(tmp_path: Path) -> None:
    # 02:30 never happened in Brussels that night: read with the offset before the gap, +01:00
    record = records(write(tmp_path, "31/03/2024 2:30 - Jan: nachtbericht\n"))[0]
    assert (record.instant_utc, record.time_nonexistent) == (datetime(2024, 3, 31, 1, 30, tzinfo=timezone.utc), True)


def test_a_date_that_does_not_exist_is_a_counted_skip(tmp_path: Path) -> None:
    got = read(write(tmp_path, "31/02/24 10:00 - Jan: a\n1/03/24 10:00 - Jan: b\n"))
    assert isinstance(got[0], Skip) and '"31/02/24 10:00" are not a real date' in got[0].reason
    assert isinstance(got[1], Record)


# ---- what a line is: system line, message, attachment ---------------------------

def what(line: str) -> Message | SystemLine:
    found, _ = entries(line.split("\n"))
    return classify(found[0])


SYSTEM = [
    "1/02/24 10:00 - Messages and calls are end-to-end encrypted. Tap to learn more.",
    "1/02/24 10:00 - Berichten en oproepen zijn end-to-end versleuteld. Tik voor meer informatie.",
    "1/02/24 10:00 - Les messages et les appels sont chiffrés de bout en bout.",
    "1/02/24 10:00 - Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.",
    '1/02/24 10:00 - Alice created group "Fictional"',
    '1/02/24 10:00 - Alice heeft groep "Fictief" aangemaakt',
    '1/02/24 10:00 - Alice a créé le groupe "Fictif"',
    '1/02/24 10:00 - Alice hat die Gruppe "Fiktiv" erstellt',
    "1/02/24 10:00 - Alice added Bob",
    "1/02/24 10:00 - Alice heeft Bob toegevoegd",
    "1/02/24 10:00 - Alice a ajouté Bob",
    "1/02/24 10:00 - Alice hat Bob hinzugefügt",
    "1/02/24 10:00 - You were added",
    "1/02/24 10:00 - Bob left",
    "1/02/24 10:00 - +32 470 00 11 11 changed to +32 470 00 22 22",
    '1/02/24 10:00 - Alice changed the subject from "Old" to "Re: plans"',  # the ": " is in the subject
    '1/02/24 10:00 - Alice heeft de groepsnaam gewijzigd in "Re: plannen"',
    "[1/02/24 10:00:00] Fictief groepje: \u200eAlice heeft Bob toegevoegd",  # iOS: the chat as author
    "[1/02/24 10:00:00] Jan: \u200eYour security code with Jan changed. Tap to learn more.",
    "[1/02/24 10:00:00] Jan: \u200eU hebt dit contact geblokkeerd.",
]


@pytest.mark.parametrize("line", SYSTEM)
def test_system_lines_are_recognised(line: str) -> None:
    assert isinstance(what(line), SystemLine)


@pytest.mark.parametrize(
    ("line", "group"),
    [("1/02/24 10:00 - Alice added Bob", True), ('1/02/24 10:00 - Alice created group "X"', True),
     ("1/02/24 10:00 - Messages and calls are end-to-end encrypted.", False),
     ("1/02/24 10:00 - Your security code with Jan changed.", False)],
)
def test_group_only_wording_is_noticed(line: str, group: bool) -> None:
    assert what(line) == SystemLine(group_only=group)


MESSAGES = [
    ("1/02/24 10:00 - Jan: I added you to my list", Message("Jan", "I added you to my list")),
    ("1/02/24 10:00 - Geblokkeerd - niet opnemen: ik zie je", Message("Geblokkeerd - niet opnemen", "ik zie je")),
    ("1/02/24 10:00 - Admin: hallo", Message("Admin", "hallo")),
    ("1/02/24 10:00 - Bloqué:.", Message("Bloqué", None)),
    ("1/02/24 10:00 - Jan: Dit bericht is verwijderd", Message("Jan", "Dit bericht is verwijderd")),
    ("[1/02/24 10:00:00] Jan: \u200eDit bericht is verwijderd.", Message("Jan", "Dit bericht is verwijderd.")),
    ("[1/02/24 10:00:00] Jan: \u200eCe message a été supprimé", Message("Jan", "Ce message a été supprimé")),
    ("[1/02/24 10:00:00] Jan: \u200eMissed voice call", Message("Jan", "Missed voice call")),
    ("[1/02/24 10:00:00] Jan: Je hebt me geblokkeerd", Message("Jan", "Je hebt me geblokkeerd")),  # no mark
    ("1/02/24 10:00 - Jan:.", Message("Jan", None)),  # disappearing-mode message, content gone
    ("1/02/24 10:00 - Jan:", Message("Jan", None)),
    ("1/02/24 10:00 - \u202a+32 470 00 12 34\u202c: hoi", Message("+32 470 00 12 34", "hoi")),
    ("1/02/24 10:00 - ~\u202fRiley: hi", Message("~ Riley", "hi")),
    ("1/02/24 10:00 - Jan: one\u2028same line\ntwo", Message("Jan", "one\u2028same line\ntwo")),
]


@pytest.mark.parametrize(("line", "message"), MESSAGES)
def test_messages_keep_author_and_text(line: str, message: Message) -> None:
    assert what(line) == message


ATTACHMENTS = [
    ("<Media omitted>", ("<Media omitted>",), None),
    ("<Media weggelaten>", ("<Media weggelaten>",), None),
    ("<Médias omis>", ("<Médias omis>",), None),
    ("<Medien ausgeschlossen>", ("<Medien ausgeschlossen>",), None),
    ("\u200eimage omitted", ("image omitted",), None),
    ("\u200eafbeelding weggelaten", ("afbeelding weggelaten",), None),
    ("\u200eContact card omitted", ("Contact card omitted",), None),
    ("Plan.pdf • 2 pages document omitted", ("Plan.pdf • 2 pages document omitted",), None),
    ("<attached: 00000012-PHOTO-2020-01-01-12-00-00.jpg>", ("00000012-PHOTO-2020-01-01-12-00-00.jpg",), None),
    ("\u200e<bijgevoegd: 00000013-VIDEO-2020-01-01-12-00-00.mp4>", ("00000013-VIDEO-2020-01-01-12-00-00.mp4",), None),
    ("<pièce jointe : 00000014-AUDIO-2020-01-01-12-00-00.opus>", ("00000014-AUDIO-2020-01-01-12-00-00.opus",), None),
    ("<Anhang: 00000015-STICKER-2020-01-01-12-00-00.webp>", ("00000015-STICKER-2020-01-01-12-00-00.webp",), None),
    ("IMG-20200101-WA0001.jpg (file attached)\nlook", ("IMG-20200101-WA0001.jpg",), "look"),
    ("DOC-20200101-WA0002.pdf (bestand bijgevoegd)", ("DOC-20200101-WA0002.pdf",), None),
    ("VID-20200101-WA0003.mp4 (fichier joint)\nregarde\nbien", ("VID-20200101-WA0003.mp4",), "regarde\nbien"),
    ("STK-20200101-WA0004.webp (Datei angehängt)", ("STK-20200101-WA0004.webp",), None),
    ("I forgot the photo omitted from the album", (), "I forgot the photo omitted from the album"),
]


@pytest.mark.parametrize(("body", "attachments", "text"), ATTACHMENTS)
def test_media_placeholders_and_attachment_lines(body: str, attachments: tuple[str, ...], text: str | None) -> None:
    assert what(f"1/02/24 10:00 - Jan: {body}") == Message("Jan", text, attachments)


def test_a_line_in_another_layout_continues_the_message(tmp_path: Path) -> None:
    path = write(tmp_path, "[1/02/24 10:00:00] Jan: kijk\n1/02/24 10:01 - Piet: geplakt\n[1/02/24 10:02:00] Jan: b\n")
    assert [(r.locator, r.text) for r in records(path)] == [
        ("line 1", "kijk\n1/02/24 10:01 - Piet: geplakt"), ("line 3", "b")]


# ---- who is the owner (--me) ------------------------------------------------------

TWO = "1/02/24 10:00 - Sofie: hallo\n1/02/24 10:01 - Jan (fictief): dag\n1/02/24 10:02 - Jan (fictief): en?\n"


def test_two_authors_without_me_stop_the_import_and_list_the_authors(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as caught:
        read(write(tmp_path, TWO))
    assert caught.value.message == ("chat.txt holds messages from 2 people, Jan (fictief) (2 messages), Sofie "
                                    "(1 message), and calllog cannot tell which of them is you.")
    assert caught.value.hint is not None and '--me "Your name as shown in the chat"' in caught.value.hint


def test_a_misspelt_me_in_a_two_person_chat_stops_the_import(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="Nobody in chat.txt is called 'Sophie'"):
        read(write(tmp_path, TWO), "Sophie")


@pytest.mark.parametrize("me", ["Sofie", "sofie", " SOFIE ", "Sofié"])
def test_me_is_compared_without_case_accents_or_spaces(tmp_path: Path, me: str) -> None:
    got = records(write(tmp_path, TWO), me)
    assert [(r.direction.value, r.status.value, r.party_raw) for r in got] == [
        ("out", "sent", "Jan (fictief)"), ("in", "received", "Jan (fictief)"), ("in", "received", "Jan (fictief)")]


def test_me_can_be_the_number_the_chat_shows(tmp_path: Path) -> None:
    path = write(tmp_path, "1/02/24 10:00 - \u202a+32 470 00 99 99\u202c: hallo\n1/02/24 10:01 - Jan: dag\n")
    assert [r.direction.value for r in records(path, "+32470009999")] == ["out", "in"]


def test_when_only_the_owner_wrote_her_messages_are_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "1/02/24 10:00 - Sofie: laat me gerust\n1/02/24 10:05 - Sofie: stop\n")
    assert read(path, "Sofie") == [Skip("line 1", TO_NOBODY), Skip("line 2", TO_NOBODY)]


GROUP = ("1/02/24 09:00 - Alice heeft Sofie toegevoegd\n1/02/24 10:00 - Sofie: wie is dit?\n"
         "1/02/24 10:01 - Alice: raad eens\n1/02/24 10:02 - Bob: haha\n")


def test_in_a_group_the_owner_messages_went_to_nobody_in_particular(tmp_path: Path) -> None:
    got = read(write(tmp_path, GROUP), "Sofie")
    assert got[:2] == [Skip("line 1", "system line"), Skip("line 2", TO_GROUP)]
    kept = [(r.direction.value, r.party_raw) for r in got[2:] if isinstance(r, Record)]
    assert kept == [("in", "Alice"), ("in", "Bob")]


def test_a_silent_owner_in_a_two_writer_group_is_allowed(tmp_path: Path) -> None:
    path = write(tmp_path, "1/02/24 09:00 - Alice added you\n1/02/24 10:01 - Alice: hi\n1/02/24 10:02 - Bob: yo\n")
    assert [r.party_raw for r in records(path, "Sofie")] == ["Alice", "Bob"]
    with pytest.raises(ImportFailed):
        read(path)  # still: without --me nobody can tell


def test_one_author_without_me_is_read_as_received(tmp_path: Path) -> None:
    path = write(tmp_path, "1/02/24 10:00 - Jan: a\n1/02/24 10:01 - Jan: b\n")
    assert [r.direction.value for r in records(path)] == ["in", "in"]
    assert IMPORTER.describe(path, context())[-1] == (
        "Every message is read as received from Jan; if Jan is you, give --me.")


# ---- reading the file: encodings, odd lines, zips ------------------------------------


def test_text_before_the_first_message_is_a_counted_skip(tmp_path: Path) -> None:
    path = write(tmp_path, "\nexported by hand\n1/02/24 10:00 - Jan: a\n")
    assert not identify(IMPORTER, path)
    assert read(path)[0] == Skip("line 2", "text before the first message line")


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeff1/02/24 10:00 - Jan: ça va\r\n", encoding="utf-16-le")
    assert identify(IMPORTER, path) and records(path)[0].text == "ça va"


def test_identify_copes_with_a_head_cut_inside_a_character(tmp_path: Path) -> None:
    path = write(tmp_path, "1/02/24 10:00 - Jan: " + "é" * 40000 + "\n")  # byte 65536 is inside an é
    assert path.read_bytes()[HEAD_BYTES - 1] == 0xC3 and identify(IMPORTER, path)


def test_text_that_is_not_utf8_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = write(tmp_path, "1/02/24 10:00 - Jan: \xe7a va\n", encoding="cp1252")
    with pytest.raises(ImportFailed, match="is not UTF-8 text as WhatsApp writes it"):
        read(path)


def test_text_without_any_message_line_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="is not a WhatsApp chat export"):
        read(write(tmp_path, "just a note\n"))


def zipped(tmp_path: Path, members: list[tuple[str, bytes]], name: str = "export.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members:
            archive.writestr(member, data)
    return path


CHAT = b"1/02/24 10:00 - Jan: a\n"


def test_an_android_zip_names_its_chat_after_the_contact(tmp_path: Path) -> None:
    path = zipped(tmp_path, [("IMG-20240201-WA0001.jpg", b"\xff\xd8"), ("WhatsApp Chat with Jan.txt", CHAT)])
    assert identify(IMPORTER, path) and records(path)[0].text == "a"
    assert "read from WhatsApp Chat with Jan.txt inside the zip" in IMPORTER.describe(path, context())[0]


def test_a_zip_member_pointing_outside_the_archive_is_never_read(tmp_path: Path) -> None:
    path = zipped(tmp_path, [("../_chat.txt", CHAT), ("/abs/chat.txt", CHAT), ("C:\\chat.txt", CHAT)])
    assert not identify(IMPORTER, path)
    with pytest.raises(ImportFailed, match="zip file without a WhatsApp chat"):
        read(path)


@pytest.mark.parametrize(
    ("name", "safe"),
    [("_chat.txt", True), ("chats/_chat.txt", True), ("../_chat.txt", False), ("a/../../x.txt", False),
     ("/etc/x.txt", False), ("\\x.txt", False), ("C:/x.txt", False), ("a\\..\\x.txt", False)],
)
def test_safe_member_names(name: str, safe: bool) -> None:
    assert is_safe_member(zipfile.ZipInfo(name)) is safe


def test_a_password_protected_member_is_not_safe_to_read() -> None:
    info = zipfile.ZipInfo("_chat.txt")
    info.flag_bits |= 0x1
    assert not is_safe_member(info)


def test_a_zip_with_two_chats_asks_for_one_at_a_time(tmp_path: Path) -> None:
    path = zipped(tmp_path, [("WhatsApp Chat with Jan.txt", CHAT), ("WhatsApp Chat with Piet.txt", CHAT)])
    with pytest.raises(ImportFailed, match="holds 2 chats"):
        read(path)


def test_a_chat_bigger_than_the_cap_stops_without_reading_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = zipped(tmp_path, [("_chat.txt", CHAT + b"x" * 5000)])
    monkeypatch.setattr(whatsapp_source, "MAX_CHAT_BYTES", 1000)
    with pytest.raises(ImportFailed, match="larger than any WhatsApp chat export"):
        read(path)


def test_a_damaged_zip_is_refused_and_not_identified(tmp_path: Path) -> None:
    path = write(tmp_path, "", name="broken.zip")
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert not identify(IMPORTER, path)
    with pytest.raises(ImportFailed, match="damaged or unreadable zip"):
        read(path)


# ---- other formats are not claimed -------------------------------------------------

OTHER_FILES = sorted(
    path
    for folder in (REPO / "tests" / "data" / "sbr", REPO / "tests" / "data" / "table", REPO / "samples")
    for path in folder.iterdir()
    if path.is_file()
)


@pytest.mark.parametrize("path", OTHER_FILES, ids=[p.name for p in OTHER_FILES])
def test_other_formats_in_the_repository_are_not_claimed(path: Path) -> None:
    assert not identify(IMPORTER, path)


@needs_real
def test_real_files_of_other_formats_are_not_claimed() -> None:
    others = [p for p in REAL.rglob("*") if p.is_file() and p.parent.name != "whatsapp" and p.suffix != ".md"]
    assert others and [p.name for p in others if identify(IMPORTER, p)] == []
    assert not identify(IMPORTER, REAL / "whatsapp" / "chatminer-target.json")


# ---- real exports written by other people -------------------------------------------

REAL_CHATS = ["chatminer-test_ddmmyy_24hrs.txt", "chatminer-test_mmddyy_24hrs.txt", "chatminer-test_mmddyyyy_12hrs.txt",
              "chatminer-test_yyyymmdd_24hrs.txt", "chatminer-test_bracketed_mmddyy_24hrs.txt",
              "chatanalytics-2A_5M.txt", "chatanalytics-4A_11M.zip"]


@needs_real
@pytest.mark.parametrize("name", REAL_CHATS)
def test_real_chats_are_claimed_by_whatsapp_only(name: str) -> None:
    path = REAL / "whatsapp" / name
    assert identify(IMPORTER, path)
    for other in (SbrCallsImporter(), SbrMessagesImporter(), TableImporter()):
        assert not identify(other, path), other.name


CHATMINER = ["ddmmyy_24hrs", "mmddyy_24hrs", "mmddyyyy_12hrs", "yyyymmdd_24hrs", "bracketed_mmddyy_24hrs"]


def chatminer(layout: str) -> Path:
    return REAL / "whatsapp" / f"chatminer-test_{layout}.txt"


@needs_real
@pytest.mark.parametrize("layout", CHATMINER)
def test_chatminer_exports_give_seven_messages_and_two_system_lines(layout: str) -> None:
    path = chatminer(layout)
    got = read(path, "Owner")  # the owner never wrote in this group ("You were added")
    assert [item.locator for item in got if isinstance(item, Skip)] == ["line 6", "line 7"]
    assert {item.reason for item in got if isinstance(item, Skip)} == {"system line"}
    messages = [item for item in got if isinstance(item, Record)]
    assert [m.locator for m in messages] == ["line 1", "line 2", "line 3", "line 5", "line 8", "line 9", "line 10"]
    # instants checked by hand: CET (+01:00) in winter, CEST (+02:00) in June
    assert [m.instant_utc.isoformat() for m in (messages[0], messages[3], messages[6])] == [
        "2019-01-01T10:25:00+00:00", "2020-06-10T13:55:00+00:00", "2021-12-30T21:01:00+00:00"]
    assert messages[1].party_raw == "John Doe" and messages[1].text is None  # "John Doe:." (disappearing)


@needs_real
def test_chatminer_layouts_all_read_the_same_chat() -> None:
    def reading(layout: str) -> list[tuple[datetime, str, str | None]]:
        return [(local(r), r.party_raw, r.text) for r in records(chatminer(layout), "Owner")]

    first = reading(CHATMINER[0])
    for layout in CHATMINER[1:]:
        assert reading(layout) == first, layout


@needs_real
def test_chatminer_matches_that_project_expected_parse() -> None:
    """target.json is chat-miner's parse of the dd/mm/yy file, newest first,
    lines joined by a space; it leaves out the "John Doe:." line, which
    calllog keeps as a message without text."""
    target = json.loads((REAL / "whatsapp" / "chatminer-target.json").read_text(encoding="utf-8"))
    ours = [
        {"timestamp": local(r).isoformat(), "author": r.party_raw, "message": (r.text or "").replace("\n", " ")}
        for r in records(chatminer("ddmmyy_24hrs"), "Owner")
        if r.text is not None
    ]
    assert ours == list(reversed(target))


@needs_real
def test_chatminer_describe_names_the_proof_of_the_date_order() -> None:
    assert IMPORTER.describe(chatminer("mmddyy_24hrs"), context(me=("Owner",)))[1] == (
        'Dates are read month/day/year (line 1 "01/01/19, 11:25" is 1 January 2019), '
        'as line 2 "01/20/19, 11:23" proves.')
    assert IMPORTER.describe(chatminer("bracketed_mmddyy_24hrs"), context(me=("Owner",)))[0] == (
        "WhatsApp chat, iOS layout ([date, time] author: text).")


@needs_real
def test_chatanalytics_text_export_between_two_people() -> None:
    path = REAL / "whatsapp" / "chatanalytics-2A_5M.txt"
    with pytest.raises(ImportFailed, match=r"A \(3 messages\), B \(2 messages\)"):
        read(path)
    got = read(path, "A")
    assert all(isinstance(item, Record) for item in got) and len(got) == 5
    messages = [item for item in got if isinstance(item, Record)]
    assert [m.direction.value for m in messages] == ["out", "in", "out", "in", "out"]
    assert {m.party_raw for m in messages} == {"B"}
    assert (messages[3].text, messages[3].attachments) == (None, ("<media omitted>",))
    # 1/1/21 proves no order; either way it is 1 January 2021, 12:02 CET; the out-of-order last line stays last
    assert messages[4].instant_utc == datetime(2021, 1, 1, 11, 2, tzinfo=timezone.utc)


@needs_real
def test_chatanalytics_ios_zip_group_chat() -> None:
    path = REAL / "whatsapp" / "chatanalytics-4A_11M.zip"
    got = read(path, "Owner")  # "Alice added you": the owner is in the group and never wrote
    assert got[:3] == [Skip(f"line {n}", "system line") for n in (1, 2, 3)]
    messages = [item for item in got if isinstance(item, Record)]
    assert len(messages) == 11 and all(m.direction.value == "in" for m in messages)
    assert sorted({m.party_raw for m in messages}) == ["Alice", "Bob", "Eve", "Mallory", "Trent"]
    # 12/9/20 proves no order: day first, 12 September 2020, 23:55 CEST
    assert messages[0].instant_utc == datetime(2020, 9, 12, 21, 55, tzinfo=timezone.utc)
    assert messages[8].text == "\U0001f469\U0001f3fb\u200d\u2696\ufe0f"  # the joiner inside the emoji stays
    # had Alice been the owner: her three messages went to the group
    assert [item.reason for item in read(path, "Alice") if isinstance(item, Skip)].count(TO_GROUP) == 3
