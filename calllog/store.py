"""The case store: one SQLite file with a versioned schema.

Only this module speaks SQL. Instants are stored as integer microseconds
since 1970-01-01 UTC so that range queries and sorting stay cheap on a
million events; the local text as written in the source is kept beside them.
The schema version lives in ``PRAGMA user_version`` and ``MIGRATIONS`` brings
an older case up to date when it is opened.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from calllog.bulk_insert import insert_columns
from calllog.errors import CaseError
from calllog.schema import MIGRATIONS
from calllog.model import Skip

STORE_NAME = "case.sqlite"
# how long a command waits for another calllog writing to the same case
# (an import holds the write lock while it stores, seconds on a big file)
BUSY_TIMEOUT_S = 60.0
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


# how sure a name is: the user's own word, an address book, a name cached in a backup
NAME_RANK_SOURCE, NAME_RANK_ADDRESS_BOOK, NAME_RANK_USER = 1, 2, 3

EVENT_COLUMNS = (
    "instant_us", "local_text", "time_ambiguous", "time_nonexistent", "channel",
    "channel_class", "direction", "status", "status_raw", "duration_s", "party_raw",
    "party", "party_quality", "owner_line", "text", "attachments", "service", "headers",
    "source_id", "source_locator",
)


# an import of at least this many events into an empty case rebuilds the match index
REBUILD_INDEX_ROWS = 50_000


def to_us(instant_utc: datetime) -> int:
    """Microseconds since 1970 UTC, exact (no float rounding)."""
    delta = instant_utc - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_us(us: int) -> datetime:
    return EPOCH + timedelta(microseconds=us)


def _connect(path: Path) -> sqlite3.Connection:
    # transactions are explicit; timeout: wait for another writer, then say so
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        # a 64 MB page cache (default 2 MB): a million-row import updates the
        # events indexes all over the file, and re-reading pages is the cost
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("PRAGMA temp_store = MEMORY")
        migrate(conn)
    except BaseException as error:
        conn.close()
        if isinstance(error, sqlite3.Error):
            _raise_as_case_error(error, path)
        raise
    return conn


def migrate(conn: sqlite3.Connection, migrations: Sequence[str] = MIGRATIONS) -> int:
    """Bring the schema up to the last of ``migrations``, each in its own
    transaction; return the version found."""
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if found > len(migrations):
        raise CaseError(
            f"This case was made by a newer calllog (schema {found}, this one knows {len(migrations)}).",
            hint="Update calllog to open it.",
        )
    for version in range(found, len(migrations)):
        conn.execute("BEGIN")
        try:
            for statement in _split_sql(migrations[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return found


def _split_sql(script: str) -> list[str]:
    # executescript() would commit on its own; statements one by one keep
    # each migration inside its transaction.
    return [s.strip() for s in script.split(";") if s.strip()]


def case_error(error: sqlite3.Error, path: Path) -> CaseError | None:
    """The sentence for a store failure the user can do something about:
    a case another calllog is writing to, a full disk, a damaged file."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return CaseError(
            f"The case in {path.parent} is busy: another calllog command is writing to it.",
            hint="Wait until it has finished, then run this command again. Nothing was changed.",
        )
    if "full" in text:
        return CaseError(
            f"The disk that holds the case in {path.parent} is full; nothing was changed.",
            hint="Free some space on that disk and run the command again.",
        )
    if isinstance(error, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text):
        return CaseError(
            f"{path} is damaged: it is not a calllog case store that can be read ({error}).",
            hint="Restore the case folder from a backup copy.",
        )
    return None


def _raise_as_case_error(error: sqlite3.Error, path: Path) -> None:
    found = case_error(error, path)
    if found is not None:
        raise found from error


class Store:
    """An open case store."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = _connect(path)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self, bulk: bool = False) -> Iterator[sqlite3.Connection]:
        """All or nothing: a failure inside leaves the store as it was. A
        case another process is writing to, or a full disk, becomes a
        CaseError (after waiting up to ``BUSY_TIMEOUT_S`` for the other).

        ``bulk``: the caller writes rows whose references it made itself
        (an import links events to the source it has just inserted), so
        SQLite does not look each one up again; for a million rows that
        look-up is a third of the insert. The pragma only takes effect
        outside a transaction, hence here."""
        if bulk:
            self.conn.execute("PRAGMA foreign_keys = OFF")
        try:
            with self._transaction() as conn:
                yield conn
        finally:
            if bulk:
                self.conn.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            _raise_as_case_error(error, self.path)
            raise
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError):
                _raise_as_case_error(error, self.path)
            raise

    # settings -----------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row["value"])

    def set_setting(self, key: str, value: Any) -> None:
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )

    def settings(self) -> dict[str, Any]:
        rows = self.conn.execute("SELECT key, value FROM settings ORDER BY key")
        return {row["key"]: json.loads(row["value"]) for row in rows}

    def owners(self) -> list[str]:
        return [row["number"] for row in self.conn.execute("SELECT number FROM owners ORDER BY rowid")]

    def add_owner(self, number: str, raw: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO owners (number, raw) VALUES (?, ?)", (number, raw))

    # sources ------------------------------------------------------------
    def source_by_identity(self, identity: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM sources WHERE identity = ?", (identity,)).fetchone()

    def sources(self) -> list[sqlite3.Row]:
        return list(self.conn.execute("SELECT * FROM sources ORDER BY id"))

    def skips(self, source_id: int) -> list[Skip]:
        rows = self.conn.execute(
            "SELECT locator, reason FROM skips WHERE source_id = ? ORDER BY rowid", (source_id,)
        )
        return [Skip(row["locator"], row["reason"]) for row in rows]

    def insert_source(self, values: dict[str, Any]) -> int:
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cursor = self.conn.execute(f"INSERT INTO sources ({columns}) VALUES ({marks})", tuple(values.values()))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def update_source_counts(self, source_id: int, read: int, imported: int, known: int, skipped: int) -> None:
        self.conn.execute(
            "UPDATE sources SET read = ?, imported = ?, known = ?, skipped = ? WHERE id = ?",
            (read, imported, known, skipped, source_id),
        )

    def insert_skips(self, source_id: int, skips: Iterable[Skip]) -> None:
        self.conn.executemany(
            "INSERT INTO skips (source_id, locator, reason) VALUES (?, ?, ?)",
            ((source_id, s.locator, s.reason) for s in skips),
        )

    # events -------------------------------------------------------------
    def next_event_id(self) -> int:
        return int(self.conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM events").fetchone()[0])

    def insert_event_columns(self, source_id: int, columns: Mapping[str, Sequence[Any]]) -> None:
        """Insert the events of one source given column by column (``id``
        and every name of ``EVENT_COLUMNS`` but ``source_id``, lists of one
        length). Call it inside a
        transaction: a big first import drops the match index and builds it
        again after the rows (sorting once is several times faster than
        a million inserts at random places of the index)."""
        rebuild = None
        if len(columns["id"]) >= REBUILD_INDEX_ROWS and self.conn.in_transaction and \
                self.conn.execute("SELECT 1 FROM events LIMIT 1").fetchone() is None:
            found = self.conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'events_match'").fetchone()
            if found is not None:
                rebuild = str(found[0])  # the migration's own text: the schema stays byte for byte the same
                self.conn.execute("DROP INDEX events_match")
        insert_columns(self.conn, "events", {"id": columns["id"], **{name: columns[name] for name in EVENT_COLUMNS
                                                                 if name != "source_id"}},
                       {"source_id": source_id})
        if rebuild is not None:
            self.conn.execute(rebuild)

    def link_own_events(self, source_id: int, first_id: int) -> None:
        """Link the events a source has just created (ids from ``first_id``
        on) to it, each with the row it came from. Copied inside SQLite:
        the values are the events' own, so nothing is bound row by row."""
        self.conn.execute(
            "INSERT INTO event_sources (event_id, source_id, locator, party_raw, local_text) "
            "SELECT id, source_id, source_locator, party_raw, local_text FROM events "
            "WHERE id >= ? AND source_id = ? ORDER BY id",
            (first_id, source_id),
        )

    def insert_event_source_columns(
        self, source_id: int, event_ids: Sequence[int], locators: Sequence[str], party_raws: Sequence[str],
        local_texts: Sequence[str],
    ) -> None:
        """Link records of one source to their events, column by column."""
        insert_columns(self.conn, "event_sources", {
            "event_id": event_ids, "locator": locators, "party_raw": party_raws, "local_text": local_texts,
        }, {"source_id": source_id})

    def match_candidates(
        self, parties: Sequence[str], lo_us: int, hi_us: int
    ) -> tuple[Sequence[int], Sequence[int], Sequence[str], Sequence[str], Sequence[str], Sequence[str | None],
               Sequence[str]]:
        """Stored events of the given parties between two instants, for
        corroboration, as columns (numpy object arrays when there are
        any): ids, instants, channel classes, directions, parties, owner
        lines, statuses."""
        if not parties:
            return [], [], [], [], [], [], []
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted_parties (party TEXT PRIMARY KEY)")
        self.conn.execute("DELETE FROM wanted_parties")
        self.conn.executemany("INSERT OR IGNORE INTO wanted_parties VALUES (?)", ((p,) for p in parties))
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples
        rows = cursor.execute(
            "SELECT e.id, e.instant_us, e.channel_class, e.direction, e.party, e.owner_line, e.status "
            "FROM events e JOIN wanted_parties w ON w.party = e.party "
            "WHERE e.instant_us BETWEEN ? AND ?",
            (lo_us, hi_us),
        ).fetchall()
        if not rows:
            return [], [], [], [], [], [], []
        import numpy as np  # only imports need it here

        # rows to columns in C: one object array, sliced (zip(*rows) takes seconds for a million)
        table = np.array(rows, dtype=object)
        del rows
        return tuple(table[:, i] for i in range(7))  # type: ignore[return-value]

    def upgrade_statuses(self, rows: Iterable[tuple[str, str, int]]) -> None:
        """``upgrade_status`` for many ``(status, status_raw, event_id)`` at once."""
        self.conn.executemany(
            "UPDATE events SET status = ?, status_raw = ? WHERE id = ? AND status = 'unknown'", rows
        )

    # names --------------------------------------------------------------
    def set_name(self, party: str, name: str, origin: str, rank: int) -> bool:
        """Name a party unless a surer origin named it already (a name the
        user gave beats an address book, which beats a name cached in a
        backup). A replaced name is kept in the history. True if it changed."""
        row = self.conn.execute("SELECT name, origin, rank FROM names WHERE party = ?", (party,)).fetchone()
        if row is not None:
            if row["name"] == name or row["rank"] > rank or (row["rank"] == rank and rank == NAME_RANK_SOURCE):
                return False
            self.conn.execute(
                "INSERT INTO name_history (party, name, origin, replaced_by) VALUES (?, ?, ?, ?)",
                (party, row["name"], row["origin"], origin),
            )
        self.conn.execute(
            "INSERT OR REPLACE INTO names (party, name, origin, rank) VALUES (?, ?, ?, ?)", (party, name, origin, rank)
        )
        return True

    def names(self) -> dict[str, str]:
        return {row["party"]: row["name"] for row in self.conn.execute("SELECT party, name FROM names")}

    def name_history(self, party: str) -> list[tuple[str, str, str]]:
        rows = self.conn.execute(
            "SELECT name, origin, replaced_by FROM name_history WHERE party = ? ORDER BY rowid", (party,)
        )
        return [(row["name"], row["origin"], row["replaced_by"]) for row in rows]

    # persons and notices ------------------------------------------------
    def save_person(self, name: str, parties: Sequence[str], suspect: bool) -> None:
        """Create or update a person; a number belongs to one person only,
        so naming it under another person moves it."""
        row = self.conn.execute("SELECT id FROM persons WHERE name = ?", (name,)).fetchone()
        if row is None:
            person_id = self.conn.execute(
                "INSERT INTO persons (name, suspect) VALUES (?, ?)", (name, int(suspect))
            ).lastrowid
        else:
            person_id = row["id"]
            self.conn.execute("UPDATE persons SET suspect = ? WHERE id = ?", (int(suspect), person_id))
        for party in parties:
            self.conn.execute(
                "INSERT INTO person_numbers (person_id, party) VALUES (?, ?) "
                "ON CONFLICT(party) DO UPDATE SET person_id = excluded.person_id",
                (person_id, party),
            )

    def persons(self) -> list[tuple[str, tuple[str, ...], bool]]:
        """(name, numbers, suspect) for every person, in the order made."""
        result = []
        for row in self.conn.execute("SELECT id, name, suspect FROM persons ORDER BY id"):
            numbers = tuple(
                r["party"] for r in self.conn.execute(
                    "SELECT party FROM person_numbers WHERE person_id = ? ORDER BY rowid", (row["id"],)
                )
            )
            result.append((row["name"], numbers, bool(row["suspect"])))
        return result

    def add_notice(self, instant_us: int, written: str, what: str) -> int:
        cursor = self.conn.execute(
            "INSERT INTO notices (instant_us, written, what) VALUES (?, ?, ?)", (instant_us, written, what)
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def notices(self) -> list[sqlite3.Row]:
        """The notices in force (a removed notice is kept, marked removed)."""
        return list(self.conn.execute("SELECT * FROM notices WHERE removed = 0 ORDER BY instant_us, id"))

    def remove_notice(self, notice_id: int) -> bool:
        cursor = self.conn.execute("UPDATE notices SET removed = 1 WHERE id = ? AND removed = 0", (notice_id,))
        return cursor.rowcount == 1

    def source_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0])

    # events for analysis and reports -----------------------------------
    def events_frame(self, columns: Iterable[str] | None = None) -> "pd.DataFrame":
        """Every event, one row each, in time order (``calllog.store_frame``)."""
        from calllog.store_frame import read_events_frame

        return read_events_frame(self.conn, columns)

    # summaries ----------------------------------------------------------
    def party_rows(self) -> list[sqlite3.Row]:
        """Per party, the counts that ``calllog parties`` shows.

        A call answered on another of the owner's devices was answered; a
        voicemail, a missed, rejected or blocked call was not.
        """
        return list(
            self.conn.execute(
                """
                SELECT party,
                  group_concat(DISTINCT party_quality) AS qualities,
                  SUM(direction = 'in') AS incoming,
                  SUM(direction = 'out') AS outgoing,
                  SUM(direction = 'in' AND channel_class = 'call') AS calls_in,
                  SUM(direction = 'in' AND channel_class != 'call') AS messages_in,
                  SUM(direction = 'out' AND channel_class = 'call') AS calls_out,
                  SUM(direction = 'out' AND channel_class != 'call') AS messages_out,
                  SUM(direction = 'in' AND channel_class = 'call'
                      AND status NOT IN ('answered', 'answered_elsewhere')) AS unanswered_calls,
                  MIN(instant_us) AS first_us,
                  MAX(instant_us) AS last_us
                FROM events GROUP BY party
                """
            )
        )

    def event_totals(self) -> dict[str, int]:
        row = self.conn.execute(
            """
            SELECT COUNT(*) AS total,
              COALESCE(SUM(channel_class = 'call'), 0) AS calls,
              COALESCE(SUM(channel_class != 'call'), 0) AS messages,
              (SELECT COUNT(*) FROM (SELECT event_id FROM event_sources
                 GROUP BY event_id HAVING COUNT(*) > 1)) AS corroborated
            FROM events
            """
        ).fetchone()
        return {key: int(row[key]) for key in ("total", "calls", "messages", "corroborated")}
