"""An unencrypted iPhone backup folder through the command line, as a
victim runs it: calllog finds the call history (with its -wal), the
messages and the address book, says what it found, and puts the address
book's names on the numbers. All data is synthetic and fictional."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from calllog.cli.main import cli

DATA = Path(__file__).resolve().parent / "data"
sys.path[:0] = [str(DATA / "ios"), str(DATA / "ios_messages")]
from build_fictional_sms_db import build_ios16  # noqa: E402
from build_synthetic import CONTACTS_PATH, HOME, SMS_PATH, backup_id, build_address_book, build_backup  # noqa: E402


def hashed(folder: Path, relative: str) -> Path:
    found = backup_id(HOME, relative)
    return folder / found[:2] / found


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    folder = build_backup(tmp_path / "00008030-FICTIONAL")
    # the builder's placeholders become a full messages database and address book
    shutil.copyfile(build_ios16(tmp_path / "sms.db"), hashed(folder, SMS_PATH))
    shutil.copyfile(build_address_book(tmp_path / "book" / "AddressBook.sqlitedb"), hashed(folder, CONTACTS_PATH))
    return folder


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_a_backup_folder_is_imported_whole_and_only_once(tmp_path: Path, backup: Path) -> None:
    case = str(tmp_path / "case")
    invoke("-C", case, "init", "--owner", "0470 00 00 01")
    code, output = invoke("-C", case, "import", str(backup))
    assert code == 0, output
    lines = output.splitlines()
    assert lines[0] == (
        "CallHistory.storedata (call history, iPhone backup 00008030-FICTIONAL) (ios-calls): "
        "4 read, 4 new, 0 already known, 0 skipped."
    )
    assert lines[1].startswith("sms.db (messages, iPhone backup 00008030-FICTIONAL) (ios-messages): ")
    assert lines[2].startswith(
        "AddressBook.sqlitedb (address book, iPhone backup 00008030-FICTIONAL) (ios-addressbook): 6 read, 0 new"
    )
    assert lines[2].endswith("names put on numbers.")
    assert lines[3].startswith("3 files: 3 imported, 0 already in the case, 0 failed.")

    sources = json.loads(invoke("-C", case, "sources", "--json")[1])["sources"]
    assert [s["format"] for s in sources] == ["ios-calls", "ios-messages", "ios-addressbook"]
    parties = {p["party"]: p for p in json.loads(invoke("-C", case, "parties", "--json")[1])["parties"]}
    assert parties["+32470000101"]["name"] == "Fictional Caller"
    assert parties["+32470000101"]["calls_in"] == 4

    code, again = invoke("-C", case, "import", str(backup))
    assert code == 0
    assert again.splitlines()[-1].startswith("3 files: 0 imported, 3 already in the case, 0 failed.")


def test_an_encrypted_backup_says_how_to_make_a_readable_one(tmp_path: Path) -> None:
    folder = build_backup(tmp_path / "encrypted", encrypted=True)
    case = str(tmp_path / "case")
    invoke("-C", case, "init")
    code, output = invoke("-C", case, "import", str(folder))
    assert code == 1
    assert len(output.splitlines()) == 1
    assert "encrypted" in output and "Encrypt local backup" in output
    assert "Traceback" not in output


def test_an_ordinary_folder_is_refused_with_one_sentence(tmp_path: Path) -> None:
    case = str(tmp_path / "case")
    invoke("-C", case, "init")
    (tmp_path / "photos").mkdir()
    code, output = invoke("-C", case, "import", str(tmp_path / "photos"))
    assert code == 1
    assert output == (
        "photos: not imported. It is a folder, not an export file. Give the export files "
        "themselves, or the folder of an unencrypted iPhone backup.\n"
    )
