"""Thresholds and word lists of the analysis: case settings with defaults.

The defaults and why (``shared/DOMAIN.md``, "Research anchors"):

| key                        | default | meaning                                                      |
|----------------------------|---------|--------------------------------------------------------------|
| `persistence_days`         | 14      | persistence is met when `span_days` >= this (Purcell 2004)   |
| `repetition_contacts`      | 5       | repetition is met when `incoming` >= this (SAI: >= 5)        |
| `one_sided_max_ratio`      | 0.10    | one-sided when outgoing <= this x incoming (and incoming > 0)|
| `after_notice_contacts`    | 1       | after notice is met when `after_notice` >= this              |
| `burst_contacts`           | 5       | a burst is this many contacts ...                            |
| `burst_minutes`            | 10      | ... with instants in [t, t + this many minutes)              |
| `night_start`/`night_end`  | 22:00 / 07:00 | night (unsocial hours) is [start, end) local time      |
| `unsocial_contacts`        | 1       | unsocial hours is met when `night` >= this (no research threshold: the count and share are reported) |
| `escalation_min_weeks`     | 4       | escalation needs contacts spread over at least this many ISO weeks ... |
| `escalation_min_slope`     | 0.1     | ... and `weekly_trend` (contacts/week, per week) strictly above this: one more contact a week every ten weeks; no research gives a number, and a smaller slope is a flat line |
| `threat_min_messages`      | 1       | threats is met when `threat_messages` >= this                |
| `withheld_window_minutes`  | 60      | "close to a contact" for withheld calls: within this many minutes before or after |
| `threat_words_nl/_fr/_en`  | lists   | see ``threat_words``; all three lists are always used        |

``settings set KEY VALUE`` values are text; ``validate_setting`` turns them
into the stored type. Numbers accept a decimal comma; the ratio also
accepts a percentage (``10 %``). A word list is a JSON array
(``["dood", "ik maak je af"]``) or entries separated by ``;``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from calllog.analysis.threat_words import DEFAULT_THREAT_WORDS
from calllog.analysis.threats import compile_entry
from calllog.errors import SettingsError

DEFAULT_ANALYSIS_SETTINGS: dict[str, object] = {
    "persistence_days": 14,
    "repetition_contacts": 5,
    "one_sided_max_ratio": 0.10,
    "after_notice_contacts": 1,
    "burst_contacts": 5,
    "burst_minutes": 10,
    "night_start": "22:00",
    "night_end": "07:00",
    "unsocial_contacts": 1,
    "escalation_min_weeks": 4,
    "escalation_min_slope": 0.1,
    "threat_min_messages": 1,
    "withheld_window_minutes": 60,
    **{f"threat_words_{lang}": list(words) for lang, words in DEFAULT_THREAT_WORDS.items()},
}

_CLOCK = re.compile(r"(\d{1,2})[:.h](\d{2})")


def _whole(minimum: int) -> Callable[[str, str], object]:
    def parse(key: str, value: str) -> object:
        try:
            number = int(value.strip())
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise SettingsError(
                f"{key} must be a whole number of {minimum} or more, not '{value}'.",
                hint=f"For example: calllog settings set {key} {DEFAULT_ANALYSIS_SETTINGS[key]}",
            )
        return number
    return parse


def _decimal(key: str, value: str) -> object:
    try:
        return float(value.strip().replace(",", "."))
    except ValueError:
        raise SettingsError(f"{key} must be a number, not '{value}'.", hint=f"For example: calllog settings set {key} 0.5") from None


def _ratio(key: str, value: str) -> object:
    text = value.strip().replace(",", ".")
    percent = text.endswith("%")
    try:
        number = float(text.rstrip("%").strip()) / (100 if percent else 1)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise SettingsError(
            f"{key} must be a fraction between 0 and 1 (or a percentage), not '{value}'.",
            hint=f"For example: calllog settings set {key} 0.10   (or 10%)",
        )
    return number


def _clock(key: str, value: str) -> object:
    match = _CLOCK.fullmatch(value.strip())
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise SettingsError(f"{key} must be a time of day as HH:MM, not '{value}'.", hint=f"For example: calllog settings set {key} 22:00")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _words(key: str, value: str) -> object:
    text = value.strip()
    entries: object
    if text.startswith("["):
        try:
            entries = json.loads(text)
        except json.JSONDecodeError:
            entries = None
    else:
        entries = [part.strip() for part in text.split(";")]
    if not isinstance(entries, list) or not all(isinstance(entry, str) for entry in entries):
        raise SettingsError(f"{key} must be a list of words, not '{value}'.", hint='Separate the words with ";", or give a JSON list: ["dood", "ik maak je af"].')
    words = [entry.strip() for entry in entries if entry.strip()]
    for word in words:
        compile_entry(word, key)  # a malformed {a,b} pattern fails now, not during an analysis
    return words


_PARSERS: dict[str, Callable[[str, str], object]] = {
    "persistence_days": _whole(1),
    "repetition_contacts": _whole(1),
    "one_sided_max_ratio": _ratio,
    "after_notice_contacts": _whole(1),
    "burst_contacts": _whole(2),
    "burst_minutes": _whole(1),
    "night_start": _clock,
    "night_end": _clock,
    "unsocial_contacts": _whole(1),
    "escalation_min_weeks": _whole(2),
    "escalation_min_slope": _decimal,
    "threat_min_messages": _whole(1),
    "withheld_window_minutes": _whole(1),
    **{key: _words for key in DEFAULT_ANALYSIS_SETTINGS if key.startswith("threat_words_")},
}


def validate_setting(key: str, value: str) -> object:
    """The typed value of ``settings set KEY VALUE``, or a SettingsError
    that names the key and the kind of value it needs."""
    parser = _PARSERS.get(key)
    if parser is None:
        raise SettingsError(f"'{key}' is not an analysis setting.", hint="Known settings: " + ", ".join(DEFAULT_ANALYSIS_SETTINGS) + ".")
    return parser(key, value)


def effective(settings: Mapping[str, object]) -> dict[str, object]:
    """The defaults overlaid with ``settings`` (keys calllog does not know
    are kept: they may belong to the rest of the case)."""
    return {**DEFAULT_ANALYSIS_SETTINGS, **settings}


def minutes_of_day(clock: object) -> int:
    """``"22:00"`` -> 1320."""
    hours, minutes = str(clock).split(":")
    return int(hours) * 60 + int(minutes)


def threat_words(settings: Mapping[str, object]) -> tuple[str, ...]:
    """Every threat entry of the three languages, in list order."""
    words: list[str] = []
    for lang in DEFAULT_THREAT_WORDS:
        value = settings.get(f"threat_words_{lang}", DEFAULT_THREAT_WORDS[lang])
        if isinstance(value, (list, tuple)):
            words.extend(str(word) for word in value)
    return tuple(words)


@dataclass(frozen=True)
class Thresholds:
    """The scalar settings of one analysis, typed and checked."""

    persistence_days: int
    repetition_contacts: int
    one_sided_max_ratio: float
    after_notice_contacts: int
    burst_contacts: int
    burst_minutes: int
    night_start: str
    night_end: str
    unsocial_contacts: int
    escalation_min_weeks: int
    escalation_min_slope: float
    threat_min_messages: int
    withheld_window_minutes: int

    @classmethod
    def from_settings(cls, settings: Mapping[str, object]) -> "Thresholds":
        """Every threshold of ``settings`` (defaults where missing), checked
        as ``settings set`` would check it."""
        values = effective(settings)
        parsed = {name: validate_setting(name, str(values[name])) for name in cls.__dataclass_fields__}
        return cls(**parsed)  # type: ignore[arg-type]

    @property
    def night(self) -> tuple[int, int]:
        return minutes_of_day(self.night_start), minutes_of_day(self.night_end)
