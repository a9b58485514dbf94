"""Every report text exists in Dutch, French and English: every catalogue
module under calllog/i18n/ (found by listing the package, so catalogues
added later are checked too) follows the convention of calllog.i18n."""

from __future__ import annotations

import string
from types import ModuleType

import pytest

from calllog.i18n import LANGUAGES, catalogue_modules, text

CATALOGUES = catalogue_modules()


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_the_catalogues_are_found() -> None:
    names = {module.__name__.rsplit(".", 1)[1] for module in CATALOGUES}
    assert {"diary", "help", "ombudsman"} <= names


@pytest.mark.parametrize("module", CATALOGUES, ids=lambda m: m.__name__)
def test_every_key_in_every_language(module: ModuleType) -> None:
    texts = getattr(module, "TEXTS", None)
    assert isinstance(texts, dict), f"{module.__name__} has no TEXTS: dict[str, dict[str, str]]"
    assert sorted(texts) == sorted(LANGUAGES)
    keys = set(texts["nl"])
    assert keys, f"{module.__name__} has no texts"
    for lang in LANGUAGES:
        assert set(texts[lang]) - keys == set(), f"{module.__name__}: only in {lang}"
        assert keys - set(texts[lang]) == set(), f"{module.__name__}: missing in {lang}"


@pytest.mark.parametrize("module", CATALOGUES, ids=lambda m: m.__name__)
def test_no_text_is_empty_and_placeholders_agree(module: ModuleType) -> None:
    texts = module.TEXTS
    # a catalogue may name placeholders that are the same value in another
    # grammatical form ("79 contacts" / "79 keer"); the caller fills them all
    variants = getattr(module, "PLACEHOLDER_VARIANTS", frozenset())
    for key, dutch in texts["nl"].items():
        for lang in LANGUAGES:
            value = texts[lang][key]
            assert isinstance(value, str) and value.strip(), f"{module.__name__}: {lang} {key} is empty"
            assert placeholders(value) - variants == placeholders(dutch) - variants, (
                f"{module.__name__}: placeholders of {key} in {lang}"
            )


def test_a_text_is_filled_in() -> None:
    from calllog.i18n.ombudsman import TEXTS

    assert text(TEXTS, "fr", "count", count=3) == "Nombre d'appels\u00a0: 3"
    assert text(TEXTS, "nl", "caller_withheld") == "geheim nummer"
