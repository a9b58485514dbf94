"""Number normalisation: raw text as a source wrote it -> one ``Party``.

Every function here is pure and cached, because a million-row import calls
``normalise_number`` once per row with only a few hundred distinct numbers.

What a raw text becomes, in the order it is tried:

1. **withheld** (``party="withheld"``): the importer says so
   (``withheld_hint``, e.g. Android ``presentation`` 2/3/4/5); the text is
   empty, or only whitespace, punctuation and symbols; it is an AOSP ``CallerInfo``
   sentinel (``-1`` unknown, ``-2`` private, ``-3`` payphone; no other
   sentinel is documented); or it is one of ``WITHHELD_WORDS`` (nl, fr, en,
   de), compared without case, accents, spaces or punctuation.
2. **email**: one ``@`` and a dot in the domain; the party is lower-cased.
3. **not_a_number**: anything with letters or other signs a dialled number
   does not have (Signal ids, "Teams meeting", alphanumeric SMS senders,
   ``*100#``, an undocumented ``-4``). The party is the stripped text.
4. **short**: 100, 101, 112, 1712, 1813, 116xxx and 4-digit SMS codes
   2xxx-9xxx in Belgium, plus whatever ``phonenumbers.shortnumberinfo``
   calls a valid short number of the region (up to 6 digits). Checked before
   E.164 because ``parse("101", "BE")`` gives the meaningless ``+32101``.
5. **valid**: ``phonenumbers`` (default region BE) says valid; the party is
   E.164. A stray trunk zero (``+32 (0)470 ...``) is fine.
6. **possible**: E.164, but less sure: valid only after ``phonenumbers``
   guessed the country (``32470123456`` or ``470123456``: no ``+``, ``00``
   or trunk ``0``), or not valid but it looks cut short (``047012345``: one
   or two more digits would make it valid).
7. **invalid**: anything else with digits (``06 12345678``, a Dutch mobile
   read as Belgian; ``00470123456``; ``070 12 34 56``). The party is the
   cleaned raw text (digits, ``+`` if it had ``+`` or ``00``), never the
   guessed E.164, so two parties are never merged on a bad guess.

``phonenumbers.carrier`` is deliberately not used: it names the original
range holder, and numbers are portable in Belgium.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import product

import phonenumbers
from phonenumbers import NumberParseException, PhoneMetadata, PhoneNumber
from phonenumbers import shortnumberinfo

from calllog.errors import SettingsError
from calllog.model import WITHHELD, Party, PartyQuality

_CACHE_SIZE = 1 << 16

WITHHELD_WORDS: frozenset[str] = frozenset(
    {
        # Dutch (Flemish handsets, operators, Mobile Vikings' "Onbekend nummer")
        "anoniem", "anonieme beller", "anonieme oproep", "anoniem nummer",
        "privé", "privénummer", "privé nummer", "privé-nummer", "prive",
        "privénr", "onbekend", "onbekend nummer", "onbekende beller",
        "nummer onbekend", "geheim", "geheim nummer", "nummer afgeschermd",
        "afgeschermd", "afgeschermd nummer", "verborgen", "verborgen nummer",
        "nummer verborgen", "onderdrukt", "nummer onderdrukt", "geen nummer",
        "geen nummerweergave", "niet beschikbaar", "beperkt",
        "telefooncel", "openbare telefoon", "betaaltelefoon",
        # French
        "numéro masqué", "numéro privé", "numéro inconnu", "numéro caché",
        "numéro secret", "numéro confidentiel", "numéro restreint",
        "numéro non disponible", "masqué", "inconnu", "appelant inconnu",
        "appel masqué", "appel privé", "appel anonyme", "anonyme",
        "indisponible", "non disponible", "cabine", "cabine téléphonique",
        "téléphone public",
        # English (Symbian "Private number", Belgacom Forum PBX "Unknown",
        # SMS Backup & Restore "(Unknown)")
        "private", "private number", "private caller", "private call",
        "unknown", "(unknown)", "unknown number", "unknown caller",
        "no caller id", "caller id withheld", "withheld", "number withheld",
        "withheld number", "hidden", "hidden number", "restricted",
        "restricted number", "anonymous", "anonymous caller", "unavailable",
        "number unavailable", "not available", "blocked", "blocked number",
        "no number", "payphone", "pay phone", "public phone",
        # German (Eupen, St. Vith; German handsets)
        "unbekannt", "unbekannte nummer", "anonym", "privat", "private nummer",
        "unterdrückt", "nummer unterdrückt", "rufnummer unterdrückt",
        "keine rufnummer", "nicht verfügbar", "münztelefon", "telefonzelle",
    }
)

# AOSP CallerInfo: UNKNOWN_NUMBER, PRIVATE_NUMBER, PAYPHONE_NUMBER.
_ANDROID_SENTINELS = frozenset({"-1", "-2", "-3"})

# Signs a written or dialled number may contain besides digits.
_NUMBER_TEXT = re.compile(r"[\d\s()+./\-\u2010-\u2015]+")
# GSM per-call caller-id codes dialled before a number (3GPP TS 22.030).
_CLIR_PREFIX = re.compile(r"^[*#]31#")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_TEL = re.compile(r"^tel:", re.IGNORECASE)
_PLUS = re.compile(r"^[\s(]*\+")

# Belgium's own short numbers, checked besides shortnumberinfo, which for
# instance does not list 116111 (116xxx is the EU range of harmonised services).
_BE_SHORT = frozenset({"100", "101", "112", "1712", "1813"})
_BE_SHORT_PATTERN = re.compile(r"116\d{3}|[2-9]\d{3}")


def _canonical(text: str) -> str:
    """Casefold, drop accents and everything that is not a letter or digit."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


_WITHHELD_KEYS = frozenset(_canonical(word) for word in WITHHELD_WORDS)


def _visible(text: str) -> str:
    """The text without invisible formatting marks (WhatsApp wraps numbers
    in bidi marks), stripped of surrounding whitespace."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()


def is_withheld_text(raw: str | None) -> bool:
    """True when the text means the caller's number was not shown."""
    return _is_withheld_text(raw or "")


@lru_cache(maxsize=_CACHE_SIZE)
def _is_withheld_text(raw: str) -> bool:
    text = _visible(raw)
    if text in _ANDROID_SENTINELS:
        return True
    key = _canonical(text)
    return key == "" or key in _WITHHELD_KEYS


def normalise_number(
    raw: str | None, region: str = "BE", withheld_hint: bool = False
) -> Party:
    """The party a raw number text stands for, and how sure that is.

    ``region`` is the country whose national format is assumed for numbers
    written without ``+`` or ``00``. Raises ``SettingsError`` for a region
    ``phonenumbers`` does not know.
    """
    return _normalise(raw or "", region.upper(), withheld_hint)


@lru_cache(maxsize=_CACHE_SIZE)
def _normalise(raw: str, region: str, withheld_hint: bool) -> Party:
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise SettingsError(
            f"'{region}' is not a country code the number library knows.",
            hint="Use a two-letter country code such as BE, NL or FR.",
        )
    if withheld_hint or _is_withheld_text(raw):
        return Party(WITHHELD, PartyQuality.WITHHELD, raw)
    text = _visible(raw)
    address = _MAILTO.sub("", text)
    if _EMAIL.fullmatch(address):
        return Party(address.lower(), PartyQuality.EMAIL, raw)

    # NFKC turns full-width digits into ASCII ones; ",", ";" start the
    # digits dialled after the call was answered (Android pause and wait).
    number = unicodedata.normalize("NFKC", text)
    number = re.split(r"[,;]", _TEL.sub("", number), maxsplit=1)[0]
    number = _CLIR_PREFIX.sub("", number).strip()
    if number.startswith("-") or not _NUMBER_TEXT.fullmatch(number):
        return Party(text, PartyQuality.NOT_A_NUMBER, raw)

    digits = "".join(ch for ch in number if ch.isdigit())
    international = bool(_PLUS.match(number)) or digits.startswith("00")
    cleaned = "+" + digits.removeprefix("00") if international else digits
    if not international and _is_short_number(digits, region):
        return Party(digits, PartyQuality.SHORT, raw)

    try:
        parsed = phonenumbers.parse(number, region, keep_raw_input=True)
    except NumberParseException:
        return Party(cleaned, PartyQuality.INVALID, raw)
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    guessed = _country_was_guessed(parsed, digits, region)
    if phonenumbers.is_valid_number(parsed):
        quality = PartyQuality.POSSIBLE if guessed else PartyQuality.VALID
        return Party(e164, quality, raw)
    if (
        not guessed
        and phonenumbers.is_possible_number(parsed)
        and _looks_cut_short(parsed)
    ):
        return Party(e164, PartyQuality.POSSIBLE, raw)
    return Party(cleaned, PartyQuality.INVALID, raw)


def _is_short_number(digits: str, region: str) -> bool:
    if not 3 <= len(digits) <= 6:
        return False
    if region == "BE" and (digits in _BE_SHORT or _BE_SHORT_PATTERN.fullmatch(digits)):
        return True
    # Built by hand: parse() would strip a trunk 0 and call "0112" 112.
    significant = digits.lstrip("0") or "0"
    short = PhoneNumber(
        country_code=phonenumbers.country_code_for_region(region),
        national_number=int(significant),
        italian_leading_zero=significant != digits,
        number_of_leading_zeros=len(digits) - len(significant),
    )
    return shortnumberinfo.is_valid_short_number_for_region(short, region)


def _country_was_guessed(parsed: PhoneNumber, digits: str, region: str) -> bool:
    """True when the text had neither ``+``/``00`` nor a trunk prefix, so
    ``phonenumbers`` chose the country itself."""
    source = parsed.country_code_source
    if source == phonenumbers.CountryCodeSource.FROM_NUMBER_WITHOUT_PLUS_SIGN:
        return True
    if source != phonenumbers.CountryCodeSource.FROM_DEFAULT_COUNTRY:
        return False
    metadata = PhoneMetadata.metadata_for_region(region)
    trunk = metadata.national_prefix if metadata is not None else None
    # In North America the trunk "1" is routinely left out.
    if not trunk or phonenumbers.country_code_for_region(region) == 1:
        return False
    return not digits.startswith(trunk)


def _looks_cut_short(parsed: PhoneNumber) -> bool:
    """True when adding one or two digits at the end gives a valid number:
    a truncated record, not a number of another shape."""
    national = phonenumbers.national_significant_number(parsed)
    lengths = _possible_lengths(parsed.country_code)
    for extra in (1, 2):
        if len(national) + extra not in lengths:  # no number of the country is that long: skip its 10 or 100
            continue
        for tail in product("0123456789", repeat=extra):
            candidate = PhoneNumber(
                country_code=parsed.country_code,
                national_number=int(national + "".join(tail)),
                italian_leading_zero=parsed.italian_leading_zero,
                number_of_leading_zeros=parsed.number_of_leading_zeros,
            )
            if phonenumbers.is_valid_number(candidate):
                return True
    return False


@lru_cache(maxsize=None)
def _possible_lengths(country_code: int) -> frozenset[int]:
    """Every length a national number of the country can have (all its
    regions and number types, as the number library's metadata says)."""
    lengths: set[int] = set()
    for region in phonenumbers.region_codes_for_country_code(country_code):
        metadata = PhoneMetadata.metadata_for_region(region)
        if metadata is None or metadata.general_desc is None:
            return frozenset(range(1, 18))  # unknown: do not skip anything
        lengths.update(metadata.general_desc.possible_length or ())
    return frozenset(lengths) or frozenset(range(1, 18))


def _possible_e164(party: str) -> PhoneNumber | None:
    """The parsed number when ``party`` is a possible E.164 number."""
    if not party.startswith("+"):
        return None
    try:
        parsed = phonenumbers.parse(party, None)
    except NumberParseException:
        return None
    return parsed if phonenumbers.is_possible_number(parsed) else None


@lru_cache(maxsize=_CACHE_SIZE)
def display_number(party: str) -> str:
    """The party as people write it: ``+32 470 12 34 56``; short numbers,
    ``withheld``, e-mail addresses and invalid numbers as they are."""
    parsed = _possible_e164(party)
    if parsed is None:
        return party
    return phonenumbers.format_number(
        parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )


@lru_cache(maxsize=_CACHE_SIZE)
def mask_number(party: str) -> str:
    """The party with its middle digits hidden, for numbers of people not
    involved in the case: ``+32470123430`` -> ``+32 47x xx xx 30``.

    Country code, the first two national digits and the last two digits
    stay. Short numbers, ``withheld``, e-mail addresses and text are
    returned unchanged; other digit strings keep three digits and two.
    """
    parsed = _possible_e164(party)
    if parsed is not None:
        shown = display_number(party)
        keep_head = len(str(parsed.country_code)) + 2
    elif re.fullmatch(r"\+?\d{7,}", party):
        shown, keep_head = party, 3
    else:
        return party
    total = sum(ch.isdigit() for ch in shown)
    masked: list[str] = []
    position = 0
    for ch in shown:
        if ch.isdigit():
            hidden = keep_head <= position < total - 2
            masked.append("x" if hidden else ch)
            position += 1
        else:
            masked.append(ch)
    return "".join(masked)
