"""``calllog help-lines``: the help list from the seed text, in three
languages, with or without a case, and no number or address invented."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from calllog.case import Case
from calllog.cli.main import cli
from calllog.i18n.help import help_lines, help_text

# the only numbers and addresses the seed text and DOMAIN.md give
ALLOWED_NUMBERS = {"101", "112", "1712"}
ALLOWED_ADDRESSES = {"www.1712.be"}

# what the list must mention (DOMAIN.md "Help to show in every pack"), per language
MUST_MENTION = {
    "nl": ["101", "112", "1712", "mail via www.1712.be", "huisarts",
           "Slachtofferhulp van het CAW", "Dienst slachtofferonthaal", "justitiehuizen",
           "Juridische eerstelijnsbijstand", "advocaat", "tweedelijnsbijstand", "Aanspreekpersoon integriteit",
           "jeugdorganisaties en sportclubs", "Mobiel stalkingalarm", "112-app", "parketmagistraat",
           "familiale context"],
    "fr": ["101", "112", "1712", "chattez", "écrivez via www.1712.be", "médecin généraliste", "CAW",
           "accueil des victimes", "maisons de justice", "aide juridique de première ligne", "avocat",
           "deuxième ligne", "personne de contact intégrité", "clubs sportifs", "alarme anti-harcèlement mobile",
           "application 112", "magistrat du parquet", "contexte familial"],
    "en": ["101", "112", "1712", "chat or mail via www.1712.be", "GP", "Victim support of the CAW",
           "victim reception service", "justice houses", "First-line legal aid", "lawyer", "second-line legal aid",
           "integrity contact person", "sports clubs", "mobile stalking alarm", "112 app", "public prosecutor",
           "family context"],
}

ENGLISH_START = """\
Help and advice
===============

In an emergency: call the police on 101 or the European emergency number 112.

Police
  101, day and night, when it is urgent
  You can always report the facts to the police, with someone you trust beside
  you if you wish. The police then draw up an official report (proces-verbaal,
  PV).

European emergency number
  112
  When you are in immediate danger.

1712
  Call 1712, or chat or mail via www.1712.be
  A free, professional helpline for anyone with questions about violence,
  abuse and child abuse. They listen to your story and, where needed, refer
  you to the right help.

Your GP
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_the_english_list_as_printed() -> None:
    result = run("help-lines", "--lang", "en")
    assert result.exit_code == 0
    assert result.output.startswith(ENGLISH_START)
    assert result.output.endswith("\n") and not result.output.endswith("\n\n")


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_every_place_to_find_help_is_there(lang: str) -> None:
    text = " ".join(help_text(lang).split())
    missing = [words for words in MUST_MENTION[lang] if words not in text]
    assert missing == []
    assert len(help_lines(lang)) == 10


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_no_number_or_address_is_invented(lang: str) -> None:
    text = help_text(lang)
    assert set(re.findall(r"\d+", text)) == ALLOWED_NUMBERS
    assert set(re.findall(r"(?:https?://|www\.)[\w./-]*\w", text)) == ALLOWED_ADDRESSES


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_lines_fit_a_terminal(lang: str) -> None:
    assert max(len(line) for line in help_text(lang).splitlines()) <= 78


def test_without_a_case_it_is_dutch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("help-lines")
    assert os.listdir(tmp_path) == []  # looking for a case created nothing
    assert result.exit_code == 0
    assert result.output.startswith("Hulp en advies\n==============\n\nIn nood: bel de politie op 101")


def test_in_a_case_it_speaks_the_case_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Case.create(tmp_path / "fr", ["+32470000001"], lang="fr").close()
    assert run("-C", str(tmp_path / "fr"), "help-lines").output.startswith("Aide et conseils\n")
    Case.create(tmp_path / "en", ["+32470000001"], lang="en").close()
    monkeypatch.chdir(tmp_path / "en")
    assert run("help-lines").output.startswith("Help and advice\n")
    assert run("help-lines", "--lang", "nl").output.startswith("Hulp en advies\n")


def test_the_same_text_reaches_every_pack() -> None:
    # the summary and the workbook use help_lines(); the terminal shows help_text(): one source
    for lang in ("nl", "fr", "en"):
        flat = " ".join(help_text(lang).split())
        for line in help_lines(lang):
            assert " ".join(line.what.split()) in flat
