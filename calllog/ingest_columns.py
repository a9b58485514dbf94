"""Storing the records of one file, column by column: normalise, corroborate,
write events and their links to the source rows, and the names a file gives.

Everything here works on ``RecordColumns`` (one list per field) and is
called inside the file's transaction by ``calllog.ingest``. A million-row
operator return repeats a few thousand numbers and a handful of words, so
each distinct value is worked on once and spread to its rows with pandas;
the rows reach SQLite as columns zipped together.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import compress
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from calllog.case import Case
from calllog.corroborate import MatchSide, match_sides
from calllog.distinct import spread
from calllog.model import Channel, ContactCard, Direction, Party, PartyQuality, Status
from calllog.phone import normalise_number
from calllog.record_columns import RecordColumns
from calllog.store import NAME_RANK_ADDRESS_BOOK, NAME_RANK_SOURCE

# parties a name can be put on: not "withheld", not a guess of a number
NAMEABLE = frozenset((PartyQuality.VALID, PartyQuality.POSSIBLE, PartyQuality.SHORT, PartyQuality.EMAIL,
                      PartyQuality.NOT_A_NUMBER))
_USABLE_OWNER = (PartyQuality.VALID, PartyQuality.POSSIBLE)
_NO_ATTACHMENTS = "[]"  # json.dumps([])

T = TypeVar("T")
# an enum's .value is a property: a million look-ups take a second, a dict's a few hundredths
_VALUE: dict[Enum, str] = {member: member.value for kind in (Channel, Direction, Status, PartyQuality)
                           for member in kind}
_CLASS: dict[Channel, str] = {member: member.channel_class for member in Channel}
_value = _VALUE.__getitem__
_channel_class = _CLASS.__getitem__


@dataclass(frozen=True)
class PartyColumns:
    """The normalised party of each record."""

    party: list[str]
    quality: list[PartyQuality]


def per_distinct(values: Sequence[Hashable], convert: Callable[[Any], T], missing: T) -> list[T]:
    """``convert`` of each value, called once per distinct value; ``missing``
    for None. An export repeats its few thousand numbers a million times."""
    if not values:
        return []
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    return spread(codes, uniques, convert, missing).tolist()  # type: ignore[no-any-return]


def normalised_parties(columns: RecordColumns, region: str) -> PartyColumns:
    parties: list[Party] = per_distinct(columns.party_raw, lambda raw: normalise_number(raw, region),
                                        normalise_number("", region))
    if True in columns.withheld_hint:  # the format itself says withheld, whatever the text
        for index in compress(range(len(parties)), columns.withheld_hint):
            parties[index] = normalise_number(columns.party_raw[index], region, True)
    return PartyColumns([p.party for p in parties], [p.quality for p in parties])


def record_owners(columns: RecordColumns, default_owner: str | None, region: str) -> list[str | None]:
    """The owner line of each record: its own when the file names one that
    is a usable number, else the default."""
    def owner_of(raw: str) -> str | None:
        if not raw:
            return default_owner
        party = normalise_number(raw, region)
        return party.party if party.quality in _USABLE_OWNER else default_owner

    return per_distinct(columns.owner_raw, owner_of, default_owner)


@dataclass(frozen=True)
class Matches:
    """Position of each record that shows a stored event -> that event's
    id; and the stored events whose status is still unknown."""

    events: dict[int, int]
    unknown_status: frozenset[int] = frozenset()


def corroborate(case: Case, columns: RecordColumns, parties: PartyColumns, owners: list[str | None]) -> Matches:
    """The stored events the records show. The events of this file's own
    source are not among the stored ones yet, so records of one file are
    never merged with each other."""
    if not len(columns):
        return Matches({})
    tolerance_us = int(case.match_tolerance_s * 1_000_000)
    stored = case.store.match_candidates(
        sorted(set(parties.party)), min(columns.instant_us) - tolerance_us, max(columns.instant_us) + tolerance_us
    )
    if not len(stored[0]):
        return Matches({})
    classes = list(map(_channel_class, columns.channel))
    new = MatchSide(range(len(columns)), columns.instant_us, classes,
                    list(map(_value, columns.direction)), parties.party, owners)
    ids, instants, stored_classes, directions, stored_parties, stored_owners, statuses = stored
    unknown = frozenset(np.asarray(ids, dtype=np.int64)[np.asarray(statuses, dtype=object) == Status.UNKNOWN.value]
                        .tolist())
    stored_side = MatchSide(ids, instants, stored_classes, directions, stored_parties, stored_owners)
    return Matches(match_sides(new, stored_side, tolerance_us), unknown)


def store_events(
    case: Case,
    columns: RecordColumns,
    parties: PartyColumns,
    owners: list[str | None],
    found: Matches,
    source_id: int,
) -> int:
    """Store new events and link every record to its event; return how many
    events are new."""
    store = case.store
    matches = found.events
    count = len(columns)
    next_id = store.next_event_id()
    event_ids = np.empty(count, dtype=np.int64)
    is_new = np.ones(count, dtype=bool)
    if matches:
        known = np.fromiter(matches.keys(), dtype=np.int64, count=len(matches))
        event_ids[known] = np.fromiter(matches.values(), dtype=np.int64, count=len(matches))
        is_new[known] = False
    new_count = int(is_new.sum())
    event_ids[is_new] = np.arange(next_id, next_id + new_count, dtype=np.int64)
    ids = event_ids.tolist()

    # an event that a new record shows learns the record's status when its own was unknown
    # (one record per event: matching is one to one)
    upgrades = [
        (columns.status[index].value, columns.status_raw[index], event_id)
        for index, event_id in sorted(item for item in matches.items() if item[1] in found.unknown_status)
        if columns.status[index] is not Status.UNKNOWN
    ]
    store.upgrade_statuses(upgrades)

    keep = is_new.tolist() if matches else None

    def new_only(values: Sequence[Any]) -> Sequence[Any]:
        return values if keep is None else list(compress(values, keep))

    store.insert_event_columns(source_id, {
        "id": new_only(ids),
        "instant_us": new_only(columns.instant_us),
        "local_text": new_only(columns.local_text),
        "time_ambiguous": new_only(columns.time_ambiguous),
        "time_nonexistent": new_only(columns.time_nonexistent),
        "channel": new_only(list(map(_value, columns.channel))),
        "channel_class": new_only(list(map(_channel_class, columns.channel))),
        "direction": new_only(list(map(_value, columns.direction))),
        "status": new_only(list(map(_value, columns.status))),
        "status_raw": new_only(columns.status_raw),
        "duration_s": new_only(columns.duration_s),
        "party_raw": new_only(columns.party_raw),
        "party": new_only(parties.party),
        "party_quality": new_only(list(map(_value, parties.quality))),
        "owner_line": new_only(owners),
        "text": new_only(columns.text),
        "attachments": new_only(_attachments_json(columns.attachments)),
        "service": new_only(columns.service),
        "headers": new_only(columns.headers),
        "source_locator": new_only(columns.locator),
    })
    store.link_own_events(source_id, next_id)
    if matches:
        known_only = (~is_new).tolist()
        store.insert_event_source_columns(
            source_id, list(compress(ids, known_only)), list(compress(columns.locator, known_only)),
            list(compress(columns.party_raw, known_only)), list(compress(columns.local_text, known_only)))
    return new_count


def _attachments_json(attachments: Sequence[tuple[str, ...]]) -> list[str]:
    if attachments.count(()) == len(attachments):  # most files: no record has any
        return [_NO_ATTACHMENTS] * len(attachments)
    return [json.dumps(list(names), ensure_ascii=False) if names else _NO_ATTACHMENTS for names in attachments]


def store_names(
    case: Case, columns: RecordColumns, parties: PartyColumns, cards: list[ContactCard], label: str
) -> int:
    """Names from an address book, and the names a backup cached on its
    records; return how many parties got a new name."""
    store = case.store
    named = 0
    for card in cards:
        for raw in card.numbers:
            party = normalise_number(raw, case.region)
            if party.quality in NAMEABLE:
                named += store.set_name(party.party, card.name, origin=label, rank=NAME_RANK_ADDRESS_BOOK)
    if columns.contact_name.count(None) == len(columns):
        return named
    for index, name in enumerate(columns.contact_name):
        if name and parties.quality[index] in NAMEABLE:
            named += store.set_name(parties.party[index], name, origin=label, rank=NAME_RANK_SOURCE)
    return named
