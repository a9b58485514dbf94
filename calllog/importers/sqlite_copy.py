"""Reading a phone's SQLite database without changing it.

A database from a phone or a backup is evidence: not one byte of it, nor of
its ``-wal`` (write-ahead log: the newest rows often live only there) or
``-shm`` (the log's index), may change. Yet SQLite writes when it opens a
database in WAL mode: it builds the ``-shm`` file and, when the last
connection closes, copies the log into the database and deletes it. So:

* ``open_readonly_copy(path, companions)`` copies the database and the
  files read with it (``{"-wal": path, "-shm": path}``) into a temporary
  folder, under one name plus the suffixes (which is how SQLite finds them),
  and opens that copy with ``mode=ro``. SQLite may rebuild the copied
  ``-shm`` there; the originals are only ever read, and the folder is
  removed on leaving the ``with`` block.
* ``table_names(path, head)`` answers ``identify``: the tables of a file
  whose first bytes are a SQLite header. It opens the file itself with
  ``mode=ro&immutable=1``: the operating system opens it read-only and
  SQLite then takes no lock and neither reads nor creates ``-wal``/``-shm``,
  so the file cannot change and nothing is written beside it, and nothing
  big is copied just to ask for a table list. Only when the main file shows
  no table at all (a database never checkpointed keeps even its schema in
  the ``-wal``) is a temporary copy with the companions asked instead. The
  answer is cached per file (path, size, modification time), because every
  SQLite importer asks about the same file in turn.

While a case imports a file, ``copies_made_in(folder)`` puts those
temporary copies in the case's private folder for that import instead of
the system's temporary folder, so that nothing of the evidence is written
outside the case (and a killed import leaves nothing behind elsewhere).

``unfinished_change(path)``: a ``-journal`` beside a database whose header
is written (SQLite writes the magic number only once the database file
itself starts to change) means a program is changing it right now, or
stopped in the middle: the database file then holds half a transaction.
A journal whose header is zeros (journal_mode PERSIST) or that is empty
(TRUNCATE) is an old, finished one.

Nothing here raises for a file that is not SQLite, except
``open_readonly_copy``, which raises ``ImportFailed`` with one sentence.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from calllog.errors import ImportFailed

SQLITE_HEADER = b"SQLite format 3\x00"
COMPANION_SUFFIXES = ("-wal", "-shm")
JOURNAL_SUFFIX = "-journal"
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
_COPIES_FOLDER: ContextVar[Path | None] = ContextVar("calllog_sqlite_copies", default=None)


@contextmanager
def copies_made_in(folder: Path) -> Iterator[None]:
    """Make the temporary copies of ``open_readonly_copy`` in ``folder``
    while the ``with`` block runs (see the module docstring)."""
    token = _COPIES_FOLDER.set(folder)
    try:
        yield
    finally:
        _COPIES_FOLDER.reset(token)


def unfinished_change(path: Path) -> bool:
    """True when a program was changing the database ``path`` and has not
    finished (see the module docstring). Never raises."""
    try:
        with open(path.with_name(path.name + JOURNAL_SUFFIX), "rb") as journal:
            return journal.read(len(JOURNAL_MAGIC)) == JOURNAL_MAGIC
    except OSError:
        return False


def is_sqlite(head: bytes) -> bool:
    """True when the first bytes of a file are those of a SQLite 3 database."""
    return head.startswith(SQLITE_HEADER)


def companion_files(path: Path) -> dict[str, Path]:
    """The ``-wal`` and ``-shm`` files that sit next to ``path``, by suffix,
    for those that exist (what ``Importer.companions`` returns for SQLite)."""
    found: dict[str, Path] = {}
    for suffix in COMPANION_SUFFIXES:
        beside = path.with_name(path.name + suffix)
        try:
            if beside.is_file():
                found[suffix] = beside
        except OSError:
            continue  # an unreadable folder entry is simply not a companion
    return found


def tables(conn: sqlite3.Connection) -> set[str]:
    """The names of the tables of an open database."""
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {str(name) for (name,) in rows}


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The column names of ``table``, in order ([] when there is no such table)."""
    quoted = table.replace('"', '""')
    return [str(row[1]) for row in conn.execute(f'PRAGMA table_info("{quoted}")')]


def _connect_readonly(path: Path, immutable: bool = False) -> sqlite3.Connection:
    # as_uri() escapes '?', '#' and spaces, which a plain "file:" string would not
    uri = path.absolute().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    return sqlite3.connect(uri, uri=True)


@contextmanager
def open_readonly_copy(
    path: Path, companions: Mapping[str, Path] | None = None
) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a temporary copy of ``path`` and its
    companions (suffix -> file); see the module docstring. Raises
    ``ImportFailed`` when the file cannot be copied or is not a database."""
    with tempfile.TemporaryDirectory(prefix="calllog-sqlite-", dir=_COPIES_FOLDER.get()) as folder:
        copy = Path(folder) / "database"
        try:
            shutil.copyfile(path, copy)
            for suffix, companion in (companions or {}).items():
                if suffix in COMPANION_SUFFIXES:
                    shutil.copyfile(companion, copy.with_name(copy.name + suffix))
        except OSError as error:
            raise ImportFailed(f"{path.name} could not be read ({error.strerror or error}).") from error
        with closing(_connect_readonly(copy)) as conn:
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.Error as error:
                raise ImportFailed(
                    f"{path.name} is not a database calllog can open ({error}); "
                    "it may be damaged or encrypted."
                ) from error
            yield conn


def _tables_in_file(path: Path) -> frozenset[str]:
    with closing(_connect_readonly(path, immutable=True)) as conn:
        return frozenset(tables(conn))


@lru_cache(maxsize=64)
def _cached_tables(path: Path, size: int, modified_ns: int) -> frozenset[str]:
    try:
        found = _tables_in_file(path)
    except sqlite3.Error:
        found = frozenset()
    companions = companion_files(path)
    if found or "-wal" not in companions:
        return found
    try:
        with open_readonly_copy(path, companions) as conn:
            return frozenset(tables(conn))
    except (ImportFailed, sqlite3.Error):
        return frozenset()


def table_names(path: Path, head: bytes) -> frozenset[str]:
    """The tables of the SQLite file ``path`` (whose first bytes are
    ``head``), or none when it is not one or cannot be read. Never raises."""
    if not is_sqlite(head):
        return frozenset()
    try:
        status = path.stat()
        return _cached_tables(path.absolute(), status.st_size, status.st_mtime_ns)
    except Exception:  # identify() must answer "no", never raise, whatever the file
        return frozenset()
