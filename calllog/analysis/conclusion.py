"""The one sentence that sums up an entry of the findings: whether its
contacts, taken together, are consistent with belaging, and why.

It is not part of the ``calllog.findings/1`` document (whose keys are fixed
by DESIGN.md): the terminal view and the reports call it with an entry of
the document and the input the document was made from.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from calllog.analysis.frame import Entry, day_number
from calllog.analysis.inputs import AnalysisInput
from calllog.analysis.sentences import Phrases


def conclusion_text(party: Mapping[str, Any], inp: AnalysisInput) -> str:
    """The summing-up sentence of ``party`` (an entry of ``parties``), in
    the case language."""
    phrases = Phrases(inp.language, inp.owners)
    numbers = tuple(party["numbers"])
    short = party["party"] in numbers and any(number in inp.short_parties for number in numbers)
    entry = Entry(-1, party["party"], party["person"], numbers, bool(party["suspect"]), party["party"] not in numbers, short)
    subject = phrases.subject(entry)
    if short:
        return phrases.say("conclusion_short", subject=subject)
    if not party["consistent_with_belaging"]:
        return phrases.say("conclusion_not", subject=subject)
    met = {indicator["id"]: indicator["met"] for indicator in party["indicators"]}
    notice = min(inp.notices, key=lambda n: n.at_utc) if inp.notices else None
    notice_text = phrases.notice(notice, inp.tz) if notice else ""
    if met["one_sidedness"] and met["after_notice"]:
        third = phrases.word("third_both")
    elif met["one_sidedness"]:
        third = phrases.word("third_one_sided")
    else:
        third = phrases.word("third_after_notice")
    return phrases.say(
        "conclusion_met", subject=subject,
        first=phrases.date(_day(party["first"])), last=phrases.date(_day(party["last"])),
        contacts=phrases.count(int(party["incoming"]), "contact"), span=phrases.count(int(party["span_days"]), "day"),
        third=third.format(notice=notice_text),
    )


def _day(local_iso: str) -> int:
    return day_number(date.fromisoformat(local_iso[:10]))
