"""Android call log databases from a forensic extraction.

Three files hold the call log, all with one row per call:

* ``calllog.db`` (Android 7 and later; ``com.android.providers.contacts`` or,
  on Samsung, ``com.samsung.android.providers.contacts``), table ``calls``;
* ``contacts2.db`` (older Android), the same table ``calls`` beside the
  address book;
* Samsung's ``logs.db`` (``com.sec.android.provider.logsprovider``), table
  ``logs``: the same columns plus ``logtype``, because it also logs messages.

Columns read (AOSP ``CallLogDatabaseHelper`` and ``CallLog.Calls``; only the
first four are required, any other may be missing in older versions):

    number        as written; -1 unknown, -2 private, -3 payphone, or empty
    date          milliseconds since 1970-01-01 UTC
    duration      seconds
    type          1 incoming answered     5 incoming rejected
                  2 outgoing              6 incoming blocked
                  3 incoming missed       7 answered on another device
                  4 voicemail             anything else: kept, incoming, unknown
    presentation  1 allowed, 2 restricted, 3 unknown, 4 payphone, 5 unavailable
    name          the contact name the phone had cached for the number
    features      bit mask; 1 is a video call (service "video")
    logtype       Samsung only: what the row is. Calls are the kinds Samsung's own
                  call list shows (100 voice, 500 video, 800, 950, 1000, as in the
                  LogsProvider's selection); 200 MMS, 300 SMS and every other kind
                  are skipped with their number: messages are read from mmssms.db
    m_content     Samsung (Android 7) also copies text messages into ``calls``;
                  without ``logtype``, a row with text here is such a copy, skipped
    deleted       set when a voicemail was deleted on the phone but the row is
                  still there, waiting to be synced

The rules are those of the SMS Backup & Restore importer (``sbr.py``), which
copies these very columns: an outgoing call is "answered" only when it lasted
more than 0 s; a call is withheld when ``presentation`` is 2, 3, 4 or 5 or the
number is -1, -2, -3 or empty; so the same call read from a backup and from
the database is one corroborated event. ``local_text`` is the raw ``date``.

A row marked ``deleted`` is kept as an event: the call happened, only its
voicemail was thrown away. Its locator says so (``calls _id 12 (marked
deleted)``) so that a reader of the pack can see it. Locators name the table
and the row's ``_id``. Sources: AOSP CallLog.java and CallLogDatabaseHelper,
ALEAPP calllog.py and calllogs.py (reference/handset-formats.md §2).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from functools import lru_cache
from pathlib import Path

from calllog.errors import ImportFailed
from calllog.importers.cells import instant_in, number_in
from calllog.importers.base import ImportContext, Importer
from calllog.importers.sbr import (
    NO_CONTACT_NAMES,
    WITHHELD_NUMBERS,
    WITHHELD_PRESENTATIONS,
    call_direction_status,
)
from calllog.importers.sqlite_copy import (
    columns,
    companion_files,
    is_sqlite,
    open_readonly_copy,
    tables,
)
from calllog.model import Channel, ContactCard, Record, Skip

CALL_TABLES = ("calls", "logs")  # in the order they are looked for
REQUIRED_COLUMNS = frozenset({"number", "date", "type", "duration"})
OPTIONAL_COLUMNS = ("presentation", "name", "features", "logtype", "m_content", "deleted")
FEATURES_VIDEO = 1
# Samsung logtype -> service; the kinds its own call list selects
SAMSUNG_CALL_KINDS: dict[int, str | None] = {100: None, 500: "video", 800: None, 950: None, 1000: None}
SAMSUNG_OTHER_KINDS = {200: "an MMS", 300: "an SMS", 400: "an e-mail"}
PROGRESS_EVERY_ROWS = 1000


# --- values as SQLite gives them (shared with android_messages) ---------------


def code_in(value: object) -> int:
    """An enumeration value (type, msg_box, presentation); -1, which no code
    table knows, when the cell holds no whole number."""
    number = number_in(value)
    return int(number) if number is not None and number == int(number) else -1


def text_in(value: object) -> str:
    """A cell as text: "" for NULL, bytes decoded as UTF-8."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def raw_text(value: object) -> str:
    """A cell as it was written, for ``status_raw`` and ``local_text``."""
    return "" if value is None else text_in(value)


def _schema(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    return {table: frozenset(columns(conn, table)) for table in tables(conn)}


@lru_cache(maxsize=32)
def _main_schema(path: Path, stamp: tuple[int, ...]) -> dict[str, frozenset[str]]:
    # immutable: SQLite takes no lock and neither reads nor writes -wal/-shm
    with closing(sqlite3.connect(path.as_uri() + "?mode=ro&immutable=1", uri=True)) as conn:
        return _schema(conn)


@lru_cache(maxsize=32)
def _schema_with_wal(path: Path, stamp: tuple[int, ...]) -> dict[str, frozenset[str]]:
    with open_readonly_copy(path, companion_files(path)) as conn:
        return _schema(conn)


def sqlite_columns(path: Path, head: bytes, table: str) -> frozenset[str]:
    """The columns of ``table`` in the SQLite file ``path``, for ``identify``;
    empty when there is no such table or the file cannot be read. The file
    itself is opened read-only and immutable; only when the table is not in
    it and a non-empty -wal lies beside it (a table created after the last
    checkpoint) is a temporary copy with the -wal asked. Answers are cached
    per file version, since two importers ask about the same file. Never
    raises."""
    if not is_sqlite(head):
        return frozenset()
    try:
        path = path.absolute()
        wal = path.with_name(path.name + "-wal")
        status, wal_size = path.stat(), wal.stat().st_size if wal.is_file() else 0
        stamp = (status.st_size, status.st_mtime_ns, wal_size)
        found = _main_schema(path, stamp).get(table)
        if found is None and wal_size:
            found = _schema_with_wal(path, stamp).get(table)
        return found or frozenset()
    except Exception:  # identify() must answer "no", never raise
        return frozenset()


def report_rows(ctx: ImportContext, size: int, done: int, total: int) -> None:
    """Progress of a database read, as the share of its bytes that its share
    of rows stands for (a database is not read front to back)."""
    if total and (done % PROGRESS_EVERY_ROWS == 0 or done == total):
        ctx.report_progress(size * done // total)


# --- one call ---------------------------------------------------------------------


def _contact_name(value: object) -> str | None:
    name = text_in(value)
    return None if name.strip().lower() in NO_CONTACT_NAMES else name


def _not_a_call(row: sqlite3.Row, present: frozenset[str]) -> str | None:
    """Why a row of the call table is not a call, or None when it is one."""
    if "logtype" in present and row["logtype"] is not None:
        kind = code_in(row["logtype"])
        logtype = raw_text(row["logtype"])
        if kind in SAMSUNG_OTHER_KINDS:
            return (
                f"Samsung logs it as {SAMSUNG_OTHER_KINDS[kind]} (logtype {logtype}), not a call; "
                "messages are read from mmssms.db"
            )
        if kind not in SAMSUNG_CALL_KINDS:
            return f"its Samsung logtype {logtype} is none of the kinds Samsung's own call list shows"
    elif "m_content" in present and text_in(row["m_content"]).strip():
        return "it is a text message Samsung copied into the call log; messages are read from mmssms.db"
    return None


def _service(row: sqlite3.Row, present: frozenset[str]) -> str | None:
    if "logtype" in present and row["logtype"] is not None:
        service = SAMSUNG_CALL_KINDS.get(code_in(row["logtype"]))
        if service is not None:
            return service
    if "features" in present and code_in(row["features"]) > 0 and code_in(row["features"]) & FEATURES_VIDEO:
        return "video"
    return None


def _call_record(row: sqlite3.Row, present: frozenset[str], locator: str) -> Record | Skip:
    reason = _not_a_call(row, present)
    if reason is not None:
        return Skip(locator, f"The row was not read as a call: {reason}.")
    instant = instant_in(row["date"])
    if isinstance(instant, str):
        return Skip(locator, f"The call was not kept: {instant}.")
    duration = number_in(row["duration"])
    duration_s = float(duration) if duration is not None and duration >= 0 else None
    call_type = code_in(row["type"])
    direction, status = call_direction_status(call_type, duration_s)
    number = text_in(row["number"])
    presentation = code_in(row["presentation"]) if "presentation" in present else -1
    if "deleted" in present and code_in(row["deleted"]) == 1:
        locator += " (marked deleted)"
    return Record(
        locator=locator,
        instant_utc=instant,
        channel=Channel.CALL,
        direction=direction,
        status=status,
        party_raw=number,
        duration_s=duration_s,
        withheld_hint=presentation in WITHHELD_PRESENTATIONS or number.strip() in WITHHELD_NUMBERS,
        local_text=raw_text(row["date"]),
        service=_service(row, present),
        contact_name=_contact_name(row["name"]) if "name" in present else None,
        status_raw=raw_text(row["type"]),
    )


def _call_table(conn: sqlite3.Connection) -> tuple[str, frozenset[str]] | None:
    for table in CALL_TABLES:
        present = frozenset(columns(conn, table))
        if REQUIRED_COLUMNS <= present:
            return table, present
    return None


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class AndroidCallLogImporter(Importer):
    name = "android-calls"
    title = "Android call log database (calllog.db, contacts2.db, Samsung logs.db)"
    recognised_by = (
        "a SQLite database with a table 'calls' (or Samsung's 'logs') that has the "
        "columns number, date, type and duration"
    )
    how_to_get = (
        "Only from a forensic extraction of the phone (police, a lawyer's expert): the file "
        "calllog.db or contacts2.db in com.android.providers.contacts/databases, with its -wal file."
    )
    version = "1"

    def identify(self, path: Path, head: bytes) -> bool:
        return any(REQUIRED_COLUMNS <= sqlite_columns(path, head, table) for table in CALL_TABLES)

    def companions(self, path: Path) -> dict[str, Path]:
        return companion_files(path)

    def extract(self, path: Path, ctx: ImportContext) -> Iterator[Record | Skip | ContactCard]:
        with open_readonly_copy(path, companion_files(path)) as conn:
            conn.row_factory = sqlite3.Row
            found = _call_table(conn)
            if found is None:
                raise ImportFailed(f"{path.name} has no call log table (calls or logs) that calllog can read.")
            table, present = found
            key = "_id" if "_id" in present else "rowid"
            wanted = ["number", "date", "type", "duration", *(c for c in OPTIONAL_COLUMNS if c in present)]
            query = f"SELECT {key} AS row_key, {', '.join(map(_quoted, wanted))} FROM {_quoted(table)} ORDER BY {key}"
            try:
                total = conn.execute(f"SELECT count(*) FROM {_quoted(table)}").fetchone()[0]
                size = path.stat().st_size
                for done, row in enumerate(conn.execute(query), start=1):
                    yield _call_record(row, present, f"{table} {key} {raw_text(row['row_key'])}")
                    report_rows(ctx, size, done, total)
            except sqlite3.Error as error:
                raise ImportFailed(f"{path.name} could not be read to the end ({error}); it may be damaged.") from error
