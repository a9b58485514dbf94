"""Threat word matching: whole words, case and accents ignored,
inflections spelled out in the list, every match shown as written."""

from __future__ import annotations

import pytest

from calllog.analysis import DEFAULT_ANALYSIS_SETTINGS, threat_matches
from calllog.analysis.threat_words import DEFAULT_THREAT_WORDS
from calllog.errors import SettingsError
from calllog.analysis.threats import compile_entry

ALL_WORDS = [word for words in DEFAULT_THREAT_WORDS.values() for word in words]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Dutch, with the Flemish forms of address
        ("Ik vermoord je!", ["vermoord"]),
        ("ik ga je vermoorden", ["vermoorden"]),
        ("Hij vermoordt iedereen", ["vermoordt"]),
        ("Je bent DOOD.", ["Je bent DOOD"]),
        ("de kat is dood", ["dood"]),
        ("dat is doodgewoon zo", []),
        ("ik ben doodmoe", []),
        ("Ik maak je af", ["maak je af"]),
        ("ik maak u kapot", ["maak u kapot"]),
        ("Ge gaat eraan!!", ["Ge gaat eraan"]),
        ("je gaat er aan", ["je gaat er aan"]),
        ("Je gaat hier spijt van krijgen.", ["spijt van krijgen"]),
        ("Ik weet waar je werkt.", ["Ik weet waar je werkt"]),
        ("mijn gsm is kapot", []),
        ("morgen maak ik je afspraak", []),
        # French, with and without accents
        ("Je vais te tuer", ["Je vais te tuer"]),
        ("je te tue", ["je te tue"]),
        ("il a été tué", ["tué"]),
        ("une tuerie à la télé", []),
        ("tu vas crever", ["tu vas crever"]),
        ("Crève.", ["Crève"]),
        ("je vais te buter", ["je vais te buter"]),
        ("T’es mort", ["T’es mort"]),
        ("Je sais ou tu habites", ["Je sais ou tu habites"]),
        ("Tu vas le REGRETTER", ["Tu vas le REGRETTER"]),
        # English
        ("I'll kill you", ["I'll kill you"]),
        ("killed it at the gym", ["killed"]),
        ("You’ll regret this", ["You’ll regret this"]),
        ("youll regret", ["youll regret"]),
        ("you're dead", ["you're dead"]),
        ("my battery is dead", []),
        ("I know where you live", ["I know where you live"]),
        ("skill and kilo", []),
        ("", []),
    ],
)
def test_default_lists(text: str, found: list[str]) -> None:
    assert threat_matches(text, ALL_WORDS) == found


def test_every_match_is_shown_once_in_order() -> None:
    text = "dood! DOOD. Ik vermoord je, dood"
    assert threat_matches(text, ["dood", "vermoord"]) == ["dood", "DOOD", "vermoord"]


def test_inflections_are_spelled_out_with_braces() -> None:
    words = ["vermoord{,en,t}", "ik maak {je,u} af"]
    assert threat_matches("vermoorden", words) == ["vermoorden"]
    assert threat_matches("vermoordde", words) == []  # not listed
    assert threat_matches("Ik maak u af", words) == ["Ik maak u af"]
    assert threat_matches("ik maak hem af", words) == []


def test_letters_folded_by_unicode_map_back_to_the_text_as_written() -> None:
    # "ß" folds to "ss" and "é" written as e + combining accent: positions still map back
    assert threat_matches("Straße: je vais te tue\u0301r", ["je vais te tuer"]) == ["je vais te tue\u0301r"]
    assert threat_matches("STRASSE dood", ["strasse", "dood"]) == ["STRASSE", "dood"]


@pytest.mark.parametrize("entry", ["vermoord{en", "vermoord}en{", "{a,{b}}", "{,}"])
def test_malformed_entries_are_refused(entry: str) -> None:
    with pytest.raises(SettingsError):
        compile_entry(entry)


def test_every_default_entry_compiles_and_the_settings_carry_the_lists() -> None:
    for word in ALL_WORDS:
        compile_entry(word)
    for language in ("nl", "fr", "en"):
        assert DEFAULT_ANALYSIS_SETTINGS[f"threat_words_{language}"] == list(DEFAULT_THREAT_WORDS[language])
