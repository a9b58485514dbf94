"""The list for the Telecom Ombudsman: which calls, their local date and
time, the line called, foreign numbers apart, the warning, nl and fr."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result

from calllog.case import Case
from calllog.cli.main import cli
from calllog.ingest import import_file
from calllog.report.ombudsman import build_ombudsman_list, is_abroad, render_text
from calllog.timeutil import zone
from tests.test_ingest import calls_xml

UTC = timezone.utc
BRUSSELS = zone("Europe/Brussels")
OWNER = "+32470000001"
HARASSER = "+32470000066"
FOREIGN = "+33612345678"  # a French mobile (fictional)
MISSED, OUT, ANSWERED, VOICEMAIL, REJECTED, BLOCKED = 3, 2, 1, 4, 5, 6


def ms(year: int, month: int, day: int, hour: int, minute: int, second: int) -> int:
    """Milliseconds since 1970 UTC, as SMS Backup & Restore writes them."""
    return int(datetime(year, month, day, hour, minute, second, tzinfo=UTC).timestamp() * 1000)


# every number and event is fictional; Brussels is UTC+01:00 in February
FEBRUARY = calls_xml(
    ("-2", ms(2026, 2, 10, 20, 0, 5), MISSED, 0),        # 10/02 21:00:05
    ("", ms(2026, 2, 10, 22, 45, 0), REJECTED, 0),       # 10/02 23:45:00
    ("-1", ms(2026, 2, 10, 23, 30, 30), ANSWERED, 14),   # 11/02 00:30:30: a new local day
    (HARASSER, ms(2026, 2, 11, 8, 0, 0), BLOCKED, 0),
    (HARASSER, ms(2026, 2, 11, 9, 0, 0), OUT, 20),       # the owner called: not listed
    (FOREIGN, ms(2026, 2, 12, 12, 0, 0), MISSED, 0),
)

DUTCH_LIST = """\
Lijst van kwaadwillige oproepen voor de Ombudsdienst voor Telecommunicatie
==========================================================================

Bij een aanvraag tot identificatie van de houder van de lijn van waaruit
kwaadwillige oproepen kwamen (art. 43bis, §3, 7° van de wet van 21 maart
1991).

Neem deze datums en uren over in het formulier van de Ombudsdienst. Het
formulier moet door het slachtoffer zelf worden ingevuld en ONDERTEKEND.

Oproepen: alle inkomende oproepen van een geheim nummer (nummer niet
zichtbaar).
Tijdzone: Europe/Brussels. De datums en uren zijn zoals de telefoon of de
operator ze registreerde.
Periode: 10/02/2026 tot en met 11/02/2026
Aantal oproepen: 3

Nr.  Datum       Uur       Opgeroepen nummer (uw lijn)  Nummer van de beller  Status      Opmerking
1    10/02/2026  21:00:05  +32 470 00 00 01             geheim nummer         gemist
2    10/02/2026  23:45:00  +32 470 00 00 01             geheim nummer         geweigerd
3    11/02/2026  00:30:30  +32 470 00 00 01             geheim nummer         beantwoord


Naam, datum en handtekening van het slachtoffer:

"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def make_case(folder: Path, xml: str, lang: str = "nl") -> Path:
    case = Case.create(folder / "case", [OWNER], lang=lang)
    path = folder / "calls-2026.xml"
    path.write_text(xml, encoding="utf-8")
    import_file(case, path)
    case.close()
    return folder / "case"


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    return make_case(tmp_path, FEBRUARY)


def test_every_incoming_withheld_call_in_dutch(case_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "ombudsman-nl.txt"
    result = run("-C", str(case_dir), "ombudsman", "-o", str(out), "--lang", "nl")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Wrote {out}: 3 calls from a withheld number, 10/02/2026 to 11/02/2026.\n"
        "Copy the dates and times into the Ombudsman's form, and sign the form yourself.\n"
    )
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM for older Windows editors
    assert out.read_text(encoding="utf-8-sig") == DUTCH_LIST


def test_the_french_list_says_the_same(case_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "ombudsman-fr.txt"
    run("-C", str(case_dir), "ombudsman", "-o", str(out), "--lang", "fr")
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[:3] == [
        "Liste des appels malveillants pour le Service de Médiation pour les",
        "Télécommunications",
        "=" * 78,
    ]
    text = out.read_text(encoding="utf-8-sig")
    assert "Le formulaire doit être rempli et SIGNÉ par la victime elle-même." in text.replace("\n", " ")
    assert "Période\u00a0: du 10/02/2026 au 11/02/2026 inclus\nNombre d'appels\u00a0: 3\n" in text
    assert lines.index("Nombre d'appels\u00a0: 3") + 2 == lines.index(
        "N°  Date        Heure     Numéro appelé (votre ligne)  Numéro de l'appelant  Statut   Remarque"
    )
    assert "3   11/02/2026  00:30:30  +32 470 00 00 01             numéro masqué         répondu" in lines
    assert text.endswith("\nNom, date et signature de la victime\u00a0:\n\n")


def test_the_default_language_is_the_case_language_if_the_ombudsman_reads_it(tmp_path: Path) -> None:
    french = make_case(tmp_path / "fr", FEBRUARY, lang="fr")
    english = make_case(tmp_path / "en", FEBRUARY, lang="en")
    run("-C", str(french), "ombudsman", "-o", str(tmp_path / "a.txt"))
    run("-C", str(english), "ombudsman", "-o", str(tmp_path / "b.txt"))
    assert (tmp_path / "a.txt").read_text(encoding="utf-8-sig").startswith("Liste des appels malveillants")
    assert (tmp_path / "b.txt").read_text(encoding="utf-8-sig").startswith("Lijst van kwaadwillige oproepen")


def test_numbers_given_list_their_calls_and_foreign_ones_apart(case_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "numbers.txt"
    result = run("-C", str(case_dir), "ombudsman", "-o", str(out), "--number", "0470 00 00 66",
                 "--number", "+33 6 12 34 56 78")
    assert result.output == (
        f"Wrote {out}: 1 call from +32 470 00 00 66, +33 6 12 34 56 78, 11/02/2026 to 12/02/2026.\n"
        "1 call from abroad listed apart: the Ombudsman cannot identify calls from abroad.\n"
        "Copy the dates and times into the Ombudsman's form, and sign the form yourself.\n"
    )
    text = out.read_text(encoding="utf-8-sig")
    assert "Oproepen: alle inkomende oproepen van +32 470 00 00 66, +33 6 12 34 56 78.\n" in text
    assert "Aantal oproepen: 1\n" in text
    main, abroad = text.split("Oproepen uit het buitenland (apart vermeld)\n")
    assert "1    11/02/2026  09:00:00  +32 470 00 00 01             +32 470 00 00 66      geblokkeerd" in main
    assert "+33" not in main.split("Aantal oproepen")[1]
    assert abroad.startswith(
        "-" * 43 + "\n"
        "De Ombudsdienst kan oproepen uit het buitenland niet identificeren. Ze staan\n"
        "hier apart zodat de lijst volledig is; meld ze wel aan de politie.\n"
        "Aantal oproepen uit het buitenland: 1\n\n"
    )
    assert "1    12/02/2026  13:00:00  +32 470 00 00 01             +33 6 12 34 56 78     gemist" in abroad


@pytest.mark.parametrize(
    ("options", "times"),
    [
        (["--from", "2026-02-11"], ["00:30:30"]),
        (["--to", "10/02/2026"], ["21:00:05", "23:45:00"]),
        (["--from", "2026-02-10", "--to", "2026-02-10"], ["21:00:05", "23:45:00"]),
    ],
)
def test_from_and_to_are_local_dates_both_included(
    case_dir: Path, tmp_path: Path, options: list[str], times: list[str]
) -> None:
    out = tmp_path / "period.txt"
    assert run("-C", str(case_dir), "ombudsman", "-o", str(out), *options).exit_code == 0
    rows = [line.split()[2] for line in out.read_text(encoding="utf-8-sig").splitlines() if re.match(r"\d+ +\d\d/", line)]
    assert rows == times


STALE_TEXT = ("Handel snel: operatoren bewaren verkeersgegevens maar een beperkte tijd. De oudste oproep in "
              "deze lijst is al enkele maanden oud; dien de aanvraag zo snel mogelijk in.")


@pytest.mark.parametrize(("newest", "stale"), [((2026, 4, 1), False), ((2026, 4, 10), True)])
def test_the_warning_counts_from_the_newest_event_of_the_case(
    tmp_path: Path, newest: tuple[int, int, int], stale: bool
) -> None:
    xml = calls_xml(("-2", ms(2026, 1, 5, 12, 0, 0), MISSED, 0), (HARASSER, ms(newest[0], newest[1], newest[2], 12, 0, 0), MISSED, 0))
    case_dir = make_case(tmp_path, xml)
    out = tmp_path / "list.txt"
    result = run("-C", str(case_dir), "ombudsman", "-o", str(out))
    flat = " ".join(out.read_text(encoding="utf-8-sig").split())
    assert (("! " + STALE_TEXT) in flat) == stale
    assert result.output.endswith("Act quickly: operators keep traffic data for a limited time.\n") == stale


def test_the_warning_names_no_number_of_months() -> None:
    from calllog.i18n.ombudsman import TEXTS

    for lang in TEXTS:
        assert not any(ch.isdigit() for ch in TEXTS[lang]["stale"])


def test_no_withheld_calls_still_writes_a_list_that_says_so(tmp_path: Path) -> None:
    case_dir = make_case(tmp_path, calls_xml((HARASSER, ms(2026, 2, 11, 8, 0, 0), MISSED, 0)))
    out = tmp_path / "none.txt"
    result = run("-C", str(case_dir), "ombudsman", "-o", str(out))
    assert result.output == f"Wrote {out}: there are no incoming calls from a withheld number to list.\n"
    text = out.read_text(encoding="utf-8-sig")
    assert "Aantal oproepen: 0\n\nEr zijn geen oproepen die aan deze keuze voldoen.\n" in text
    assert "Periode" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "list.pdf"], "Error: calllog cannot write the Ombudsman list as 'list.pdf'.\n"
                             "Hint: End the file name with .txt or .xlsx.\n"),
        (["-o", "list.txt", "--from", "2026-03-01", "--to", "2026-02-01"],
         "Error: --from 01/03/2026 is after --to 01/02/2026.\nHint: Swap the two dates.\n"),
        (["-o", "list.txt", "--number", "Jens"],
         "Error: 'Jens' is not a phone number.\nHint: Write it as 0470 12 34 56 or +32 470 12 34 56.\n"),
    ],
)
def test_mistakes_get_one_clear_sentence(case_dir: Path, args: list[str], message: str) -> None:
    result = run("-C", str(case_dir), "ombudsman", *args)
    assert result.exit_code == 1
    assert result.output == message


# --- the builder on a hand-made frame ---------------------------------------------------


def frame(rows: list[tuple[int, datetime, str, str, str, str | None, str]]) -> pd.DataFrame:
    columns = ["id", "instant_utc", "direction", "channel_class", "party", "owner_line", "status"]
    data = pd.DataFrame(rows, columns=columns)
    data["instant_utc"] = pd.to_datetime(data["instant_utc"], utc=True)
    return data


def test_the_line_called_falls_back_to_the_only_owner_then_a_question_mark() -> None:
    events = frame([
        (1, datetime(2026, 2, 1, 10, 0, tzinfo=UTC), "in", "call", "withheld", None, "missed"),
        (2, datetime(2026, 2, 1, 9, 0, tzinfo=UTC), "in", "call", "withheld", "+32470000002", "voicemail"),
        (3, datetime(2026, 2, 1, 11, 0, tzinfo=UTC), "in", "message", "withheld", None, "received"),
        (4, datetime(2026, 2, 1, 12, 0, tzinfo=UTC), "out", "call", "withheld", None, "answered"),
    ])
    one = build_ombudsman_list(events, BRUSSELS, [OWNER], "en")
    assert [(c.event_id, c.time_text, c.called, c.status) for c in one.calls] == [
        (2, "10:00:00", "+32 470 00 00 02", "voicemail"),
        (1, "11:00:00", "+32 470 00 00 01", "missed"),
    ]
    two = build_ombudsman_list(events, BRUSSELS, [OWNER, "+32470000002"], "en")
    assert [c.called for c in two.calls] == ["+32 470 00 00 02", "?"]
    assert (two.start, two.end, two.stale) == (date(2026, 2, 1), date(2026, 2, 1), False)


def test_the_hour_that_happens_twice_carries_its_offset() -> None:
    events = frame([
        (1, datetime(2025, 10, 26, 0, 31, tzinfo=UTC), "in", "call", "withheld", OWNER, "missed"),  # 02:31 +02:00
        (2, datetime(2025, 10, 26, 1, 31, tzinfo=UTC), "in", "call", "withheld", OWNER, "missed"),  # 02:31 +01:00
        (3, datetime(2025, 10, 26, 2, 31, tzinfo=UTC), "in", "call", "withheld", OWNER, "missed"),  # 03:31
    ])
    listing = build_ombudsman_list(events, BRUSSELS, [OWNER], "nl")
    assert [(c.time_text, c.note) for c in listing.calls] == [
        ("02:31:00", "dit uur kwam twee keer voor (klok een uur terug): UTC+02:00"),
        ("02:31:00", "dit uur kwam twee keer voor (klok een uur terug): UTC+01:00"),
        ("03:31:00", ""),
    ]
    assert "02:31:00  +32 470 00 00 01" in render_text(listing)


@pytest.mark.parametrize(
    ("party", "abroad"),
    [("+33612345678", True), ("+31612345678", True), ("+32470123456", False), ("withheld", False),
     ("1712", False), ("0612345678", False), ("+470123456", True)],
)
def test_only_an_international_number_outside_belgium_is_abroad(party: str, abroad: bool) -> None:
    assert is_abroad(party) == abroad
