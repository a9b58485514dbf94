"""iPhone call history: ``CallHistory.storedata`` (iOS 8 and later).

A Core Data store in SQLite, in ``/private/var/mobile/Library/CallHistoryDB/``
or, in an iTunes/Finder backup, the file ``5a/5a4935c78a5255723f707230a451d79c540d2741``
(HomeDomain, ``Library/CallHistoryDB/CallHistory.storedata``). The newest
rows are often only in ``CallHistory.storedata-wal``, so the database is
read together with its ``-wal`` and ``-shm``, on a temporary read-only copy
(``sqlite_copy``). One row of table ``ZCALLRECORD`` is one call:

| column                 | meaning                                                         |
|------------------------|-----------------------------------------------------------------|
| ``Z_PK``               | row id; the locator is ``ZCALLRECORD Z_PK 12``                  |
| ``ZDATE``              | start, **seconds (float) since 2001-01-01T00:00:00Z**           |
| ``ZDURATION``          | seconds (float)                                                 |
| ``ZORIGINATED``        | 1 outgoing, 0 incoming                                          |
| ``ZANSWERED``          | 1 answered, 0 not (outgoing rows have 0 even when they connected) |
| ``ZCALLTYPE``          | 1 phone, 8 FaceTime video, 16 FaceTime audio, 0 third-party app |
| ``ZSERVICE_PROVIDER``  | ``com.apple.Telephony``, ``com.apple.FaceTime`` or an app's bundle id |
| ``ZCALL_CATEGORY``     | 1 audio, 2 video (observed)                                     |
| ``ZADDRESS``           | the other party: number or e-mail as stored; VARCHAR, but a BLOB of UTF-8 on iOS 8-12 |
| ``ZNUMBER_AVAILABILITY`` | 0 the number was shown; any other value: withheld or unknown (values undocumented) |
| ``ZNAME``              | the name the phone showed (often empty)                         |

Direction and status: ``ZORIGINATED`` 1 is outgoing, "answered" when it
lasted more than 0 s and "unknown" otherwise (iOS keeps ``ZANSWERED`` 0 for
outgoing calls, so only the duration tells). An incoming call is answered
when ``ZANSWERED`` is 1 and **missed when it is 0** (not originated and not
answered); a NULL ``ZANSWERED`` is kept with status unknown.

Service (``Record.service``): ``phone``, ``FaceTime video``, ``FaceTime
audio``, or for a third-party app the app's name from its bundle id
(``net.whatsapp.WhatsApp`` -> ``WhatsApp``; an unknown bundle id is kept as
written). Every call is kept as a call, whatever carried it. An unknown
``ZCALLTYPE`` takes its service from ``ZSERVICE_PROVIDER``.

Withheld: an empty or NULL ``ZADDRESS``, or ``ZNUMBER_AVAILABILITY`` other
than 0, sets ``withheld_hint``. A group call stores no ``ZADDRESS``: its
people are ``ZHANDLE.ZVALUE`` rows joined through
``Z_<n>REMOTEPARTICIPANTHANDLES``; an outgoing group call is one record per
person called (``ZCALLRECORD Z_PK 7 (to 2)``), an incoming one is from the
person in ``ZINITIATOR`` when the store names one, and otherwise one record
per person on the call (``(with 2)``), never a withheld call.

A row without a usable ``ZDATE`` is a counted skip. Older columns
(``ZDEVICE_ID``) and newer ones (``ZBLOCKEDBYEXTENSION``...) are ignored; of
the columns above only ``ZDATE`` and ``ZADDRESS`` must exist. Sources:
iLEAPP ``scripts/artifacts/callHistory.py`` and the schemas in
``shared/reference/handset-formats.md`` §3.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from calllog.errors import ImportFailed
from calllog.importers.base import ImportContext, Importer
from calllog.importers.sqlite_copy import columns, companion_files, open_readonly_copy, table_names, tables
from calllog.model import Channel, ContactCard, Direction, Record, Skip, Status
from calllog.timeutil import from_apple_seconds

TABLE = "ZCALLRECORD"
REQUIRED_COLUMNS = ("Z_PK", "ZDATE", "ZADDRESS")
OPTIONAL_COLUMNS = (
    "ZDURATION", "ZORIGINATED", "ZANSWERED", "ZCALLTYPE", "ZSERVICE_PROVIDER",
    "ZCALL_CATEGORY", "ZNUMBER_AVAILABILITY", "ZNAME", "ZINITIATOR",
)
CALL_TYPES = {1: "phone", 8: "FaceTime video", 16: "FaceTime audio"}
THIRD_PARTY_CALL_TYPE = 0
TELEPHONY, FACETIME = "com.apple.telephony", "com.apple.facetime"
VIDEO_CATEGORY = 2
# bundle ids of apps that put their calls in the iPhone's call history (CallKit)
APP_NAMES = {
    "net.whatsapp.whatsapp": "WhatsApp",
    "net.whatsapp.whatsappsmb": "WhatsApp Business",
    "org.whispersystems.signal": "Signal",
    "ph.telegra.telegraph": "Telegram",
    "com.facebook.messenger": "Messenger",
    "com.burbn.instagram": "Instagram",
    "com.viber": "Viber",
    "com.skype.skype": "Skype",
    "com.skype.skypeforiphone": "Skype",
    "com.microsoft.skype.teams": "Microsoft Teams",
    "jp.naver.line": "LINE",
    "com.toyopagroup.picaboo": "Snapchat",
    "us.zoom.videomeetings": "Zoom",
}


def app_name(provider: str) -> str:
    """The name of the app whose bundle id is ``provider``, or the bundle id."""
    return APP_NAMES.get(provider.strip().lower(), provider.strip())


def _integer(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if math.isfinite(number) and number == int(number) else None


def _seconds(value: Any) -> float | None:
    """A finite number of seconds, or None (NULL, text, NaN)."""
    if value is None or isinstance(value, (bytes, bool)):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _text(value: Any) -> str:
    """A TEXT or (older iOS) BLOB column as text; NULL is empty."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _instant(raw: Any) -> datetime | str:
    """ZDATE as a UTC instant, or why it cannot be one."""
    seconds = _seconds(raw)
    if seconds is None:
        return "it has no date" if raw is None else f"its date {raw!r} is not a number of seconds"
    if seconds <= 0:
        return f"its date {raw!r} is not a real time (the phone stored none)"
    try:
        return from_apple_seconds(seconds)
    except ValueError:
        return f"its date {raw!r} is too far from today to be a real time"


def _service(row: sqlite3.Row, names: set[str]) -> str | None:
    call_type = _integer(row["ZCALLTYPE"]) if "ZCALLTYPE" in names else None
    provider = _text(row["ZSERVICE_PROVIDER"]).strip() if "ZSERVICE_PROVIDER" in names else ""
    if call_type is not None and call_type in CALL_TYPES:
        return CALL_TYPES[call_type]
    if provider.lower() == TELEPHONY:
        return "phone"
    if provider.lower() == FACETIME:
        video = "ZCALL_CATEGORY" in names and _integer(row["ZCALL_CATEGORY"]) == VIDEO_CATEGORY
        return "FaceTime video" if video else "FaceTime audio"
    if provider:
        return app_name(provider)
    if call_type == THIRD_PARTY_CALL_TYPE:
        return "third-party app"
    return None if call_type is None else f"call type {call_type}"


def _direction_status(row: sqlite3.Row, names: set[str], duration: float | None) -> tuple[Direction, Status, str]:
    originated = _integer(row["ZORIGINATED"]) if "ZORIGINATED" in names else None
    answered = _integer(row["ZANSWERED"]) if "ZANSWERED" in names else None
    status_raw = f"ZORIGINATED={_shown(originated)} ZANSWERED={_shown(answered)}"
    if originated == 1:
        return Direction.OUT, Status.ANSWERED if duration else Status.UNKNOWN, status_raw
    if answered == 1:
        return Direction.IN, Status.ANSWERED, status_raw
    if answered == 0:
        return Direction.IN, Status.MISSED, status_raw
    return Direction.IN, Status.UNKNOWN, status_raw


def _shown(value: int | None) -> str:
    return "NULL" if value is None else str(value)


class _GroupCalls:
    """The people of group calls: ZHANDLE rows joined to ZCALLRECORD through
    the many-to-many table Core Data names ``Z_<n>REMOTEPARTICIPANTHANDLES``."""

    def __init__(self, conn: sqlite3.Connection, known_tables: set[str]) -> None:
        self._people: dict[int, list[str]] = {}
        self._handles: dict[int, str] = {}
        if "ZHANDLE" not in known_tables or "ZVALUE" not in columns(conn, "ZHANDLE"):
            return
        self._handles = {
            int(pk): _text(value)
            for pk, value in conn.execute("SELECT Z_PK, ZVALUE FROM ZHANDLE ORDER BY Z_PK")
            if _text(value).strip()
        }
        for table in sorted(t for t in known_tables if t.upper().endswith("REMOTEPARTICIPANTHANDLES")):
            names = columns(conn, table)
            call = next((c for c in names if c.upper().endswith("REMOTEPARTICIPANTCALLS")), None)
            handle = next((c for c in names if c.upper().endswith("REMOTEPARTICIPANTHANDLES")), None)
            if call is None or handle is None:
                continue
            quoted = table.replace('"', '""')
            for call_pk, handle_pk in conn.execute(
                f'SELECT "{call}", "{handle}" FROM "{quoted}" ORDER BY "{call}", "{handle}"'
            ):
                value = self._handles.get(_integer(handle_pk) or 0)
                if value is not None and call_pk is not None:
                    self._people.setdefault(int(call_pk), []).append(value)

    def people(self, call_pk: int) -> list[str]:
        return list(dict.fromkeys(self._people.get(call_pk, [])))

    def handle(self, handle_pk: Any) -> str | None:
        return self._handles.get(_integer(handle_pk) or 0)


def _parties(row: sqlite3.Row, names: set[str], groups: _GroupCalls, direction: Direction) -> list[tuple[str, str]]:
    """(party as written, locator suffix) for each record of the row."""
    address = _text(row["ZADDRESS"])
    if address.strip():
        return [(address, "")]
    people = groups.people(int(row["Z_PK"]))
    if not people:
        return [(address, "")]
    if direction is Direction.IN:
        initiator = groups.handle(row["ZINITIATOR"]) if "ZINITIATOR" in names else None
        if initiator is not None:
            return [(initiator, "")]
    if len(people) == 1:
        return [(people[0], "")]
    word = "to" if direction is Direction.OUT else "with"
    return [(person, f" ({word} {number})") for number, person in enumerate(people, start=1)]


def _records(row: sqlite3.Row, names: set[str], groups: _GroupCalls) -> Iterator[Record | Skip]:
    locator = f"{TABLE} Z_PK {row['Z_PK']}"
    instant = _instant(row["ZDATE"])
    if isinstance(instant, str):
        yield Skip(locator, f"The call was not kept: {instant}.")
        return
    duration = _seconds(row["ZDURATION"]) if "ZDURATION" in names else None
    if duration is not None and duration < 0:
        duration = None
    direction, status, status_raw = _direction_status(row, names, duration)
    availability = _integer(row["ZNUMBER_AVAILABILITY"]) if "ZNUMBER_AVAILABILITY" in names else None
    hidden = availability not in (None, 0)
    name = _text(row["ZNAME"]).strip() if "ZNAME" in names else ""
    parties = [(_text(row["ZADDRESS"]), "")] if hidden else _parties(row, names, groups, direction)
    for party, suffix in parties:
        yield Record(
            locator=locator + suffix,
            instant_utc=instant,
            channel=Channel.CALL,
            direction=direction,
            status=status,
            party_raw=party,
            duration_s=duration,
            withheld_hint=hidden or not party.strip(),
            local_text=str(row["ZDATE"]),
            service=_service(row, names),
            contact_name=(name or None) if len(parties) == 1 else None,
            status_raw=status_raw,
        )


class IosCallHistoryImporter(Importer):
    name: ClassVar[str] = "ios-calls"
    title: ClassVar[str] = "iPhone call history (CallHistory.storedata, with its -wal/-shm files)"
    recognised_by: ClassVar[str] = "a SQLite database with a ZCALLRECORD table"
    how_to_get: ClassVar[str] = (
        "Make an unencrypted iPhone backup with Finder (Mac) or iTunes / Apple Devices (Windows) "
        "and import the backup folder; a forensic extraction holds the same file."
    )
    version: ClassVar[str] = "1"

    def identify(self, path: Path, head: bytes) -> bool:
        return TABLE in table_names(path, head)

    def companions(self, path: Path) -> dict[str, Path]:
        return companion_files(path)

    def extract(self, path: Path, ctx: ImportContext) -> Iterator[Record | Skip | ContactCard]:
        with open_readonly_copy(path, companion_files(path)) as conn:
            names = self._check(conn, path)
            groups = _GroupCalls(conn, tables(conn))
            conn.row_factory = sqlite3.Row
            wanted = [c for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if c in names]
            query = f"SELECT {', '.join(wanted)} FROM {TABLE} ORDER BY Z_PK"
            for row in conn.execute(query):
                yield from _records(row, names, groups)

    def describe(self, path: Path, ctx: ImportContext) -> list[str]:
        with open_readonly_copy(path, companion_files(path)) as conn:
            names = self._check(conn, path)
            conn.row_factory = sqlite3.Row
            wanted = [c for c in ("ZCALLTYPE", "ZSERVICE_PROVIDER", "ZCALL_CATEGORY") if c in names]
            services: Counter[str] = Counter()
            for row in conn.execute(f"SELECT Z_PK {''.join(', ' + c for c in wanted)} FROM {TABLE}"):
                services[_service(row, names) or "unknown service"] += 1
        wal = " (read together with its -wal file)" if "-wal" in companion_files(path) else ""
        lines = [f"{sum(services.values())} calls in table {TABLE}{wal}."]
        lines += [f"  {service}: {count}" for service, count in sorted(services.items())]
        return lines

    @staticmethod
    def _check(conn: sqlite3.Connection, path: Path) -> set[str]:
        names = set(columns(conn, TABLE))
        missing = [c for c in REQUIRED_COLUMNS if c not in names]
        if missing:
            what = f"has no {TABLE} table" if not names else f"lacks the column(s) {', '.join(missing)}"
            raise ImportFailed(f"{path.name} is not an iPhone call history calllog can read: it {what}.")
        return names
