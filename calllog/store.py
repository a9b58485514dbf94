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
    # The columns of ``events_frame`` in order, each with how it is read:
    # "int" and "float" numbers; "text" mostly different for every event;
    # "word" strings repeated over many events and "few" ones with a handful
    # of values ("flag" for 0/1), kept as one string object per value rather
    # than one per event (gigabytes less on a million events); "sources"
    # from event_sources.
    _FRAME_COLUMNS: tuple[tuple[str, str], ...] = (
        ("id", "int"), ("instant_utc", "int"), ("local_text", "text"), ("time_ambiguous", "flag"),
        ("time_nonexistent", "flag"), ("channel", "few"), ("channel_class", "few"), ("direction", "few"),
        ("status", "few"), ("status_raw", "few"), ("duration_s", "float"), ("party_raw", "word"),
        ("party", "word"), ("party_quality", "few"), ("owner_line", "few"), ("text", "text"),
        ("attachments", "few"), ("service", "few"), ("source_count", "sources"), ("sources", "sources"),
    )
    # rows turned into columns at a time: the raw rows never all exist at once,
    # and the memory of one chunk's objects serves the next (bigger is no faster)
    _FRAME_CHUNK_ROWS = 4096

    def events_frame(self, columns: Iterable[str] | None = None) -> "pd.DataFrame":
        """Every event, one row each, in time order (instant, then id), with
        how many sources show it (``source_count``) and which (``sources``:
        "file: locator" joined by "; ", in source order).

        ``columns`` keeps only those columns (``id`` always comes first): the
        analysis needs half of them, and on a million events every column
        read costs a tenth of a second or more. A string column has pandas'
        default string dtype, as pandas infers it from the rows: ``object``
        when it holds no value at all (and every column of an empty case).
        """
        import gc

        import numpy as np
        import pandas as pd  # only the analysis and report paths need pandas

        kinds = dict(self._FRAME_COLUMNS)
        wanted = set(kinds) if columns is None else {"id", *columns}
        if wanted - set(kinds):
            raise ValueError(f"events_frame has no columns {sorted(wanted - set(kinds))}")  # a caller's bug
        names = [name for name in kinds if name in wanted]
        # one snapshot for both queries, even while another process imports
        own_snapshot = not self.conn.in_transaction
        # a million short-lived tuples: the cycle collector would walk them
        # again and again and never find a cycle
        collecting = gc.isenabled()
        gc.disable()
        try:
            if own_snapshot:
                self.conn.execute("BEGIN")
            read = self._event_columns([name for name in names if kinds[name] != "sources"], kinds)
            if "source_count" in wanted or "sources" in wanted:
                read.update(self._event_sources(read["id"][0], "sources" in wanted))
        finally:
            if own_snapshot and self.conn.in_transaction:
                self.conn.execute("COMMIT")  # it only read
            if collecting:
                gc.enable()

        instants = read["instant_utc"][0] if "instant_utc" in read else None
        if instants is not None and len(instants) > 1 and bool((instants[1:] < instants[:-1]).any()):
            order = np.argsort(instants, kind="stable")  # stable: the rows were read by id
            for name, (array, distinct) in read.items():  # one column at a time: one copy at a time
                read[name] = (array[order], distinct)
        empty = len(read["id"][0]) == 0
        frame = pd.DataFrame(index=pd.RangeIndex(len(read["id"][0])))
        for name in names:
            array, distinct = read[name]
            if name == "instant_utc":
                frame[name] = pd.to_datetime(pd.Series(array), unit="us", utc=True).astype("datetime64[ns, UTC]")
            elif kinds[name] == "flag":
                frame[name] = distinct.astype(np.int64)[array].astype(bool)
            elif distinct is not None:  # codes into the distinct values, whose dtype pandas infers
                frame[name] = pd.Series(pd.Series(distinct, copy=False).array.take(array), copy=False)
            elif empty and array.dtype != np.float64:
                frame[name] = pd.Series(array, dtype=object)  # as pandas reads no rows: nothing to infer
            else:
                frame[name] = pd.Series(array, copy=False)
        return frame

    def _event_columns(self, names: Sequence[str], kinds: Mapping[str, str]) -> dict[str, tuple[Any, Any]]:
        """The events' ``names`` columns in id order: per column a numpy
        array and None, or for a "few" column codes and the distinct values
        they index (an object array). ``instant_utc`` is the stored
        microseconds.

        The "few" columns come as one JSON array per event, built by SQLite:
        one string to fetch instead of ten, and a case holds only dozens of
        different ones. Without SQLite's JSON functions (before 3.38), or
        with a value JSON cannot hold, each column is read on its own.
        """
        import numpy as np

        few = [name for name in names if kinds[name] in ("few", "flag")]
        plain = [(name, kinds[name]) for name in names if name not in few]
        selected = [("instant_us" if name == "instant_utc" else name, kind) for name, kind in plain]
        result: dict[str, tuple[Any, Any]] = {}
        try:
            together = [(f"json_array({', '.join(few)})", "codes")] if few else []
            cells = self._read_event_cells(selected + together)
            if few:
                codes, texts = cells.pop()
                arrays = [json.loads(text) for text in texts]
                result = {name: (codes, np.array([array[index] for array in arrays], dtype=object))
                          for index, name in enumerate(few)}
        except sqlite3.OperationalError:
            cells = self._read_event_cells(selected + [(name, "codes") for name in few])
            result = {name: cells.pop(len(plain)) for name in few}
        return {name: cells[index] for index, (name, _) in enumerate(plain)} | result

    def _read_event_cells(self, selected: Sequence[tuple[str, str]]) -> list[tuple[Any, Any]]:
        """``SELECT`` each expression of ``selected`` over the events, by
        id, read as its kind says: numbers, "text" and "word" as numpy
        arrays (with None), "codes" as codes and the distinct values."""
        import numpy as np

        dtypes = {"int": np.int64, "float": np.float64, "text": object, "word": object, "codes": np.int64}
        (count,) = self.conn.execute("SELECT COUNT(*) FROM events").fetchone()
        # filled chunk by chunk: no list of pieces to join (and copy) at the end
        arrays = [np.empty(count, dtypes[kind]) for _, kind in selected]
        seen: list[dict[Any, Any]] = [{} for _ in selected]
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples
        cursor.execute(f"SELECT {', '.join(expression for expression, _ in selected)} FROM events ORDER BY id")
        done = 0
        while rows := cursor.fetchmany(self._FRAME_CHUNK_ROWS):
            end = done + len(rows)
            for (_, kind), column, array, known in zip(selected, zip(*rows), arrays, seen):
                if kind == "word":  # the string object seen first stands for every equal one
                    array[done:end] = np.fromiter(map(known.setdefault, column, column), object, len(column))
                elif kind == "codes":  # a number per distinct value, in the order first seen
                    for value in dict.fromkeys(column):
                        if value not in known:
                            known[value] = len(known)
                    array[done:end] = np.fromiter(map(known.__getitem__, column), np.int64, len(column))
                elif kind == "int":
                    array[done:end] = np.fromiter(column, np.int64, len(column))
                else:
                    array[done:end] = column  # a float column's None becomes NaN
            done = end
        return [
            (array[:done], np.array(list(known), dtype=object) if kind == "codes" else None)
            for (_, kind), array, known in zip(selected, arrays, seen)
        ]

    def _event_sources(self, ids: Any, with_names: bool) -> dict[str, tuple[Any, None]]:
        """``source_count`` of each event of ``ids`` (ascending) and, when
        asked, ``sources``: "file: locator" of each, joined by "; " in source
        id order (None for an event no source shows)."""
        import numpy as np

        if not with_names:
            # a million links of one number each cost more to hand over one
            # by one than to count: as one text they come in one go
            (listed,) = self.conn.execute("SELECT group_concat(event_id) FROM event_sources").fetchone()
            rows_of = self._rows_of(ids, np.fromstring(listed or "", dtype=np.int64, sep=","))
            counts = np.bincount(rows_of[rows_of >= 0], minlength=len(ids)).astype(np.int64)
            return {"source_count": (counts, None)}
        cursor = self.conn.cursor()
        cursor.row_factory = None
        cursor.execute(
            "SELECT l.event_id, s.name || ': ' || l.locator FROM event_sources l "
            "LEFT JOIN sources s ON s.id = l.source_id ORDER BY l.event_id, l.source_id"
        )
        chunks: list[Any] = []
        labels: list[str | None] = []
        while rows := cursor.fetchmany(self._FRAME_CHUNK_ROWS):
            event_ids, texts = zip(*rows)
            chunks.append(np.fromiter(event_ids, np.int64, len(event_ids)))
            labels.extend(texts)
        linked = np.concatenate(chunks) if chunks else np.empty(0, np.int64)
        rows_of = self._rows_of(ids, linked)
        if bool((rows_of < 0).any()):  # links to no event, which the foreign key forbids: left out
            kept = rows_of >= 0
            labels = [label for label, keep in zip(labels, kept.tolist()) if keep]
            linked, rows_of = linked[kept], rows_of[kept]
        sources = np.full(len(ids), None, dtype=object)
        starts = np.flatnonzero(np.r_[True, linked[1:] != linked[:-1]]) if len(linked) else linked
        sources[rows_of[starts]] = [labels[start] for start in starts.tolist()]
        # an event several sources show (a corroborated one): its labels in
        # source order, as group_concat gave them, without a lost source's
        stops = np.r_[starts[1:], len(linked)]
        several = stops - starts > 1
        for start, stop in zip(starts[several].tolist(), stops[several].tolist()):
            parts = [text for text in labels[start:stop] if text is not None]
            sources[rows_of[start]] = "; ".join(parts) if parts else None
        counts = np.bincount(rows_of, minlength=len(ids)).astype(np.int64)
        return {"source_count": (counts, None), "sources": (sources, None)}

    @staticmethod
    def _rows_of(ids: Any, linked: Any) -> Any:
        """The row in ``ids`` (ascending) of each linked event id, -1 for
        an id that is no event's."""
        import numpy as np

        rows = np.searchsorted(ids, linked)
        found = rows < len(ids)
        found[found] = ids[rows[found]] == linked[found]
        return np.where(found, rows, -1)

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
