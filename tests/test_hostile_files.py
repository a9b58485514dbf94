"""Files that are not what they seem, a full disk, names that try to leave
their folder, and a case folder only its user can read."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

import pytest

import calllog.case
from calllog.case import Case
from calllog.errors import CalllogError
from calllog.importers.registry import IMPORTERS
from calllog.ingest import ImportOptions, import_file, preview
from calllog.store import Store
from tests.hostile.harness import Workspace, file_tree, incoming_leftovers, sha256_of
from tests.hostile.make_corpus import SPECIMENS, build_corpus

ODD_TYPES_LINE = (
    "{name} (sbr-calls): 11 read, 8 new, 0 already known, 3 skipped.\n"
    "Skipped records are listed with their reason by 'calllog sources'.\n"
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


# --- symbolic links ---------------------------------------------------------------


def test_a_link_is_followed_and_what_is_kept_is_a_regular_file(workspace: Workspace) -> None:
    """Decision: a link the person gives is followed (a desktop shortcut to
    the export is a normal thing to drop); the original kept is a regular,
    read-only file holding the bytes the link pointed to at that moment,
    under the link's name. Neither the link nor its target changes."""
    elsewhere = workspace.root / "elsewhere"
    elsewhere.mkdir()
    target = SPECIMENS["calls_odd_types"](elsewhere)
    link = workspace.inputs / "calls-link.xml"
    link.symlink_to(target)
    outside = workspace.snapshot().outside
    result = workspace.import_files(link)
    assert result.output == ODD_TYPES_LINE.format(name="calls-link.xml")
    kept = list((workspace.case_dir / "originals").iterdir())
    assert len(kept) == 1 and not kept[0].is_symlink() and kept[0].is_file()
    assert kept[0].read_bytes() == target.read_bytes()
    assert kept[0].name == sha256_of(target) + ".xml"
    assert workspace.source("calls-link.xml")["sha256"] == sha256_of(target)
    assert link.is_symlink() and link.readlink() == target
    assert workspace.snapshot().outside == outside


def test_a_link_to_nothing_is_refused(workspace: Workspace) -> None:
    link = workspace.inputs / "calls-gone.xml"
    link.symlink_to(workspace.root / "deleted.xml")
    before = workspace.snapshot()
    result = workspace.import_files(link)
    assert result.exit_code == 1
    assert result.output == (
        f"calls-gone.xml: not imported. It is a link to {workspace.root / 'deleted.xml'}, which does "
        "not exist. Give the file itself.\n"
    )
    workspace.assert_unchanged_since(before)


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_what_is_not_a_regular_file_is_refused_without_reading_it(workspace: Workspace, kind: str) -> None:
    if kind == "device":
        path = Path("/dev/zero")  # endless: reading it would never finish
        if not path.exists():
            pytest.skip("no /dev/zero here")
        message = "zero: not imported. It is not a file. Give the export files themselves.\n"
    elif kind == "fifo":
        path = workspace.inputs / "calls.xml"
        os.mkfifo(path)  # opening it would wait for a writer forever
        message = "calls.xml: not imported. It is not a file. Give the export files themselves.\n"
    else:
        path = workspace.inputs / "exports"
        path.mkdir()
        message = (
            "exports: not imported. It is a folder, not an export file. Give the export files "
            "themselves, or the folder of an unencrypted iPhone backup.\n"
        )
    before = workspace.snapshot()
    result = workspace.import_files(path)
    assert (result.exit_code, result.output) == (1, message)
    workspace.assert_unchanged_since(before)


# --- a full disk ----------------------------------------------------------------------


def test_a_file_larger_than_the_free_space_is_refused_and_leaves_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workspace.specimen("calls_odd_types")
    real_copy = calllog.case._copy_hashing

    def copy_until_the_disk_is_full(source: Path, target: Path) -> tuple[str, int]:
        target.write_bytes(source.read_bytes()[:100])  # part of it was written
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(calllog.case, "_copy_hashing", copy_until_the_disk_is_full)
    before = workspace.snapshot()
    result = workspace.import_files(path)
    assert result.exit_code == 1
    assert result.output == (
        "calls-odd-types.xml: not imported. There is not enough free space on the disk of the case to keep "
        "calls-odd-types.xml; nothing of it was imported. Free some space on that disk and import the file again.\n"
    )
    workspace.assert_unchanged_since(before)
    monkeypatch.setattr(calllog.case, "_copy_hashing", real_copy)
    assert workspace.import_files(path).output == ODD_TYPES_LINE.format(name="calls-odd-types.xml")


def test_a_disk_full_at_the_commit_rolls_everything_back(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    path = workspace.specimen("calls_odd_types")

    def disk_full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "update_source_counts", disk_full)
    before = workspace.snapshot()
    result = workspace.import_files(path)
    assert result.exit_code == 1
    assert result.output == (
        f"calls-odd-types.xml: not imported. The disk that holds the case in {workspace.case_dir} is full; "
        "nothing was changed. Free some space on that disk and run the command again.\n"
    )
    workspace.assert_unchanged_since(before)


# --- names from other people's files -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kept_as"),
    [
        ("../../escaped.xml", "escaped.xml"),
        ("/etc/escaped.xml", "escaped.xml"),
        ("..\\..\\escaped.xml", "escaped.xml"),
        ("..", "file"),
        ("", "calls.xml"),
        ("nul\x00byte.xml", "nulbyte.xml"),
    ],
)
def test_a_name_from_a_file_never_puts_a_copy_outside_its_folder(tmp_path: Path, name: str, kept_as: str) -> None:
    case = Case.create(tmp_path / "case", [])
    source = tmp_path / "calls.xml"
    source.write_text("<calls/>", encoding="utf-8")
    before = file_tree(tmp_path, leave_out=tmp_path / "case")
    received = case.receive(source, name)
    try:
        assert received.path.name == kept_as
        assert received.path.parent.parent == case.originals_dir
        assert file_tree(tmp_path, leave_out=tmp_path / "case") == before
        final, new = case.keep(received, received.path.name)  # as the pipeline does
        assert new and final.parent == case.originals_dir
        assert final.name == received.sha256 + (".xml" if kept_as.endswith(".xml") else "")
    finally:
        case.discard(received)
        case.close()


# --- forced formats, dry runs -----------------------------------------------------------


def test_every_importer_forced_on_every_hostile_file_reads_it_or_refuses_it(tmp_path: Path) -> None:
    """``--format NAME`` skips recognition: each importer then meets every
    file of the corpus. Each must read it or raise a CalllogError (one
    sentence); any other exception is a bug."""
    corpus = build_corpus(tmp_path / "corpus")
    case = Case.create(tmp_path / "case", ["0470000001"])
    try:
        for path in corpus.values():
            for importer in IMPORTERS:
                try:
                    import_file(case, path, ImportOptions(format=importer.name))
                except CalllogError as error:
                    assert error.message and "\n" not in error.message, (path.name, importer.name)
        assert incoming_leftovers(case.root) == []
    finally:
        case.close()


def test_a_dry_run_of_every_hostile_file_answers_and_changes_nothing(workspace: Workspace) -> None:
    corpus = build_corpus(workspace.inputs)
    workspace.temp_uses.clear()  # what openpyxl needed to write the workbook
    before = workspace.snapshot()
    case = Case.open(workspace.case_dir)
    try:
        for path in corpus.values():
            try:
                preview(case, path, ImportOptions())
            except CalllogError as error:
                assert error.message and "\n" not in error.message, path.name
    finally:
        case.close()
    for path in corpus.values():
        assert workspace.run("import", "--dry-run", str(path)).exit_code in (0, 1)
    workspace.assert_unchanged_since(before)


# --- a private case ---------------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_the_case_is_readable_by_its_user_only_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        case = Case.create(tmp_path / "new" / "case", ["0470000001"])
        source = tmp_path / "calls-odd-types.xml"
        SPECIMENS["calls_odd_types"](tmp_path)
        received = case.receive(source)
        assert mode(received.path.parent) == 0o700  # the private folder of a file being imported
        case.discard(received)
        import_file(case, source)
        root = case.root
        assert mode(root) == 0o700
        assert mode(root / "originals") == 0o700
        for name in ("case.sqlite", "case.sqlite-wal", "case.sqlite-shm"):
            assert mode(root / name) == 0o600, name
        kept = next((root / "originals").iterdir())
        assert mode(kept) == 0o400
        case.close()
    finally:
        os.umask(old)


def test_a_folder_the_user_already_filled_keeps_its_mode(tmp_path: Path) -> None:
    """Decision: ``calllog init`` in a folder that already holds other
    things (the exports themselves, say) does not change that folder's
    mode; what calllog makes in it is private all the same."""
    folder = tmp_path / "mine"
    folder.mkdir()
    folder.chmod(0o755)
    (folder / "notes.txt").write_text("fictional\n", encoding="utf-8")
    case = Case.create(folder, [])
    try:
        assert mode(folder) == 0o755
        assert mode(folder / "originals") == 0o700
        assert mode(folder / "case.sqlite") == 0o600
    finally:
        case.close()


def test_a_received_file_that_fails_to_copy_leaves_no_private_folder(tmp_path: Path) -> None:
    case = Case.create(tmp_path / "case", [])
    try:
        with pytest.raises(CalllogError, match="could not be copied into the case"):
            case.receive(tmp_path / "missing.xml")
        assert incoming_leftovers(case.root) == []
    finally:
        case.close()


# --- verify ---------------------------------------------------------------------------


def test_verify_finds_an_original_changed_behind_calllogs_back(workspace: Workspace) -> None:
    path = workspace.specimen("calls_odd_types")
    assert workspace.import_files(path).exit_code == 0
    kept = next((workspace.case_dir / "originals").iterdir())
    assert workspace.run("verify").output == "Originals: 1 files checked, all files are unchanged.\n"
    kept.chmod(0o600)
    kept.write_bytes(kept.read_bytes().replace(b'type="3"', b'type="1"', 1))  # a missed call made "answered"
    result = workspace.run("verify")
    assert result.exit_code == 1
    assert result.output == (
        f"CHANGED  originals/{kept.name}\nOriginals: 0 files checked, some files changed or are missing.\n"
    )


# --- what a killed import leaves ------------------------------------------------------------


def test_opening_a_case_removes_what_killed_imports_left_and_nothing_in_use(tmp_path: Path) -> None:
    case = Case.create(tmp_path / "case", [])
    source = tmp_path / "calls.xml"
    source.write_text("<calls/>", encoding="utf-8")
    in_use = case.receive(source)  # this import is running: its folder is locked
    abandoned = case.originals_dir / ".incoming-killed"
    abandoned.mkdir()
    (abandoned / "calls.xml").write_text("<calls/>", encoding="utf-8")
    old_making, new_making = case.originals_dir / ".making-old", case.originals_dir / ".making-new"
    old_making.mkdir()
    new_making.mkdir()  # made an instant ago by a running import, not locked yet
    os.utime(old_making, (0, 0))
    kept_file = case.originals_dir / ("0" * 64 + ".xml")
    kept_file.write_text("an original", encoding="utf-8")
    other = Case.open(case.root)
    try:
        names = sorted(p.name for p in case.originals_dir.iterdir())
        assert names == sorted([in_use.path.parent.name, ".making-new", kept_file.name])
        assert in_use.path.read_text(encoding="utf-8") == "<calls/>"
    finally:
        other.close()
        case.discard(in_use)
        case.close()
    assert not in_use.path.parent.exists()
