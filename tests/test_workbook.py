"""The workbook's layout, re-read with openpyxl: sheets in each language,
headers, frozen panes, filters, print settings, real dates, times and
durations, and rows checked against values worked out by hand."""

from __future__ import annotations

import dataclasses
import zipfile
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from calllog.analysis import Notice
from calllog.report.workbook import write_case_workbook
from tests.test_workbook_support import (
    JENS, SOURCES, demo_case, event, has_formula_element, make_input, message, rows_of, sheet_xml, write,
)

SHEETS = {
    "en": ["Summary", "Events", "Per day", "Hour × weekday", "Withheld calls", "Sources"],
    "nl": ["Samenvatting", "Gebeurtenissen", "Per dag", "Uur × weekdag", "Afgeschermde oproepen", "Bronnen"],
    "fr": ["Résumé", "Événements", "Par jour", "Heure × jour", "Appels masqués", "Sources"],
}
EVENT_HEADERS = ["No.", "Date", "Time", "Weekday", "Channel", "Direction", "Status", "Number as written", "Number",
                 "Name", "Duration", "Message text", "Attachments", "Sources (file: row)", "Note"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo case with Jens marked and a notice, written in English."""
    folder = tmp_path_factory.mktemp("workbook")
    case = demo_case(folder / "case")
    try:
        write_case_workbook(case, folder / "demo.xlsx")
    finally:
        case.close()
    return folder / "demo.xlsx"


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_sheet_names_in_each_language(tmp_path: Path, lang: str) -> None:
    path = write(tmp_path / "w.xlsx", make_input([event(1, "2026-01-10T09:00:00")], language=lang))
    assert load_workbook(path).sheetnames == SHEETS[lang]


def test_demo_sheets_headers_and_frozen_filtered_header(demo: Path) -> None:
    book = load_workbook(demo)
    assert book.sheetnames == SHEETS["en"]
    events = book["Events"]
    assert [c.value for c in events[1]] == EVENT_HEADERS
    # Jens: 368 contacts in and 4 out; withheld: 130 calls (the findings of the same case)
    assert events.max_row == 1 + 368 + 4 + 130
    for name in SHEETS["en"][1:]:
        ws = book[name]
        assert ws.freeze_panes == "A2", name
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}", name
        assert ws.print_title_rows == "$1:$1", name
    assert book["Summary"].freeze_panes is None


def test_every_sheet_prints_on_a4_landscape_fit_to_width_with_footer(tmp_path: Path) -> None:
    path = write(tmp_path / "w.xlsx", make_input([event(1, "2026-01-10T09:00:00")]), title="Smith & Jones")
    for ws in load_workbook(path).worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.oddFooter.right.text == "page &P of &N"
    # "&" starts a code in a footer: the title's own "&" is written "&&"
    xml = sheet_xml(path)["xl/worksheets/sheet2.xml"]
    assert b"<oddFooter>&amp;LSmith &amp;&amp; Jones&amp;Rpage &amp;P of &amp;N</oddFooter>" in xml


def test_footer_in_dutch(tmp_path: Path) -> None:
    path = write(tmp_path / "w.xlsx", make_input([event(1, "2026-01-10T09:00:00")], language="nl"))
    assert load_workbook(path)["Gebeurtenissen"].oddFooter.right.text == "pagina &P van &N"


def test_event_rows_are_real_dates_times_and_durations(tmp_path: Path) -> None:
    rows = [
        # 22:59:59 UTC on Thursday 15 January 2026 is 23:59:59 in Brussels (UTC+1)
        event(7, "2026-01-15T22:59:59", status="answered", duration_s=3725.0, party_raw="0470/00.00.66"),
        # 10:15:00 UTC on Monday 1 June 2026 is 12:15:00 (UTC+2)
        message(8, "2026-06-01T10:15:00", "Ik wacht op je.", attachments='["foto.jpg", "b.vcf"]',
                direction="out", status="sent"),
    ]
    path = write(tmp_path / "w.xlsx", make_input(rows))
    ws = load_workbook(path)["Events"]
    call = [c.value for c in ws[2]]
    assert call == [7, datetime(2026, 1, 15), time(23, 59, 59), "Thursday", "call", "incoming", "answered",
                    "0470/00.00.66", "+32 470 00 00 66", "Jens (fictional)", timedelta(hours=1, minutes=2, seconds=5),
                    None, None, "calls-fictional.xml: call 7", "night"]
    sms = [c.value for c in ws[3]]
    assert sms == [8, datetime(2026, 6, 1), time(12, 15), "Monday", "SMS", "outgoing", "sent", "0470 00 00 66",
                   "+32 470 00 00 66", "Jens (fictional)", None, "Ik wacht op je.", "foto.jpg\nb.vcf",
                   "calls-fictional.xml: call 8", None]
    assert [ws.cell(2, column).number_format for column in (2, 3, 11)] == ["DD/MM/YYYY", "HH:MM:SS", "[h]:mm:ss"]
    assert ws.cell(3, 12).alignment.wrap_text is True and ws.cell(3, 12).alignment.vertical == "top"


def test_a_time_that_occurs_twice_says_which(tmp_path: Path) -> None:
    # 25 October 2026: 00:30 UTC is 02:30 summer time, 01:30 UTC is 02:30 winter time
    rows = [event(1, "2026-10-25T00:30:00", time_ambiguous=True), event(2, "2026-10-25T01:30:00", time_ambiguous=True)]
    ws = load_workbook(write(tmp_path / "w.xlsx", make_input(rows)))["Events"]
    assert ws.cell(2, 3).value == ws.cell(3, 3).value == time(2, 30)
    notes = [ws.cell(row, 15).value for row in (2, 3)]
    assert notes == [
        "this time occurs twice (the clock went back an hour): this is 25/10/2026 02:30:00 UTC+02:00; night",
        "this time occurs twice (the clock went back an hour): this is 25/10/2026 02:30:00 UTC+01:00; night",
    ]


def test_per_day_counts_every_day_of_the_period(tmp_path: Path) -> None:
    rows = [
        event(1, "2026-01-10T09:00:00"),                                     # Sat 10/01, missed
        event(2, "2026-01-10T10:00:00", status="answered", duration_s=60.0),
        message(3, "2026-01-10T11:00:00", "Hallo"),
        event(4, "2026-01-12T09:00:00", party="withheld", party_raw="-2", party_quality="withheld"),
        message(5, "2026-01-12T09:30:00", "Nee", direction="out", status="sent"),
    ]
    per_day = rows_of(write(tmp_path / "w.xlsx", make_input(rows)), "Per day")
    assert per_day[0] == ("Date", "Weekday", "Incoming calls", "of which not answered", "Incoming SMS/MMS",
                          "Incoming chat messages", "Incoming e-mails", "Total incoming", "of which withheld number",
                          "Outgoing")
    assert per_day[1:] == [
        (datetime(2026, 1, 10), "Saturday", 2, 1, 1, 0, 0, 3, 0, 0),
        (datetime(2026, 1, 11), "Sunday", 0, 0, 0, 0, 0, 0, 0, 0),
        (datetime(2026, 1, 12), "Monday", 1, 1, 0, 0, 0, 1, 1, 1),
    ]


def test_hour_by_weekday_counts_incoming_contacts(tmp_path: Path) -> None:
    rows = [event(1, "2026-01-10T09:00:00"), event(2, "2026-01-10T09:59:00"),  # Saturday 10:00 and 10:59 local
            event(3, "2026-01-12T22:30:00"),                                     # Monday 23:30 local
            message(4, "2026-01-12T22:40:00", "x", direction="out", status="sent")]
    grid = rows_of(write(tmp_path / "w.xlsx", make_input(rows)), "Hour × weekday")
    assert grid[0] == ("Hour", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Total")
    assert grid[11] == ("10:00–10:59", 0, 0, 0, 0, 0, 2, 0, 2)
    assert grid[24] == ("23:00–23:59", 1, 0, 0, 0, 0, 0, 0, 1)
    assert grid[25] == ("Total", 1, 0, 0, 0, 0, 2, 0, 3)
    assert len(grid) == 26


def test_withheld_calls_sheet_marks_the_days_with_contact_from_the_person(tmp_path: Path) -> None:
    withheld = {"party": "withheld", "party_raw": "Anoniem", "party_quality": "withheld"}
    rows = [event(1, "2026-01-10T09:00:00"), event(2, "2026-01-10T09:30:00", **withheld),
            event(3, "2026-01-11T20:00:00", status="rejected", **withheld)]
    sheet = rows_of(write(tmp_path / "w.xlsx", make_input(rows)), "Withheld calls")
    assert sheet[0][7:9] == ("On a day with a contact from Jens (fictional)",
                             "Within 60 minutes of a contact from Jens (fictional)")
    assert sheet[1][:9] == (2, datetime(2026, 1, 10), time(10, 30), "Saturday", "missed", "Anoniem",
                            timedelta(0), "yes", "yes")
    assert sheet[2][:9] == (3, datetime(2026, 1, 11), time(21, 0), "Sunday", "rejected", "Anoniem",
                            timedelta(0), None, None)


def test_sources_sheet_lists_every_file_with_its_hash(demo: Path, tmp_path: Path) -> None:
    rows = rows_of(demo, "Sources")
    assert rows[0] == ("File", "SHA-256", "Format", "Size (bytes)", "Imported at (UTC)", "Time zone of the file",
                       "Read", "Imported", "Already known", "Skipped", "Why skipped", "Read together with")
    names = [row[0] for row in rows[1:]]
    assert names == ["calls-20260430.xml", "sms-20260430.xml", "operator-2026-02-03.csv", "operator-2026-04.xlsx"]
    for row in rows[1:]:
        assert len(row[1]) == 64 and row[6] == row[7] + row[8] + row[9]
    # the operator export's total line is the one skipped record, with its reason
    assert rows[3][9] == 1 and rows[3][10].endswith("(1)")
    companion = dict(SOURCES[0], companions='[{"suffix": "-wal", "sha256": "' + "cd" * 32 + '", "size": 9}]')
    written = write(tmp_path / "w.xlsx", make_input([event(1, "2026-01-10T09:00:00")]), sources=[companion])
    assert rows_of(written, "Sources")[1][11] == "calls-fictional.xml-wal: " + "cd" * 32


def test_summary_has_the_figures_sentences_notice_law_and_help(demo: Path) -> None:
    summary = rows_of(demo, "Summary")
    labels: dict[str, str] = {}
    for label, value in summary:
        if label:
            labels.setdefault(label, value)  # the first: Jens's figures come before his numbers'
    assert summary[0][0] == "Calls and messages: summary"
    assert labels["Case"] == "Fictional demo case"
    assert labels["Own phone number(s)"] == "+32 470 00 00 01"
    assert labels["Period of the records"] == "01/10/2025 to 30/04/2026"
    assert ("Person of interest: Jens (fictional)", None) in summary
    assert labels["Contacts (incoming)"] == "368"
    texts = [row[1] for row in summary if row[1]]
    assert any(t.startswith("The contacts from Jens (fictional)") and "consistent with belaging" in t for t in texts)
    assert "2026-01-15: registered letter; contacts count as 'after the notice' from 15/01/2026 23:59:59" in texts
    assert any(t.startswith("Art. 442bis Sw. (belaging") and "145 §3bis" in t for t in texts)
    assert "Police" in labels and labels["European emergency number"].startswith("112")


def test_the_law_reference_is_the_case_setting_when_set(tmp_path: Path) -> None:
    case = demo_case(tmp_path / "case", notice=False)
    try:
        with case.store.transaction():
            case.store.set_setting("law_reference_nl", "Art. 1 van het nieuwe Strafwetboek (fictief).")
        write_case_workbook(case, tmp_path / "nl.xlsx", lang="nl")
        write_case_workbook(case, tmp_path / "en.xlsx", lang="en")
    finally:
        case.close()
    assert (None, "Art. 1 van het nieuwe Strafwetboek (fictief).") in rows_of(tmp_path / "nl.xlsx", "Samenvatting")
    assert not any("fictief" in str(row) for row in rows_of(tmp_path / "en.xlsx", "Summary"))


def test_diary_sheet_only_when_the_diary_has_entries(tmp_path: Path) -> None:
    case = demo_case(tmp_path / "case")
    try:
        write_case_workbook(case, tmp_path / "without.xlsx")
        with case.store.transaction():
            case.store.conn.execute(
                "INSERT INTO diary_entries (id, instant_us, written, what, place, kind, witnesses, pv, recorded_at) "
                "VALUES (1, 1768500000000000, '2026-01-15 19:00', '=Stond aan de deur', 'thuis', 'waiting_near_home',"
                " '[\"Buur (fictief)\"]', 'PV 123', '2026-01-16T08:00:00+00:00')")
            case.store.conn.execute("INSERT INTO diary_evidence VALUES (1, 'foto.jpg', '" + "ef" * 32 + "', 10)")
        write_case_workbook(case, tmp_path / "with.xlsx")
    finally:
        case.close()
    assert "Diary" not in load_workbook(tmp_path / "without.xlsx").sheetnames
    book = load_workbook(tmp_path / "with.xlsx")
    assert book.sheetnames.index("Diary") == book.sheetnames.index("Withheld calls") + 1
    # 1768500000 s is 15/01/2026 18:00:00 UTC, 19:00:00 in Brussels
    assert [c.value for c in book["Diary"][2]] == [
        1, datetime(2026, 1, 15), time(19, 0), "2026-01-15 19:00", "Waiting near the home", "=Stond aan de deur",
        "thuis", "Buur (fictief)", "PV 123", "foto.jpg: " + "ef" * 32, datetime(2026, 1, 16, 8, 0),
    ]
    assert book["Diary"]["F2"].data_type == "s"


def test_charts_are_embedded_one_per_page(tmp_path: Path) -> None:
    pngs = []
    for number in (1, 2):
        png = tmp_path / f"{number}-chart.png"
        Image.new("RGB", (2000, 1000), "white").save(png)
        pngs.append(png)
    path = write(tmp_path / "w.xlsx", make_input([event(1, "2026-01-10T09:00:00")]), chart_pngs=pngs)
    charts = load_workbook(path)["Charts"]
    assert len(charts._images) == 2
    # shown 1000 x 500 px: rows 1-25, two rows apart, and a break above row 28 (its zero-based id: 27)
    assert [b.id for b in charts.row_breaks.brk] == [27, 54]
    with zipfile.ZipFile(path) as archive:
        assert sorted(n for n in archive.namelist() if n.startswith("xl/media/")) == ["xl/media/image1.png",
                                                                                       "xl/media/image2.png"]


def test_no_cell_of_the_demo_is_a_formula(demo: Path) -> None:
    book = load_workbook(demo)
    assert all(cell.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for cell in row)
    assert not any(has_formula_element(xml) for xml in sheet_xml(demo).values())
    # the demo's hostile texts are text, exactly as sent
    texts = [c.value for c in book["Events"]["L"] if isinstance(c.value, str)]
    assert '=HYPERLINK("http://foto.voorbeeld.invalid/jij","Klik hier, ik heb foto\'s van je")' in texts
    assert any(t.startswith("+32 470 00 00 67 is mijn nieuw nummer") for t in texts)
    assert {c.data_type for c in book["Events"]["L"][1:] if c.value is not None} == {"s"}


def test_jens_numbers_only_and_their_names(tmp_path: Path) -> None:
    rows = [event(1, "2026-01-10T09:00:00", party=JENS[1], party_raw="+32470000067")]
    events = rows_of(write(tmp_path / "w.xlsx", make_input(rows)), "Events")
    assert events[1][7:10] == ("+32470000067", "+32 470 00 00 67", "Jens (fictional)")


def test_own_line_column_when_the_case_has_several_lines(tmp_path: Path) -> None:
    inp = make_input([event(1, "2026-01-10T09:00:00", owner_line="+32470000002")])
    two_lines = dataclasses.replace(inp, owners=(inp.owners[0], "+32470000002"))
    events = rows_of(write(tmp_path / "w.xlsx", two_lines), "Events")
    assert events[0][13:] == ("Own line", "Sources (file: row)", "Note")
    assert events[1][13] == "+32 470 00 00 02"


def test_events_with_only_the_analysis_columns(tmp_path: Path) -> None:
    rows = [{key: value for key, value in message(1, "2026-01-10T09:00:00", "Hallo").items()
             if key in ("id", "instant_utc", "channel", "channel_class", "direction", "status", "party",
                        "party_quality", "text", "duration_s")}]
    events = rows_of(write(tmp_path / "w.xlsx", make_input(rows)), "Events")
    assert events[1][:12] == (1, datetime(2026, 1, 10), time(10, 0), "Saturday", "SMS", "incoming", "received",
                              None, "+32 470 00 00 66", "Jens (fictional)", None, "Hallo")


def test_notes_flag_contacts_after_the_notice_from_the_person_only(tmp_path: Path) -> None:
    # told to stop on 15/01/2026 without a time: counted from the end of that day, 22:59:59 UTC
    notice = Notice(datetime(2026, 1, 15, 22, 59, 59, tzinfo=timezone.utc), "registered letter", "2026-01-15")
    withheld = {"party": "withheld", "party_raw": "-2", "party_quality": "withheld"}
    rows = [event(1, "2026-01-15T12:00:00"), event(2, "2026-01-16T12:00:00"),
            event(3, "2026-01-16T12:30:00", **withheld),
            message(4, "2026-01-16T13:00:00", "Ik weet waar je werkt.")]
    events = rows_of(write(tmp_path / "w.xlsx", make_input(rows, notices=[notice])), "Events")
    assert [row[14] for row in events[1:]] == [
        None, "after the notice", None, 'after the notice; threatening words: "Ik weet waar je werkt"',
    ]
