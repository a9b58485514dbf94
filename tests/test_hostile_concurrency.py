"""The case under concurrency and crashes: two ``calllog import`` processes
on one case at once, and a process killed in the middle of an import.

Processes are real (``sys.executable -m calllog``, or ``-m
tests.hostile.driver``, which runs the same command line but can stop at a
named point of an import so that the test kills it exactly there or lets a
second process run into it). Waiting for a process uses a generous limit
only so that a broken build fails instead of hanging; nothing is timed.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from tests.hostile.harness import Workspace, incoming_leftovers, sha256_of
from tests.hostile.make_corpus import big_calls_xml

REPO = Path(__file__).resolve().parents[1]
LIMIT_S = 120  # only against a hang; a healthy run takes a fraction of it


def start(*args: str, driver: tuple[str, ...] | None = None) -> subprocess.Popen[str]:
    module = ["-m", "tests.hostile.driver", *driver, "--"] if driver is not None else ["-m", "calllog"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, *module, *args], cwd=REPO, env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    output, _ = process.communicate(timeout=LIMIT_S)
    return process.returncode, output


def wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + LIMIT_S
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"the process ended before {path.name} appeared: {finish(process)}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"{path.name} never appeared")
        time.sleep(0.005)


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=LIMIT_S)
    assert process.returncode == -signal.SIGKILL


@pytest.fixture
def signals(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the processes and the test leave each other signs (outside the
    workspace, whose every file is checked)."""
    return tmp_path_factory.mktemp("signals")


def integrity(case_dir: Path) -> str:
    with closing(sqlite3.connect(case_dir / "case.sqlite")) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def counts(workspace: Workspace) -> tuple[list[tuple[str, int, int]], dict[str, int]]:
    sources, parties = workspace.documents()
    return [(s["name"], s["read"], s["imported"]) for s in sources["sources"]], parties["events"]


def test_two_imports_started_at_once_both_land_whole(workspace: Workspace) -> None:
    first = big_calls_xml(workspace.inputs / "calls-a.xml", 3000, "+32470990040")
    second = big_calls_xml(workspace.inputs / "calls-b.xml", 3000, "+32470990041")
    case = str(workspace.case_dir)
    processes = [start("-C", case, "import", str(first)), start("-C", case, "import", str(second))]
    results = [finish(p) for p in processes]
    assert results == [
        (0, "calls-a.xml (sbr-calls): 3,000 read, 3,000 new, 0 already known, 0 skipped.\n"),
        (0, "calls-b.xml (sbr-calls): 3,000 read, 3,000 new, 0 already known, 0 skipped.\n"),
    ]
    assert integrity(workspace.case_dir) == "ok"
    sources, totals = counts(workspace)
    assert sorted(sources) == [("calls-a.xml", 3000, 3000), ("calls-b.xml", 3000, 3000)]
    assert totals == {"total": 6000, "calls": 6000, "messages": 0, "corroborated": 0}
    assert len(list((workspace.case_dir / "originals").iterdir())) == 2


def test_the_second_import_waits_for_the_first_to_finish_storing(workspace: Workspace, signals: Path) -> None:
    first = workspace.specimen("calls_odd_types")
    second = workspace.specimen("sms_hostile_text")
    stored, release, begins = (signals / name for name in ("stored", "release", "begins"))
    case = str(workspace.case_dir)
    holder = start("-C", case, "import", str(first),
                   driver=("--pause-at", "stored", "--signal", str(stored), "--release", str(release)))
    wait_for(stored, holder)  # the first holds the case's write lock, its rows written, not committed
    waiter = start("-C", case, "import", str(second), driver=("--before-begin", str(begins)))
    wait_for(begins, waiter)
    time.sleep(0.3)  # let it run into the lock (it would pass just as well if it came later)
    release.touch()
    assert finish(holder) == (0, "calls-odd-types.xml (sbr-calls): 11 read, 8 new, 0 already known, 3 skipped.\n"
                                 "Skipped records are listed with their reason by 'calllog sources'.\n")
    assert finish(waiter) == (0, "sms-hostile-text.xml (sbr-messages): 6 read, 6 new, 0 already known, 0 skipped.\n")
    assert integrity(workspace.case_dir) == "ok"
    sources, totals = counts(workspace)
    assert sources == [("calls-odd-types.xml", 11, 8), ("sms-hostile-text.xml", 6, 6)]
    assert totals == {"total": 14, "calls": 8, "messages": 6, "corroborated": 0}


def test_the_same_file_imported_twice_at_once_is_kept_once(workspace: Workspace, signals: Path) -> None:
    path = workspace.specimen("calls_odd_types")
    stored, release, begins = (signals / name for name in ("stored", "release", "begins"))
    case = str(workspace.case_dir)
    holder = start("-C", case, "import", str(path),
                   driver=("--pause-at", "stored", "--signal", str(stored), "--release", str(release)))
    wait_for(stored, holder)
    # the second has read the file and found it new: the first has not committed yet
    again = start("-C", case, "import", str(path), driver=("--before-begin", str(begins)))
    wait_for(begins, again)
    time.sleep(0.3)
    release.touch()
    assert finish(holder)[0] == 0
    assert finish(again) == (0, "calls-odd-types.xml: already in the case (same SHA-256), nothing changed.\n")
    sources, totals = counts(workspace)
    assert sources == [("calls-odd-types.xml", 11, 8)]
    assert totals["total"] == 8
    assert [p.name for p in (workspace.case_dir / "originals").iterdir()] == [sha256_of(path) + ".xml"]
    assert integrity(workspace.case_dir) == "ok"


def test_a_case_busy_for_too_long_is_refused_in_one_sentence(workspace: Workspace, signals: Path) -> None:
    first = workspace.specimen("calls_odd_types")
    second = workspace.specimen("sms_hostile_text")
    stored, release = signals / "stored", signals / "release"
    case = str(workspace.case_dir)
    holder = start("-C", case, "import", str(first),
                   driver=("--pause-at", "stored", "--signal", str(stored), "--release", str(release)))
    wait_for(stored, holder)
    refused = start("-C", case, "import", str(second), driver=("--busy-timeout", "0.5"))
    assert finish(refused) == (1, (
        f"sms-hostile-text.xml: not imported. The case in {workspace.case_dir} is busy: another calllog command "
        "is writing to it. Wait until it has finished, then run this command again. Nothing was changed.\n"
    ))
    release.touch()
    assert finish(holder)[0] == 0
    sources, totals = counts(workspace)
    assert sources == [("calls-odd-types.xml", 11, 8)]
    assert totals["total"] == 8
    assert incoming_leftovers(workspace.case_dir) == []
    assert integrity(workspace.case_dir) == "ok"


def test_an_import_killed_while_reading_a_big_file_leaves_the_case_as_it_was(workspace: Workspace) -> None:
    assert workspace.import_files(workspace.specimen("calls_odd_types")).exit_code == 0
    big = big_calls_xml(workspace.inputs / "calls-big.xml", 50_000)
    before = workspace.snapshot()
    process = start("-C", str(workspace.case_dir), "import", str(big))
    originals = workspace.case_dir / "originals"
    deadline = time.monotonic() + LIMIT_S
    while not any(folder.is_dir() and any(folder.iterdir()) for folder in originals.glob(".incoming-*")):
        assert process.poll() is None, finish(process)
        assert time.monotonic() < deadline
        time.sleep(0.002)
    kill(process)  # while it copies or reads the 50,000 calls
    assert integrity(workspace.case_dir) == "ok"
    assert incoming_leftovers(workspace.case_dir) != []  # the killed process could not clean up
    workspace.assert_unchanged_since(before)  # the next open removed them
    assert workspace.import_files(workspace.specimen("sms_hostile_text")).exit_code == 0


@pytest.mark.parametrize("point", ["copy", "stored", "kept"])
def test_an_import_killed_at_any_point_leaves_the_case_as_it_was(
    workspace: Workspace, signals: Path, point: str
) -> None:
    """Killed after the copy, with every row written but not committed, or
    after the original got its final name: the store is as before that file.
    Only a kill in the instant between naming the original and the commit
    leaves that original behind, unreferenced (a true copy of the file; it
    is not removed, because calllog never deletes in originals/); importing
    the file again uses it."""
    assert workspace.import_files(workspace.specimen("sms_hostile_text")).exit_code == 0
    path = workspace.specimen("calls_odd_types")
    before = workspace.snapshot()
    reached = signals / "reached"
    process = start("-C", str(workspace.case_dir), "import", str(path),
                    driver=("--pause-at", point, "--signal", str(reached)))
    wait_for(reached, process)
    kill(process)
    assert integrity(workspace.case_dir) == "ok"
    originals = workspace.case_dir / "originals"
    orphan = originals / (sha256_of(path) + ".xml")
    assert orphan.exists() is (point == "kept")
    if point == "kept":
        assert orphan.read_bytes() == path.read_bytes()
        before = replace(before, originals=before.originals | {orphan.name: (sha256_of(orphan), 0o400)})
    workspace.assert_unchanged_since(before)
    assert workspace.run("verify").exit_code == 0  # every file in originals/ is the bytes its name says
    result = workspace.import_files(path)
    assert result.output.startswith("calls-odd-types.xml (sbr-calls): 11 read, 8 new, 0 already known, 3 skipped.\n")
    assert integrity(workspace.case_dir) == "ok"

