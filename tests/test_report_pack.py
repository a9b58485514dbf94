"""The evidence pack: its files, privacy by default, the same bytes when
made again, and verify catching a changed byte."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from calllog.cli.main import cli
from calllog.demo import build_demo_case, mark_demo_story

PACK_FILES = [
    "MANIFEST.sha256",
    *[f"charts/{name}.{kind}" for name in ("1-daily-contacts", "2-time-of-day", "3-hour-weekday", "4-cumulative",
                                         "5-calendar", "6-top-numbers") for kind in ("pdf", "png")],
    "fictional-demo-case.xlsx", "findings.json", "ombudsman-fr.txt", "ombudsman-fr.xlsx", "ombudsman-nl.txt",
    "ombudsman-nl.xlsx", "summary.pdf",
]
FAMILY = ("470000010", "470 00 00 10", "470000020", "470 00 00 20", "470000030", "Mama", "Pieter")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def files_of(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pack") / "case"
    case, _ = build_demo_case(folder)
    mark_demo_story(case)
    case.close()
    return folder


@pytest.fixture(scope="module")
def pack(case_dir: Path) -> Path:
    out = case_dir.parent / "pack"
    code, output = run("-C", str(case_dir), "report", "-o", str(out))
    assert code == 0, output
    return out


def test_the_pack_holds_every_file_and_says_so(pack: Path) -> None:
    assert list(files_of(pack)) == PACK_FILES
    manifest = (pack / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines()
    listed = {line.split("  ", 1)[1] for line in manifest}
    assert listed >= set(PACK_FILES) - {"MANIFEST.sha256"}
    assert sum(name.startswith("originals/") for name in listed) == 4


def test_made_again_the_pack_is_identical(case_dir: Path, pack: Path) -> None:
    again = case_dir.parent / "again"
    assert run("-C", str(case_dir), "report", "-o", str(again))[0] == 0
    assert files_of(again) == files_of(pack)


def test_people_not_involved_stay_out_of_the_pack(pack: Path) -> None:
    texts = [(pack / name).read_text(encoding="utf-8") for name in ("findings.json", "ombudsman-nl.txt")]
    with zipfile.ZipFile(pack / "fictional-demo-case.xlsx") as workbook:
        texts += [workbook.read(name).decode("utf-8") for name in workbook.namelist() if name.endswith(".xml")]
    for text in texts:
        assert not any(word in text for word in FAMILY)
    findings = json.loads((pack / "findings.json").read_text(encoding="utf-8"))
    assert [e["party"] for e in findings["parties"]] == ["Jens (fictional)", "+32470000067", "+32470000066",
                                                         "withheld"]
    assert findings["other_parties"] == {"numbers": 7, "contacts": 339}


def test_include_all_keeps_everyone(case_dir: Path) -> None:
    out = case_dir.parent / "all"
    assert run("-C", str(case_dir), "report", "-o", str(out), "--include-all")[0] == 0
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert "+32470000010" in [e["party"] for e in findings["parties"]]


def test_a_non_empty_folder_is_not_overwritten(case_dir: Path, pack: Path) -> None:
    code, output = run("-C", str(case_dir), "report", "-o", str(pack))
    assert code == 1
    assert output == (f"Error: {pack} is not empty.\n"
                      "Hint: Choose a new folder, or add --force to replace its content.\n")


def test_verify_passes_then_catches_a_changed_byte(case_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy"
    assert run("-C", str(case_dir), "report", "-o", str(out))[0] == 0
    assert run("verify", str(out)) == (0, (
        "4 originals not checked: they are kept in the case folder (give it with -C CASE to check them too).\n"
        "Pack: 19 files checked, all files are unchanged.\n"))
    assert run("-C", str(case_dir), "verify", str(out)) == (0, "Pack: 23 files checked, all files are unchanged.\n")
    target = out / "findings.json"
    data = bytearray(target.read_bytes())
    data[10] ^= 1
    target.write_bytes(bytes(data))
    (out / "extra.txt").write_text("added later", encoding="utf-8")
    code, output = run("-C", str(case_dir), "verify", str(out))
    assert code == 1
    assert output.splitlines() == [
        "CHANGED  findings.json", "NOT LISTED  extra.txt", "Pack: 22 files checked, some files changed or are missing.",
    ]


def test_verify_checks_the_originals_of_a_case(case_dir: Path) -> None:
    assert run("-C", str(case_dir), "verify") == (0, "Originals: 4 files checked, all files are unchanged.\n")


def test_the_pack_folder_is_readable_by_the_user_only(pack: Path) -> None:
    assert pack.stat().st_mode & 0o777 == 0o700


def test_no_file_of_the_pack_holds_a_formula_or_a_link(pack: Path) -> None:
    for workbook_path in pack.glob("*.xlsx"):
        with zipfile.ZipFile(workbook_path) as workbook:
            names = workbook.namelist()
            assert not any("externalLink" in n or n.endswith("vbaProject.bin") for n in names)
            for name in names:
                if name.startswith("xl/worksheets/"):
                    assert b"<f>" not in workbook.read(name) and b"<f " not in workbook.read(name)
    summary = (pack / "summary.pdf").read_bytes()
    assert b"/JavaScript" not in summary and b"/Launch" not in summary and b"/URI" not in summary
