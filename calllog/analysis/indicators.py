"""The eight indicators of one entry and whether, together, they are
consistent with belaging.

Each indicator is ``{"id", "met", "value", "threshold", "event_ids",
"text"}`` (threats adds ``"matches"``). ``event_ids`` are the events its
value is computed from, in time order:

| id              | value                          | met when                                   | event_ids                       |
|-----------------|--------------------------------|--------------------------------------------|---------------------------------|
| persistence     | span_days                      | span_days >= persistence_days              | first and last contact          |
| repetition      | incoming                       | incoming >= repetition_contacts            | every contact                   |
| one_sidedness   | outgoing / incoming (null if no contact) | incoming > 0 and outgoing <= ratio x incoming | the owner's own contacts to the party |
| after_notice    | after_notice                   | a notice exists, the entry is a person of interest and after_notice >= after_notice_contacts | contacts after the notice |
| bursts          | most contacts in burst_minutes | that >= burst_contacts                     | contacts inside such a window   |
| unsocial_hours  | night                          | night >= unsocial_contacts                 | night contacts                  |
| escalation      | weekly_trend                   | weeks >= escalation_min_weeks and weekly_trend > escalation_min_slope | every contact |
| threats         | threat_messages                | threat_messages >= threat_min_messages     | the matching messages           |

A notice is given to the person accused, so it only counts against an
entry marked as a person of interest: the mother's calls after the letter
sent to the ex-partner are not "contact after notice".

``consistent_with_belaging`` = repetition and persistence met and (one-
sidedness or after notice met). A short number (a service such as a
parcel SMS code) is never called consistent with belaging: no person can
hold one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol
from zoneinfo import ZoneInfo

from calllog.analysis.figures import Evidence
from calllog.analysis.frame import Entry
from calllog.analysis.inputs import Notice
from calllog.analysis.sentences import Phrases
from calllog.analysis.settings import Thresholds

Indicator = dict[str, object]


class _Text(Protocol):
    def __call__(self, key: str, **values: object) -> str: ...


def _indicator(name: str, met: bool, value: object, threshold: object, event_ids: list[int], text: str) -> Indicator:
    return {"id": name, "met": met, "value": value, "threshold": threshold, "event_ids": event_ids, "text": text}


class IndicatorWriter:
    """The indicators of the entries of one analysis. What is the same for
    every entry (the thresholds in words, the notice) is worded once: a
    million events can hold 20,000 numbers, each with eight sentences."""

    def __init__(self, limits: Thresholds, notice: Notice | None, phrases: Phrases, tz: ZoneInfo) -> None:
        self.limits, self.notice, self.say = limits, notice, phrases
        say = phrases
        self.notice_text = say.notice(notice, tz) if notice is not None else ""
        self.persistence_thr = say.count(limits.persistence_days, "day")
        self.repetition_thr = say.count(limits.repetition_contacts, "contact")
        self.ratio_pct = say.percent(limits.one_sided_max_ratio)
        self.after_thr = say.count(limits.after_notice_contacts, "contact")
        self.night_thr = say.count(limits.unsocial_contacts, "contact")
        self.min_weeks = say.count(limits.escalation_min_weeks, "week")
        self.threat_thr = say.count(limits.threat_min_messages, "message")

    def indicators(self, entry: Entry, fig: Mapping[str, object], evidence: Evidence) -> tuple[list[Indicator], bool]:
        """The indicators of ``entry`` (its ``figures`` row and the event
        ids behind them) and its ``consistent_with_belaging``."""
        say, index = self.say, entry.index
        incoming = int(fig["incoming"])  # type: ignore[call-overload]
        common: dict[str, object] = {"owner": say.owner, "subject": say.subject(entry)}
        if incoming:
            common.update(
                first=say.date(fig["first_day"]), last=say.date(fig["last_day"]),
                contacts=say.count(incoming, "contact"), times=say.count(incoming, "time"),
            )
        no_contact = "" if incoming else say.sentence("no_contact", common)

        def text(key: str, **values: object) -> str:
            """The sentence of ``key``, or "no contact" for an entry without contacts."""
            return say.sentence(key, common | values) if incoming else no_contact

        contacts = evidence.contact_ids(index)
        indicators = [
            self._persistence(fig, incoming, contacts, text),
            self._repetition(fig, incoming, contacts, text),
            self._one_sidedness(fig, incoming, evidence.outgoing_ids(index), common, text),
            self._after_notice(entry, fig, evidence.contact_ids(index, "after"), common),
            self._bursts(fig, evidence.contact_ids(index, "burst"), text),
            self._unsocial_hours(fig, incoming, evidence.contact_ids(index, "night"), text),
            self._escalation(fig, contacts, text),
            self._threats(fig, evidence.threat_matches(index), text),
        ]
        met = {str(indicator["id"]): bool(indicator["met"]) for indicator in indicators}
        consistent = (
            not entry.short
            and met["repetition"] and met["persistence"]
            and (met["one_sidedness"] or met["after_notice"])
        )
        return indicators, consistent

    def _persistence(self, fig: Mapping[str, object], incoming: int, ids: list[int], text: _Text) -> Indicator:
        span, threshold = _int(fig, "span_days"), self.limits.persistence_days
        met = bool(incoming) and span >= threshold
        sentence = text("persistence_met" if met else "persistence_not", span=self.say.count(span, "day"), thr=self.persistence_thr)
        bounds = ids[:1] + ids[-1:] if len(ids) > 1 else ids
        return _indicator("persistence", met, span, threshold, bounds, sentence)

    def _repetition(self, fig: Mapping[str, object], incoming: int, ids: list[int], text: _Text) -> Indicator:
        threshold = self.limits.repetition_contacts
        met = incoming >= threshold
        sentence = text(
            "repetition_met" if met else "repetition_not",
            calls=self.say.count(_int(fig, "calls_in"), "attempt"), unanswered=_int(fig, "unanswered_calls"),
            messages=self.say.count(_int(fig, "messages_in"), "message"), thr=self.repetition_thr,
        )
        return _indicator("repetition", met, incoming, threshold, ids, sentence)

    def _one_sidedness(
        self, fig: Mapping[str, object], incoming: int, ids: list[int], common: dict[str, object], text: _Text,
    ) -> Indicator:
        outgoing, ratio = _int(fig, "outgoing"), self.limits.one_sided_max_ratio
        value = round(outgoing / incoming, 4) if incoming else None
        # the tolerance keeps 3 out of 30 at "10 %" although 0.1 * 30 is 3.0000000000000004
        met = bool(incoming) and outgoing <= ratio * incoming + 1e-9
        values = {
            "out": self.say.count(outgoing, "contact"), "out_times": self.say.count(outgoing, "time"),
            "pct": self.say.percent(value or 0.0), "thr_pct": self.ratio_pct,
        }
        if not incoming:
            sentence = self.say.sentence("one_sidedness_none", common | values)
        else:
            key = ("one_sidedness_never" if outgoing == 0 else "one_sidedness_met") if met else "one_sidedness_not"
            sentence = text(key, **values)
        return _indicator("one_sidedness", met, value, ratio, ids, sentence)

    def _after_notice(self, entry: Entry, fig: Mapping[str, object], ids: list[int], common: dict[str, object]) -> Indicator:
        after, threshold = _int(fig, "after_notice"), self.limits.after_notice_contacts
        if self.notice is None:
            return _indicator("after_notice", False, after, threshold, ids, self.say.sentence("after_notice_none", common))
        met = entry.suspect and after >= threshold
        if not entry.suspect:
            key = "after_notice_not_suspect"
        else:
            key = "after_notice_met" if met else ("after_notice_few" if after else "after_notice_zero")
        sentence = self.say.sentence(key, common | {
            "notice": self.notice_text, "after": after, "after_times": self.say.count(after, "time"),
            "after_contacts": self.say.count(after, "contact"),
            "last_after": self.say.date(fig["last_after_day"]) if after else "", "thr": self.after_thr,
        })
        return _indicator("after_notice", met, after, threshold, ids, sentence)

    def _bursts(self, fig: Mapping[str, object], ids: list[int], text: _Text) -> Indicator:
        most, threshold, minutes = _int(fig, "burst_max"), self.limits.burst_contacts, self.limits.burst_minutes
        met = most >= threshold
        sentence = text(
            "bursts_met" if met else "bursts_not",
            burst_days=self.say.count(_int(fig, "burst_days"), "day"), burst_max=most,
            burst_day=self.say.date(fig["burst_max_day"]) if met else "", thr=threshold, minutes=minutes,
        )
        return _indicator("bursts", met, most, threshold, ids, sentence)

    def _unsocial_hours(self, fig: Mapping[str, object], incoming: int, ids: list[int], text: _Text) -> Indicator:
        night, threshold = _int(fig, "night"), self.limits.unsocial_contacts
        met = night >= threshold
        key = "unsocial_hours_met" if met else ("unsocial_hours_few" if night else "unsocial_hours_zero")
        sentence = text(
            key, night=night, night_pct=self.say.percent(night / incoming if incoming else 0.0),
            night_start=self.limits.night_start, night_end=self.limits.night_end, thr=self.night_thr,
        )
        return _indicator("unsocial_hours", met, night, threshold, ids, sentence)

    def _escalation(self, fig: Mapping[str, object], ids: list[int], text: _Text) -> Indicator:
        trend = round(float(fig["weekly_trend"]), 4)  # type: ignore[arg-type]
        weeks, minimum, slope = _int(fig, "weeks"), self.limits.escalation_min_weeks, self.limits.escalation_min_slope
        met = weeks >= minimum and trend > slope
        key = "escalation_short" if weeks < minimum else ("escalation_met" if met else "escalation_not")
        sentence = text(key, weeks=self.say.count(weeks, "week"), min_weeks=self.min_weeks, slope=self.say.decimal(trend))
        return _indicator("escalation", met, trend, slope, ids, sentence)

    def _threats(self, fig: Mapping[str, object], matches: list[tuple[int, list[str]]], text: _Text) -> Indicator:
        count, threshold = _int(fig, "threat_messages"), self.limits.threat_min_messages
        met = count >= threshold
        examples: list[str] = []
        for _, words in matches:
            examples.extend(word for word in words if word not in examples)
        key = "threats_met" if met else ("threats_few" if count else "threats_zero")
        sentence = text(
            key, threats=self.say.count(count, "message"), thr=self.threat_thr,
            examples=", ".join(f'"{word}"' for word in examples[:3]),
        )
        indicator = _indicator("threats", met, count, threshold, [event_id for event_id, _ in matches], sentence)
        indicator["matches"] = [{"event_id": event_id, "words": words} for event_id, words in matches]
        return indicator


def _int(figures: Mapping[str, object], key: str) -> int:
    return int(figures[key])  # type: ignore[call-overload]
