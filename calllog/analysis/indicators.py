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
from zoneinfo import ZoneInfo

from calllog.analysis.figures import Evidence
from calllog.analysis.frame import Entry
from calllog.analysis.inputs import Notice
from calllog.analysis.sentences import Phrases
from calllog.analysis.settings import Thresholds

Indicator = dict[str, object]


def entry_indicators(
    entry: Entry,
    figures: Mapping[str, object],
    evidence: Evidence,
    limits: Thresholds,
    notice: Notice | None,
    phrases: Phrases,
    tz: ZoneInfo,
) -> tuple[list[Indicator], bool]:
    """The indicators of ``entry`` and its ``consistent_with_belaging``."""
    builder = _Builder(entry, figures, evidence, limits, notice, phrases, tz)
    indicators = [
        builder.persistence(), builder.repetition(), builder.one_sidedness(), builder.after_notice(),
        builder.bursts(), builder.unsocial_hours(), builder.escalation(), builder.threats(),
    ]
    met = {str(indicator["id"]): bool(indicator["met"]) for indicator in indicators}
    consistent = (
        not entry.short
        and met["repetition"] and met["persistence"]
        and (met["one_sidedness"] or met["after_notice"])
    )
    return indicators, consistent


def _indicator(name: str, met: bool, value: object, threshold: object, event_ids: list[int], text: str) -> Indicator:
    return {"id": name, "met": met, "value": value, "threshold": threshold, "event_ids": event_ids, "text": text}


class _Builder:
    def __init__(
        self, entry: Entry, figures: Mapping[str, object], evidence: Evidence, limits: Thresholds,
        notice: Notice | None, phrases: Phrases, tz: ZoneInfo,
    ) -> None:
        self.entry, self.fig, self.evidence, self.limits = entry, figures, evidence, limits
        self.notice, self.say, self.tz = notice, phrases, tz
        self.incoming = int(figures["incoming"])  # type: ignore[call-overload]
        self.subject = phrases.subject(entry)
        self.common: dict[str, object] = {"subject": self.subject}
        if self.incoming:
            self.common.update(
                first=phrases.date(figures["first_day"]), last=phrases.date(figures["last_day"]),
                contacts=phrases.count(self.incoming, "contact"), times=phrases.count(self.incoming, "time"),
            )

    def _int(self, key: str) -> int:
        return int(self.fig[key])  # type: ignore[call-overload]

    def _text(self, key: str, **values: object) -> str:
        if not self.incoming:
            return self.say.say("no_contact", **self.common)
        return self.say.say(key, **self.common, **values)

    def persistence(self) -> Indicator:
        span, threshold = self._int("span_days"), self.limits.persistence_days
        ids = self.evidence.contact_ids(self.entry.index)
        met = bool(self.incoming) and span >= threshold
        text = self._text(
            "persistence_met" if met else "persistence_not",
            span=self.say.count(span, "day"), thr=self.say.count(threshold, "day"),
        )
        bounds = ids[:1] + ids[-1:] if len(ids) > 1 else ids
        return _indicator("persistence", met, span, threshold, bounds, text)

    def repetition(self) -> Indicator:
        threshold = self.limits.repetition_contacts
        met = self.incoming >= threshold
        text = self._text(
            "repetition_met" if met else "repetition_not",
            calls=self.say.count(self._int("calls_in"), "attempt"), unanswered=self._int("unanswered_calls"),
            messages=self.say.count(self._int("messages_in"), "message"), thr=self.say.count(threshold, "contact"),
        )
        return _indicator("repetition", met, self.incoming, threshold, self.evidence.contact_ids(self.entry.index), text)

    def one_sidedness(self) -> Indicator:
        outgoing, ratio = self._int("outgoing"), self.limits.one_sided_max_ratio
        value = round(outgoing / self.incoming, 4) if self.incoming else None
        # the tolerance keeps 3 out of 30 at "10 %" although 0.1 * 30 is 3.0000000000000004
        met = bool(self.incoming) and outgoing <= ratio * self.incoming + 1e-9
        values = {
            "out": self.say.count(outgoing, "contact"), "out_times": self.say.count(outgoing, "time"),
            "pct": self.say.percent(value or 0.0), "thr_pct": self.say.percent(ratio),
        }
        if not self.incoming:
            text = self.say.say("one_sidedness_none", **self.common, **values)
        else:
            key = ("one_sidedness_never" if outgoing == 0 else "one_sidedness_met") if met else "one_sidedness_not"
            text = self._text(key, **values)
        return _indicator("one_sidedness", met, value, ratio, self.evidence.outgoing_ids(self.entry.index), text)

    def after_notice(self) -> Indicator:
        after, threshold = self._int("after_notice"), self.limits.after_notice_contacts
        ids = self.evidence.contact_ids(self.entry.index, "after")
        if self.notice is None:
            return _indicator("after_notice", False, after, threshold, ids, self.say.say("after_notice_none", **self.common))
        notice = self.say.notice(self.notice, self.tz)
        met = self.entry.suspect and after >= threshold
        if not self.entry.suspect:
            key = "after_notice_not_suspect"
        else:
            key = "after_notice_met" if met else ("after_notice_few" if after else "after_notice_zero")
        last_after = self.say.date(self.fig["last_after_day"]) if after else ""
        text = self.say.say(
            key, **self.common, notice=notice, after=after, after_times=self.say.count(after, "time"),
            after_contacts=self.say.count(after, "contact"),
            last_after=last_after, thr=self.say.count(threshold, "contact"),
        )
        return _indicator("after_notice", met, after, threshold, ids, text)

    def bursts(self) -> Indicator:
        most, threshold, minutes = self._int("burst_max"), self.limits.burst_contacts, self.limits.burst_minutes
        met = most >= threshold
        burst_day = ""
        if met:
            burst_day = self.say.date(self.fig["burst_max_day"])
        text = self._text(
            "bursts_met" if met else "bursts_not",
            burst_days=self.say.count(self._int("burst_days"), "day"), burst_max=most,
            burst_day=burst_day, thr=threshold, minutes=minutes,
        )
        return _indicator("bursts", met, most, threshold, self.evidence.contact_ids(self.entry.index, "burst"), text)

    def unsocial_hours(self) -> Indicator:
        night, threshold = self._int("night"), self.limits.unsocial_contacts
        met = night >= threshold
        key = "unsocial_hours_met" if met else ("unsocial_hours_few" if night else "unsocial_hours_zero")
        text = self._text(
            key, night=night, night_pct=self.say.percent(night / self.incoming if self.incoming else 0.0),
            night_start=self.limits.night_start, night_end=self.limits.night_end, thr=self.say.count(threshold, "contact"),
        )
        return _indicator("unsocial_hours", met, night, threshold, self.evidence.contact_ids(self.entry.index, "night"), text)

    def escalation(self) -> Indicator:
        trend = round(float(self.fig["weekly_trend"]), 4)  # type: ignore[arg-type]
        weeks, minimum, slope = self._int("weeks"), self.limits.escalation_min_weeks, self.limits.escalation_min_slope
        met = weeks >= minimum and trend > slope
        key = "escalation_short" if weeks < minimum else ("escalation_met" if met else "escalation_not")
        text = self._text(
            key, weeks=self.say.count(weeks, "week"), min_weeks=self.say.count(minimum, "week"),
            slope=self.say.decimal(trend),
        )
        return _indicator("escalation", met, trend, slope, self.evidence.contact_ids(self.entry.index), text)

    def threats(self) -> Indicator:
        count, threshold = self._int("threat_messages"), self.limits.threat_min_messages
        matches = self.evidence.threat_matches(self.entry.index)
        met = count >= threshold
        examples: list[str] = []
        for _, words in matches:
            examples.extend(word for word in words if word not in examples)
        key = "threats_met" if met else ("threats_few" if count else "threats_zero")
        text = self._text(
            key, threats=self.say.count(count, "message"), thr=self.say.count(threshold, "message"),
            examples=", ".join(f'"{word}"' for word in examples[:3]),
        )
        indicator = _indicator("threats", met, count, threshold, [event_id for event_id, _ in matches], text)
        indicator["matches"] = [{"event_id": event_id, "words": words} for event_id, words in matches]
        return indicator
