"""A case that mixes a handset backup, an operator export, a WhatsApp
export and a vCard (all fictional): exact per-party counts, nothing counted
twice, and the vCard's names shown on the numbers."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from calllog.cli.main import cli
from tests.test_ingest import JANUARY_BACKUP

# The operator shows the four calls of the backup 10-40 s later ("Gemist",
# "Anoniem" ...) and one more call the phone no longer has (fictional).
OPERATOR_CSV = (
    "Gedetailleerd verbruik (fictief voorbeeld)\r\n"
    "\r\n"
    "Datum;Uur;Nummer;Richting;Duur\r\n"
    "11/02/2026;09:15:00;0470 00 00 66;Gemist;0:00:00\r\n"
    "10/02/2026;21:03:30;Anoniem;Inkomend;0:00:12\r\n"
    "10/02/2026;21:02:40;0470 00 00 66;Gemist;0:00:00\r\n"
    "10/02/2026;21:01:20;0470 00 00 66;Gemist;0:00:00\r\n"
    "10/02/2026;21:00:10;0470 00 00 66;Gemist;0:00:00\r\n"
    "Totaal;;;;0:00:12\r\n"
)
# The harasser is not in her WhatsApp contacts: the export shows his number.
WHATSAPP = (
    "10/02/2026, 21:05 - +32 470 00 00 66: Waarom neem je niet op?\n"
    "10/02/2026, 21:06 - +32 470 00 00 66: Ik blijf bellen.\n"
    "10/02/2026, 21:10 - Lotte: Stop met bellen.\n"
    "12/02/2026, 23:40 - +32 470 00 00 66: <Media weggelaten>\n"
)
CONTACTS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jens (fictional)\r\nTEL;TYPE=CELL:+32 470 00 00 66\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mama (fictional)\r\nTEL;TYPE=CELL:0470 00 00 10\r\nEND:VCARD\r\n"
)


def test_four_kinds_of_export_give_exact_counts(tmp_path: Path) -> None:
    files = {
        "calls-20260212.xml": JANUARY_BACKUP,
        "verbruik-2026-02.csv": OPERATOR_CSV,
        "WhatsApp Chat met +32 470 00 00 66.txt": WHATSAPP,
        "contacts.vcf": CONTACTS,
    }
    for name, text in files.items():
        (tmp_path / name).write_bytes(text.encode("cp1252" if name.endswith(".csv") else "utf-8"))
    case = str(tmp_path / "case")
    runner = CliRunner()
    runner.invoke(cli, ["-C", case, "init", "--owner", "0470 00 00 01"])
    result = runner.invoke(cli, ["-C", case, "import", "--me", "Lotte", *(str(tmp_path / n) for n in files)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:4] == [
        "calls-20260212.xml (sbr-calls): 4 read, 4 new, 0 already known, 0 skipped.",
        "verbruik-2026-02.csv (table): 6 read, 1 new, 4 already known, 1 skipped.",
        "WhatsApp Chat met +32 470 00 00 66.txt (whatsapp): 4 read, 4 new, 0 already known, 0 skipped.",
        "contacts.vcf (vcard): 2 read, 0 new, 0 already known, 0 skipped. 2 names put on numbers.",
    ]
    document = json.loads(runner.invoke(cli, ["-C", case, "parties", "--json"]).output)
    assert document["events"] == {"total": 9, "calls": 5, "messages": 4, "corroborated": 4}
    parties = {p["party"]: p for p in document["parties"]}
    jens = parties["+32470000066"]
    assert jens["name"] == "Jens (fictional)"
    assert (jens["calls_in"], jens["messages_in"], jens["messages_out"], jens["unanswered_calls"]) == (4, 3, 1, 4)
    assert parties["withheld"]["calls_in"] == 1
    assert set(parties) == {"+32470000066", "withheld"}  # Mama is named but never called
