"""Build the corpus of hostile and broken inputs (issue 9) into a folder.

Everything here is fictional. The numbers are made up (``0470 99 00 xx``,
none of them in the demo case); the files imitate what people drop on
calllog by mistake or what a truncated backup, a re-saved spreadsheet or a
crafted archive looks like. Small hand-written files live in ``files/``
next to this script; what is large, binary or sensitive to line endings is
made here, at test time, into a temporary folder (nothing big is committed).

Run it by hand to look at the files::

    python tests/hostile/make_corpus.py /tmp/hostile

Each builder takes a folder, writes one specimen (with the name a person
would have given it) and returns its path. ``build_corpus`` makes them all.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import sqlite3
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

FILES = Path(__file__).parent / "files"
SEED = 9  # the number: the "random" bytes are the same on every run
T0_MS = 1_770_753_600_000  # 2026-02-10 20:00:00 UTC (21:00 in Brussels)
GIB = 1024**3

Builder = Callable[[Path], Path]
SPECIMENS: dict[str, Builder] = {}


def specimen(builder: Builder) -> Builder:
    SPECIMENS[builder.__name__] = builder
    return builder


def _random_bytes(size: int, salt: int) -> bytes:
    return random.Random(SEED * 1000 + salt).randbytes(size)


def _committed(folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copyfile(FILES / name, target)
    return target


# --- XML backups (SMS Backup & Restore) ----------------------------------------------


@specimen
def entity_bomb(folder: Path) -> Path:
    return _committed(folder, "calls-entity-bomb.xml")


@specimen
def external_entity(folder: Path) -> Path:
    return _committed(folder, "sms-external-entity.xml")


@specimen
def external_dtd(folder: Path) -> Path:
    return _committed(folder, "calls-external-dtd.xml")


@specimen
def cut_mid_element(folder: Path) -> Path:
    return _committed(folder, "calls-cut-mid-element.xml")


@specimen
def random_calls_xml(folder: Path) -> Path:
    path = folder / "calls-2026.xml"
    path.write_bytes(_random_bytes(20_000, 1))
    return path


LONG_BODY = ("Fictional harassment text. " * 1500)[:40_000]
HOSTILE_BODIES = (
    # (body as written in the XML attribute, what calllog must store)
    (LONG_BODY, LONG_BODY),
    ("bell&#7;escape&#27;[31mred&#27;[0m nul&#0; back&#8;space", "bell\ufffdescape\ufffd[31mred\ufffd[0m nul\ufffd back\ufffdspace"),
    ("tab&#9;and&#10;new line", "tab\tand\nnew line"),
    ("\u202eright-to-left override\u202c and a lone half &#55357; of an emoji", "\u202eright-to-left override\u202c and a lone half \ufffd of an emoji"),
    ("=HYPERLINK(&quot;http://192.0.2.1/&quot;,&quot;click&quot;)", '=HYPERLINK("http://192.0.2.1/","click")'),
    ("&lt;script&gt;alert(1)&lt;/script&gt; &amp;&amp; rm -rf ~", "<script>alert(1)</script> && rm -rf ~"),
)


@specimen
def sms_hostile_text(folder: Path) -> Path:
    """Message bodies a harasser can write: 40,000 characters, control
    characters (as SMS Backup & Restore escapes them), bidi overrides, a
    formula, markup."""
    rows = "\n".join(
        f'  <sms protocol="0" address="+32470990010" date="{T0_MS + 60_000 * i}" type="1" subject="null" '
        f'body="{written}" read="1" status="-1" contact_name="(Unknown)" />'
        for i, (written, _) in enumerate(HOSTILE_BODIES)
    )
    path = folder / "sms-hostile-text.xml"
    path.write_text(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
        "<!-- Fictional test file: message bodies a harasser can write. -->\n"
        f'<smses count="{len(HOSTILE_BODIES)}">\n{rows}\n</smses>\n',
        encoding="utf-8",
    )
    return path


# (type attribute, duration, date): what each call element holds
ODD_CALLS = (
    ("1", "30", str(T0_MS)),
    ("0", "0", str(T0_MS + 60_000)),
    ("8", "0", str(T0_MS + 120_000)),
    ("99", "5", str(T0_MS + 180_000)),
    ("-1", "0", str(T0_MS + 240_000)),
    ("abc", "0", str(T0_MS + 300_000)),
    ("", "0", str(T0_MS + 360_000)),
    ("3", "0", "yesterday"),
    ("3", "0", "0"),
    ("3", "0", "99999999999999999999"),
    ("3", "NaN", str(T0_MS + 420_000)),
)


@specimen
def calls_odd_types(folder: Path) -> Path:
    """Unknown call types, and dates that are not times."""
    rows = "\n".join(
        f'  <call number="+32470990011" duration="{duration}" date="{date}" type="{kind}" presentation="1" />'
        for kind, duration, date in ODD_CALLS
    )
    path = folder / "calls-odd-types.xml"
    path.write_text(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
        f'<calls count="{len(ODD_CALLS)}">\n{rows}\n</calls>\n',
        encoding="utf-8",
    )
    return path


def big_calls_xml(path: Path, calls: int, number: str = "+32470990012") -> Path:
    """A long, valid call log (for the crash and concurrency tests):
    ``calls`` missed calls from one fictional number, a minute apart."""
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<calls count=\"{calls}\">\n")
        for i in range(calls):
            out.write(
                f'  <call number="{number}" duration="0" date="{T0_MS + 60_000 * i}" type="3" '
                'presentation="1" readable_date="fictional" contact_name="(Unknown)" />\n'
            )
        out.write("</calls>\n")
    return path


# --- tables (operator exports) ------------------------------------------------------

TABLE_HEADER = "Datum;Uur;Nummer;Richting;Soort;Duur"


@specimen
def empty_file(folder: Path) -> Path:
    path = folder / "export.csv"
    path.write_bytes(b"")
    return path


@specimen
def zero_rows(folder: Path) -> Path:
    path = folder / "operator-2026-05.csv"
    path.write_text(TABLE_HEADER + "\n", encoding="utf-8")
    return path


@specimen
def bad_rows(folder: Path) -> Path:
    return _committed(folder, "operator-bad-rows.csv")


@specimen
def dst_table(folder: Path) -> Path:
    return _committed(folder, "operator-dst-fictional.csv")


# three calls of 2026-02-11 from 0470 99 00 13; what each encoding test reads
ENCODED_ROWS = (
    ("11/02/2026", "09:00:00", "0470 99 00 13", "Inkomend", "Oproep – Brussel", "0:00:30"),
    ("11/02/2026", "09:10:00", "0470 99 00 13", "Gemist", "Oproep – Liège", "0:00:00"),
    ("11/02/2026", "09:20:00", "0470 99 00 13", "Uitgaand", "Oproep – Genève", "0:01:00"),
)


@specimen
def utf16_table(folder: Path) -> Path:
    """Excel's "Unicode text": UTF-16 LE with a BOM, tabs between cells, CRLF."""
    lines = [TABLE_HEADER.replace(";", "\t")] + ["\t".join(row) for row in ENCODED_ROWS]
    path = folder / "operator-unicode.txt"
    path.write_bytes("\r\n".join(lines).encode("utf-16") + "\r\n".encode("utf-16-le"))
    return path


@specimen
def cp1252_table(folder: Path) -> Path:
    """A CSV re-saved by Excel on Windows: cp1252 (the dash is byte 0x96)."""
    lines = [TABLE_HEADER] + [";".join(row) for row in ENCODED_ROWS]
    path = folder / "operator-cp1252.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


@specimen
def mixed_line_endings(folder: Path) -> Path:
    """A file edited on several systems: CRLF, LF and a lone CR."""
    lines = [TABLE_HEADER] + [";".join(row) for row in ENCODED_ROWS]
    path = folder / "operator-mixed-eol.csv"
    path.write_bytes((lines[0] + "\r\n" + lines[1] + "\n" + lines[2] + "\r" + lines[3] + "\r\n").encode("utf-8"))
    return path


@specimen
def control_characters_table(folder: Path) -> Path:
    """Raw control characters and a 40,000-character cell in a CSV."""
    rows = [
        ("12/02/2026", "10:00:00", "0470 99 00 14", "Inkomend", "SMS", ""),
        ("12/02/2026", "10:01:00", "0470 99 00 14", "Inkomend\x1b[31m", "Oproep", "0:00:05"),
        ("12/02/2026", "10:02:00", "0470 99 00 14", "Inkomend\x00", "Oproep\x07", "0:00:05"),
        ("12/02/2026", "10:03:00", "0470 99 00 14", "Inkomend", "Oproep " + "x" * 40_000, "0:00:05"),
    ]
    path = folder / "operator-control-characters.csv"
    path.write_text("\n".join([TABLE_HEADER] + [";".join(r) for r in rows]) + "\n", encoding="utf-8")
    return path


IMAZING_HEADER = (
    "Chat Session,Message Date,Delivered Date,Read Date,Edited Date,Service,Type,Sender ID,Sender Name,"
    "Status,Replying to,Subject,Text,Attachment,Attachment type"
)
IMAZING_TEXTS = (
    "nul\x00 bell\x07 escape\x1b[31m red\x1b[0m",
    LONG_BODY,
    '"=HYPERLINK(""http://192.0.2.1/"",""click"")"',
    '"two\r\nlines, and a comma"',
)


@specimen
def imazing_hostile_text(folder: Path) -> Path:
    """iMazing Messages export (15 columns): the message texts a harasser
    writes end up in a CSV; raw control characters, a NUL, 40,000 characters."""
    rows = [
        f"+32470990022,2026-02-15 10:0{i}:00,,,,SMS,Incoming,+32470990022,,Read,,,{text},,"
        for i, text in enumerate(IMAZING_TEXTS)
    ]
    path = folder / "Messages - Fictional.csv"
    path.write_bytes(("\r\n".join([IMAZING_HEADER, *rows]) + "\r\n").encode("utf-8"))
    return path


@specimen
def random_xlsx(folder: Path) -> Path:
    path = folder / "export.xlsx"
    path.write_bytes(_random_bytes(20_000, 2))
    return path


# (date, time, number, direction, duration) as the sheet shows them; a cell
# that is a formula is (formula, saved result or None)
FORMULA_ROWS = (
    ("13/02/2026", "10:00:00", "0470990015", "Inkomend", 30),
    ("13/02/2026", "10:05:00", ('="0470"&"990016"', "0470990016"), "Inkomend", ("=10+20", 30)),
    ("13/02/2026", "10:10:00", ('="0470"&"990017"', None), "Inkomend", 5),
    ("13/02/2026", "10:15:00", "=cmd|' /C calc'!A0", "Inkomend", 5),
    ("Totaal", None, None, None, ("=SUM(E2:E5)", None)),
)
MACRO_CONTENT_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


@specimen
def xlsx_formulas_and_macro(folder: Path) -> Path:
    """An operator workbook with formulas (one with its saved result, one
    without, one text that only looks like a formula) and a macro project:
    .xlsm content under an .xlsx name. The macro is a fictional stub."""
    import openpyxl  # the corpus needs it; the tests need it anyway

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Gesprekken"
    sheet.append(["Datum", "Uur", "Nummer", "Richting", "Duur"])
    saved: dict[str, str] = {}
    for row_number, row in enumerate(FORMULA_ROWS, start=2):
        values = []
        for column, cell in enumerate(row):
            if isinstance(cell, tuple):
                formula, result = cell
                values.append(formula)
                if result is not None:
                    saved[f"{'ABCDE'[column]}{row_number}"] = str(result)
            else:
                values.append(cell)
        sheet.append(values)
    sheet["C5"].data_type = "s"  # row 5: the text "=cmd|..." is a string that only looks like a formula
    buffer = io.BytesIO()
    book.save(buffer)
    path = folder / "operator-2026-06.xlsx"
    path.write_bytes(_with_saved_results_and_macro(buffer.getvalue(), saved))
    return path


def _with_saved_results_and_macro(workbook: bytes, saved: dict[str, str]) -> bytes:
    """Put the results Excel would have saved into the formula cells named
    in ``saved``, and add a macro project as Excel does in an .xlsm."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                for ref, value in saved.items():
                    start = text.index(f'<c r="{ref}"')
                    end = text.index("</c>", start)
                    kind = ' t="str"' if not value.isdigit() or value.startswith("0") else ""
                    # the empty <v> of the formula cell, however the XML writer spelt it (lxml: <v></v>)
                    cell = re.sub(r"<v\s*/>|<v></v>", f"<v>{value}</v>", text[start:end], count=1)
                    cell = cell.replace(f'<c r="{ref}"', f'<c r="{ref}"{kind}', 1)
                    text = text[:start] + cell + text[end:]
                data = text.encode("utf-8")
            elif info.filename == "[Content_Types].xml":
                text = data.decode("utf-8").replace(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", MACRO_CONTENT_TYPE
                )
                text = text.replace(
                    "</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
                )
                data = text.encode("utf-8")
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.decode("utf-8").replace(
                    "</Relationships>",
                    '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
                    'Target="vbaProject.bin"/></Relationships>',
                ).encode("utf-8")
            target.writestr(info, data)
        # not a real VBA project: a stub whose bytes say what it stands for
        target.writestr("xl/vbaProject.bin", b"Fictional macro project: Sub Auto_Open() Shell \"calc\" End Sub")
    return out.getvalue()


# --- WhatsApp exports -----------------------------------------------------------------

CHAT_LINE = "10/02/2026 21:00 - +32 470 99 00 20: fictief bericht {n}\n"


@specimen
def random_whatsapp_zip(folder: Path) -> Path:
    path = folder / "WhatsApp Chat.zip"
    path.write_bytes(b"PK\x03\x04" + _random_bytes(20_000, 3))
    return path


def _raw_zip(member: str, deflated: bytes, size: int, crc: int) -> bytes:
    """A zip of one member whose compressed bytes are given as they are
    (zipfile cannot be handed compressed data). No ZIP64: ``size`` < 4 GiB."""
    name = member.encode("utf-8")
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x5C21, crc, len(deflated), size, len(name), 0
    ) + name
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x5C21, crc, len(deflated), size, len(name),
        0, 0, 0, 0, 0, 0,
    ) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(deflated), 0)
    return local + deflated + central + end


def deflate_bomb(prefix: bytes, filler: bytes, blocks: int) -> bytes:
    """Raw deflate data for ``prefix`` then ``blocks`` times ``filler``,
    built without compressing it all: after a full flush the compressor
    starts afresh, so each block of filler compresses to the same bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(filler) + compressor.flush(zlib.Z_FULL_FLUSH)
    return head + block * blocks + compressor.flush()


@specimen
def zip_bomb(folder: Path) -> Path:
    """A WhatsApp-looking zip whose _chat.txt says (truly) that it holds
    3 GiB: one message line, then 3 GiB of "a". About 3 MB on disk. Its
    CRC is not the real one: nobody should read it to the end."""
    prefix = CHAT_LINE.format(n=1).encode("utf-8")
    filler = b"a" * (1 << 20)
    blocks = 3 * GIB // len(filler)
    data = deflate_bomb(prefix, filler, blocks)
    path = folder / "WhatsApp Chat - Bomb.zip"
    path.write_bytes(_raw_zip("_chat.txt", data, len(prefix) + blocks * len(filler), 0))
    return path


@specimen
def zip_bomb_hiding_its_size(folder: Path) -> Path:
    """A zip whose _chat.txt claims 2 KB but inflates to 64 MiB."""
    prefix = CHAT_LINE.format(n=1).encode("utf-8")
    data = deflate_bomb(prefix, b"a" * (1 << 20), 64)
    path = folder / "WhatsApp Chat - Small.zip"
    path.write_bytes(_raw_zip("_chat.txt", data, 2048, 0))
    return path


TRAVERSAL_NAMES = ("../../x", "/tmp/calllog-absolute.txt", "..\\..\\windows.txt", "media/../../../y.jpg")


@specimen
def zip_traversal(folder: Path) -> Path:
    """An iOS-style export with a real chat and members whose names point
    outside any folder they would be extracted to."""
    path = folder / "WhatsApp Chat - Traversal.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", "".join(CHAT_LINE.format(n=n) for n in range(1, 4)))
        for name in TRAVERSAL_NAMES:
            archive.writestr(zipfile.ZipInfo(name), b"fictional payload that must never be written\n")
    return path


@specimen
def zip_traversal_only(folder: Path) -> Path:
    """A zip whose only chat hides behind a path-traversal name."""
    path = folder / "WhatsApp Chat - Hidden.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("../../_chat.txt"), CHAT_LINE.format(n=1))
    return path


@specimen
def whatsapp_dst(folder: Path) -> Path:
    return _committed(folder, "WhatsApp Chat with DST (fictional).txt")


@specimen
def whatsapp_hostile_text(folder: Path) -> Path:
    """Raw control characters and a 40,000-character message in a chat."""
    lines = [
        "14/02/2026 10:00 - +32 470 99 00 21: bell\x07 escape\x1b[31m red\x1b[0m nul\x00 end",
        "14/02/2026 10:01 - +32 470 99 00 21: " + LONG_BODY,
        "14/02/2026 10:02 - +32 470 99 00 21: \u202eright-to-left\u202c =HYPERLINK(\"http://192.0.2.1/\")",
    ]
    path = folder / "WhatsApp Chat with Control (fictional).txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- SQLite -------------------------------------------------------------------------------

CALL_ROWS = tuple(
    ("+32470990030", T0_MS + 60_000 * i, 0 if i % 2 else 7, 3 if i % 2 else 1) for i in range(6)
) + (("+32470990030", T0_MS + 600_000, 0, 42), ("+32470990030", "yesterday", 0, 3))


def call_database(path: Path, rows: int | None = None) -> Path:
    """An Android calllog.db (table ``calls``, AOSP columns). With ``rows``,
    that many long rows (to fill many pages); otherwise ``CALL_ROWS``."""
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE calls (_id INTEGER PRIMARY KEY, number TEXT, date INTEGER, duration INTEGER, "
            "type INTEGER, presentation INTEGER, name TEXT)"
        )
        data: list[tuple[object, ...]]
        if rows is None:
            data = [(n, d, du, t, 1, None) for n, d, du, t in CALL_ROWS]
        else:
            data = [("+32470990031", T0_MS + 60_000 * i, 0, 3, 1, "fictional " * 40) for i in range(rows)]
        conn.executemany(
            "INSERT INTO calls (number, date, duration, type, presentation, name) VALUES (?, ?, ?, ?, ?, ?)", data
        )
    conn.close()
    return path


@specimen
def random_sqlite(folder: Path) -> Path:
    path = folder / "sms.db"
    path.write_bytes(b"SQLite format 3\x00" + _random_bytes(20_000, 4))
    return path


@specimen
def not_a_call_database(folder: Path) -> Path:
    path = folder / "notes.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO notes (text) VALUES ('fictional note')")
    conn.close()
    return path


@specimen
def corrupted_call_database(folder: Path) -> Path:
    """A call database whose pages after the first (the schema) are overwritten."""
    path = call_database(folder / "calllog.db", rows=400)
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2 :] = _random_bytes(len(data) - page * 2, 5)
    path.write_bytes(bytes(data))
    return path


@specimen
def truncated_call_database(folder: Path) -> Path:
    path = call_database(folder / "contacts2.db", rows=400)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def build_corpus(folder: Path) -> dict[str, Path]:
    """Every specimen, written into ``folder``, by builder name."""
    folder.mkdir(parents=True, exist_ok=True)
    return {name: build(folder) for name, build in SPECIMENS.items()}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/hostile/make_corpus.py OUTPUT_FOLDER")
    for name, made in build_corpus(Path(sys.argv[1])).items():
        print(f"{name}: {made}")
