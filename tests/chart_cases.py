"""A small hand-built case for the chart tests (fictional numbers).

Europe/Brussels, January 2026 (UTC+01:00). Monday 05/01/2026 to Friday
09/01/2026. "Jens" (a person of interest) uses +32470000066 and
+32470000067; "Mama" (+32470000010) is not involved; the owner calls 1712.

| local time        | party        | what                    | kind        |
|-------------------|--------------|-------------------------|-------------|
| Mon 05/01 10:00   | Jens 66      | SMS in                  | message     |
| Mon 05/01 23:30   | Jens 66      | call in, missed         | unanswered  |
| Tue 06/01 09:00   | Mama         | SMS in                  | message     |
| Tue 06/01 09:10   | Mama         | SMS out                 | (outgoing)  |
| Tue 06/01 12:00   | Jens 66      | call in, answered       | answered    |
| Wed 07/01 03:15   | Jens 67      | call in, rejected       | unanswered  |
| Thu 08/01 14:00   | Mama         | call out, answered      | (outgoing)  |
| Thu 08/01 15:00   | 1712         | call out, answered      | (outgoing)  |
| Fri 09/01 20:00   | withheld     | call in, missed         | unanswered  |
| Fri 09/01 20:05   | withheld     | call in, blocked        | unanswered  |

The notice is written "2026-01-06" (a registered letter): it counts from
the end of that day, 23:59:59 local time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from calllog.analysis import AnalysisInput, Notice, Person, notice_instant

TZ = ZoneInfo("Europe/Brussels")
JENS_66, JENS_67, MAMA, WITHHELD = "+32470000066", "+32470000067", "+32470000010", "withheld"

ROWS = [
    # local time, party, quality, channel, direction, status
    ("2026-01-05 10:00", JENS_66, "valid", "sms", "in", "received"),
    ("2026-01-05 23:30", JENS_66, "valid", "call", "in", "missed"),
    ("2026-01-06 09:00", MAMA, "valid", "sms", "in", "received"),
    ("2026-01-06 09:10", MAMA, "valid", "sms", "out", "sent"),
    ("2026-01-06 12:00", JENS_66, "valid", "call", "in", "answered"),
    ("2026-01-07 03:15", JENS_67, "valid", "call", "in", "rejected"),
    ("2026-01-08 14:00", MAMA, "valid", "call", "out", "answered"),
    ("2026-01-08 15:00", "1712", "short", "call", "out", "answered"),
    ("2026-01-09 20:00", WITHHELD, "withheld", "call", "in", "missed"),
    ("2026-01-09 20:05", WITHHELD, "withheld", "call", "in", "blocked"),
]


def events_frame(rows: list[tuple[str, str, str, str, str, str]]) -> pd.DataFrame:
    instants = [datetime.fromisoformat(local).replace(tzinfo=TZ) for local, *_ in rows]
    return pd.DataFrame(
        {
            "id": range(1, len(rows) + 1),
            "instant_utc": pd.to_datetime(instants, utc=True).astype("datetime64[ns, UTC]"),
            "channel": [r[3] for r in rows],
            "channel_class": ["call" if r[3] == "call" else "message" for r in rows],
            "direction": [r[4] for r in rows],
            "status": [r[5] for r in rows],
            "party": [r[1] for r in rows],
            "party_quality": [r[2] for r in rows],
            "text": [None] * len(rows),
            "duration_s": [float("nan")] * len(rows),
        }
    )


def small_case(
    language: str = "en",
    suspects: bool = True,
    notices: bool = True,
    rows: list[tuple[str, str, str, str, str, str]] | None = None,
) -> AnalysisInput:
    persons = (Person("Jens", (JENS_66, JENS_67), True),) if suspects else ()
    letter = (Notice(notice_instant("2026-01-06", TZ), "registered letter", "2026-01-06"),) if notices else ()
    return AnalysisInput(
        events=events_frame(ROWS if rows is None else rows), tz=TZ, owners=("+32470000001",), notices=letter,
        persons=persons, settings={}, language=language, sources=2, names={MAMA: "Mama"},
    )


def many_contacts(n: int, days: int = 180, seed: int = 7) -> AnalysisInput:
    """``n`` missed calls from Jens spread at random over ``days`` days from
    01/10/2025 (a police-scale export)."""
    rng = np.random.default_rng(seed)
    seconds = np.sort(rng.integers(0, days * 86400, n))
    frame = pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "instant_utc": pd.to_datetime(np.datetime64("2025-10-01T00:00:00", "s") + seconds, utc=True),
            "channel": "call", "channel_class": "call", "direction": "in", "status": "missed",
            "party": JENS_66, "party_quality": "valid", "text": None, "duration_s": float("nan"),
        }
    )
    return replace(small_case(), events=frame)
