"""The diary: what happened off the phone, as victim-support services advise.

Each entry (belgium-context.md §5, the seed text): when (local date and
time in the case's zone, written ``YYYY-MM-DD HH:MM`` or ``DD/MM/YYYY
HH:MM``, seconds optional; ``18h30`` and ``18u30`` are read as 18:30),
what happened, where, what kind (``calllog.i18n.diary.KINDS``; a key or a
label in nl, fr or en), witnesses, the PV number if it was reported, and
evidence files (screenshots, voicemail recordings, photos of letters).

Evidence files are kept like imported exports: copied byte for byte into
``originals/``, named by their SHA-256, read-only; the entry records name,
hash and size. Entries are never deleted. An edit keeps every earlier
value in the history, so the diary shows what was written first.

A wall-clock time the clocks skip (the March night) is read with the offset
before the gap and one that happens twice (the October night) as its first
occurrence, as ``calllog.timeutil.resolve_wall_clock`` does; ``add_entry``
says so through ``WhenRead``.
"""

from __future__ import annotations

import json
import re
import unicodedata
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from calllog.case import Case, KeptOriginal
from calllog.errors import CalllogError
from calllog.i18n import diary as words
from calllog.store import from_us, to_us
from calllog.store_diary import (
    add_evidence, change_field, change_when, entry_row, entry_rows, evidence_rows, history_rows, insert_entry,
    note_evidence_added,
)
from calllog.timeutil import local_iso, resolve_wall_clock, utc_iso

DIARY_SCHEMA = "calllog.diary/1"
WHEN_HINT = "Write the local date and time as 2026-02-03 18:30 (or 03/02/2026 18:30)."

_DATE = r"(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})"
_TIME = r"(?P<hour>\d{1,2})[:hHuU.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
_WHEN = re.compile(rf"{_DATE}(?:[T ]+|\s*,\s*){_TIME}")

# words people write for a kind, besides its key and its labels
KIND_ALIASES: dict[str, str] = {
    **dict.fromkeys(["achtervolgen", "achtervolgd", "gevolgd", "volgen", "suivi", "suivre", "followed"], "following"),
    **dict.fromkeys(["bespied", "bespieden", "espionnage", "espionner", "spying", "surveiller"], "watching"),
    **dict.fromkeys(["opwachten", "opgewacht", "attente", "waiting", "wachten"], "waiting_near_home"),
    **dict.fromkeys(["levering", "leveringen", "bezorging", "pakje", "pakjes", "livraison", "livraisons",
                     "delivery", "deliveries", "colis", "parcel"], "deliveries"),
    **dict.fromkeys(["bloemen", "geschenk", "geschenken", "cadeau", "cadeaus", "cadeaux", "fleurs", "flowers",
                     "gifts"], "gifts"),
    **dict.fromkeys(["sociale media", "social media", "reseaux sociaux", "facebook", "instagram"], "social_media"),
    **dict.fromkeys(["bedreiging", "bedreigingen", "dreiging", "menace", "menaces", "threat", "threats"], "threats"),
    **dict.fromkeys(["afpersing", "chanteren"], "blackmail"),
    **dict.fromkeys(["telefoon", "telefoons", "oproep", "oproepen", "appel", "appels", "call", "calls", "phone"],
                    "calls"),
    **dict.fromkeys(["bericht", "berichten", "sms", "message", "messages", "chat", "whatsapp"], "messages"),
    **dict.fromkeys(["brief", "brieven", "e mail", "email", "mail", "lettre", "lettres", "letter", "letters"],
                    "letters"),
    **dict.fromkeys(["schade", "beschadiging", "vernieling", "degats", "vandalisme", "damage"], "damage"),
    **dict.fromkeys(["andere", "ander", "autre", "autres", "other"], "other"),
}


class DiaryError(CalllogError):
    """A diary entry, a diary file or an evidence file cannot be used."""


def utc_now() -> datetime:
    """The time an entry is recorded or changed (tests replace it)."""
    return datetime.now(timezone.utc)


def now_stamp() -> str:
    """``utc_now()`` as stored: UTC ISO 8601 to the second."""
    return utc_iso(utc_now().replace(microsecond=0))


# --- reading what people write ----------------------------------------------------


@dataclass(frozen=True)
class WhenRead:
    """A local date and time as read: the instant, the tidy local text,
    and whether the clocks skipped or repeated that time."""

    instant_utc: datetime
    written: str
    ambiguous: bool
    nonexistent: bool


def read_when(text: str, tz: ZoneInfo) -> WhenRead:
    """The instant of a local date and time written by a person."""
    match = _WHEN.fullmatch(text.strip())
    try:
        if match is None:
            raise ValueError(text)
        day = _read_date(match.group("date"))
        clock = time(int(match.group("hour")), int(match.group("minute")), int(match.group("second") or 0))
    except ValueError:
        raise DiaryError(f"'{text}' is not a date and time calllog can read.", hint=WHEN_HINT) from None
    wall = resolve_wall_clock(datetime.combine(day, clock), tz)
    written = f"{day.isoformat()} {clock.strftime('%H:%M:%S' if clock.second else '%H:%M')}"
    return WhenRead(wall.instant_utc, written, wall.ambiguous, wall.nonexistent)


def _read_date(text: str) -> date:
    parts = [int(p) for p in re.split(r"[-/.]", text)]
    if len(text.split("-")[0]) == 4:
        return date(parts[0], parts[1], parts[2])
    return date(parts[2], parts[1], parts[0])  # Belgium writes the day first


def fold_words(text: str) -> str:
    """Lower case, no accents, words separated by one space."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(re.split(r"[^a-z0-9]+", plain)).strip()


def _kind_words() -> dict[str, str]:
    known = {fold_words(alias): kind for alias, kind in KIND_ALIASES.items()}
    for kind in words.KINDS:
        known[fold_words(kind)] = kind
        for lang in words.TEXTS:
            known[fold_words(words.TEXTS[lang][f"kind.{kind}"])] = kind
    return known


def read_kind(text: str) -> str:
    """The kind key for a key, a label in nl/fr/en, or a common word."""
    kind = _kind_words().get(fold_words(text))
    if kind is None:
        raise DiaryError(
            f"'{text}' is not a kind of incident calllog knows.", hint="Use one of: " + ", ".join(words.KINDS) + "."
        )
    return kind


def read_witnesses(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(name.strip() for name in names if name.strip())


# --- entries --------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    name: str
    sha256: str
    size: int
    kept_as: str  # path inside the case folder


@dataclass(frozen=True)
class Change:
    field: str
    earlier: str
    changed_at: str


@dataclass(frozen=True)
class DiaryEntry:
    id: int
    instant_utc: datetime
    written: str
    what: str
    where: str
    kind: str
    witnesses: tuple[str, ...]
    pv: str
    recorded_at: str
    evidence: tuple[Evidence, ...] = ()
    history: tuple[Change, ...] = ()

    @property
    def edited(self) -> bool:
        return bool(self.history)


def _entry(case: Case, row: sqlite3.Row) -> DiaryEntry:
    store = case.store
    entry_id = int(row["id"])
    evidence = tuple(
        Evidence(r["name"], r["sha256"], int(r["size"]),
                 case.original_path(r["sha256"], r["name"]).relative_to(case.root).as_posix())
        for r in evidence_rows(store, entry_id)
    )
    history = tuple(Change(r["field"], r["earlier"], r["changed_at"]) for r in history_rows(store, entry_id))
    return DiaryEntry(
        id=entry_id, instant_utc=from_us(row["instant_us"]), written=row["written"], what=row["what"],
        where=row["place"], kind=row["kind"], witnesses=tuple(json.loads(row["witnesses"])), pv=row["pv"],
        recorded_at=row["recorded_at"], evidence=evidence, history=history,
    )


def list_entries(case: Case) -> list[DiaryEntry]:
    """Every entry, in the order things happened."""
    return [_entry(case, row) for row in entry_rows(case.store)]


def get_entry(case: Case, entry_id: int) -> DiaryEntry:
    row = entry_row(case.store, entry_id)
    if row is None:
        raise DiaryError(f"There is no diary entry #{entry_id}.", hint="See the numbers with 'calllog diary list'.")
    return _entry(case, row)


def _check_what(what: str) -> str:
    if not what.strip():
        raise DiaryError("A diary entry needs a few words on what happened.", hint="Give them with --what.")
    return what.strip()


def _receive_evidence(case: Case, paths: Sequence[Path]) -> list[KeptOriginal]:
    """Copy and hash every evidence file before anything is stored."""
    for path in paths:
        if not path.is_file():
            raise DiaryError(f"{path} is not a file calllog can keep as evidence.", hint="Check the name and the folder.")
    received: list[KeptOriginal] = []
    try:
        for path in paths:
            received.append(case.receive(path))
    except BaseException:
        for kept in received:
            case.discard(kept)
        raise
    return received


def _store_evidence(case: Case, entry_id: int, received: list[KeptOriginal], kept_now: list[Path]) -> None:
    for kept in received:
        final, new = case.keep(kept, kept.path.name)
        if new:
            kept_now.append(final)
        add_evidence(case.store, entry_id, kept.path.name, kept.sha256, kept.size)


# stores rows inside the transaction; gets the received evidence and the list
# of newly kept files (removed again if the transaction fails)
_Writer = Callable[[list[KeptOriginal], list[Path]], int]


def _with_evidence(case: Case, paths: Sequence[Path], write: _Writer) -> int:
    """Run ``write`` in a transaction with the evidence files received; a
    failure leaves neither rows nor newly kept files behind."""
    received = _receive_evidence(case, paths)
    kept_now: list[Path] = []
    try:
        with case.store.transaction():
            entry_id = write(received, kept_now)
    except BaseException:
        for final in kept_now:
            final.unlink(missing_ok=True)
        raise
    finally:
        for kept in received:
            case.discard(kept)
    return entry_id


def add_entry(
    case: Case,
    when: str,
    what: str,
    where: str = "",
    kind: str = words.DEFAULT_KIND,
    witnesses: Sequence[str] = (),
    pv: str = "",
    evidence: Sequence[Path] = (),
) -> tuple[DiaryEntry, WhenRead]:
    """Add one entry; ``kind`` may be a key or a label in any language."""
    read = read_when(when, case.tz)
    what, kind_key, names = _check_what(what), read_kind(kind), read_witnesses(witnesses)

    def write(received: list[KeptOriginal], kept_now: list[Path]) -> int:
        entry_id = insert_entry(case.store, to_us(read.instant_utc), read.written, what, where.strip(), kind_key,
                                json.dumps(list(names), ensure_ascii=False), pv.strip(), now_stamp())
        _store_evidence(case, entry_id, received, kept_now)
        return entry_id

    return get_entry(case, _with_evidence(case, evidence, write)), read


def edit_entry(
    case: Case,
    entry_id: int,
    when: str | None = None,
    what: str | None = None,
    where: str | None = None,
    kind: str | None = None,
    witnesses: Sequence[str] | None = None,
    pv: str | None = None,
    evidence: Sequence[Path] = (),
) -> tuple[DiaryEntry, list[str]]:
    """Change an entry; every earlier value is kept in its history. Returns
    the entry as it is now and the fields that changed."""
    before = get_entry(case, entry_id)
    if all(value is None for value in (when, what, where, kind, witnesses, pv)) and not evidence:
        raise DiaryError(f"Nothing to change in diary entry #{entry_id}.",
                         hint="Give what to change, for example --what TEXT or --evidence FILE.")
    read = read_when(when, case.tz) if when is not None else None
    new_values = {
        "what": _check_what(what) if what is not None else None,
        "where": where.strip() if where is not None else None,
        "kind": read_kind(kind) if kind is not None else None,
        "witnesses": json.dumps(list(read_witnesses(witnesses)), ensure_ascii=False) if witnesses is not None else None,
        "pv": pv.strip() if pv is not None else None,
    }
    changed: list[str] = []

    def write(received: list[KeptOriginal], kept_now: list[Path]) -> int:
        stamp = now_stamp()
        if read is not None and change_when(case.store, entry_id, to_us(read.instant_utc), read.written, stamp):
            changed.append("when")
        for name, value in new_values.items():
            if value is not None and change_field(case.store, entry_id, name, value, stamp):
                changed.append(name)
        if received:
            note_evidence_added(case.store, entry_id, json.dumps([e.name for e in before.evidence]), stamp)
            _store_evidence(case, entry_id, received, kept_now)
            changed.append("evidence")
        return entry_id

    _with_evidence(case, evidence, write)
    return get_entry(case, entry_id), changed


# --- for reports ------------------------------------------------------------------------


def diary_document(case: Case) -> dict[str, object]:
    """The ``calllog.diary/1`` JSON document (``calllog diary list --json``)."""
    tz, lang = case.tz, case.language
    entries = []
    for entry in list_entries(case):
        entries.append(
            {
                "id": entry.id,
                "when": local_iso(entry.instant_utc, tz),
                "written": entry.written,
                "kind": entry.kind,
                "kind_label": words.kind_label(entry.kind, lang),
                "what": entry.what,
                "where": entry.where,
                "witnesses": list(entry.witnesses),
                "pv": entry.pv,
                "evidence": [{"name": e.name, "sha256": e.sha256, "size": e.size, "kept_as": e.kept_as}
                             for e in entry.evidence],
                "recorded_at": entry.recorded_at,
                "edited": entry.edited,
                "history": [{"field": c.field, "earlier": c.earlier, "changed_at": c.changed_at}
                            for c in entry.history],
            }
        )
    return {"schema": DIARY_SCHEMA, "timezone": tz.key, "entries": entries}


def diary_markers(case: Case, lang: str | None = None) -> list[tuple[datetime, str]]:
    """(aware UTC instant, short label) per entry, for the daily chart."""
    language = lang or case.language
    return [(entry.instant_utc, words.kind_label(entry.kind, language)) for entry in list_entries(case)]
