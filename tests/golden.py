"""What the importer tests share: an import in Belgium, items as plain dicts,
and the hand-written expectations of the golden files.

A golden fixture comes with ``*.expected.json``, written by hand from the
format definition: one entry per item in order. A skip entry is
``{"kind": "skip", "locator": ..., "reason": ...}``; a record entry is
``{"kind": "record", "locator": ..., ...}`` and lists only the fields that
differ from the model's defaults (``RECORD_DEFAULTS``) or from what a test
passes as the defaults of the whole file (``channel="call"`` for a call
history); a card entry (vCard, address book) lists every field. Instants
are compared as ISO text in UTC, enums by value, tuples as lists, exactly
as JSON holds them.

The comparison itself (``assert got_item == expected(entry)``) stays in the
test modules: pytest explains a failed ``assert`` field by field only in
the modules it rewrites, and this one is not among them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
from collections.abc import Collection
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

from calllog.importers.base import HEAD_BYTES, ImportContext, Importer
from calllog.model import ContactCard, Record, Skip
from calllog.record_columns import RecordColumns

TESTS = Path(__file__).parent
REPO = TESTS.parent
REAL = REPO.parent / "shared" / "real-samples"
BRUSSELS_NAME = "Europe/Brussels"
BRUSSELS = ZoneInfo(BRUSSELS_NAME)
RECORD_DEFAULTS: dict[str, Any] = {
    f.name: f.default for f in dataclasses.fields(Record) if f.default is not dataclasses.MISSING
}
ItemKind = type[Record] | type[ContactCard]


def context(
    progress: list[int] | None = None,
    *,
    tz: str = BRUSSELS_NAME,
    mapping: dict[str, Any] | None = None,
    **options: Any,
) -> ImportContext:
    """An import in ``tz`` (Brussels unless a test says otherwise);
    ``progress`` collects the byte offsets the importer reports, ``options``
    are the importer's options (``me=...``)."""
    return ImportContext(
        tz=ZoneInfo(tz),
        mapping=mapping,
        progress=progress.append if progress is not None else None,
        options=options,
    )


def as_dict(
    item: Record | Skip | ContactCard, *, gives: ItemKind = Record, omit: Collection[str] = ()
) -> dict[str, Any]:
    """``item`` as its expectation is written. ``gives`` is the one kind
    besides skips that the importer may yield (a record from a vCard, or a
    card from a call log, fails); ``omit`` names record fields a test checks
    apart (e-mail headers, against the file's bytes)."""
    if isinstance(item, Skip):
        return {"kind": "skip", "locator": item.locator, "reason": item.reason}
    assert isinstance(item, gives), f"a {gives.__name__} was expected, not {item!r}"
    if isinstance(item, ContactCard):
        return {"kind": "card", "locator": item.locator, "name": item.name, "numbers": list(item.numbers)}
    fields = {f.name: getattr(item, f.name) for f in dataclasses.fields(Record) if f.name not in omit}
    # UTC inside: the right instant in another zone is still a bug
    offset = item.instant_utc.utcoffset()
    assert offset is not None and not offset, f"{item.locator}: {item.instant_utc!r} is not in UTC"
    fields["instant_utc"] = item.instant_utc.isoformat()
    fields["attachments"] = list(item.attachments)
    for name in ("channel", "direction", "status"):
        fields[name] = fields[name].value
    return {"kind": "record", **fields}


def expected(entry: dict[str, Any], *, omit: Collection[str] = (), **defaults: Any) -> dict[str, Any]:
    """What ``as_dict`` must give for a hand-written ``entry``: the record
    fields it leaves out hold the file's ``defaults``, else the model's."""
    if entry["kind"] == "skip":
        return entry
    model = {key: value for key, value in RECORD_DEFAULTS.items() if key not in omit}
    return {**model, "attachments": [], **defaults, **entry}


def extract(
    importer: Importer,
    path: Path,
    *,
    tz: str = BRUSSELS_NAME,
    gives: ItemKind = Record,
    omit: Collection[str] = (),
    **options: Any,
) -> list[dict[str, Any]]:
    """Every item ``importer`` reads from ``path``, as plain dicts."""
    return [as_dict(item, gives=gives, omit=omit) for item in importer.extract(path, context(tz=tz, **options))]


def load_expected(path: Path) -> Any:
    """A hand-written ``*.expected.json``: a list of entries, or an object
    whose ``items`` are (with what the file needs besides, such as ``me``)."""
    return json.loads(path.read_text(encoding="utf-8"))


def load_builder(script: Path) -> ModuleType:
    """A fixture builder script under tests/data (not an importable package
    there), loaded under its file name."""
    spec = importlib.util.spec_from_file_location(script.stem, script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def head_of(path: Path) -> bytes:
    """The start of the file that ``identify`` is shown."""
    with open(path, "rb") as handle:
        return handle.read(HEAD_BYTES)


def digests(folder: Path, *, recursive: bool = False) -> dict[str, str]:
    """The SHA-256 of every file in ``folder`` (and below it, by relative
    path, if ``recursive``): equal before and after means no byte of the
    evidence changed and no file was added beside it."""
    if recursive:
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


# ---- files of other formats, which an importer must not claim -------------------------


def fixtures_and_samples_outside(own: Path, *, real_folder_left_out: str | None = None) -> list[Path]:
    """Every fixture under tests/data but those in ``own``, the repository's
    samples and the real samples (not their .md notes, nor those in a
    folder named ``real_folder_left_out``), sorted."""
    found = [p for p in (TESTS / "data").rglob("*") if p.is_file() and own not in p.parents]
    found += [p for p in (REPO / "samples").glob("*") if p.is_file()]
    if REAL.is_dir():
        found += [p for p in REAL.rglob("*")
                  if p.is_file() and p.suffix != ".md" and real_folder_left_out not in p.parts]
    return sorted(found)


def sbr_table_sample_and_real_files() -> list[Path]:
    """The SMS Backup & Restore and table fixtures, the repository's samples
    and every real sample, in that order."""
    found = [*sorted((TESTS / "data" / "sbr").glob("*")), *sorted((TESTS / "data" / "table").glob("*")),
             *sorted((REPO / "samples").glob("*"))]
    if REAL.is_dir():
        found += sorted(p for p in REAL.rglob("*") if p.is_file())
    return found


def items_by_columns(importer: Importer, path: Path, ctx: ImportContext) -> list[Record | Skip | ContactCard]:
    """What the import pipeline reads (``extract_columns``) as a list in
    file order, as ``extract`` gives it; items must have "row N" locators."""
    items: list[Record | Skip | ContactCard] = []
    for item in importer.extract_columns(path, ctx):
        if isinstance(item, RecordColumns):
            items.extend(item.record(i) for i in range(len(item)))
        else:
            items.append(item)
    return sorted(items, key=lambda item: int(item.locator.removeprefix("row ")))
