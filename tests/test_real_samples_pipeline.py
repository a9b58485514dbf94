"""The real SMS Backup & Restore files written by other people, through the
whole pipeline as a user runs it (files in ../shared/real-samples)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from calllog.cli.main import cli

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-samples" / "android-sbr"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-samples is not here")


def test_memacs_backups_give_every_call_and_message(tmp_path: Path) -> None:
    runner = CliRunner()
    case = str(tmp_path / "case")
    assert runner.invoke(cli, ["-C", case, "init", "--tz", "Europe/Vienna"]).exit_code == 0
    result = runner.invoke(cli, ["-C", case, "import", str(REAL / "memacs-calls.xml"), str(REAL / "memacs-sms.xml")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "memacs-calls.xml (sbr-calls): 8 read, 8 new, 0 already known, 0 skipped.",
        "memacs-sms.xml (sbr-messages): 4 read, 4 new, 0 already known, 0 skipped.",
    ]
    document = json.loads(runner.invoke(cli, ["-C", case, "parties", "--json"]).output)
    assert document["events"] == {"total": 12, "calls": 8, "messages": 4, "corroborated": 0}
    by_party = {p["party"]: p for p in document["parties"]}
    # "+4312341234" called once (type 1) and was sent one SMS
    assert (by_party["+4312341234"]["calls_in"], by_party["+4312341234"]["messages_out"]) == (1, 1)
    # number="-1" is Android's unknown caller: the one withheld party
    assert (by_party["withheld"]["calls_in"], by_party["withheld"]["quality"]) == (1, "withheld")
    # the missed call (type 3) is an unanswered incoming call, kept
    assert by_party["+436612341234"]["unanswered_calls"] == 1
    # an Austrian national number written without the country is not guessed Belgian
    assert by_party["06612341234"]["quality"] == "invalid"
    assert by_party["+43691234123"]["first"] == "2011-08-05T19:05:06+02:00"


def test_a_super_backup_file_is_refused_with_one_sentence(tmp_path: Path) -> None:
    runner = CliRunner()
    case = str(tmp_path / "case")
    runner.invoke(cli, ["-C", case, "init"])
    result = runner.invoke(cli, ["-C", case, "import", str(REAL / "memacs-superbackup-calls.xml")])
    assert result.exit_code == 1
    assert result.output == (
        "memacs-superbackup-calls.xml: not imported. It is not in a format calllog "
        "can read. Run 'calllog formats' to see what it reads, or give --format NAME (and --mapping FILE for a "
        "table).\n"
    )
