"""What the analysis and the reports need from a case, gathered once.

The analysis and report modules are pure functions over this input; this
module is the one place that reads it from the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from calllog.analysis import DEFAULT_ANALYSIS_SETTINGS, AnalysisInput, Notice, Person
from calllog.analysis.inputs import EVENT_COLUMNS
from calllog.case import Case
from calllog.store import from_us


def analysis_settings(case: Case) -> dict[str, Any]:
    """The analysis defaults overlaid with what the user set in the case."""
    stored = case.store.settings()
    return {key: stored.get(key, default) for key, default in DEFAULT_ANALYSIS_SETTINGS.items()}


def notices(case: Case) -> tuple[Notice, ...]:
    return tuple(Notice(from_us(row["instant_us"]), row["what"], row["written"]) for row in case.store.notices())


def persons(case: Case) -> tuple[Person, ...]:
    return tuple(Person(name, numbers, suspect) for name, numbers, suspect in case.store.persons())


# what ``analyse`` reads of the events (and ``events.corroborated`` needs
# source_count): half the columns, half the time on a million events
ANALYSIS_COLUMNS = (*EVENT_COLUMNS, "source_count")


def load_analysis_input(case: Case, columns: Iterable[str] | None = None) -> AnalysisInput:
    """The case's events (every column of ``Store.events_frame``, or only
    ``columns``) with what the user said about them."""
    return AnalysisInput(
        events=case.store.events_frame(columns),
        tz=case.tz,
        owners=tuple(case.owners),
        notices=notices(case),
        persons=persons(case),
        settings=analysis_settings(case),
        language=case.language,
        sources=case.store.source_count(),
        names=case.store.names(),
    )
