"""The commands as a user types them, with their exact output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from calllog import __version__
from calllog.cli.main import cli
from calllog.importers.registry import IMPORTERS
from tests.test_ingest import FEBRUARY_BACKUP, JANUARY_BACKUP


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    result = run("-C", str(folder), "init", "--owner", "0470 00 00 01", "--title", "Test case")
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def exports(tmp_path: Path) -> tuple[Path, Path]:
    jan = tmp_path / "calls-jan.xml"
    feb = tmp_path / "calls-feb.xml"
    jan.write_text(JANUARY_BACKUP, encoding="utf-8")
    feb.write_text(FEBRUARY_BACKUP, encoding="utf-8")
    return jan, feb


def test_version() -> None:
    result = run("--version")
    assert result.output == f"calllog {__version__}\n"


def test_init_says_what_it_made(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    result = run("init", "-C", str(folder), "--owner", "+32 470 00 00 01", "--lang", "fr")
    assert result.exit_code == 0
    assert result.output == (
        f"Created a case in {folder.resolve()}\n"
        "  your line(s): +32 470 00 00 01\n"
        "  time zone:    Europe/Brussels\n"
        "  language:     fr\n"
        "Next: calllog import FILE...  (see 'calllog formats' for what it reads)\n"
    )
    assert (folder / "case.sqlite").is_file() and (folder / "originals").is_dir()


def test_init_twice_is_refused(case_dir: Path) -> None:
    result = run("-C", str(case_dir), "init")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: There is already a case in {case_dir.resolve()}.\n"
        "Hint: Use it as it is, or choose another folder with -C.\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--owner", "hello"], "Error: 'hello' is not a phone number calllog can use as your line.\n"),
        (["--tz", "Europe/Brusels"], "Error: 'Europe/Brusels' is not a time zone calllog knows.\n"),
    ],
)
def test_init_refuses_bad_settings_and_creates_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    folder = tmp_path / "new"
    result = run("-C", str(folder), "init", *args)
    assert result.exit_code == 1
    assert result.output.startswith(message)
    assert not folder.exists()


def test_a_command_without_a_case_says_how_to_make_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("parties")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: There is no case in {tmp_path.resolve()}.\n"
        "Hint: Create one with 'calllog init', or point to it with -C FOLDER.\n"
    )


def test_import_then_import_again(case_dir: Path, exports: tuple[Path, Path]) -> None:
    jan, feb = exports
    first = run("-C", str(case_dir), "import", str(jan), str(feb))
    assert first.exit_code == 0
    assert first.output == (
        "calls-jan.xml (sbr-calls): 4 read, 4 new, 0 already known, 0 skipped.\n"
        "calls-feb.xml (sbr-calls): 5 read, 1 new, 4 already known, 0 skipped.\n"
        "2 files: 2 imported, 0 already in the case, 0 failed. "
        "Records: 9 read, 5 new events, 4 already known, 0 skipped.\n"
    )
    again = run("import", "-C", str(case_dir), str(jan))
    assert again.exit_code == 0
    assert again.output == "calls-jan.xml: already in the case (same SHA-256), nothing changed.\n"


def test_a_file_it_cannot_read_gives_one_sentence_and_exit_1(case_dir: Path, tmp_path: Path,
                                                           exports: tuple[Path, Path]) -> None:
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    result = run("-C", str(case_dir), "import", str(junk), str(exports[0]))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "photo.jpg: not imported. It is not in a format calllog can read. Run 'calllog formats' to see "
        "what it reads, or give --format NAME (and --mapping FILE for a table)."
    )
    assert lines[1] == "calls-jan.xml (sbr-calls): 4 read, 4 new, 0 already known, 0 skipped."
    assert "Traceback" not in result.output


def test_parties_table(case_dir: Path, exports: tuple[Path, Path]) -> None:
    run("-C", str(case_dir), "import", *map(str, exports))
    result = run("-C", str(case_dir), "parties")
    assert result.exit_code == 0
    assert result.output == (
        "Party             Name  In  Out  Calls in  Msgs in  Unanswered  First             Last\n"
        "----------------  ----  --  ---  --------  -------  ----------  ----------------  ----------------\n"
        "+32 470 00 00 66         4    0         4        0           3  2026-02-10 21:00  2026-02-11 21:00\n"
        "withheld                 1    0         1        0           0  2026-02-10 21:03  2026-02-10 21:03\n"
        "\n"
        "5 events (5 calls, 0 messages), 4 shown by more than one file. Times in Europe/Brussels.\n"
    )
    top = run("-C", str(case_dir), "parties", "--top", "1")
    assert top.output.splitlines()[3] == "... 1 more parties (use --top or --json)"


def test_parties_json_is_the_documented_interface(case_dir: Path, exports: tuple[Path, Path]) -> None:
    run("-C", str(case_dir), "import", *map(str, exports))
    document = json.loads(run("-C", str(case_dir), "parties", "--json").output)
    assert document["schema"] == "calllog.parties/1"
    assert document["events"] == {"total": 5, "calls": 5, "messages": 0, "corroborated": 4}
    assert document["parties"][0] == {
        "party": "+32470000066", "name": None, "quality": "valid",
        "incoming": 4, "outgoing": 0, "calls_in": 4, "messages_in": 0, "calls_out": 0, "messages_out": 0,
        "unanswered_calls": 3, "first": "2026-02-10T21:00:00+01:00", "last": "2026-02-11T21:00:00+01:00",
    }


def test_sources_json_counts_every_record(case_dir: Path, exports: tuple[Path, Path]) -> None:
    run("-C", str(case_dir), "import", *map(str, exports))
    document = json.loads(run("-C", str(case_dir), "sources", "--json").output)
    assert document["schema"] == "calllog.sources/1"
    counts = [(s["name"], s["format"], s["read"], s["imported"], s["known"], s["skipped"]) for s in document["sources"]]
    assert counts == [("calls-jan.xml", "sbr-calls", 4, 4, 0, 0), ("calls-feb.xml", "sbr-calls", 5, 1, 4, 0)]
    assert all(len(s["sha256"]) == 64 and s["skips"] == [] for s in document["sources"])


def test_sources_lists_skips_with_their_reason(case_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "calls.xml"
    path.write_text(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<calls count=\"2\">\n"
        '<call number="+32470000066" duration="0" date="1770753600000" type="3" />\n'
        '<call number="+32470000066" duration="0" date="null" type="3" />\n</calls>\n',
        encoding="utf-8",
    )
    imported = run("-C", str(case_dir), "import", str(path))
    assert imported.output == (
        "calls.xml (sbr-calls): 2 read, 1 new, 0 already known, 1 skipped.\n"
        "Skipped records are listed with their reason by 'calllog sources'.\n"
    )
    listing = run("-C", str(case_dir), "sources").output.splitlines()
    assert listing[3] == ""
    assert listing[4] == "#1 calls.xml: 1 skipped"
    assert listing[5].startswith("  call 2: ")


def test_formats_lists_every_importer_with_how_to_get_it() -> None:
    expected = []
    for importer in IMPORTERS:
        expected += [f"{importer.name}: {importer.title}", f"  recognised by: {importer.recognised_by}",
                     f"  how to get it: {importer.how_to_get}"]
    assert run("formats").output.splitlines() == expected
    assert all(importer.how_to_get for importer in IMPORTERS)


def test_the_readme_names_every_format() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [importer.name for importer in IMPORTERS if f"`{importer.name}`" not in readme]
    assert missing == []


def test_dry_run_imports_nothing(case_dir: Path, exports: tuple[Path, Path]) -> None:
    result = run("-C", str(case_dir), "import", "--dry-run", str(exports[0]))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("calls-jan.xml: ") and lines[0].endswith("(format 'sbr-calls')")
    assert lines[1] == "  First 4 records as read (times in Europe/Brussels):"
    assert lines[2] == "    call 1: 2026-02-10T21:00:00+01:00 call in missed +32470000066 (valid), 0 s"
    assert lines[5] == "    call 4: 2026-02-10T21:03:00+01:00 call in answered withheld (withheld), 12 s"
    assert lines[-1] == "Nothing was imported (dry run)."
    assert json.loads(run("-C", str(case_dir), "sources", "--json").output)["sources"] == []


def test_a_broken_mapping_file_is_one_sentence(case_dir: Path, tmp_path: Path, exports: tuple[Path, Path]) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text("[columns\ndate = 'Datum'\n", encoding="utf-8")
    result = run("-C", str(case_dir), "import", "--mapping", str(mapping), str(exports[0]))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: The mapping file {mapping} is not valid TOML: ")
