"""What the hostile-input tests share (loaded by tests/conftest.py).

``workspace``: a folder with a case (``case/``), a folder for the files a
person drops on calllog (``inputs/``), and a stand-in for the system's
temporary folder: read-only, and every use of it is recorded (the tests may
run as root, whom modes do not stop), because evidence copied there would
be written outside the case. ``Workspace.snapshot`` records everything an import may touch:
the ``sources`` and ``parties`` documents, the originals folder (names,
modes, hashes) and every file outside the case; a refused file must leave
all of it exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import stat
import tempfile
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from calllog.case import INCOMING_PREFIX
from calllog.cli.main import cli
from tests.hostile.make_corpus import SPECIMENS

OWNER = "0470 00 00 01"


def run_cli(*args: str) -> Result:
    """The command as a person types it. A traceback is never an answer: an
    exception that is not a clean exit is raised here, as the bug it is."""
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output
    return result


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_tree(folder: Path, leave_out: Path | None = None) -> dict[str, tuple[str, int]]:
    """relative path -> (what it is: file hash, link target or "folder", mode)."""
    tree: dict[str, tuple[str, int]] = {}
    for path in sorted(folder.rglob("*")):
        if leave_out is not None and (path == leave_out or leave_out in path.parents):
            continue
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_symlink():
            kind = "link to " + str(path.readlink())
        elif path.is_dir():
            kind = "folder"
        elif not path.is_file():
            kind = "special file"  # a pipe: reading it would wait forever
        else:
            kind = sha256_of(path)
        tree[path.relative_to(folder).as_posix()] = (kind, mode)
    return tree


@dataclass(frozen=True)
class Snapshot:
    sources: dict[str, Any]
    parties: dict[str, Any]
    originals: dict[str, tuple[str, int]]
    outside: dict[str, tuple[str, int]]


def incoming_leftovers(case_dir: Path) -> list[str]:
    return sorted(p.name for p in (case_dir / "originals").glob(INCOMING_PREFIX + "*"))


@dataclass
class Workspace:
    root: Path
    case_dir: Path
    inputs: Path
    system_temp: Path
    temp_uses: list[str]  # a line per time the system's temporary folder was asked for

    def specimen(self, name: str) -> Path:
        """Build one file of the corpus (tests/hostile/make_corpus.py) into
        inputs/ (the temporary files openpyxl needs to write one are not calllog's)."""
        path = SPECIMENS[name](self.inputs)
        self.temp_uses.clear()
        return path

    def run(self, *args: str) -> Result:
        return run_cli("-C", str(self.case_dir), *args)

    def import_files(self, *paths: Path, options: tuple[str, ...] = ()) -> Result:
        return self.run("import", *options, *(str(p) for p in paths))

    def documents(self) -> tuple[dict[str, Any], dict[str, Any]]:
        sources = json.loads(self.run("sources", "--json").output)
        parties = json.loads(self.run("parties", "--json").output)
        return sources, parties

    def snapshot(self) -> Snapshot:
        sources, parties = self.documents()
        return Snapshot(
            sources=sources,
            parties=parties,
            originals=file_tree(self.case_dir / "originals"),
            outside=file_tree(self.root, leave_out=self.case_dir),
        )

    def assert_unchanged_since(self, before: Snapshot) -> None:
        """The case and everything outside it are as ``before``."""
        after = self.snapshot()
        assert after.sources == before.sources
        assert after.parties == before.parties
        assert after.originals == before.originals
        assert after.outside == before.outside
        assert incoming_leftovers(self.case_dir) == []
        assert self.temp_uses == []

    def source(self, name: str) -> dict[str, Any]:
        sources, _ = self.documents()
        return next(s for s in sources["sources"] if s["name"] == name)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    space = Workspace(tmp_path, tmp_path / "case", inputs, system_temp, [])
    result = run_cli("-C", str(space.case_dir), "init", "--owner", OWNER, "--title", "Hostile inputs (fictional)")
    assert result.exit_code == 0, result.output
    system_temp.chmod(stat.S_IRUSR | stat.S_IXUSR)
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))

    def asked_for_system_temp() -> str:
        # every tempfile function without dir= comes here
        space.temp_uses.append("".join(traceback.format_stack(limit=6)))
        return str(system_temp)

    monkeypatch.setattr(tempfile, "gettempdir", asked_for_system_temp)
    try:
        yield space
    finally:
        system_temp.chmod(stat.S_IRWXU)
