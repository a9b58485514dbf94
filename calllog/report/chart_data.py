"""What the charts draw, gathered once from an ``AnalysisInput``.

Units of the event table (``ChartData.events``, one row per event after
corroboration merging, in time order):

| column          | meaning                                                          |
|-----------------|------------------------------------------------------------------|
| `x`             | local wall-clock time as days since 1970-01-01 (float), the x    |
|                 | unit of every date axis (matplotlib's default date epoch)        |
| `day`           | local date as a day number (days since 1970-01-01)               |
| `hour`          | local time of day in hours, 0 <= hour < 24                       |
| `weekday`       | 0 = Monday ... 6 = Sunday                                        |
| `kind`          | `unanswered` (a call not answered: missed, rejected, blocked,    |
|                 | voicemail, unknown), `answered` (answered here or elsewhere), or |
|                 | `message` (SMS, MMS, chat, e-mail)                               |
| `party`, `party_quality`, `incoming` (bool)                                        |

A *contact* is an incoming event (DESIGN.md). Times are those of the case's
time zone, never the machine's. The charts are about the persons of interest
(the "suspects"); with none marked, about the party with the most incoming
contacts (short numbers, i.e. services, left out), and the titles say so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from calllog.analysis import AnalysisInput, Person
from calllog.analysis.frame import ANSWERED, day_of
from calllog.analysis.settings import minutes_of_day
from calllog.errors import SettingsError
from calllog.i18n.charts import chart_text, date_text, join_names
from calllog.model import WITHHELD
from calllog.phone import display_number, normalise_number

US_PER_HOUR = 3_600_000_000
US_PER_DAY = 24 * US_PER_HOUR
KINDS = ("unanswered", "answered", "message")
_NAIVE_EPOCH = datetime(1970, 1, 1)
_NUMBERS_SHOWN = 4


@dataclass(frozen=True)
class Subject:
    """Whom a chart is about: a person over its numbers, or one number."""

    label: str
    numbers: tuple[str, ...]
    detail: str = ""  # the numbers of a person, as people write them


@dataclass(frozen=True)
class Mark:
    """A dated mark on a date axis: a notice or a diary entry."""

    x: float
    label: str


@dataclass(frozen=True)
class ChartData:
    events: pd.DataFrame
    language: str
    tz: ZoneInfo
    case_title: str
    event_total: int
    files: int
    subjects: tuple[Subject, ...]
    busiest: bool  # the subject is the busiest party, for want of a person of interest
    notices: tuple[Mark, ...]
    night: tuple[int, int]  # minutes of the day: [start, end)
    first_day: int | None
    last_day: int | None
    involved: frozenset[str]  # parties shown in full on the top-numbers chart
    names: Mapping[str, str] = field(default_factory=dict)

    def contacts(self, numbers: tuple[str, ...] | None = None) -> pd.DataFrame:
        """The incoming events from ``numbers`` (default: every subject's)."""
        if numbers is None:
            numbers = tuple(n for subject in self.subjects for n in subject.numbers)
        frame = self.events
        return frame[frame["incoming"] & frame["party"].isin(numbers)]

    @property
    def who(self) -> str:
        return join_names([subject.label for subject in self.subjects], self.language)

    def period_text(self) -> str:
        if self.first_day is None or self.last_day is None:
            return chart_text(self.language, "no_period")
        first, last = date_text(day_of(self.first_day)), date_text(day_of(self.last_day))
        return chart_text(self.language, "period", first=first, last=last)


def local_x(instant: datetime, tz: ZoneInfo) -> float:
    """An aware instant as the x of a date axis: local days since 1970."""
    return (instant.astimezone(tz).replace(tzinfo=None) - _NAIVE_EPOCH) / timedelta(days=1)


def chart_frame(events: pd.DataFrame, tz: ZoneInfo) -> pd.DataFrame:
    """The event table in the units above."""
    instants = pd.to_datetime(events["instant_utc"], utc=True).dt.as_unit("us")
    local_us = instants.dt.tz_convert(tz).dt.tz_localize(None).to_numpy().astype(np.int64)
    day = local_us // US_PER_DAY
    is_call = (events["channel_class"] == "call").to_numpy()
    answered = events["status"].isin(ANSWERED).to_numpy()
    return pd.DataFrame(
        {
            "x": local_us / US_PER_DAY,
            "day": day,
            "hour": (local_us % US_PER_DAY) / US_PER_HOUR,
            "weekday": (day + 3) % 7,  # 1970-01-01 was a Thursday
            "kind": np.where(~is_call, "message", np.where(answered, "answered", "unanswered")),
            "party": events["party"].astype(str).to_numpy(),
            "party_quality": events["party_quality"].astype(str).to_numpy(),
            "incoming": (events["direction"] == "in").to_numpy(),
        }
    )


def chart_data(inp: AnalysisInput, title: str = "", party: str | None = None) -> ChartData:
    """Everything the six charts need; ``party`` (a number, a name, or
    "withheld") chooses whom the charts are about instead of the persons
    of interest."""
    frame = chart_frame(inp.events, inp.tz)
    subjects: tuple[Subject, ...]
    if party is not None:
        subjects, busiest = (_asked_subject(frame, inp, party),), False
    else:
        subjects, busiest = _default_subjects(frame, inp)
    notices = tuple(_notice_mark(notice.at_utc, notice.written, notice.what, inp) for notice in
                    sorted(inp.notices, key=lambda notice: notice.at_utc))
    days = [int(frame["day"].min()), int(frame["day"].max())] if len(frame) else []
    days += [int(mark.x) for mark in notices]
    suspects = {n for person in inp.persons if person.suspect for n in person.numbers}
    involved = frozenset(suspects | {n for s in subjects for n in s.numbers} | {WITHHELD})
    night = (minutes_of_day(inp.settings.get("night_start", "22:00")),
             minutes_of_day(inp.settings.get("night_end", "07:00")))
    return ChartData(
        events=frame, language=inp.language, tz=inp.tz, case_title=title, event_total=len(frame),
        files=inp.sources, subjects=subjects, busiest=busiest, notices=notices, night=night,
        first_day=min(days) if days else None, last_day=max(days) if days else None,
        involved=involved, names=_names(inp),
    )


def _names(inp: AnalysisInput) -> dict[str, str]:
    """The name of every named party: its person's, else its address-book name."""
    names = dict(inp.names)
    for person in inp.persons:
        names.update({number: person.name for number in person.numbers})
    return names


def party_label(party: str, names: Mapping[str, str], language: str) -> str:
    """How a chart names one party: ``Jens (+32 470 00 00 66)``."""
    if party == WITHHELD:
        return chart_text(language, "withheld")
    shown = display_number(party)
    return f"{names[party]} ({shown})" if party in names else shown


def numbers_text(numbers: tuple[str, ...], language: str) -> str:
    shown = ", ".join(display_number(n) for n in numbers[:_NUMBERS_SHOWN])
    if len(numbers) > _NUMBERS_SHOWN:
        shown += " " + chart_text(language, "more_numbers", n=len(numbers) - _NUMBERS_SHOWN)
    return shown


def _person_subject(person: Person, language: str) -> Subject:
    return Subject(person.name, tuple(person.numbers), numbers_text(tuple(person.numbers), language))


def _party_subject(party: str, inp: AnalysisInput) -> Subject:
    return Subject(party_label(party, _names(inp), inp.language), (party,))


def _default_subjects(frame: pd.DataFrame, inp: AnalysisInput) -> tuple[tuple[Subject, ...], bool]:
    suspects = [person for person in inp.persons if person.suspect and person.numbers]
    if suspects:
        return tuple(_person_subject(person, inp.language) for person in suspects), False
    incoming = frame.loc[frame["incoming"] & (frame["party_quality"] != "short"), "party"]
    if incoming.empty:
        return (), False
    counts = incoming.value_counts()
    # the earliest party name wins a tie, so the choice never depends on row order
    busiest = min(counts.index, key=lambda p: (-int(counts[p]), str(p)))
    return (_party_subject(str(busiest), inp),), True


def _asked_subject(frame: pd.DataFrame, inp: AnalysisInput, wanted: str) -> Subject:
    text = wanted.strip()
    for person in inp.persons:
        if person.name.casefold() == text.casefold() and person.numbers:
            return _person_subject(person, inp.language)
    present = set(frame["party"])
    named = sorted(p for p, name in inp.names.items() if name.casefold() == text.casefold() and p in present)
    if named:
        return Subject(text, tuple(named), numbers_text(tuple(named), inp.language))
    for candidate in (text, normalise_number(text).party):
        if candidate in present:
            return _party_subject(candidate, inp)
    raise SettingsError(
        f"There is no number or person '{wanted}' in this case.",
        hint="See 'calllog parties' for the numbers and names in the case.",
    )


def _notice_mark(at_utc: datetime, written: str, what: str, inp: AnalysisInput) -> Mark:
    local = at_utc.astimezone(inp.tz)
    when = date_text(local.date())
    if len(written.strip()) > len("YYYY-MM-DD"):  # the user gave a time of day
        when += f" {local:%H:%M}"
    label = chart_text(inp.language, "notice", date=when)
    if what.strip():
        label += f" ({_shorten(what.strip(), 40)})"
    return Mark(local_x(at_utc, inp.tz), label)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def diary_marks(diary: Sequence[tuple[datetime, str]], tz: ZoneInfo) -> tuple[Mark, ...]:
    """Diary entries (aware instant, short label) as marks, in time order."""
    return tuple(Mark(local_x(when, tz), _shorten(label.strip(), 30)) for when, label in sorted(diary, key=lambda e: e[0]))

