"""Putting the wording together: numbers, dates, counts and subjects in
the case language (``wording`` holds the sentences themselves).

Numbers are shown as people write them (``+32 470 12 34 56``, via
``calllog.phone.display_number``), dates as dd/mm/yyyy in the case's time
zone, decimals with a comma in Dutch and French.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo

from calllog.analysis.frame import Entry, day_of
from calllog.analysis.inputs import Notice
from calllog.i18n.analysis import NOUNS, TEMPLATES
from calllog.errors import SettingsError
from calllog.model import WITHHELD
from calllog.phone import display_number


class Phrases:
    """Sentence parts in one language, for one case."""

    def __init__(self, language: str, owners: Sequence[str]) -> None:
        if language not in TEMPLATES:
            raise SettingsError(f"'{language}' is not a language calllog writes.", hint="Use nl, fr or en.")
        self.language = language
        self.templates = TEMPLATES[language]
        self.nouns = NOUNS[language]
        self._dates: dict[int, str] = {}
        self.owner = self.join([display_number(owner) for owner in owners], "or") if owners else self.templates["the_user"]

    def say(self, key: str, **values: object) -> str:
        """One sentence, its first letter a capital."""
        return self.sentence(key, {"owner": self.owner, **values})

    def sentence(self, key: str, values: Mapping[str, object]) -> str:
        """``say`` with the values in one mapping, ``owner`` among them."""
        text = self.templates[key].format_map(values)
        return text[:1].upper() + text[1:]

    def word(self, key: str) -> str:
        return self.templates[key]

    def count(self, number: int, noun: str) -> str:
        singular, plural = self.nouns[noun]
        return f"{number} {singular if number == 1 else plural}"

    def join(self, items: Sequence[str], conjunction: str = "and") -> str:
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self.templates[conjunction]} " + items[-1]

    def date(self, day: object) -> str:
        number = int(day)  # type: ignore[call-overload]
        shown = self._dates.get(number)
        if shown is None:  # thousands of entries share a few hundred dates
            shown = self._dates[number] = day_of(number).strftime("%d/%m/%Y")
        return shown

    def decimal(self, value: float, places: int = 2) -> str:
        rounded = round(value, places) + 0.0  # + 0.0 turns -0.0 into 0.0
        text = f"{rounded:.{places}f}"
        return text if self.language == "en" else text.replace(".", ",")

    def percent(self, share: float) -> str:
        text = self.decimal(100 * share, 1).removesuffix(".0").removesuffix(",0")
        return f"{text}%" if self.language == "en" else f"{text} %"

    def party(self, party: str) -> str:
        return self.word("withheld_subject") if party == WITHHELD else display_number(party)

    def subject(self, entry: Entry) -> str:
        """How a sentence names an entry: the number (with its name), or
        the person with every one of its numbers."""
        if entry.is_person:
            numbers = self.join([self.party(number) for number in entry.numbers])
            return f"{entry.party} ({self.word('numbers')} {numbers})"
        shown = self.party(entry.party)
        return f"{shown} ({entry.person})" if entry.person and entry.person != entry.party else shown

    def notice(self, notice: Notice, tz: ZoneInfo) -> str:
        """``15/01/2026 (registered letter, counted from the end of that
        day)`` or ``15/01/2026 at 18:30 (conversation)``."""
        local = notice.at_utc.astimezone(tz)
        shown = local.strftime("%d/%m/%Y")
        details = [notice.what] if notice.what else []
        if _has_time(notice.written):
            shown += f" {self.word('notice_at')} {local.strftime('%H:%M')}"
        else:
            details.append(self.word("notice_end_of_day"))
        return f"{shown} ({', '.join(details)})" if details else shown


def _has_time(written: str) -> bool:
    return ":" in written

