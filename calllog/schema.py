"""The schema of the case store, as the list of migrations that build it.

Each entry brings a case from version N to N + 1 (``PRAGMA user_version``)
and runs in its own transaction (``calllog.store.migrate``). An entry is
never edited once it has been released: a change is a new entry at the end.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # version 1: sources, events, the sources that show each event, settings
    """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE owners (number TEXT PRIMARY KEY, raw TEXT NOT NULL);
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        identity TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        companions TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        format TEXT NOT NULL,
        importer_version TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        owner_line TEXT,
        timezone TEXT NOT NULL,
        read INTEGER NOT NULL,
        imported INTEGER NOT NULL,
        known INTEGER NOT NULL,
        skipped INTEGER NOT NULL
    );
    CREATE TABLE skips (
        source_id INTEGER NOT NULL REFERENCES sources(id),
        locator TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        instant_us INTEGER NOT NULL,
        local_text TEXT NOT NULL,
        time_ambiguous INTEGER NOT NULL,
        time_nonexistent INTEGER NOT NULL,
        channel TEXT NOT NULL,
        channel_class TEXT NOT NULL,
        direction TEXT NOT NULL,
        status TEXT NOT NULL,
        status_raw TEXT NOT NULL,
        duration_s REAL,
        party_raw TEXT NOT NULL,
        party TEXT NOT NULL,
        party_quality TEXT NOT NULL,
        owner_line TEXT,
        text TEXT,
        attachments TEXT NOT NULL,
        service TEXT,
        headers TEXT,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        source_locator TEXT NOT NULL
    );
    CREATE INDEX events_match ON events (party, channel_class, direction, instant_us);
    CREATE TABLE event_sources (
        event_id INTEGER NOT NULL REFERENCES events(id),
        source_id INTEGER NOT NULL REFERENCES sources(id),
        locator TEXT NOT NULL,
        party_raw TEXT NOT NULL,
        local_text TEXT NOT NULL,
        PRIMARY KEY (event_id, source_id)
    );
    CREATE INDEX event_sources_source ON event_sources (source_id);
    CREATE TABLE names (
        party TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        origin TEXT NOT NULL,
        rank INTEGER NOT NULL
    );
    CREATE TABLE name_history (
        party TEXT NOT NULL,
        name TEXT NOT NULL,
        origin TEXT NOT NULL,
        replaced_by TEXT NOT NULL
    );
    """,
    # version 2: people, notices and the diary
    """
    CREATE TABLE persons (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        suspect INTEGER NOT NULL
    );
    CREATE TABLE person_numbers (
        person_id INTEGER NOT NULL REFERENCES persons(id),
        party TEXT NOT NULL UNIQUE
    );
    CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        instant_us INTEGER NOT NULL,
        written TEXT NOT NULL,
        what TEXT NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE diary_entries (
        id INTEGER PRIMARY KEY,
        instant_us INTEGER NOT NULL,
        written TEXT NOT NULL,
        what TEXT NOT NULL,
        place TEXT NOT NULL,
        kind TEXT NOT NULL,
        witnesses TEXT NOT NULL,
        pv TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    );
    CREATE TABLE diary_history (
        entry_id INTEGER NOT NULL REFERENCES diary_entries(id),
        field TEXT NOT NULL,
        earlier TEXT NOT NULL,
        changed_at TEXT NOT NULL
    );
    CREATE TABLE diary_evidence (
        entry_id INTEGER NOT NULL REFERENCES diary_entries(id),
        name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
