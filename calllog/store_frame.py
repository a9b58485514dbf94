"""Every event of a case as a pandas frame, for the analysis and the reports.

Read column by column straight into numpy arrays: on a million events the
``sqlite3`` row fetch is most of the cost, so only the columns a caller
asks for are read, repeated strings are kept once, and the low-variety
columns come from SQLite as one JSON array per event. ``Store.events_frame``
is the way in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

# The columns of ``events_frame`` in order, each with how it is read:
# "int" and "float" numbers; "text" mostly different for every event;
# "word" strings repeated over many events and "few" ones with a handful
# of values ("flag" for 0/1), kept as one string object per value rather
# than one per event (gigabytes less on a million events); "sources"
# from event_sources.
FRAME_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "int"), ("instant_utc", "int"), ("local_text", "text"), ("time_ambiguous", "flag"),
    ("time_nonexistent", "flag"), ("channel", "few"), ("channel_class", "few"), ("direction", "few"),
    ("status", "few"), ("status_raw", "few"), ("duration_s", "float"), ("party_raw", "word"),
    ("party", "word"), ("party_quality", "few"), ("owner_line", "few"), ("text", "text"),
    ("attachments", "few"), ("service", "few"), ("source_count", "sources"), ("sources", "sources"),
)
# rows turned into columns at a time: the raw rows never all exist at once,
# and the memory of one chunk's objects serves the next (bigger is no faster)
FRAME_CHUNK_ROWS = 4096


def read_events_frame(conn: sqlite3.Connection, columns: Iterable[str] | None = None) -> "pd.DataFrame":
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

    kinds = dict(FRAME_COLUMNS)
    wanted = set(kinds) if columns is None else {"id", *columns}
    if wanted - set(kinds):
        raise ValueError(f"events_frame has no columns {sorted(wanted - set(kinds))}")  # a caller's bug
    names = [name for name in kinds if name in wanted]
    # one snapshot for both queries, even while another process imports
    own_snapshot = not conn.in_transaction
    # a million short-lived tuples: the cycle collector would walk them
    # again and again and never find a cycle
    collecting = gc.isenabled()
    gc.disable()
    try:
        if own_snapshot:
            conn.execute("BEGIN")
        read = _event_columns(conn, [name for name in names if kinds[name] != "sources"], kinds)
        if "source_count" in wanted or "sources" in wanted:
            read.update(_event_sources(conn, read["id"][0], "sources" in wanted))
    finally:
        if own_snapshot and conn.in_transaction:
            conn.execute("COMMIT")  # it only read
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


def _event_columns(conn: sqlite3.Connection, names: Sequence[str], kinds: Mapping[str, str]) -> dict[str, tuple[Any, Any]]:
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
        cells = _read_event_cells(conn, selected + together)
        if few:
            codes, texts = cells.pop()
            arrays = [json.loads(text) for text in texts]
            result = {name: (codes, np.array([array[index] for array in arrays], dtype=object))
                      for index, name in enumerate(few)}
    except sqlite3.OperationalError:
        cells = _read_event_cells(conn, selected + [(name, "codes") for name in few])
        result = {name: cells.pop(len(plain)) for name in few}
    return {name: cells[index] for index, (name, _) in enumerate(plain)} | result


def _read_event_cells(conn: sqlite3.Connection, selected: Sequence[tuple[str, str]]) -> list[tuple[Any, Any]]:
    """``SELECT`` each expression of ``selected`` over the events, by
    id, read as its kind says: numbers, "text" and "word" as numpy
    arrays (with None), "codes" as codes and the distinct values."""
    import numpy as np

    dtypes = {"int": np.int64, "float": np.float64, "text": object, "word": object, "codes": np.int64}
    (count,) = conn.execute("SELECT COUNT(*) FROM events").fetchone()
    # filled chunk by chunk: no list of pieces to join (and copy) at the end
    arrays = [np.empty(count, dtypes[kind]) for _, kind in selected]
    seen: list[dict[Any, Any]] = [{} for _ in selected]
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples
    cursor.execute(f"SELECT {', '.join(expression for expression, _ in selected)} FROM events ORDER BY id")
    done = 0
    while rows := cursor.fetchmany(FRAME_CHUNK_ROWS):
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


def _event_sources(conn: sqlite3.Connection, ids: Any, with_names: bool) -> dict[str, tuple[Any, None]]:
    """``source_count`` of each event of ``ids`` (ascending) and, when
    asked, ``sources``: "file: locator" of each, joined by "; " in source
    id order (None for an event no source shows)."""
    import numpy as np

    if not with_names:
        # a million links of one number each cost more to hand over one
        # by one than to count: as one text they come in one go
        (listed,) = conn.execute("SELECT group_concat(event_id) FROM event_sources").fetchone()
        rows_of = _rows_of(ids, np.fromstring(listed or "", dtype=np.int64, sep=","))
        counts = np.bincount(rows_of[rows_of >= 0], minlength=len(ids)).astype(np.int64)
        return {"source_count": (counts, None)}
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(
        "SELECT l.event_id, s.name || ': ' || l.locator FROM event_sources l "
        "LEFT JOIN sources s ON s.id = l.source_id ORDER BY l.event_id, l.source_id"
    )
    chunks: list[Any] = []
    labels: list[str | None] = []
    while rows := cursor.fetchmany(FRAME_CHUNK_ROWS):
        event_ids, texts = zip(*rows)
        chunks.append(np.fromiter(event_ids, np.int64, len(event_ids)))
        labels.extend(texts)
    linked = np.concatenate(chunks) if chunks else np.empty(0, np.int64)
    rows_of = _rows_of(ids, linked)
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


def _rows_of(ids: Any, linked: Any) -> Any:
    """The row in ``ids`` (ascending) of each linked event id, -1 for
    an id that is no event's."""
    import numpy as np

    rows = np.searchsorted(ids, linked)
    found = rows < len(ids)
    found[found] = ids[rows[found]] == linked[found]
    return np.where(found, rows, -1)
