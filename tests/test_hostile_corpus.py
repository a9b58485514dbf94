"""The corpus of hostile and broken inputs (issue 9), file by file, through
``calllog import`` as a person types it.

Each file gives one of two answers: a refusal in one sentence with exit 1,
the case, the originals and everything outside the case left exactly as
they were; or an import of every readable record, every unreadable one
skipped, counted and explained with its locator. The expected sentences,
counts, skips and instants below were written by hand from the file
contents (tests/hostile/make_corpus.py and tests/hostile/files/).
"""

from __future__ import annotations

import os
import time
import tracemalloc
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from calllog.case import Case
from calllog.store import from_us
from tests.hostile.harness import Workspace, sha256_of
from tests.hostile.make_corpus import HOSTILE_BODIES, IMAZING_TEXTS, LONG_BODY, TRAVERSAL_NAMES

NOT_A_FORMAT = (
    "{0}: not imported. It is not in a format calllog can read. Run 'calllog formats' to see what it "
    "reads, or give --format NAME (and --mapping FILE for a table).\n"
)
ENTITIES = (
    "{0}: not imported. It declares XML entities, which a phone backup never does; calllog does not "
    "read it, to keep your computer safe.\n"
)
SKIPS_LISTED = "Skipped records are listed with their reason by 'calllog sources'.\n"

REFUSED = [
    ("entity_bomb", ENTITIES.format("calls-entity-bomb.xml")),
    ("external_entity", ENTITIES.format("sms-external-entity.xml")),
    (
        "cut_mid_element",
        "calls-cut-mid-element.xml: not imported. It is not complete: the XML stops "
        "at line 6. Make the backup again and import the new file.\n",
    ),
    ("random_calls_xml", NOT_A_FORMAT.format("calls-2026.xml")),
    ("random_xlsx", NOT_A_FORMAT.format("export.xlsx")),
    ("random_whatsapp_zip", NOT_A_FORMAT.format("WhatsApp Chat.zip")),
    ("random_sqlite", NOT_A_FORMAT.format("sms.db")),
    ("not_a_call_database", NOT_A_FORMAT.format("notes.db")),
    ("truncated_call_database", NOT_A_FORMAT.format("contacts2.db")),
    (
        "corrupted_call_database",
        "calllog.db: not imported. It could not be read to the end (database disk image is "
        "malformed); it may be damaged.\n",
    ),
    (
        "empty_file",
        "export.csv: not imported. It is empty (0 bytes): there is nothing in it to import. Make the "
        "export again; if it is empty again, the app or the operator wrote no records.\n",
    ),
    (
        "zip_bomb",
        "WhatsApp Chat - Bomb.zip: not imported. The chat inside WhatsApp Chat - Bomb.zip is larger than any "
        "WhatsApp chat export can be. Export the chat again in WhatsApp (chat menu > More > Export chat) and "
        "import that file unchanged.\n",
    ),
    # the zip says 2 KB; zipfile reads no more than that, finds a wrong checksum: no chat in it
    ("zip_bomb_hiding_its_size", NOT_A_FORMAT.format("WhatsApp Chat - Small.zip")),
    # the only chat is behind "../../": never read
    ("zip_traversal_only", NOT_A_FORMAT.format("WhatsApp Chat - Hidden.zip")),
]


@pytest.mark.parametrize(("specimen", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_refused_file_changes_nothing_and_says_why_in_one_sentence(
    workspace: Workspace, specimen: str, message: str
) -> None:
    path = workspace.specimen(specimen)
    before = workspace.snapshot()
    result = workspace.import_files(path)
    assert result.exit_code == 1
    assert result.output == message
    workspace.assert_unchanged_since(before)  # also: the input file itself is unchanged


@pytest.mark.parametrize("specimen", ["zip_bomb", "zip_bomb_hiding_its_size"])
def test_a_zip_bomb_is_refused_without_inflating_it(workspace: Workspace, specimen: str) -> None:
    path = workspace.specimen(specimen)
    with zipfile.ZipFile(path) as archive:
        claimed = archive.getinfo("_chat.txt").file_size
    tracemalloc.start()
    try:
        result = workspace.import_files(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1
    assert peak < 16 * 1024 * 1024  # the zip holds 3 GiB (or 64 MiB behind a 2 KB claim)
    assert claimed in (3 * 1024**3 + len("10/02/2026 21:00 - +32 470 99 00 20: fictief bericht 1\n"), 2048)


def events(workspace: Workspace) -> list[dict[str, Any]]:
    case = Case.open(workspace.case_dir)
    try:
        rows = case.store.conn.execute("SELECT * FROM events ORDER BY source_id, id").fetchall()
        return [dict(row) for row in rows]
    finally:
        case.close()


def utc(us: int) -> str:
    return from_us(us).strftime("%Y-%m-%dT%H:%M:%SZ")


def imported_line(name: str, format_name: str, read: int, new: int, skipped: int) -> str:
    line = f"{name} ({format_name}): {read} read, {new} new, 0 already known, {skipped} skipped.\n"
    return line + (SKIPS_LISTED if skipped else "")


def import_one(workspace: Workspace, specimen: str, expected_line: str, options: tuple[str, ...] = ()) -> Path:
    """Import a specimen that must be read; check the output, that the
    original was kept byte for byte, the input left alone, nothing written
    to the system's temporary folder, no private copy left behind."""
    path = workspace.specimen(specimen)
    before = sha256_of(path)
    outside = workspace.snapshot().outside
    result = workspace.import_files(path, options=options)
    assert result.output == expected_line
    assert result.exit_code == 0
    kept = [p for p in (workspace.case_dir / "originals").iterdir()]
    assert [p.name.split(".")[0] for p in kept] == [before]
    assert kept[0].is_file() and not kept[0].is_symlink()
    assert sha256_of(kept[0]) == before == sha256_of(path)
    assert workspace.snapshot().outside == outside
    assert workspace.temp_uses == []
    return path


def skips(workspace: Workspace, name: str) -> list[tuple[str, str]]:
    return [(s["locator"], s["reason"]) for s in workspace.source(name)["skips"]]


def test_an_external_dtd_is_never_fetched_and_the_calls_are_read(workspace: Workspace) -> None:
    # the no_network fixture fails the test if the parser so much as opens a socket
    import_one(workspace, "external_dtd", imported_line("calls-external-dtd.xml", "sbr-calls", 2, 2, 0))
    assert [(e["party"], e["status"]) for e in events(workspace)] == [
        ("+32470990003", "missed"), ("+32470990003", "answered"),
    ]


def test_message_bodies_a_harasser_writes_are_kept_as_written(workspace: Workspace) -> None:
    import_one(workspace, "sms_hostile_text", imported_line("sms-hostile-text.xml", "sbr-messages", 6, 6, 0))
    stored = [e["text"] for e in events(workspace)]
    assert stored == [kept for _, kept in HOSTILE_BODIES]
    assert len(stored[0]) == 40_000


def test_unknown_call_types_are_kept_and_dates_that_are_no_time_are_skipped(workspace: Workspace) -> None:
    import_one(workspace, "calls_odd_types", imported_line("calls-odd-types.xml", "sbr-calls", 11, 8, 3))
    assert skips(workspace, "calls-odd-types.xml") == [
        ("call 8", "The call was not kept: its date 'yesterday' is not a number of milliseconds since 1970."),
        ("call 9", "The call was not kept: its date '0' is not a real time (the phone stored none)."),
        ("call 10", "The call was not kept: its date '99999999999999999999' is too far from today to be a real time."),
    ]
    got = [(e["source_locator"], e["direction"], e["status"], e["status_raw"], e["duration_s"]) for e in events(workspace)]
    assert got == [
        ("call 1", "in", "answered", "1", 30.0),
        ("call 2", "in", "unknown", "0", 0.0),
        ("call 3", "in", "unknown", "8", 0.0),
        ("call 4", "in", "unknown", "99", 5.0),
        ("call 5", "in", "unknown", "-1", 0.0),
        ("call 6", "in", "unknown", "abc", 0.0),
        ("call 7", "in", "unknown", "", 0.0),
        ("call 11", "in", "missed", "3", None),  # duration "NaN": not known, the call is kept
    ]


def test_an_export_without_rows_is_kept_as_a_source_with_nothing_in_it(workspace: Workspace) -> None:
    import_one(workspace, "zero_rows", imported_line("operator-2026-05.csv", "table", 0, 0, 0))
    source = workspace.source("operator-2026-05.csv")
    assert (source["read"], source["imported"], source["skipped"], source["skips"]) == (0, 0, 0, [])
    assert events(workspace) == []


def test_rows_with_unreadable_dates_are_skipped_one_by_one_with_their_row(workspace: Workspace) -> None:
    import_one(workspace, "bad_rows", imported_line("operator-bad-rows.csv", "table", 12, 5, 7))
    assert skips(workspace, "operator-bad-rows.csv") == [
        ("row 6", '"32/01/2026 21:01:00" is not a real date and time (dates in this file are read day first)'),
        ("row 7", '"31/02/2026 21:02:00" is not a real date and time (dates in this file are read day first)'),
        ("row 8", 'the date "gisteren 21:03:00" could not be read'),
        ("row 9", "there is no date on this row"),
        ("row 10", 'the time in "10/02/2026 25:61:00" could not be read'),
        ("row 14", '"Zwevend / Oproep" does not say whether this was incoming or outgoing '
                   "(a mapping file can say what it means under [directions])"),
        ("row 16", "a total line, not a call or a message"),
    ]
    # a number that is no number is kept as written, never guessed and never dropped
    # ("####", only signs, is how the design reads a withheld caller); a duration that
    # is no duration leaves the duration unknown
    got = [(e["source_locator"], e["party"], e["party_quality"], e["status"], e["duration_s"]) for e in events(workspace)]
    assert got == [
        ("row 5", "+32470990006", "valid", "answered", 65.0),
        ("row 11", "withheld", "withheld", "answered", 10.0),
        ("row 12", "=1+2", "not_a_number", "answered", 10.0),
        ("row 13", "+32470990006", "valid", "unknown", None),
        ("row 15", "+32470990006", "valid", "missed", 0.0),
    ]


# local time as written -> UTC, ambiguous, non-existent (Europe/Brussels, 2026):
# 29 March 02:00-02:59 does not exist (read at +01:00, the offset before the gap);
# 25 October 02:00-02:59 happens twice: rows in file order step back from 02:45 to
# 02:10, so the first two are summer time (+02:00), the next two winter time (+01:00)
DST_EXPECTED = [
    ("29/03/2026 01:50", "2026-03-29T00:50:00Z", 0, 0),
    ("29/03/2026 02:30", "2026-03-29T01:30:00Z", 0, 1),
    ("29/03/2026 03:10", "2026-03-29T01:10:00Z", 0, 0),
    ("25/10/2026 01:50", "2026-10-24T23:50:00Z", 0, 0),
    ("25/10/2026 02:15", "2026-10-25T00:15:00Z", 1, 0),
    ("25/10/2026 02:45", "2026-10-25T00:45:00Z", 1, 0),
    ("25/10/2026 02:10", "2026-10-25T01:10:00Z", 1, 0),
    ("25/10/2026 02:40", "2026-10-25T01:40:00Z", 1, 0),
    ("25/10/2026 03:05", "2026-10-25T02:05:00Z", 0, 0),
]


@pytest.mark.parametrize(
    ("specimen", "line", "seconds"),
    [
        ("dst_table", imported_line("operator-dst-fictional.csv", "table", 9, 9, 0), ":00"),
        ("whatsapp_dst", imported_line("WhatsApp Chat with DST (fictional).txt", "whatsapp", 9, 9, 0), ""),
    ],
)
def test_the_missing_march_hour_and_the_repeated_october_hour(
    workspace: Workspace, specimen: str, line: str, seconds: str
) -> None:
    import_one(workspace, specimen, line)
    got = [(e["local_text"], utc(e["instant_us"]), e["time_ambiguous"], e["time_nonexistent"]) for e in events(workspace)]
    assert got == [(local + seconds, when, ambiguous, gap) for local, when, ambiguous, gap in DST_EXPECTED]


@pytest.mark.parametrize(
    ("specimen", "name"),
    [("utf16_table", "operator-unicode.txt"), ("cp1252_table", "operator-cp1252.csv"),
     ("mixed_line_endings", "operator-mixed-eol.csv")],
)
def test_text_encodings_and_line_endings_excel_and_editors_leave(workspace: Workspace, specimen: str, name: str) -> None:
    import_one(workspace, specimen, imported_line(name, "table", 3, 3, 0))
    got = [(e["source_locator"], utc(e["instant_us"]), e["direction"], e["status_raw"], e["duration_s"]) for e in events(workspace)]
    assert got == [
        ("row 2", "2026-02-11T08:00:00Z", "in", "Inkomend / Oproep – Brussel", 30.0),
        ("row 3", "2026-02-11T08:10:00Z", "in", "Gemist / Oproep – Liège", 0.0),
        ("row 4", "2026-02-11T08:20:00Z", "out", "Uitgaand / Oproep – Genève", 60.0),
    ]


def test_control_characters_and_a_huge_cell_in_a_table(workspace: Workspace) -> None:
    import_one(workspace, "control_characters_table", imported_line("operator-control-characters.csv", "table", 4, 4, 0))
    got = [(e["channel"], e["direction"], e["status_raw"][:30], len(e["status_raw"])) for e in events(workspace)]
    assert got == [
        ("sms", "in", "Inkomend / SMS", 14),
        ("call", "in", "Inkomend\x1b[31m / Oproep", 22),
        ("call", "in", "Inkomend\x00 / Oproep\x07", 19),
        ("call", "in", "Inkomend / Oproep " + "x" * 12, 40_018),
    ]


def test_control_characters_and_40000_characters_in_an_imazing_export(workspace: Workspace) -> None:
    import_one(workspace, "imazing_hostile_text", imported_line("Messages - Fictional.csv", "imazing-messages", 4, 4, 0))
    assert [e["text"] for e in events(workspace)] == [
        IMAZING_TEXTS[0], LONG_BODY, '=HYPERLINK("http://192.0.2.1/","click")', "two\r\nlines, and a comma",
    ]


def test_control_characters_and_direction_marks_in_a_whatsapp_chat(workspace: Workspace) -> None:
    name = "WhatsApp Chat with Control (fictional).txt"
    import_one(workspace, "whatsapp_hostile_text", imported_line(name, "whatsapp", 3, 3, 0))
    # a message that starts with a right-to-left mark and says "left" is still a message
    assert [e["text"] for e in events(workspace)] == [
        "bell\x07 escape\x1b[31m red\x1b[0m nul\x00 end",
        LONG_BODY,
        'right-to-left =HYPERLINK("http://192.0.2.1/")',
    ]


def test_a_zip_with_path_traversal_names_is_read_and_nothing_is_extracted(workspace: Workspace) -> None:
    outside_names = [Path("/tmp/calllog-absolute.txt"), workspace.root.parent / "x", workspace.root.parent / "y.jpg"]
    existed = [p.exists() for p in outside_names]
    import_one(workspace, "zip_traversal", imported_line("WhatsApp Chat - Traversal.zip", "whatsapp", 3, 3, 0))
    assert [e["text"] for e in events(workspace)] == [f"fictief bericht {n}" for n in (1, 2, 3)]
    assert [p.exists() for p in outside_names] == existed
    tree = [p.name for p in workspace.root.rglob("*")]
    for name in TRAVERSAL_NAMES:
        assert name.replace("\\", "/").rsplit("/", 1)[-1] not in tree


def test_formulas_are_never_calculated_and_a_macro_never_runs(workspace: Workspace) -> None:
    """What an operator workbook with formulas gives: the result the
    spreadsheet saved with each formula (what the person saw); a formula
    saved without its result is no value at all, so its row is skipped with
    the cell named (an empty number would otherwise read as a withheld
    caller); a total line stays a total line; text that only looks like a
    formula is text. The macro project is kept in the original and ignored."""
    path = import_one(workspace, "xlsx_formulas_and_macro", imported_line("operator-2026-06.xlsx", "table", 5, 3, 2))
    assert skips(workspace, "operator-2026-06.xlsx") == [
        ("row 4", "cell C4 holds a formula whose result the file does not contain, and calllog does not calculate "
                  "formulas (open the file in Excel or LibreOffice, save it, and import it again)"),
        ("row 6", "a total line, not a call or a message"),
    ]
    got = [(e["source_locator"], e["party"], e["party_quality"], e["duration_s"]) for e in events(workspace)]
    assert got == [
        ("row 2", "+32470990015", "valid", 30.0),
        ("row 3", "+32470990016", "valid", 30.0),
        ("row 5", "=cmd|' /C calc'!A0", "not_a_number", 5.0),
    ]
    kept = next((workspace.case_dir / "originals").iterdir())
    with zipfile.ZipFile(kept) as archive:
        assert archive.read("xl/vbaProject.bin").startswith(b"Fictional macro project")
    assert sha256_of(kept) == sha256_of(path)


def test_a_batch_of_the_whole_corpus_ends_with_a_count_and_exit_1(workspace: Workspace) -> None:
    from tests.hostile.make_corpus import build_corpus

    corpus = build_corpus(workspace.inputs)
    result = workspace.import_files(*corpus.values())
    assert result.exit_code == 1
    last = result.output.splitlines()[-2]  # the last line says where the skips are listed
    assert last.startswith(f"{len(corpus)} files: 15 imported, 0 already in the case, {len(REFUSED)} failed. ")
    assert len(REFUSED) + 15 == len(corpus)
    assert result.output.count(": not imported. ") == len(REFUSED)


def test_instants_are_utc_whatever_the_zone_of_the_machine(workspace: Workspace) -> None:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Pacific/Chatham"
    time.tzset()
    try:
        import_one(workspace, "dst_table", imported_line("operator-dst-fictional.csv", "table", 9, 9, 0))
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()
    first = events(workspace)[0]
    assert from_us(first["instant_us"]) == datetime(2026, 3, 29, 0, 50, tzinfo=timezone.utc)
