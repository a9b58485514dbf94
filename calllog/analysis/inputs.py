"""What the analysis is given: the events of a case and what the user said
about them (persons, notices, settings).

The store and the CLI build an ``AnalysisInput``; nothing in
``calllog.analysis`` reads files, speaks SQL or prints.

``events`` is a pandas DataFrame with one row per event *after*
corroboration merging (one real call shown by two sources is one row):

| column          | type                      | meaning                                       |
|-----------------|---------------------------|-----------------------------------------------|
| `id`            | int                       | the event id in the store                     |
| `instant_utc`   | datetime64[ns or us, UTC] | when it happened (aware UTC)                  |
| `channel`       | str                       | call, sms, mms, chat, voicemail, email        |
| `channel_class` | str                       | call, message, chat, email                    |
| `direction`     | str                       | in, out                                       |
| `status`        | str                       | answered, answered_elsewhere, missed, ...     |
| `party`         | str                       | E.164, short number, e-mail, handle, withheld |
| `party_quality` | str                       | valid, possible, invalid, short, withheld ... |
| `text`          | str or None               | message text (untrusted)                      |
| `duration_s`    | float or NaN              | call duration in seconds                      |
| `source_count`  | int (optional)            | how many sources show the event; without it   |
|                 |                           | ``events.corroborated`` is null               |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from zoneinfo import ZoneInfo

import pandas as pd

EVENT_COLUMNS = (
    "id", "instant_utc", "channel", "channel_class", "direction", "status",
    "party", "party_quality", "text", "duration_s",
)


@dataclass(frozen=True)
class Person:
    """A name over one or more parties (a second SIM, a work phone, a chat
    name); ``suspect`` marks a person of interest."""

    name: str
    numbers: tuple[str, ...]
    suspect: bool


@dataclass(frozen=True)
class Notice:
    """When the person was told to stop: ``at_utc`` is aware UTC (for a date
    without a time, the end of that local day); ``written`` is the text the
    user typed; ``what`` says how (registered letter, conversation, ...)."""

    at_utc: datetime
    what: str
    written: str


@dataclass(frozen=True)
class AnalysisInput:
    events: pd.DataFrame
    tz: ZoneInfo
    owners: tuple[str, ...]
    notices: tuple[Notice, ...]
    persons: tuple[Person, ...]
    settings: Mapping[str, object]
    language: str
    sources: int
    names: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def short_parties(self) -> frozenset[str]:
        """The parties with an event of a short number (a service): looked
        up once, not once per entry a report sums up."""
        events = self.events
        return frozenset(events.loc[events["party_quality"] == "short", "party"].astype(str))
