"""Builds the SYNTHETIC Android databases the importer tests read.

No clean public ``calllog.db`` exists (reference/handset-formats.md §8), so
these files are made here from the schemas in handset-formats.md §2: the
AOSP ``calls`` table of ``CallLogDatabaseHelper``, the older ``calls`` table
of ``contacts2.db`` (Android 4.0, no presentation or features yet), Samsung's
``logs`` table (its LogsProvider's CREATE TABLE), and an ``mmssms.db`` with
the AOSP ``sms``/``pdu``/``addr``/``part`` tables and Samsung's extra ones.
Every number and text is fictional (+32 470 00 0x xx). The expected records
are written by hand in ``*.expected.json`` next to this file.

Run ``python build_synthetic.py DIR`` to write them all into DIR for a look.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

AOSP_CALLS = """CREATE TABLE calls (_id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT,
 presentation INTEGER NOT NULL DEFAULT 1, post_dial_digits TEXT NOT NULL DEFAULT '',
 via_number TEXT NOT NULL DEFAULT '', date INTEGER, duration INTEGER, data_usage INTEGER,
 type INTEGER, features INTEGER NOT NULL DEFAULT 0, subscription_component_name TEXT,
 subscription_id TEXT, phone_account_address TEXT, phone_account_hidden INTEGER NOT NULL DEFAULT 0,
 sub_id INTEGER DEFAULT -1, new INTEGER, name TEXT, numbertype INTEGER, numberlabel TEXT,
 countryiso TEXT, voicemail_uri TEXT, is_read INTEGER, geocoded_location TEXT, lookup_uri TEXT,
 matched_number TEXT, normalized_number TEXT, photo_id INTEGER NOT NULL DEFAULT 0, photo_uri TEXT,
 formatted_number TEXT, add_for_all_users INTEGER NOT NULL DEFAULT 1,
 last_modified INTEGER DEFAULT 0, _data TEXT, has_content INTEGER, mime_type TEXT,
 source_data TEXT, source_package TEXT, transcription TEXT, state INTEGER,
 dirty INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0)"""

# Android 4.0 contacts2.db: the call log beside the address book
LEGACY_CALLS = """CREATE TABLE calls (_id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT,
 date INTEGER, duration INTEGER, type INTEGER, new INTEGER, name TEXT, numbertype INTEGER,
 numberlabel TEXT, countryiso TEXT, voicemail_uri TEXT, is_read INTEGER, geocoded_location TEXT,
 lookup_uri TEXT, matched_number TEXT, normalized_number TEXT, photo_id INTEGER NOT NULL DEFAULT 0,
 formatted_number TEXT, _data TEXT, has_content INTEGER, mime_type TEXT, source_data TEXT,
 source_package TEXT, state INTEGER)"""
LEGACY_CONTACTS = (
    "CREATE TABLE raw_contacts (_id INTEGER PRIMARY KEY AUTOINCREMENT, display_name TEXT, deleted INTEGER)",
    "CREATE TABLE data (_id INTEGER PRIMARY KEY AUTOINCREMENT, raw_contact_id INTEGER, mimetype_id INTEGER,"
    " data1 TEXT, data2 TEXT)",
)

SAMSUNG_LOGS = """CREATE TABLE logs (_id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT, address TEXT,
 date INTEGER, duration INTEGER, type INTEGER, new INTEGER, name TEXT, name_reversed TEXT,
 numbertype INTEGER, numberlabel TEXT, voicemail_uri TEXT, is_read INTEGER, countryiso TEXT,
 geocoded_location TEXT, lookup_uri TEXT, matched_number TEXT, normalized_number TEXT,
 photo_id INTEGER NOT NULL DEFAULT 0, formatted_number TEXT, messageid TEXT, logtype INTEGER NOT NULL,
 frequent INTEGER, contactid INTEGER NOT NULL, raw_contact_id INTEGER, m_subject TEXT, m_content TEXT,
 sns_tid TEXT, sns_pkey TEXT, account_name TEXT, account_id TEXT, sns_receiver_count TEXT,
 sp_type TEXT, cnap_name TEXT, cdnip_number TEXT, service_type INTEGER, country_code TEXT,
 cityid TEXT, _data TEXT, has_content INTEGER, mime_type TEXT, source_data TEXT,
 source_package TEXT, state INTEGER)"""

SMS_COLUMNS = """_id INTEGER PRIMARY KEY AUTOINCREMENT, thread_id INTEGER, address TEXT, person INTEGER,
 date INTEGER, date_sent INTEGER DEFAULT 0, protocol INTEGER, read INTEGER DEFAULT 0,
 status INTEGER DEFAULT -1, type INTEGER, reply_path_present INTEGER, subject TEXT, body TEXT,
 service_center TEXT, locked INTEGER DEFAULT 0, sub_id INTEGER DEFAULT -1, error_code INTEGER DEFAULT 0,
 creator TEXT, seen INTEGER DEFAULT 0"""
PDU_COLUMNS = """_id INTEGER PRIMARY KEY AUTOINCREMENT, thread_id INTEGER, date INTEGER,
 date_sent INTEGER DEFAULT 0, msg_box INTEGER, read INTEGER DEFAULT 0, m_id TEXT, sub TEXT,
 sub_cs INTEGER, ct_t TEXT, ct_l TEXT, exp INTEGER, m_cls TEXT, m_type INTEGER, v INTEGER,
 m_size INTEGER, pri INTEGER, rr INTEGER, rpt_a INTEGER, resp_st INTEGER, st INTEGER, tr_id TEXT,
 retr_st INTEGER, retr_txt TEXT, retr_txt_cs INTEGER, read_status INTEGER, ct_cls INTEGER,
 resp_txt TEXT, d_tm INTEGER, d_rpt INTEGER, locked INTEGER DEFAULT 0, sub_id INTEGER DEFAULT -1,
 seen INTEGER DEFAULT 0, creator TEXT"""
ADDR_COLUMNS = "_id INTEGER PRIMARY KEY, msg_id INTEGER, contact_id INTEGER, address TEXT, type INTEGER, charset INTEGER"
PART_COLUMNS = """_id INTEGER PRIMARY KEY AUTOINCREMENT, mid INTEGER, seq INTEGER DEFAULT 0, ct TEXT,
 name TEXT, chset INTEGER, cd TEXT, fn TEXT, cid TEXT, cl TEXT, ctt_s INTEGER, ctt_t TEXT,
 _data TEXT, text TEXT"""
SAMSUNG_MESSAGES = """CREATE TABLE messages (_id INTEGER PRIMARY KEY AUTOINCREMENT, transport_type TEXT,
 thread_id INTEGER, address TEXT, content TEXT, remote_id INTEGER, date INTEGER, box_type INTEGER)"""
SAMSUNG_IM = """CREATE TABLE im (_id INTEGER PRIMARY KEY AUTOINCREMENT, thread_id INTEGER DEFAULT 0,
 address TEXT, date_sent INTEGER DEFAULT 0, date INTEGER DEFAULT 0, read INTEGER DEFAULT 0,
 status INTEGER DEFAULT 0, type INTEGER DEFAULT 0, body TEXT, message_type INTEGER DEFAULT 0,
 content_type TEXT, recipients TEXT, service_type INTEGER DEFAULT 0)"""
SAMSUNG_FT = """CREATE TABLE ft (_id INTEGER PRIMARY KEY AUTOINCREMENT, thread_id INTEGER,
 file_name TEXT, file_path TEXT, file_size INTEGER DEFAULT 0, content_type TEXT, type INTEGER DEFAULT 0,
 address TEXT, date INTEGER, date_sent INTEGER, recipients TEXT, message_type INTEGER DEFAULT 0,
 service_type INTEGER DEFAULT 0)"""
WPM = "CREATE TABLE wpm (_id INTEGER PRIMARY KEY AUTOINCREMENT, address TEXT, date INTEGER, body TEXT)"

H = 3_600_000  # one hour in ms
T0 = 1_710_403_200_000  # 2024-03-14T08:00:00Z

# (number, presentation, date, duration, type, features, name, deleted)
CALLLOG_ROWS: list[tuple[Any, ...]] = [
    ("+32470000201", 1, T0, 65, 1, 0, "Fictief Persoon A", 0),
    ("0470000202", 1, T0 + 60_500, 0, 2, 0, None, 0),
    ("0470000202", 1, T0 + 1 * H, 42, 2, 0, None, 0),
    ("+32470000204", 1, T0 + 2 * H, 0, 3, 0, None, 0),
    ("+32470000205", 1, T0 + 3 * H, 17, 4, 0, None, 1),
    ("+32470000206", 1, T0 + 4 * H, 0, 5, 0, None, 0),
    ("", 2, T0 + 5 * H, 0, 6, 0, None, 0),
    ("+32470000208", 1, T0 + 6 * H, 120, 7, 0, None, 0),
    ("+32470000209", 1, T0 + 7 * H, 3, 99, 0, None, 0),
    ("-2", 1, T0 + 8 * H, 0, 3, 0, None, 0),
    ("+32470000211", 3, T0 + 9 * H, 0, 3, 0, "(Unknown)", 0),
    ("+32470000212", 1, T0 + 10 * H, 30, 1, 1, None, 0),
    ("+32470000213", 1, 0, 5, 1, 0, None, 0),
    ("", 5, T0 + 11 * H, 0, 1, 0, None, 0),
    ("+32470000215", 1, None, 5, 1, 0, None, 0),
    ("+32470000216", 1, T0 + 12 * H, -1, 1, 3, None, 0),
]
# (number, date, duration, type, name)
LEGACY_ROWS: list[tuple[Any, ...]] = [
    ("+32470000221", T0, 12, 1, "Fictief Persoon B"),
    ("0470000222", T0 + H, 0, 2, None),
    ("-1", T0 + 2 * H, 0, 3, None),
]
# (number, date, duration, type, logtype, m_content)
SAMSUNG_ROWS: list[tuple[Any, ...]] = [
    ("+32470000231", T0, 20, 1, 100, None),
    ("+32470000232", T0 + H, 30, 2, 500, None),
    ("+32470000233", T0 + 2 * H, 0, 1, 300, "Fictief sms-fragment"),
    ("+32470000234", T0 + 3 * H, 0, 2, 200, None),
    ("+32470000235", T0 + 4 * H, 0, 3, 1150, None),
]


def _execute(conn: sqlite3.Connection, statements: Sequence[str]) -> None:
    for statement in statements:
        conn.execute(statement)


def _insert_calls(conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    conn.executemany(
        "INSERT INTO calls (number, presentation, date, duration, type, features, name, deleted)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def build_calllog(path: Path) -> Path:
    """calllog-synthetic.db: one row of each case in CALLLOG_ROWS."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(AOSP_CALLS)
        _insert_calls(conn, CALLLOG_ROWS)
        conn.commit()
    return path


def build_contacts2(path: Path) -> Path:
    """contacts2-synthetic.db: an Android 4.0 call log beside an address book."""
    with closing(sqlite3.connect(path)) as conn:
        _execute(conn, (LEGACY_CALLS, *LEGACY_CONTACTS))
        conn.executemany("INSERT INTO calls (number, date, duration, type, name) VALUES (?, ?, ?, ?, ?)", LEGACY_ROWS)
        conn.execute("INSERT INTO raw_contacts (display_name, deleted) VALUES ('Fictief Persoon B', 0)")
        conn.commit()
    return path


def build_calllog_wal_only(path: Path, schema_in_wal: bool = False) -> Path:
    """calllog-wal-synthetic.db with the two first rows of CALLLOG_ROWS only in
    its -wal (a phone seized before SQLite copied its log back). With
    ``schema_in_wal`` even the table is only in the -wal."""
    work = path.with_name(path.name + ".work")
    for leftover in (work, work.with_name(work.name + "-wal"), work.with_name(work.name + "-shm")):
        leftover.unlink(missing_ok=True)
    conn = sqlite3.connect(work)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        if not schema_in_wal:
            conn.execute(AOSP_CALLS)
            conn.commit()
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            conn.execute("CREATE TABLE android_metadata (locale TEXT)")  # the main file needs a page
            conn.commit()
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute(AOSP_CALLS)
        _insert_calls(conn, CALLLOG_ROWS[:2])
        conn.commit()
        # copy while the connection is open: closing it would fold the log in
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(work.with_name(work.name + suffix), path.with_name(path.name + suffix))
    finally:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            work.with_name(work.name + suffix).unlink(missing_ok=True)
    return path


def build_samsung_logs(path: Path) -> Path:
    """logs-samsung-synthetic.db: Samsung's logs table, calls and messages mixed."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(SAMSUNG_LOGS)
        conn.executemany(
            "INSERT INTO logs (number, date, duration, type, logtype, m_content, contactid)"
            " VALUES (?, ?, ?, ?, ?, ?, 0)",
            SAMSUNG_ROWS,
        )
        conn.commit()
    return path


def build_samsung_calllog_with_texts(path: Path) -> Path:
    """A Samsung Android 7 calllog.db: ``calls`` with ``m_content`` and no ``logtype``."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(AOSP_CALLS.replace("deleted INTEGER NOT NULL DEFAULT 0)", "deleted INTEGER, m_content TEXT)"))
        conn.executemany(
            "INSERT INTO calls (number, date, duration, type, m_content) VALUES (?, ?, ?, ?, ?)",
            [("+32470000241", T0, 9, 1, None), ("+32470000242", T0 + H, 0, 2, "Fictieve tekst")],
        )
        conn.commit()
    return path


# (address, date, type, subject, body)
SMS_ROWS: list[tuple[Any, ...]] = [
    ("+32470000301", T0, 1, None, "Fictief bericht 1"),
    ("+32470000301", T0 + 100_000, 2, None, "Fictief antwoord"),
    ("+32470000301", T0 + 200_000, 3, None, "Fictief concept"),
    ("+32470000301", T0 + 300_000, 4, None, "In de outbox"),
    ("+32470000301", T0 + 400_000, 5, None, "Mislukt"),
    ("+32470000301", T0 + 500_000, 6, None, "In de wachtrij"),
    ("+32470000301", T0 + 600_000, 7, None, "Type zeven"),
    ("+32470000302~+32470000303", T0 + 700_000, 2, None, "Aan twee"),
    (None, T0 + 800_000, 1, None, "Van niemand"),
    ("+32470000301", T0 + 900_000, 1, "Onderwerp", "=SOM(A1)"),
    ("+32470000301", 0, 1, None, "Zonder datum"),
]
S0 = T0 // 1000  # MMS dates are in seconds
# (date, msg_box, m_type, sub)
PDU_ROWS: list[tuple[Any, ...]] = [
    (S0 + 2 * 3600, 1, 132, None),
    (S0 + 2 * 3600 + 100, 2, 128, "Groepsfoto"),
    (S0 + 2 * 3600 + 200, 1, 134, None),
    (S0 + 2 * 3600 + 300, 3, 128, None),
    (S0 + 2 * 3600 + 400, 1, 130, None),
    ((S0 + 2 * 3600 + 500) * 1000, 1, 132, None),
]
# (msg_id, address, type)
ADDR_ROWS: list[tuple[Any, ...]] = [
    (1, "+32470000304", 137), (1, "+32470000001", 151),
    (2, "insert-address-token", 137), (2, "+32470000305", 151), (2, "+32470000306", 151),
    (2, "+32470000307", 130), (2, "+32470000305", 129),
    (3, "+32470000304", 137),
    (5, "+32470000308", 137), (5, "+32470000001", 151),
    (6, "+32470000309", 137),
]
# (mid, seq, ct, cl, name, fn, _data, text)
PART_ROWS: list[tuple[Any, ...]] = [
    (1, -1, "application/smil", "smil.xml", None, None, None, "<smil/>"),
    (1, 0, "text/plain", "text_0.txt", None, None, None, "Fictieve MMS-tekst"),
    (1, 1, "image/jpeg", "IMG_0001.jpg", None, None, "/data/app_parts/PART_1", None),
    (2, 0, "text/plain;charset=utf-8", None, None, None, None, "Aan iedereen"),
    (2, 1, "image/jpeg", None, None, None, "/data/user/0/com.android.providers.telephony/app_parts/PART_17.jpg", None),
    (6, 0, "audio/amr", None, None, None, None, None),
]
SPAM_SMS_ROWS: list[tuple[Any, ...]] = [SMS_ROWS[0], ("+32470000310", T0 + 3 * H, 1, None, "Geblokkeerd bericht")]
# (address, date, type, body, message_type, recipients, service_type)
IM_ROWS: list[tuple[Any, ...]] = [
    ("+32470000311", T0 + 4 * H, 1, "Fictieve chat", 0, None, 1),
    ("", T0 + 4 * H + 60_000, 2, "Aan de groep", 0, "+32470000312;+32470000313", 0),
    ("", T0 + 4 * H + 120_000, 1, None, 1, "+32470000312;+32470000313", 0),
]
# (address, date, type, file_name, file_path, message_type)
FT_ROWS: list[tuple[Any, ...]] = [
    ("+32470000311", T0 + 5 * H, 1, "foto.jpg", "/storage/emulated/0/foto.jpg", 0),
    ("+32470000311", T0 + 5 * H + 60_000, 2, None, "/storage/emulated/0/Download/clip.mp4", 0),
    ("+32470000311", T0 + 5 * H + 120_000, 1, None, None, 7),
]


def _message_tables(conn: sqlite3.Connection, prefix: str = "") -> None:
    conn.execute(f"CREATE TABLE {prefix}sms ({SMS_COLUMNS})")
    conn.execute(f"CREATE TABLE {prefix}pdu ({PDU_COLUMNS})")
    conn.execute(f"CREATE TABLE {prefix}addr ({ADDR_COLUMNS})")
    conn.execute(f"CREATE TABLE {prefix}part ({PART_COLUMNS})")


def _insert_sms(conn: sqlite3.Connection, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
    conn.executemany(f"INSERT INTO {table} (address, date, type, subject, body) VALUES (?, ?, ?, ?, ?)", rows)


def build_mmssms(path: Path) -> Path:
    """mmssms-samsung-synthetic.db: AOSP tables and Samsung's extra ones."""
    with closing(sqlite3.connect(path)) as conn:
        _message_tables(conn)
        _message_tables(conn, "spam_")
        _execute(conn, (SAMSUNG_MESSAGES, SAMSUNG_IM, SAMSUNG_FT, WPM))
        _insert_sms(conn, "sms", SMS_ROWS)
        conn.executemany("INSERT INTO pdu (date, msg_box, m_type, sub) VALUES (?, ?, ?, ?)", PDU_ROWS)
        conn.executemany("INSERT INTO addr (msg_id, address, type) VALUES (?, ?, ?)", ADDR_ROWS)
        conn.executemany("INSERT INTO part (mid, seq, ct, cl, name, fn, _data, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         PART_ROWS)
        _insert_sms(conn, "spam_sms", SPAM_SMS_ROWS)
        conn.execute("INSERT INTO spam_pdu (date, msg_box, m_type) VALUES (?, 1, 132)", (S0 + 3 * 3600 + 60,))
        conn.execute("INSERT INTO spam_addr (msg_id, address, type) VALUES (1, '+32470000310', 137)")
        conn.execute("INSERT INTO spam_part (mid, seq, ct, text) VALUES (1, 0, 'text/plain', 'Geblokkeerde MMS')")
        # Samsung's mirror: one row per sms row, as its triggers write it
        conn.execute("INSERT INTO messages (transport_type, address, content, remote_id, date, box_type)"
                     " SELECT 'sms', address, body, _id, date, type FROM sms")
        conn.executemany("INSERT INTO im (address, date, type, body, message_type, recipients, service_type)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)", IM_ROWS)
        conn.executemany("INSERT INTO ft (address, date, type, file_name, file_path, message_type)"
                         " VALUES (?, ?, ?, ?, ?, ?)", FT_ROWS)
        conn.execute("INSERT INTO wpm (address, date, body) VALUES ('+32470000399', ?, 'push')", (T0,))
        conn.commit()
    return path


def build_mmssms_lg(path: Path) -> Path:
    """mmssms-lg-synthetic.db: an LG sms table (column lgeSiid) with types 7, 8, 19."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"CREATE TABLE sms ({SMS_COLUMNS}, lgeSiid TEXT)")
        _insert_sms(conn, "sms", [("+32470000321", T0 + i * H, kind, None, f"LG {kind}")
                                  for i, kind in enumerate((7, 8, 19))])
        conn.commit()
    return path


BUILDERS = {
    "calllog-synthetic.db": build_calllog,
    "contacts2-synthetic.db": build_contacts2,
    "calllog-wal-synthetic.db": build_calllog_wal_only,
    "logs-samsung-synthetic.db": build_samsung_logs,
    "calllog-samsung7-synthetic.db": build_samsung_calllog_with_texts,
    "mmssms-samsung-synthetic.db": build_mmssms,
    "mmssms-lg-synthetic.db": build_mmssms_lg,
}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    target.mkdir(parents=True, exist_ok=True)
    for file_name, build in BUILDERS.items():
        print(build(target / file_name))
