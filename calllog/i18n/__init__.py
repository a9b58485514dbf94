"""The texts calllog puts in reports, in Dutch, French and English.

The convention every catalogue module in this package follows (a test,
``tests/test_i18n_complete.py``, checks all of them, including catalogues
added later):

* A catalogue is a module ``calllog/i18n/<topic>.py`` that exposes
  ``TEXTS: dict[str, dict[str, str]]``: language code -> {key: text}.
* The language codes are exactly ``LANGUAGES`` (``"nl"``, ``"fr"``,
  ``"en"``) and every language has the same keys.
* No text is empty. Placeholders use ``str.format`` syntax (``{count}``)
  and every language of a key has the same placeholder names, so a caller
  can fill any language with the same values. A catalogue may list in
  ``PLACEHOLDER_VARIANTS`` placeholders that carry one value in the
  grammatical forms different languages need; its caller fills them all.
* A key may be dotted to group texts (``"status.missed"``).
* Code outside ``i18n`` looks texts up with ``text(TEXTS, lang, key, ...)``.

CLI messages may stay in English; what reaches a report (workbook, summary,
charts, Ombudsman list, help) comes from a catalogue.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from types import ModuleType

from calllog.errors import SettingsError

LANGUAGES: tuple[str, ...] = ("nl", "fr", "en")
Catalogue = Mapping[str, Mapping[str, str]]


def check_lang(lang: str) -> str:
    """``lang`` if calllog writes that language, else a SettingsError."""
    if lang not in LANGUAGES:
        raise SettingsError(f"'{lang}' is not a language calllog writes.", hint="Use nl, fr or en.")
    return lang


def text(catalogue: Catalogue, lang: str, key: str, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``values`` filled in."""
    template = catalogue[check_lang(lang)][key]
    return template.format(**values) if values else template


def catalogue_modules() -> list[ModuleType]:
    """Every catalogue module of this package, by name (for the
    completeness test and for anyone who wants to list the texts)."""
    modules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.ispkg and not info.name.startswith("_"):
            modules.append(importlib.import_module(f"{__name__}.{info.name}"))
    return modules
