#!/usr/bin/env python3
"""Write the fictional demo case of calllog (see STORY.md next to this file).

Every person, number and event made here is invented. Run from the
repository root::

    python samples/make_samples.py            # rewrites the files in samples/
    python samples/make_samples.py --out DIR  # writes them somewhere else

The random generator has a fixed seed, so the same Python and openpyxl give
byte-identical files. Only the standard library and openpyxl are used.

What it writes (formats as the real apps and a Belgian operator portal
write them):

* ``calls-20260430.xml``: SMS Backup & Restore calls backup, newest first;
  ``date`` is ms since 1970 UTC, ``type`` 1 in, 2 out, 3 missed,
  4 voicemail, 5 rejected, 6 blocked; withheld calls have number "" or
  "-2" with ``presentation`` 2.
* ``sms-20260430.xml``: SMS Backup & Restore messages backup (``<sms>`` type
  1 received / 2 sent, two ``<mms>`` with smil, text and JPEG parts and
  ``<addrs>`` 137 from / 151 to); emoji as UTF-16 surrogate-pair character
  references, as the app's "store emojis" option writes them.
* ``operator-2026-02-03.csv``: a fictional operator's itemised usage for
  February and March 2026: cp1252, ``;``, CRLF, two title lines, local
  wall-clock time, newest first, a "Totaal" footer.
* ``operator-2026-04.xlsx``: the same operator's April 2026 usage in French,
  with real Excel date-times (local time).
* ``truth.json``: every real contact invented here, which files show it, and
  a per-party summary computed here (not by calllog), for the tests.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import math
import random
import re
import uuid
import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
from openpyxl.styles import Font

SEED = 20260115
TZ = ZoneInfo("Europe/Brussels")
UTC = timezone.utc

OWNER = "+32470000001"
JENS_1, JENS_2, WITHHELD = "+32470000066", "+32470000067", "withheld"
MOTHER, SISTER, COLLEAGUE = "+32470000010", "+32470000020", "+32470000030"
GP, DELIVERY, HELPLINE, POLICE = "+3292100000", "8855", "1712", "101"
HARASSER = (JENS_1, JENS_2, WITHHELD)

NAMES = {JENS_1: "Jens", MOTHER: "Mama", SISTER: "Ine", COLLEAGUE: "Pieter werk",
         GP: "Huisartsenpraktijk De Linde"}
ROLES = {JENS_1: "former partner, first mobile", JENS_2: "former partner, second SIM",
         WITHHELD: "withheld-number calls", MOTHER: "mother", SISTER: "sister",
         COLLEAGUE: "colleague", GP: "GP practice (fixed line)", DELIVERY: "delivery SMS short code",
         HELPLINE: "1712 helpline", POLICE: "101 police"}
NATIONAL = {OWNER: "0470 00 00 01", JENS_1: "0470 00 00 66", JENS_2: "0470 00 00 67",
            MOTHER: "0470 00 00 10", SISTER: "0470 00 00 20", COLLEAGUE: "0470 00 00 30",
            GP: "09 210 00 00"}

START, END = date(2025, 10, 1), date(2026, 4, 30)
NOTICE = date(2026, 1, 15)  # the registered letter
DECEMBER = date(2025, 12, 1)
MIN_GAP_S = 100  # same party, class and direction: keeps operator/handset pairing unambiguous
FILES = ("calls-20260430.xml", "sms-20260430.xml", "operator-2026-02-03.csv", "operator-2026-04.xlsx")
MONTHS_NL = ("jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")
COMPONENT = "com.android.phone/com.android.services.telephony.TelephonyConnectionService"
SMSC = "+32470000900"
# A 1x1 grey baseline JPEG built by hand (SOI, APP0, DQT, SOF0, DHT x2, SOS, one byte, EOI).
JPEG_1X1 = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000"
    "ffdb004300" + "01" * 64 + "ffc0000b080001000101011100"
    "ffc4001400" + "01" + "00" * 15 + "00" + "ffc4001410" + "01" + "00" * 15 + "00"
    "ffda0008010100003f00" + "3f" + "ffd9")


def local_instant(day: date, hh: int, mm: int, ss: int, ms: int = 0, fold: int = 0) -> datetime | None:
    """The UTC instant of a Brussels wall-clock time; None if the clock skips it."""
    wall = datetime(day.year, day.month, day.day, hh, mm, ss, ms * 1000, tzinfo=TZ, fold=fold)
    instant = wall.astimezone(UTC)
    if instant.astimezone(TZ).replace(tzinfo=None) != wall.replace(tzinfo=None):
        return None
    return instant


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


@dataclass
class Contact:
    """One real call attempt or message; ``at`` is the instant the phone
    recorded (or, for a contact only the operator lists, the operator's)."""

    at: datetime
    kind: str  # call, sms, mms
    direction: str  # in, out
    party: str
    status: str
    duration: int = 0
    body: str = ""
    on_handset: bool = True
    op_offset: int = 0  # operator clock minus phone clock, seconds
    raw: str = ""
    read: bool = True
    shown: list[dict[str, object]] = field(default_factory=list)

    @property
    def cls(self) -> str:
        return "call" if self.kind == "call" else "message"


class Plan:
    """Places contacts so that no two of one party, class and direction are
    closer than MIN_GAP_S and calls of the line never overlap."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.contacts: list[Contact] = []

    def fits(self, at: datetime, kind: str, direction: str, party: str, duration: int) -> bool:
        start, end = at.timestamp(), at.timestamp() + duration
        cls = "call" if kind == "call" else "message"
        for other in self.contacts:
            t = other.at.timestamp()
            if other.party == party and other.cls == cls and other.direction == direction \
                    and abs(t - start) < MIN_GAP_S:
                return False
            if kind == "call" and other.kind == "call" \
                    and start < t + other.duration + 30 and t < end + 30:
                return False
        return START <= at.astimezone(TZ).date() <= END

    def add(self, at: datetime | None, kind: str, direction: str, party: str, status: str,
            duration: int = 0, body: str = "", read: bool = True) -> Contact | None:
        if at is None or not self.fits(at, kind, direction, party, duration):
            return None
        contact = Contact(at, kind, direction, party, status, duration, body, read=read)
        self.contacts.append(contact)
        return contact

    def at_hour(self, day: date, hour: int) -> datetime | None:
        rng = self.rng
        return local_instant(day, hour, rng.randrange(60), rng.randrange(60), rng.randrange(1000))

    def somewhen(self, day: date, hours: Sequence[int], weights: Sequence[float], tries: int = 40,
                 **kwargs: object) -> Contact | None:
        """Add a contact at a random time of ``day`` in one of ``hours``."""
        for _ in range(tries):
            contact = self.add(self.at_hour(day, self.rng.choices(hours, weights)[0]), **kwargs)  # type: ignore[arg-type]
            if contact is not None:
                return contact
        return None


DAY_HOURS = list(range(7, 22))
DAY_WEIGHTS = [1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 4, 5, 5, 4]
NIGHT_HOURS = [22, 23, 0, 1, 2, 3, 4, 5, 6]
NIGHT_WEIGHTS = [3, 4, 3, 2, 1.5, 1, 0.6, 0.6, 1]
OFFICE_HOURS = list(range(8, 19))
OFFICE_WEIGHTS = [2, 3, 3, 2, 1, 2, 3, 3, 2, 2, 1]

PLEAD = ["Hey, kunnen we eens praten?", "Ik mis je.", "Waarom antwoord je niet?",
         "Ik wil enkel mijn spullen terug.", "Eén koffie, meer vraag ik niet.",
         "Je reageert niet meer. Alles oké?"]
PRESS = ["Neem op!!", "Je kan me niet zomaar negeren.", "Ik weet dat je thuis bent, het licht brandt.",
         "Waarom doe je dit \U0001F621", "Ik heb je gezien aan de bakker.",
         "Als je niet opneemt, kom ik langs.", "Je bent niks zonder mij."]
AFTER_NL = ["Denk je dat een brief mij tegenhoudt?", "Je gaat hier spijt van krijgen.",
            "Ik weet waar je werkt.", "Ik sta straks aan je deur.", "Je bent nergens veilig.",
            "Ik zie je \U0001F440", "Wacht maar tot ik je tegenkom.", "Ik maak je leven kapot.",
            "Niemand gaat je helpen, ook je zus niet.", "Neem op.", "Waarom blokkeer je me?",
            "Ik wil gewoon praten!!", "Bel me terug. Nu.", "Ik stop niet tot je antwoordt.",
            "Jij en je \"advocaat\" & co, laat me lachen."]
AFTER_FR = ["Tu vas le regretter.", "Je sais où tu habites.", "Réponds-moi, sinon je viens.",
            "Tu ne m'échapperas pas."]
AFTER_EN = ["You can't hide from me.", "Answer the phone or else.", "I'm outside <3"]
TALK: dict[str, tuple[list[str], list[str]]] = {  # (their messages, her messages)
    MOTHER: (["Kom je zondag eten?", "Heb je goed geslapen?", "Bel je me straks even?",
              "Papa vraagt of je de ladder nog nodig hebt.", "Slaap wel schat \U0001F618",
              "Denk eraan: verjaardag van tante Rita zaterdag."],
             ["Ja, tot zondag!", "Oké mama, ik bel je na het werk.", "Goed, dank je.",
              "Nee, hou hem maar \U0001F642", "Ja hoor \u2764\ufe0f"]),
    SISTER: (["Alles oké met jou?", "Zin in een film vrijdag?", "Ik kom morgen langs met de kinderen.",
              "Heeft hij je weer lastiggevallen?", "Stuur je me die foto's nog?", "\U0001F44D"],
             ["Ja, alles goed.", "Graag!", "Hij belt weer de hele avond.",
              "Mag ik dit weekend bij jou slapen?", "Dank je zus \u2764\ufe0f", "Ik laat het je weten."]),
    COLLEAGUE: (["Vergadering verplaatst naar 14u.", "Ben je morgen op kantoor?",
                 "Kan jij het verslag nog nakijken?", "Goed gedaan vandaag \U0001F642",
                 "Ik neem je shift over vrijdag, geen probleem."],
                ["Ja, ik ben er.", "Top, dank je!", "Oké, ik kijk het na."]),
}
DELIVERY_TEXT = ("Uw pakket van Webshop Voorbeeld wordt vandaag geleverd tussen {a}:00 en {b}:00. "
                 "Volg uw zending: https://track.voorbeeld.invalid/t?id={code}&lang=nl")


def poisson(rng: random.Random, mean: float) -> int:
    limit, n, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        n, product = n + 1, product * rng.random()
    return n


def harasser_phase(day: date) -> tuple[float, float]:
    """Expected contacts that day and the share of them at night."""
    if day < DECEMBER:
        return 0.33, 0.10
    if day <= NOTICE:
        return 0.6 + 1.6 * (day - DECEMBER).days / 45, 0.22
    return 2.0 + 1.6 * (day - NOTICE).days / 105, 0.42


BLOCKED_FIRST_AT = local_instant(date(2025, 12, 27), 12, 0, 0)  # she blocks his first number
SECOND_SIM_AT = local_instant(date(2025, 12, 28), 14, 10, 0)  # he has announced his new number
BLOCKED_WITHHELD_AT = local_instant(date(2026, 3, 1), 0, 0, 0)  # and, later, private numbers
SPRING_FORWARD_CALL = local_instant(date(2026, 3, 29), 1, 59, 48, 376)  # the operator logs it after 03:00


def incoming_call_status(rng: random.Random, party: str, at: datetime) -> str:
    assert BLOCKED_FIRST_AT is not None and BLOCKED_WITHHELD_AT is not None
    if party == JENS_1 and at >= BLOCKED_FIRST_AT or party == WITHHELD and at >= BLOCKED_WITHHELD_AT:
        return "blocked"
    rejected_share = 0.25 if at.astimezone(TZ).date() < DECEMBER else 0.45
    return "rejected" if rng.random() < rejected_share else "missed"


def harasser_text(rng: random.Random, day: date) -> str:
    if day < DECEMBER:
        return rng.choice(PLEAD)
    if day <= NOTICE:
        return rng.choice(PRESS + PLEAD[:3])
    pool = rng.choices([AFTER_NL, AFTER_FR, AFTER_EN], [75, 15, 10])[0]
    return rng.choice(pool)


def scripted_story(plan: Plan) -> None:
    """The contacts the story needs on fixed dates (see STORY.md)."""
    def at(y: int, mo: int, d: int, h: int, mi: int, s: int, ms: int = 0, fold: int = 0) -> datetime | None:
        return local_instant(date(y, mo, d), h, mi, s, ms, fold)

    def p(*args: object, **kwargs: object) -> None:
        if plan.add(*args, **kwargs) is None:  # type: ignore[arg-type]
            raise SystemExit(f"the story's contact does not fit: {args}")

    p(at(2025, 10, 2, 19, 12, 7, 311), "sms", "in", JENS_1, "received", body=PLEAD[0])
    p(at(2025, 10, 2, 19, 31, 40, 52), "sms", "out", JENS_1, "sent", body="Nee Jens. Het is gedaan. Laat me met rust.")
    p(at(2025, 10, 5, 20, 3, 15, 774), "call", "in", JENS_1, "answered", 312)
    p(at(2025, 10, 11, 18, 44, 2, 5), "sms", "out", JENS_1, "sent", body="Ik wil niet meer dat je belt.")
    p(at(2025, 10, 19, 21, 5, 55, 640), "call", "in", JENS_1, "answered", 95)
    p(at(2025, 10, 24, 17, 20, 31, 120), "call", "out", JENS_1, "answered", 140)
    # the night the clocks go back: 02:31 summer time, then 02:34 winter time
    p(at(2025, 10, 26, 2, 31, 5, 402), "call", "in", JENS_1, "missed")
    p(at(2025, 10, 26, 2, 34, 40, 918, fold=1), "call", "in", JENS_1, "missed")
    p(at(2025, 11, 8, 10, 2, 12, 337), "sms", "out", JENS_1, "sent", body="Stop. Ik antwoord niet meer.")
    p(at(2025, 11, 21, 11, 39, 37, 204), "sms", "in", SISTER, "received",
      body="Boodschappen voor zaterdag:\n- brood\n- kaas\n- wijn \U0001F377")
    p(at(2025, 12, 14, 22, 47, 3), "mms", "in", JENS_1, "received", body="Herken je deze deur nog?")
    p(at(2025, 12, 20, 23, 41, 18, 260), "call", "in", JENS_1, "voicemail", 38)
    # his first call from the second SIM: she does not know the number yet and answers
    p(at(2025, 12, 28, 13, 58, 2, 15), "call", "in", JENS_2, "answered", 14)
    p(at(2025, 12, 28, 14, 5, 44, 871), "sms", "in", JENS_2, "received",
      body="+32 470 00 00 67 is mijn nieuw nummer. Blokkeer dit ook maar, ik vind je toch.")
    p(at(2026, 1, 10, 14, 20, 9, 455), "call", "out", HELPLINE, "answered", 1460)
    p(at(2026, 1, 16, 19, 2, 51, 90), "sms", "in", JENS_2, "received",
      body="Denk je dat een aangetekende brief mij tegenhoudt? \U0001F621")
    p(at(2026, 1, 18, 11, 15, 0), "mms", "out", SISTER, "sent",
      body="Kijk: het bewijs dat de aangetekende brief is afgegeven.")
    p(at(2026, 2, 7, 23, 48, 26, 733), "sms", "in", JENS_2, "received",
      body='=HYPERLINK("http://foto.voorbeeld.invalid/jij","Klik hier, ik heb foto\'s van je")')
    p(at(2026, 2, 14, 0, 12, 9, 508), "sms", "in", JENS_2, "received", body="Lees dit goed.\nIk stop niet.\nNooit.")
    burst(plan, at(2026, 2, 21, 22, 31, 4, 222), JENS_2, 6)
    p(at(2026, 2, 21, 22, 44, 37, 601), "sms", "in", JENS_2, "received", body="Ik sta beneden.")
    p(at(2026, 2, 21, 22, 52, 10, 47), "call", "out", POLICE, "answered", 412)
    # the night the clocks go forward: 01:59:48 winter time, then 03:04 summer time
    p(SPRING_FORWARD_CALL, "call", "in", JENS_2, "rejected")
    p(at(2026, 3, 29, 3, 4, 10, 819), "call", "in", WITHHELD, "blocked")


def burst(plan: Plan, start: datetime | None, party: str, size: int) -> None:
    """``size`` calls about 100-118 s apart: 5 or more within 10 minutes."""
    rng, at = plan.rng, start
    for _ in range(size):
        if at is None:
            return
        for _ in range(6):
            if plan.add(at, "call", "in", party, incoming_call_status(rng, party, at)):
                break
            at += timedelta(seconds=20)
        at += timedelta(seconds=rng.randint(MIN_GAP_S, 118), milliseconds=rng.randrange(1000))


def harasser_party_and_kind(rng: random.Random, at: datetime) -> tuple[str, str]:
    """Which of his lines, and call or text: his first number until she
    blocks it (then only blocked calls from it), the second SIM after that,
    withheld calls from mid-December."""
    assert BLOCKED_FIRST_AT is not None and SECOND_SIM_AT is not None
    if at < SECOND_SIM_AT:
        withheld_share = 15 if at.astimezone(TZ).date() >= date(2025, 12, 10) else 0
        party = rng.choices([JENS_1, WITHHELD], [85, withheld_share])[0]
    else:
        party = rng.choices([JENS_2, WITHHELD, JENS_1], [55, 33, 12])[0]
    if party == JENS_2 or party == JENS_1 and at < BLOCKED_FIRST_AT:
        return party, rng.choices(["call", "sms"], [60, 40])[0]
    return party, "call"


def harasser(plan: Plan) -> None:
    rng = plan.rng
    for day in days(date(2025, 10, 3), END):  # his first message opens the story on 2 October
        mean, night = harasser_phase(day)
        for _ in range(poisson(rng, mean)):
            hours, weights = (NIGHT_HOURS, NIGHT_WEIGHTS) if rng.random() < night else (DAY_HOURS, DAY_WEIGHTS)
            for _ in range(30):
                at = plan.at_hour(day, rng.choices(hours, weights)[0])
                if at is None:
                    continue
                party, kind = harasser_party_and_kind(rng, at)
                if kind == "call":
                    added = plan.add(at, "call", "in", party, incoming_call_status(rng, party, at))
                else:
                    added = plan.add(at, "sms", "in", party, "received", body=harasser_text(rng, day),
                                     read=rng.random() < (1.0 if day <= NOTICE else 0.7))
                if added:
                    break
    evenings = rng.sample(days(date(2026, 1, 17), date(2026, 4, 29)), 14)
    for day in sorted(evenings):
        party = JENS_2 if rng.random() < 0.8 else WITHHELD
        burst(plan, plan.at_hour(day, rng.choice([20, 21, 22, 23])), party, rng.randint(5, 7))


def ordinary(plan: Plan) -> None:
    rng = plan.rng
    for day in days(START, END):
        weekday = day.weekday() < 5
        for party, call_p, thread_p in ((MOTHER, 0.22, 0.15), (SISTER, 0.07, 0.3 if day < DECEMBER else 0.4),
                                        (COLLEAGUE, 0.15 if weekday else 0, 0.12 if weekday else 0)):
            hours, weights = (OFFICE_HOURS, OFFICE_WEIGHTS) if party == COLLEAGUE else (DAY_HOURS, DAY_WEIGHTS)
            if rng.random() < call_p:
                direction = rng.choice(["in", "out"])
                missed = direction == "in" and rng.random() < 0.15
                call = plan.somewhen(day, hours, weights, kind="call", direction=direction, party=party,
                                     status="missed" if missed else "answered",
                                     duration=0 if missed else rng.randint(25, 1500))
                if call and missed:  # she calls back
                    plan.add(call.at + timedelta(minutes=rng.randint(5, 40), seconds=rng.randint(0, 59)),
                             "call", "out", party, "answered", rng.randint(40, 900))
            if rng.random() < thread_p:
                theirs, hers = TALK[party]
                first_in = rng.random() < 0.6
                msg = plan.somewhen(day, hours, weights, kind="sms", direction="in" if first_in else "out",
                                    party=party, status="received" if first_in else "sent",
                                    body=rng.choice(theirs if first_in else hers))
                if msg and rng.random() < 0.8:
                    reply_in = not first_in
                    plan.add(msg.at + timedelta(seconds=rng.randint(60, 900), milliseconds=rng.randrange(1000)),
                             "sms", "in" if reply_in else "out", party, "received" if reply_in else "sent",
                             body=rng.choice(theirs if reply_in else hers))
    for y, m, d, direction, duration in ((2025, 10, 14, "out", 95), (2025, 10, 16, "in", 140),
                                         (2026, 1, 12, "out", 80), (2026, 2, 23, "out", 120),
                                         (2026, 2, 24, "in", 305), (2026, 4, 9, "out", 70)):
        plan.somewhen(date(y, m, d), OFFICE_HOURS, OFFICE_WEIGHTS, kind="call", direction=direction,
                      party=GP, status="answered", duration=duration)
    for y, m, d in ((2025, 10, 7), (2025, 11, 3), (2025, 11, 25), (2025, 12, 9), (2025, 12, 18),
                    (2026, 2, 5), (2026, 3, 12), (2026, 3, 30), (2026, 4, 16)):
        a = rng.randint(9, 16)
        body = DELIVERY_TEXT.format(a=a, b=a + 2, code=rng.randint(100000, 999999))
        plan.somewhen(date(y, m, d), OFFICE_HOURS, OFFICE_WEIGHTS, kind="sms", direction="in",
                      party=DELIVERY, status="received", body=body)


# --- what each file shows -------------------------------------------------

BACKUP_SMS_AT = local_instant(END, 22, 14, 3)
BACKUP_CALLS_AT = local_instant(END, 22, 14, 9)
CSV_MONTHS, XLSX_MONTHS = ((2026, 2), (2026, 3)), ((2026, 4),)


@dataclass
class Coverage:
    """The deliberate gaps of the operator exports."""

    missing_day: date  # absent from the operator CSV altogether
    omitted_sms_days: list[date]  # incoming SMS of these days are not listed


def operator_at(c: Contact) -> datetime:
    return c.at.replace(microsecond=0) + timedelta(seconds=c.op_offset)


def operator_file(c: Contact, cover: Coverage) -> str | None:
    """The operator export that lists ``c``, if any."""
    local = operator_at(c).astimezone(TZ)
    month, day = (local.year, local.month), local.date()
    if month not in CSV_MONTHS + XLSX_MONTHS or day == cover.missing_day:
        return None
    if c.kind != "call" and c.direction == "in" and day in cover.omitted_sms_days:
        return None
    assert c.kind != "mms", "the operator exports have no MMS column"
    return FILES[2] if month in CSV_MONTHS else FILES[3]


def handset_file(c: Contact) -> str | None:
    assert BACKUP_CALLS_AT is not None and BACKUP_SMS_AT is not None
    if not c.on_handset:
        return None
    if c.kind == "call":
        return FILES[0] if c.at < BACKUP_CALLS_AT else None
    return FILES[1] if c.at < BACKUP_SMS_AT else None


def truth_instant(c: Contact) -> datetime:
    return c.at if handset_file(c) else operator_at(c)


def truth_status(c: Contact) -> str:
    """What an honest reader of the files can tell: the phone's status, or
    the operator's (Gemist/Manqué = missed) when only the operator lists it."""
    if handset_file(c) or c.kind != "call" or c.direction == "out":
        return c.status
    return "answered" if c.duration > 0 else "missed"


def choose_gaps(contacts: list[Contact], rng: random.Random) -> Coverage:
    """Clock differences, calls deleted on the phone, and the operator's gaps."""
    for c in contacts:
        c.op_offset = 24 if c.at == SPRING_FORWARD_CALL else rng.randint(0, 40)
    story_days = {date(2026, 2, 7), date(2026, 2, 14), date(2026, 2, 21), date(2026, 3, 29)}

    def lonely_missed(c: Contact, first: date, last: date) -> bool:
        # far from any other call of the party, so that its operator row pairs with nothing
        local = c.at.astimezone(TZ).date()
        return (c.kind == "call" and c.direction == "in" and c.status == "missed" and c.party in HARASSER
                and first <= local <= last and local not in story_days
                and all(abs((o.at - c.at).total_seconds()) > 300 for o in contacts
                        if o is not c and o.party == c.party and o.kind == "call"))

    deleted = rng.sample([c for c in contacts if lonely_missed(c, date(2026, 2, 1), date(2026, 3, 31))], 3)
    deleted += rng.sample([c for c in contacts if lonely_missed(c, date(2026, 4, 1), date(2026, 4, 29))], 1)
    for c in deleted:
        c.on_handset, c.at, c.op_offset = False, operator_at(c), 0
    deleted_days = {c.at.astimezone(TZ).date() for c in deleted}
    candidates = [d for d in days(date(2026, 2, 2), date(2026, 3, 30)) if d not in story_days | deleted_days]
    missing_day = rng.choice(candidates)
    sms_days = sorted({c.at.astimezone(TZ).date() for c in contacts
                       if c.kind == "sms" and c.direction == "in" and c.at.month in (2, 3, 4)
                       and c.at.astimezone(TZ).date() not in story_days | {missing_day}})
    omitted = sorted(rng.sample([d for d in sms_days if d.month in (2, 3)], 4)
                     + rng.sample([d for d in sms_days if d.month == 4], 2))
    cover = Coverage(missing_day, omitted)
    # The first and last contact of every party carry no clock difference, so
    # its first/last second does not depend on which copy a reader keeps.
    while True:
        changed = False
        for party in sorted({c.party for c in contacts}):
            mine = sorted((c for c in contacts if c.party == party), key=lambda c: truth_instant(c))
            incoming = [c for c in mine if c.direction == "in"]
            for c in {id(x): x for x in (mine[0], mine[-1], *incoming[:1], *incoming[-1:])}.values():
                if c.op_offset and handset_file(c) and operator_file(c, cover):
                    c.op_offset, changed = 0, True
        if not changed:
            return cover


# --- writers ---------------------------------------------------------------

XML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
CALL_TYPES = {"answered": 1, "missed": 3, "voicemail": 4, "rejected": 5, "blocked": 6}


def xml_attr(value: str) -> str:
    """Escape as the app does; characters beyond U+FFFF become two UTF-16
    surrogate references (invalid XML that strict parsers reject)."""
    out = []
    for ch in value:
        if ch in XML_ESCAPES:
            out.append(XML_ESCAPES[ch])
        elif ord(ch) > 0xFFFF:
            code = ord(ch) - 0x10000
            out.append(f"&#{0xD800 + (code >> 10)};&#{0xDC00 + (code & 0x3FF)};")
        else:
            out.append(ch)
    return "".join(out)


def tag(name: str, attrs: list[tuple[str, object]], indent: str, empty: bool = True) -> str:
    body = " ".join(f'{key}="{xml_attr(str(value))}"' for key, value in attrs)
    return f"{indent}<{name} {body}{' />' if empty else '>'}"


def ms(at: datetime) -> int:
    return round(at.timestamp() * 1000)


def readable(at: datetime) -> str:
    """The app's readable_date in the phone's nl-BE locale: 30 apr. 2026 22:14:03."""
    local = at.astimezone(TZ)
    return f"{local.day} {MONTHS_NL[local.month - 1]} {local.year} {local:%H:%M:%S}"


def handset_number(rng: random.Random, c: Contact) -> str:
    if c.party == WITHHELD:
        return rng.choice(["", "-2"])
    if c.party not in NATIONAL:  # short numbers
        return c.party
    national = NATIONAL[c.party]
    if c.direction == "out":  # dialled from the contacts list, as saved there
        return rng.choice([c.party, national])
    return rng.choices([c.party, national.replace(" ", ""), national], [80, 12, 8])[0]


def header(root: str, count: int, rng: random.Random, at: datetime) -> list[str]:
    backup_set = uuid.UUID(int=rng.getrandbits(128), version=4)
    return ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>",
            f"<!--File Created By SMS Backup & Restore v10.22.001 on {at.astimezone(TZ):%d/%m/%Y %H:%M:%S}-->",
            f'<{root} count="{count}" backup_set="{backup_set}" backup_date="{ms(at)}" type="full">']


def write_calls(path: Path, contacts: list[Contact], rng: random.Random) -> None:
    assert BACKUP_CALLS_AT is not None
    calls = sorted((c for c in contacts if handset_file(c) == FILES[0]), key=lambda c: c.at, reverse=True)
    lines = header("calls", len(calls), rng, BACKUP_CALLS_AT)
    for n, c in enumerate(calls, 1):
        c.raw = handset_number(rng, c)
        attrs: list[tuple[str, object]] = [
            ("number", c.raw), ("duration", c.duration), ("date", ms(c.at)),
            ("type", 2 if c.direction == "out" else CALL_TYPES[c.status]),
            ("presentation", 2 if c.party == WITHHELD else 1), ("subscription_id", 1),
            ("post_dial_digits", ""), ("subscription_component_name", COMPONENT),
            ("readable_date", readable(c.at)), ("contact_name", NAMES.get(c.party, "(Unknown)"))]
        lines.append(tag("call", attrs, "  "))
        c.shown.append({"file": FILES[0], "where": f"call #{n}", "as_written": readable(c.at)})
    path.write_bytes(("\n".join(lines + ["</calls>", ""])).encode("utf-8"))


def sms_element(c: Contact, rng: random.Random) -> list[str]:
    sent = c.direction == "out"
    date_sent = 0 if sent else (ms(c.at) // 1000 - rng.randint(2, 9)) * 1000  # the sender's clock, whole seconds
    attrs: list[tuple[str, object]] = [
        ("protocol", 0), ("address", c.raw), ("date", ms(c.at)), ("type", 2 if sent else 1),
        ("subject", "null"), ("body", c.body), ("toa", "null"), ("sc_toa", "null"),
        ("service_center", "null" if sent else SMSC), ("read", int(c.read)), ("status", -1),
        ("locked", 0), ("date_sent", date_sent), ("sub_id", 1), ("readable_date", readable(c.at)),
        ("contact_name", NAMES.get(c.party, "(Unknown)"))]
    return [tag("sms", attrs, "  ")]


def mms_element(c: Contact, n: int) -> list[str]:
    sent = c.direction == "out"
    seconds = ms(c.at) // 1000
    smil = ('<smil><head><layout><root-layout/><region id="Image" fit="meet" top="0" left="0" height="80%" '
            'width="100%"/><region id="Text" top="80%" left="0" height="20%" width="100%"/></layout></head>'
            '<body><par dur="5000ms"><img src="image000000.jpg" region="Image"/>'
            '<text src="text000001.txt" region="Text"/></par></body></smil>')
    attrs: list[tuple[str, object]] = [
        ("date", seconds * 1000), ("rr", 129), ("sub", "null"), ("ct_t", "application/vnd.wap.multipart.related"),
        ("read_status", "null"), ("seen", 1), ("msg_box", 2 if sent else 1), ("address", c.raw),
        ("sub_cs", "null"), ("resp_st", 128 if sent else "null"), ("retr_st", "null"), ("d_tm", "null"),
        ("text_only", 0), ("exp", 604800), ("locked", 0), ("m_id", f"mms{seconds:x}{n:04d}"), ("st", "null"),
        ("retr_txt_cs", "null"), ("retr_txt", "null"), ("creator", "com.google.android.apps.messaging"),
        ("date_sent", 0 if sent else seconds - 4), ("read", 1), ("m_size", 1320 + len(c.body)),
        ("rpt_a", "null"), ("ct_cls", "null"), ("pri", 129), ("sub_id", 1), ("tr_id", f"T{seconds:x}"),
        ("resp_txt", "null"), ("ct_l", "null" if sent else f"http://mms.voorbeeld.invalid/{seconds:x}"),
        ("m_cls", "personal"), ("d_rpt", 129), ("v", 18), ("_id", 40 + n), ("m_type", 128 if sent else 132),
        ("readable_date", readable(c.at)), ("contact_name", NAMES.get(c.party, "(Unknown)"))]
    part = ["seq", "ct", "name", "chset", "cd", "fn", "cid", "cl", "ctt_s", "ctt_t", "text"]
    parts = [
        ["-1", "application/smil", "null", "null", "null", "null", "<smil>", "smil.xml", "null", "null", smil],
        ["0", "image/jpeg", "image000000.jpg", "null", "null", "null", "<image000000>", "image000000.jpg",
         "null", "null", "null"],
        ["0", "text/plain", "null", "106", "null", "null", "<text000001>", "text000001.txt", "null", "null", c.body]]
    lines = [tag("mms", attrs, "  ", empty=False), "    <parts>"]
    for values in parts:
        extra = [("data", base64.b64encode(JPEG_1X1).decode())] if values[1] == "image/jpeg" else []
        lines.append(tag("part", list(zip(part, values)) + extra, "      "))  # type: ignore[arg-type]
    them, me = (c.raw, OWNER) if not sent else (OWNER, c.raw)
    lines += ["    </parts>", "    <addrs>",
              tag("addr", [("address", them), ("type", 137), ("charset", 106)], "      "),
              tag("addr", [("address", me), ("type", 151), ("charset", 106)], "      "),
              "    </addrs>", "  </mms>"]
    return lines


def write_messages(path: Path, contacts: list[Contact], rng: random.Random) -> None:
    assert BACKUP_SMS_AT is not None
    messages = sorted((c for c in contacts if handset_file(c) == FILES[1]), key=lambda c: c.at)
    lines = header("smses", len(messages), rng, BACKUP_SMS_AT)
    for n, c in enumerate(messages, 1):
        c.raw = c.party if c.party not in NATIONAL or rng.random() < 0.9 else NATIONAL[c.party].replace(" ", "")
        lines += mms_element(c, n) if c.kind == "mms" else sms_element(c, rng)
        c.shown.append({"file": FILES[1], "where": f"{c.kind} #{n}", "as_written": readable(c.at)})
    path.write_bytes(("\n".join(lines + ["</smses>", ""])).encode("utf-8"))


def operator_rows(contacts: list[Contact], cover: Coverage, name: str) -> list[Contact]:
    return [c for c in contacts if operator_file(c, cover) == name]


def operator_number(c: Contact, withheld: str) -> str:
    return withheld if c.party == WITHHELD else NATIONAL.get(c.party, c.party)


def operator_duration(c: Contact) -> int:
    return c.duration + (1 if c.duration and c.at.second % 3 == 0 else 0)  # billing rounds up now and then


def hms(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def write_operator_csv(path: Path, contacts: list[Contact], cover: Coverage) -> None:
    rows = sorted(operator_rows(contacts, cover, FILES[2]), key=operator_at, reverse=True)
    lines = ["Gedetailleerd verbruik \u2013 fictief voorbeeld", f"Lijn: {NATIONAL[OWNER]}", "",
             "Datum;Uur;Nummer;Richting;Soort;Duur"]
    total = 0
    for c in rows:
        local = operator_at(c).astimezone(TZ)
        answered = c.kind != "call" or c.direction == "out" or c.status == "answered"
        direction = "Uitgaand" if c.direction == "out" else "Inkomend" if answered else "Gemist"
        seconds = operator_duration(c) if c.kind == "call" else 0
        total += seconds
        lines.append(f"{local:%d/%m/%Y};{local:%H:%M:%S};{operator_number(c, 'Anoniem')};{direction};"
                     f"{'Oproep' if c.kind == 'call' else 'SMS'};{hms(seconds)}")
        c.shown.append({"file": FILES[2], "where": f"line {len(lines)}", "as_written": f"{local:%d/%m/%Y %H:%M:%S}"})
    lines.append(f"Totaal;;;;;{hms(total)}")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def french_duration(seconds: int) -> str:
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds // 60 % 60:02d} min {seconds % 60:02d} s"
    return f"{seconds // 60} min {seconds % 60} s" if seconds >= 60 else f"{seconds} s"


FIXED_XLSX_TIME = datetime(2026, 5, 1, 8, 0, 0)


def write_operator_xlsx(path: Path, contacts: list[Contact], cover: Coverage) -> None:
    rows = sorted(operator_rows(contacts, cover, FILES[3]), key=operator_at)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Communications"
    sheet.append(["Détail des communications \u2013 exemple fictif"])
    sheet.append(["Date et heure", "Numéro", "Sens", "Service", "Durée"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for c in rows:
        local = operator_at(c).astimezone(TZ).replace(tzinfo=None)
        answered = c.kind != "call" or c.direction == "out" or c.status == "answered"
        sens = "Sortant" if c.direction == "out" else "Entrant" if answered else "Manqué"
        seconds = operator_duration(c) if c.kind == "call" else 0
        sheet.append([local, operator_number(c, "Numéro masqué"), sens,
                      "Appel" if c.kind == "call" else "SMS", french_duration(seconds)])
        sheet.cell(sheet.max_row, 1).number_format = "dd/mm/yyyy hh:mm:ss"
        c.shown.append({"file": FILES[3], "where": f"row {sheet.max_row}", "as_written": f"{local:%d/%m/%Y %H:%M:%S}"})
    for column, width in zip("ABCDE", (20, 16, 10, 10, 14)):
        sheet.column_dimensions[column].width = width
    book.properties.creator = "Opérateur fictif"
    book.properties.created = FIXED_XLSX_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(reproducible_zip(buffer.getvalue()))


def reproducible_zip(data: bytes) -> bytes:
    """openpyxl stamps the save time into the zip entries and docProps; fix both."""
    stamp = FIXED_XLSX_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            if info.filename == "docProps/app.xml":  # no library name or version in the file
                content = re.sub(rb"<Application>.*</AppVersion>", b"<Application>Fictional operator portal"
                                 b"</Application>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_XLSX_TIME.timetuple()[:6])
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


# --- ground truth ------------------------------------------------------------

def local_iso(at: datetime) -> str:
    return at.astimezone(TZ).replace(microsecond=0).isoformat()


def truth_contacts(contacts: list[Contact], cover: Coverage) -> list[dict[str, object]]:
    rows = []
    for c in sorted(contacts, key=lambda c: truth_instant(c)):
        instant = truth_instant(c)
        rows.append({
            "owner_line": OWNER, "instant_utc": instant.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "local": local_iso(instant), "class": c.cls, "kind": c.kind, "direction": c.direction,
            "status": truth_status(c), "party": c.party,
            "duration_s": c.duration if handset_file(c) or c.kind != "call" else operator_duration(c),
            "text": c.body if c.cls == "message" else None,
            "files": [shown["file"] for shown in c.shown], "shown": c.shown})
    return rows


def summarise(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Per party, from the truth rows (not from calllog)."""
    summary = []
    for party in sorted({str(r["party"]) for r in rows}):
        mine = [r for r in rows if r["party"] == party]
        incoming = [r for r in mine if r["direction"] == "in"]
        outgoing = [r for r in mine if r["direction"] == "out"]
        summary.append({
            "party": party, "role": ROLES[party], "incoming": len(incoming), "outgoing": len(outgoing),
            "calls_in": sum(r["class"] == "call" for r in incoming),
            "messages_in": sum(r["class"] == "message" for r in incoming),
            "calls_out": sum(r["class"] == "call" for r in outgoing),
            "messages_out": sum(r["class"] == "message" for r in outgoing),
            "unanswered_calls": sum(r["class"] == "call" and r["status"] != "answered" for r in incoming),
            "first": mine[0]["local"], "last": mine[-1]["local"],
            "first_in": incoming[0]["local"] if incoming else None,
            "last_in": incoming[-1]["local"] if incoming else None})
    return sorted(summary, key=lambda s: (-int(s["incoming"]), str(s["party"])))  # type: ignore[call-overload]


def burst_days(rows: list[dict[str, object]]) -> int:
    """Dates on which one of his parties reached 5 incoming contacts within 10 minutes."""
    found = set()
    for party in HARASSER:
        times = [datetime.fromisoformat(str(r["instant_utc"]).replace("Z", "+00:00"))
                 for r in rows if r["party"] == party and r["direction"] == "in"]
        for i in range(len(times) - 4):
            if times[i + 4] - times[i] < timedelta(minutes=10):
                found.add(times[i].astimezone(TZ).date())
    return len(found)


def headline(rows: list[dict[str, object]]) -> dict[str, int]:
    notice_end = datetime(2026, 1, 15, 23, 59, 59, tzinfo=TZ)
    his = [r for r in rows if r["party"] in HARASSER and r["direction"] == "in"]
    after = [r for r in his if datetime.fromisoformat(str(r["local"])) > notice_end]
    night = [r for r in his if not 7 <= datetime.fromisoformat(str(r["local"])).hour < 22]
    return {
        "events": len(rows), "calls": sum(r["class"] == "call" for r in rows),
        "messages": sum(r["class"] == "message" for r in rows),
        "corroborated": sum(len(r["files"]) >= 2 for r in rows),  # type: ignore[arg-type]
        "operator_only": sum(r["files"] in ([FILES[2]], [FILES[3]]) for r in rows),
        "harasser_incoming": len(his), "harasser_calls": sum(r["class"] == "call" for r in his),
        "harasser_messages": sum(r["class"] == "message" for r in his),
        "harasser_unanswered_calls": sum(r["class"] == "call" and r["status"] != "answered" for r in his),
        "harasser_after_notice": len(after),
        "harasser_night": len(night),
        "harasser_night_after_notice": sum(r in night for r in after),
        "her_replies_to_him": sum(r["party"] in HARASSER and r["direction"] == "out" for r in rows),
        "burst_days": burst_days(rows),
        "ordinary_events": sum(r["party"] not in HARASSER for r in rows)}


FIGURES_START, FIGURES_END = "<!-- figures:start -->", "<!-- figures:end -->"


def figures_markdown(figures: dict[str, int], cover: Coverage) -> str:
    f = figures
    return "\n".join([
        FIGURES_START,
        "*(written by `make_samples.py` from `truth.json`; do not edit by hand)*", "",
        f"- Real contacts in the four files together: **{f['events']}** "
        f"({f['calls']} call attempts, {f['messages']} messages).",
        f"- Shown by two files (phone backup and operator export): {f['corroborated']}; "
        f"shown only by an operator export: {f['operator_only']}.",
        f"- From the former partner (both numbers and withheld calls): **{f['harasser_incoming']}** "
        f"incoming contacts ({f['harasser_calls']} calls, of which {f['harasser_unanswered_calls']} unanswered, "
        f"and {f['harasser_messages']} messages).",
        f"- After the registered letter of 15 January 2026: {f['harasser_after_notice']}; "
        f"at night (22:00-06:59): {f['harasser_night']} in all, {f['harasser_night_after_notice']} after the letter.",
        f"- Days with 5 or more contacts from one of his numbers within 10 minutes: {f['burst_days']}.",
        f"- Her own calls and messages to him: {f['her_replies_to_him']}, all in October and November 2025.",
        f"- Ordinary contacts (family, work, GP, delivery, 1712, 101): {f['ordinary_events']}.",
        f"- Day missing from the operator CSV: {cover.missing_day:%d/%m/%Y}; days whose incoming SMS the "
        f"operator did not list: {', '.join(f'{d:%d/%m/%Y}' for d in cover.omitted_sms_days)}.",
        FIGURES_END])


def update_story(path: Path, block: str) -> None:
    if not path.exists():
        return
    text = path.read_text("utf-8")
    start, end = text.find(FIGURES_START), text.find(FIGURES_END)
    if start >= 0 and end > start:
        path.write_text(text[:start] + block + text[end + len(FIGURES_END):], "utf-8")


# --- checks and main -----------------------------------------------------------

SURROGATE_PAIR = re.compile(r"&#(5[56]\d{3});&#(5[67]\d{3});")


def check(out: Path) -> None:
    """Re-read what was written, the way an importer must."""
    def combine(match: re.Match[str]) -> str:
        high, low = int(match.group(1)), int(match.group(2))
        return f"&#{0x10000 + (high - 0xD800) * 0x400 + (low - 0xDC00)};"

    for name in FILES[:2]:
        text = SURROGATE_PAIR.sub(combine, (out / name).read_text("utf-8"))
        root = ElementTree.fromstring(text)
        assert int(root.get("count", -1)) == len(root), name
    lines = (out / FILES[2]).read_bytes().decode("cp1252").split("\r\n")
    assert lines[3] == "Datum;Uur;Nummer;Richting;Soort;Duur" and lines[-2].startswith("Totaal;")
    sheet = openpyxl.load_workbook(out / FILES[3]).active
    assert sheet is not None and isinstance(sheet.cell(3, 1).value, datetime)
    for name in FILES:
        assert (out / name).stat().st_size < 1_000_000, name


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the fictional demo case of calllog.")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                        help="folder to write to (default: the samples folder)")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    plan = Plan(rng)
    scripted_story(plan)
    harasser(plan)
    ordinary(plan)
    # a call after the phone backup was made: only the April operator export shows it
    plan.add(local_instant(END, 23, 10, 27, 0), "call", "in", JENS_2, "missed")
    contacts = sorted(plan.contacts, key=lambda c: c.at)
    cover = choose_gaps(contacts, rng)
    write_calls(out / FILES[0], contacts, rng)
    write_messages(out / FILES[1], contacts, rng)
    write_operator_csv(out / FILES[2], contacts, cover)
    write_operator_xlsx(out / FILES[3], contacts, cover)
    rows = truth_contacts(contacts, cover)
    figures = headline(rows)
    truth = {
        "schema": "calllog.samples-truth/1",
        "fictional": "Every person, number and event in these files is invented for demonstration.",
        "timezone": "Europe/Brussels", "owner_line": OWNER, "files": list(FILES),
        "notices": [{"date": NOTICE.isoformat(), "what": "registered letter asking him to stop"}],
        "rules": [
            "One real contact is one entry, however many files show it; 'files' lists them.",
            "instant_utc is the phone's (ms) when the phone backup shows the contact, else the operator's.",
            "status is the phone's when the phone backup shows the contact; else the operator's "
            "(Gemist/Manqué = missed, Inkomend/Entrant with a duration = answered); outgoing calls are 'answered'.",
            "Operator times are 0-40 s later than the phone's, except for each party's first and last "
            "contact (and first and last incoming contact), where they are equal to the second.",
            "first/last: the party's earliest/latest contact in either direction, local time, whole seconds; "
            "first_in/last_in: the same over incoming contacts only.",
            "unanswered_calls: incoming calls whose status is not 'answered'.",
            "MMS count as one contact each (no group MMS)."],
        "operator_gaps": {"missing_day": cover.missing_day.isoformat(),
                          "incoming_sms_not_listed_on": [d.isoformat() for d in cover.omitted_sms_days]},
        "totals": {key: figures[key] for key in ("events", "calls", "messages", "corroborated")},
        "headline": figures, "parties": summarise(rows), "contacts": rows}
    # one contact per line keeps the file small and easy to diff
    listing = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
    text = json.dumps(truth | {"contacts": "@"}, ensure_ascii=False, indent=1)
    (out / "truth.json").write_text(text.replace('"contacts": "@"', f'"contacts": [\n{listing}\n ]') + "\n", "utf-8")
    update_story(out / "STORY.md", figures_markdown(figures, cover))
    check(out)
    for key, value in figures.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
