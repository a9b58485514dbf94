"""Analysis settings (``settings set KEY VALUE``) and notice dates."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from calllog.analysis import DEFAULT_ANALYSIS_SETTINGS, notice_instant, validate_setting
from calllog.analysis.settings import Thresholds
from calllog.errors import SettingsError

BRUSSELS = ZoneInfo("Europe/Brussels")
UTC = timezone.utc


def test_defaults_are_those_of_domain_md() -> None:
    expected = {
        "persistence_days": 14, "repetition_contacts": 5, "one_sided_max_ratio": 0.10, "after_notice_contacts": 1,
        "burst_contacts": 5, "burst_minutes": 10, "night_start": "22:00", "night_end": "07:00",
        "unsocial_contacts": 1, "escalation_min_weeks": 4, "escalation_min_slope": 0.1,
        "threat_min_messages": 1, "withheld_window_minutes": 60,
    }
    assert {key: DEFAULT_ANALYSIS_SETTINGS[key] for key in expected} == expected
    assert set(DEFAULT_ANALYSIS_SETTINGS) == set(expected) | {"threat_words_nl", "threat_words_fr", "threat_words_en"}
    assert Thresholds.from_settings({}).night == (22 * 60, 7 * 60)


@pytest.mark.parametrize(
    ("key", "text", "value"),
    [
        ("persistence_days", "21", 21),
        ("repetition_contacts", " 10 ", 10),
        ("one_sided_max_ratio", "0.2", 0.2),
        ("one_sided_max_ratio", "0,2", 0.2),
        ("one_sided_max_ratio", "15%", 0.15),
        ("one_sided_max_ratio", "15 %", 0.15),
        ("night_start", "23:00", "23:00"),
        ("night_end", "6.30", "06:30"),
        ("night_end", "6h30", "06:30"),
        ("escalation_min_slope", "0,25", 0.25),
        ("burst_minutes", "15", 15),
        ("threat_words_nl", "dood; ik maak je af ;vermoord{,en}", ["dood", "ik maak je af", "vermoord{,en}"]),
        ("threat_words_en", '["kill", "hurt you"]', ["kill", "hurt you"]),
    ],
)
def test_values_are_parsed(key: str, text: str, value: object) -> None:
    assert validate_setting(key, text) == value


@pytest.mark.parametrize(
    ("key", "text", "named"),
    [
        ("persistence_days", "two weeks", "whole number"),
        ("persistence_days", "0", "whole number"),
        ("burst_contacts", "1", "2 or more"),
        ("one_sided_max_ratio", "1.5", "between 0 and 1"),
        ("one_sided_max_ratio", "veel", "between 0 and 1"),
        ("night_start", "25:00", "HH:MM"),
        ("night_start", "late", "HH:MM"),
        ("escalation_min_slope", "up", "a number"),
        ("threat_words_fr", "tuer; {crever", "braces"),
        ("threat_words_fr", '["tuer", 3]', "list of words"),
        ("bursts", "5", "not an analysis setting"),
    ],
)
def test_bad_values_name_the_key_and_the_kind(key: str, text: str, named: str) -> None:
    with pytest.raises(SettingsError) as error:
        validate_setting(key, text)
    assert key in error.value.message and named in error.value.message


def test_stored_values_are_checked_when_analysing() -> None:
    with pytest.raises(SettingsError):
        Thresholds.from_settings({"night_start": "midnight"})


@pytest.mark.parametrize(
    ("written", "utc"),
    [
        # a date alone: the end of that local day
        ("2026-01-15", datetime(2026, 1, 15, 22, 59, 59, tzinfo=UTC)),
        ("2026-07-15", datetime(2026, 7, 15, 21, 59, 59, tzinfo=UTC)),
        (" 2026-01-15 ", datetime(2026, 1, 15, 22, 59, 59, tzinfo=UTC)),
        # a local minute
        ("2026-01-15T18:30", datetime(2026, 1, 15, 17, 30, tzinfo=UTC)),
        ("2026-01-15 8:05", datetime(2026, 1, 15, 7, 5, tzinfo=UTC)),
        ("2026-07-15T18:30:20", datetime(2026, 7, 15, 16, 30, 20, tzinfo=UTC)),
        # the repeated October hour: its second, later occurrence (+01:00)
        ("2025-10-26T02:30", datetime(2025, 10, 26, 1, 30, tzinfo=UTC)),
        # the skipped March hour: the later of its two readings (+01:00, i.e. 03:30 summer time)
        ("2026-03-29T02:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
    ],
)
def test_notice_instant(written: str, utc: datetime) -> None:
    assert notice_instant(written, BRUSSELS) == utc


@pytest.mark.parametrize("written", ["15/01/2026", "2026-02-30", "2026-01-15T25:00", "yesterday", "", "2026-01-15T18"])
def test_a_notice_date_calllog_cannot_read_is_a_clear_error(written: str) -> None:
    with pytest.raises(SettingsError) as error:
        notice_instant(written, BRUSSELS)
    assert "notice date" in error.value.message and error.value.hint and "YYYY-MM-DD" in error.value.hint
