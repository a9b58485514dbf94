"""The mapping file a user writes for a table calllog cannot read by itself.

The schema (every key optional) is documented in ``calllog.importers.table``;
this module checks a parsed TOML document against it and says, in one
sentence, what is wrong.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from calllog.errors import SettingsError
from calllog.importers.table_columns import Role, normalise_words
from calllog.importers.table_words import CHANNEL_CHOICES, DIRECTION_CHOICES
from calllog.model import Channel, Direction

MAPPING_HINT = (
    "The mapping format is described at the top of calllog/importers/table.py "
    "(see 'Mapping a table' in the README); 'calllog import --dry-run FILE' shows what calllog understood."
)

_TOP_KEYS = (
    "header_row", "sheet", "delimiter", "encoding", "dayfirst", "decimal", "duration_unit",
    "default_direction", "default_channel", "columns", "directions", "channels",
)
_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|"}


@dataclass(frozen=True)
class TableMapping:
    """A user's description of a table; None or empty means "find it out"."""

    header_row: int | None = None
    sheet: str | None = None
    delimiter: str | None = None
    encoding: str | None = None
    dayfirst: bool | None = None
    decimal: str | None = None
    seconds_per_unit: float | None = None
    default_direction: Direction | None = None
    default_channel: Channel | None = None
    columns: dict[Role, str | int | None] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)  # normalised word -> meaning name


def _fail(sentence: str) -> SettingsError:
    return SettingsError(sentence, hint=MAPPING_HINT)


def _text(raw: Mapping[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise _fail(f'In the mapping file, {key} must be a text in quotes, such as {key} = "...".')
    return value


def _choice(raw: Mapping[str, Any], key: str, choices: tuple[str, ...]) -> str | None:
    value = _text(raw, key)
    if value is not None and value.lower() not in choices:
        allowed = ", ".join(f'"{choice}"' for choice in choices)
        raise _fail(f'In the mapping file, {key} = "{value}" is not one of {allowed}.')
    return None if value is None else value.lower()


def read_mapping(raw: Mapping[str, Any] | None) -> TableMapping:
    """Check and convert a parsed mapping file; raise ``SettingsError`` with
    a clear sentence for anything calllog would otherwise have to guess."""
    if not raw:
        return TableMapping()
    unknown = [key for key in raw if key not in _TOP_KEYS]
    if unknown:
        raise _fail(
            f'The mapping file has a setting "{unknown[0]}" that calllog does not know; '
            f"the settings are {', '.join(_TOP_KEYS)}."
        )
    header_row = raw.get("header_row")
    if header_row is not None and (type(header_row) is not int or header_row < 1):
        raise _fail(
            f"In the mapping file, header_row must be a whole number of 1 or more "
            f"(the line of the header as a spreadsheet numbers it), not {header_row!r}."
        )
    dayfirst = raw.get("dayfirst")
    if dayfirst is not None and not isinstance(dayfirst, bool):
        raise _fail("In the mapping file, dayfirst must be true or false (without quotes).")
    direction = _choice(raw, "default_direction", ("in", "out"))
    channel = _choice(raw, "default_channel", ("call", "sms", "mms"))
    unit = _choice(raw, "duration_unit", ("s", "min"))
    return TableMapping(
        header_row=header_row,
        sheet=_text(raw, "sheet"),
        delimiter=_delimiter(raw),
        encoding=_encoding(raw),
        dayfirst=dayfirst,
        decimal=_choice(raw, "decimal", (",", ".")),
        seconds_per_unit=None if unit is None else (60.0 if unit == "min" else 1.0),
        default_direction=None if direction is None else Direction(direction),
        default_channel=None if channel is None else Channel(channel),
        columns=_columns(raw.get("columns")),
        words={**_words(raw, "channels", CHANNEL_CHOICES), **_words(raw, "directions", DIRECTION_CHOICES)},
    )


def _delimiter(raw: Mapping[str, Any]) -> str | None:
    value = _text(raw, "delimiter")
    if value is None:
        return None
    value = _DELIMITER_NAMES.get(value.lower(), value)
    if len(value) != 1 or value in "\"\r\n":
        raise _fail(
            f'In the mapping file, delimiter must be one character such as ";", "," or "\\t" '
            f'(or "tab"), not "{value}".'
        )
    return value


def _encoding(raw: Mapping[str, Any]) -> str | None:
    value = _text(raw, "encoding")
    if value is None:
        return None
    try:
        codecs.lookup(value)
    except LookupError:
        raise _fail(
            f'In the mapping file, encoding = "{value}" is not an encoding calllog knows; '
            'try "utf-8", "cp1252" or "utf-16".'
        ) from None
    return value


def _columns(raw: Any) -> dict[Role, str | int | None]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise _fail('In the mapping file, columns must be a table: a line [columns], then key = "header" lines.')
    known = {role.value: role for role in Role}
    columns: dict[Role, str | int | None] = {}
    for key, value in raw.items():
        role = known.get(key)
        if role is None:
            raise _fail(
                f'The [columns] part of the mapping file names "{key}", which calllog does not know; '
                f"use {', '.join(known)}."
            )
        if isinstance(value, str):
            columns[role] = value.strip() or None  # "" says: this file has no such column
        elif type(value) is int and value >= 1:
            columns[role] = value
        else:
            raise _fail(
                f"In the mapping file, columns.{key} must be the header text in quotes "
                f"or the column's position (1 for the first), not {value!r}."
            )
    return columns


def _words(raw: Mapping[str, Any], key: str, choices: tuple[str, ...]) -> dict[str, str]:
    table = raw.get(key)
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        raise _fail(f'In the mapping file, {key} must be a table: a line [{key}], then "word" = "meaning" lines.')
    words: dict[str, str] = {}
    allowed = ", ".join(f'"{choice}"' for choice in choices)
    for word, meaning in table.items():
        if not isinstance(meaning, str) or meaning.lower() not in choices:
            raise _fail(f'In the [{key}] part of the mapping file, "{word}" = {meaning!r} is not one of {allowed}.')
        normalised = normalise_words(str(word))
        if not normalised:
            raise _fail(f'In the [{key}] part of the mapping file, "{word}" has no letters or digits to match.')
        words[normalised] = meaning.lower()
    return words
