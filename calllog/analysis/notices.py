"""The instant a notice counts from.

A user writes ``2026-01-15`` or ``2026-01-15T18:30`` (a space instead of the
``T`` and seconds are accepted too), in the case's time zone.

* A date without a time counts from the **end** of that local day,
  23:59:59, the reading most favourable to the person accused: a contact
  at 23:00 that day is not after the notice, one at 00:30 the next day is.
* A wall-clock time that happens twice (the October night the clocks go
  back) is read as its *second*, later occurrence, and one the clocks skip
  (the March night) as the later of its two readings: again, whichever
  reading counts fewer contacts as "after notice".

Contacts are compared with the notice to the whole second (see
``figures``), so a contact at 23:59:59.4 on the notice day is not after it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from calllog.errors import SettingsError

_WRITTEN = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}:\d{2}(?::\d{2})?))?")
END_OF_DAY = time(23, 59, 59)


def notice_instant(text: str, tz: ZoneInfo) -> datetime:
    """The aware UTC instant a notice written as ``text`` counts from."""
    written = text.strip()
    match = _WRITTEN.fullmatch(written)
    try:
        if match is None:
            raise ValueError(written)
        day = date.fromisoformat(match.group(1))
        clock = time.fromisoformat(_two_digit_hour(match.group(2))) if match.group(2) else END_OF_DAY
    except ValueError:
        raise SettingsError(
            f"'{text}' is not a date calllog can read as a notice date.",
            hint="Write the date as YYYY-MM-DD, with the time if you know it: 2026-01-15 or 2026-01-15T18:30.",
        ) from None
    naive = datetime.combine(day, clock)
    readings = (naive.replace(tzinfo=tz, fold=fold).astimezone(timezone.utc) for fold in (0, 1))
    return max(readings)


def _two_digit_hour(clock: str) -> str:
    # time.fromisoformat wants "08:30", people write "8:30"
    return clock if clock.index(":") == 2 else "0" + clock
