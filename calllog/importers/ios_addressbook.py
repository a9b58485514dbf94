"""iPhone contacts: ``AddressBook.sqlitedb``, for the names of numbers.

A SQLite database in ``/private/var/mobile/Library/AddressBook/`` or, in an
iTunes/Finder backup, the file ``31/31bb7ba8914766d4ba40d6dfb6113c8b614be442``
(HomeDomain, ``Library/AddressBook/AddressBook.sqlitedb``), read with its
``-wal``/``-shm`` on a temporary read-only copy (``sqlite_copy``).

* ``ABPerson``: one row per contact, ``ROWID`` and the name parts ``First``,
  ``Middle``, ``Last``, ``Organization``, ``Nickname`` (and, on some
  versions, ``DisplayName``).
* ``ABMultiValue``: one row per phone number, e-mail address, postal
  address, ...: ``record_id`` (= ``ABPerson.ROWID``), ``property``
  (**3 phone number, 4 e-mail address**; 5 postal address, 13 instant
  messaging, 22 URL, 23 related name: not read), ``label`` (a row of
  ``ABMultiValueLabel`` such as ``_$!<Mobile>!$_``: not needed) and
  ``value``, the number or address as the user typed it.

Each contact with at least one number or e-mail address and a name becomes
one ``ContactCard`` (locator ``ABPerson ROWID 5``): its name is "First
Middle Last", else the organisation, else the nickname, else the display
name; its numbers are the phone numbers then the e-mail addresses, as
written (the pipeline normalises them), each once. A contact with no number
or address, or with no name, is a counted skip. Address books give names,
never events. Source: iLEAPP ``scripts/artifacts/addressBook.py`` and
``shared/reference/handset-formats.md`` §3.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from calllog.errors import ImportFailed
from calllog.importers.base import ImportContext, Importer
from calllog.importers.sqlite_copy import columns, companion_files, open_readonly_copy, table_names
from calllog.model import ContactCard, Record, Skip

PERSON, MULTI_VALUE = "ABPerson", "ABMultiValue"
PHONE_PROPERTY, EMAIL_PROPERTY = 3, 4
NAME_PARTS = ("First", "Middle", "Last")
NAME_FALLBACKS = ("Organization", "Nickname", "DisplayName")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace").strip()
    return str(value).strip()


def _name(row: sqlite3.Row, present: set[str]) -> str:
    full = " ".join(part for part in (_text(row[c]) for c in NAME_PARTS if c in present) if part)
    if full:
        return full
    return next((_text(row[c]) for c in NAME_FALLBACKS if c in present and _text(row[c])), "")


def _numbers_by_person(conn: sqlite3.Connection) -> dict[int, list[str]]:
    """Phone numbers, then e-mail addresses, per ABPerson.ROWID, each once."""
    found: dict[int, list[str]] = {}
    rows = conn.execute(
        f"SELECT record_id, value FROM {MULTI_VALUE} WHERE property IN (?, ?) "
        "ORDER BY record_id, property, rowid",
        (PHONE_PROPERTY, EMAIL_PROPERTY),
    )
    for record_id, value in rows:
        text = _text(value)
        if record_id is not None and text:
            numbers = found.setdefault(int(record_id), [])
            if text not in numbers:
                numbers.append(text)
    return found


class IosAddressBookImporter(Importer):
    name: ClassVar[str] = "ios-addressbook"
    title: ClassVar[str] = "iPhone contacts (AddressBook.sqlitedb): names for numbers"
    recognised_by: ClassVar[str] = "a SQLite database with ABPerson and ABMultiValue tables"
    how_to_get: ClassVar[str] = (
        "Make an unencrypted iPhone backup with Finder (Mac) or iTunes / Apple Devices (Windows) "
        "and import the backup folder; calllog takes the contacts from it."
    )
    version: ClassVar[str] = "1"

    def identify(self, path: Path, head: bytes) -> bool:
        return {PERSON, MULTI_VALUE} <= table_names(path, head)

    def companions(self, path: Path) -> dict[str, Path]:
        return companion_files(path)

    def extract(self, path: Path, ctx: ImportContext) -> Iterator[Record | Skip | ContactCard]:
        with open_readonly_copy(path, companion_files(path)) as conn:
            present = set(columns(conn, PERSON))
            if not present or not {"record_id", "property", "value"} <= set(columns(conn, MULTI_VALUE)):
                raise ImportFailed(
                    f"{path.name} is not an iPhone address book calllog can read: "
                    f"it lacks the {PERSON} or {MULTI_VALUE} columns it needs."
                )
            numbers = _numbers_by_person(conn)
            wanted = [c for c in (*NAME_PARTS, *NAME_FALLBACKS) if c in present]
            conn.row_factory = sqlite3.Row
            query = f"SELECT ROWID AS person_id{''.join(', ' + c for c in wanted)} FROM {PERSON} ORDER BY ROWID"
            for row in conn.execute(query):
                yield _card(row, present, numbers.get(int(row["person_id"]), []))


def _card(row: sqlite3.Row, present: set[str], numbers: list[str]) -> ContactCard | Skip:
    locator = f"{PERSON} ROWID {row['person_id']}"
    if not numbers:
        return Skip(locator, "The contact has no phone number or e-mail address.")
    name = _name(row, present)
    if not name:
        return Skip(locator, f"The contact for {', '.join(numbers)} has no name.")
    return ContactCard(locator=locator, name=name, numbers=tuple(numbers))
