"""Every real file in ../shared/real-samples through the command line:
imported with the right number of events, or refused in one sentence when
it is not a call or message export calllog reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from calllog.cli.main import cli

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-samples"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-samples is not here")

# file, extra options, (read, new events, skipped); counts checked by hand
# against each file (see the importer tests for the record-by-record goldens)
IMPORTED = [
    ("android-sbr/memacs-calls.xml", [], (8, 8, 0)),
    ("android-sbr/memacs-sms.xml", [], (4, 4, 0)),
    ("android-db/dfrws2021-samsung-mmssms.db", [], (32, 32, 0)),
    ("ios/magnet-ctf-2020-ios13-sms.db", [], (105, 105, 0)),
    ("imazing/imazingtosbr-call_history_basic.csv", [], (4, 4, 0)),
    ("imazing/imazingtosbr-call_history_empty.csv", [], (0, 0, 0)),
    ("imazing/imazingtosbr-call_history_signal.csv", [], (2, 2, 0)),
    ("imazing/imazingtosbr-call_history_teams.csv", [], (3, 3, 0)),
    ("imazing/imazingtosbr-messages_mixed.csv", [], (4, 4, 0)),
    ("imazing/imazingtosbr-messages_sms.csv", [], (3, 3, 0)),
    ("vcard/raleighlittles-test-v4.vcf", [], (1, 0, 0)),
    # 7 messages and 2 system lines; the owner's 3 messages went to the whole group
    ("whatsapp/chatminer-test_ddmmyy_24hrs.txt", ["--me", "John Doe"], (9, 3, 6)),
    ("whatsapp/chatminer-test_mmddyy_24hrs.txt", ["--me", "John Doe"], (9, 3, 6)),
    ("whatsapp/chatminer-test_mmddyyyy_12hrs.txt", ["--me", "John Doe"], (9, 3, 6)),
    ("whatsapp/chatminer-test_yyyymmdd_24hrs.txt", ["--me", "John Doe"], (9, 3, 6)),
    ("whatsapp/chatminer-test_bracketed_mmddyy_24hrs.txt", ["--me", "John Doe"], (9, 3, 6)),
    ("whatsapp/chatanalytics-2A_5M.txt", ["--me", "A"], (5, 5, 0)),
    ("whatsapp/chatanalytics-4A_11M.zip", ["--me", "You"], (14, 11, 3)),
]
REFUSED = [
    "android-sbr/memacs-superbackup-calls.xml",
    "whatsapp/chatminer-target.json",
]


def import_one(tmp_path: Path, name: str, options: list[str]) -> tuple[int, str, Path]:
    case = tmp_path / "case"
    runner = CliRunner()
    assert runner.invoke(cli, ["-C", str(case), "init", "--owner", "0470000001"]).exit_code == 0
    result = runner.invoke(cli, ["-C", str(case), "import", *options, str(REAL / name)])
    return result.exit_code, result.output, case


@pytest.mark.parametrize(("name", "options", "counts"), IMPORTED, ids=[i[0] for i in IMPORTED])
def test_every_real_sample_gives_its_events(tmp_path: Path, name: str, options: list[str],
                                            counts: tuple[int, int, int]) -> None:
    code, output, case = import_one(tmp_path, name, options)
    assert code == 0, output
    source = json.loads(CliRunner().invoke(cli, ["-C", str(case), "sources", "--json"]).output)["sources"][0]
    assert (source["read"], source["imported"], source["skipped"]) == counts
    events = json.loads(CliRunner().invoke(cli, ["-C", str(case), "parties", "--json"]).output)["events"]
    assert events["total"] == counts[1]


@pytest.mark.parametrize("name", REFUSED)
def test_files_that_are_no_export_are_refused_in_one_sentence(tmp_path: Path, name: str) -> None:
    code, output, _ = import_one(tmp_path, name, [])
    assert code == 1
    file_name = Path(name).name
    assert output == (
        f"{file_name}: not imported. It is not in a format calllog can read. Run 'calllog formats' to "
        "see what it reads, or give --format NAME (and --mapping FILE for a table).\n"
    )


def test_a_chat_of_two_without_me_asks_who_you_are(tmp_path: Path) -> None:
    code, output, _ = import_one(tmp_path, "whatsapp/chatanalytics-2A_5M.txt", [])
    assert code == 1
    assert output == (
        "chatanalytics-2A_5M.txt: not imported. It holds messages from 2 people, A (3 messages), "
        "B (2 messages), and calllog cannot tell which of them is you. Give --me \"Your name as shown in the chat\" "
        "(several --me if you appear under more than one name).\n"
    )
