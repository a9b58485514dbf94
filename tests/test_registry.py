"""The dispatcher: exactly one importer reads a file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from calllog.errors import FormatError
from calllog.importers import registry
from calllog.importers.base import ImportContext, Importer
from calllog.model import Record, Skip


def claiming(name: str, claims: bool, generic: bool = False) -> Importer:
    class Claimer(Importer):
        title = name
        recognised_by = "test"

        def identify(self, path: Path, head: bytes) -> bool:
            return claims

        def extract(self, path: Path, ctx: ImportContext) -> Iterator[Record | Skip]:
            return iter(())

    Claimer.name = name
    Claimer.generic = generic
    return Claimer()


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "export.txt"
    path.write_text("anything", encoding="utf-8")
    return path


def use(monkeypatch: pytest.MonkeyPatch, *importers: Importer) -> None:
    monkeypatch.setattr(registry, "IMPORTERS", importers)


def test_the_one_claim_wins(monkeypatch: pytest.MonkeyPatch, export: Path) -> None:
    use(monkeypatch, claiming("a", False), claiming("b", True))
    assert registry.identify(export).name == "b"


def test_two_specific_claims_are_an_error_naming_both(monkeypatch: pytest.MonkeyPatch, export: Path) -> None:
    use(monkeypatch, claiming("a", True), claiming("b", True))
    with pytest.raises(FormatError, match=r"more than one format \(a, b\)"):
        registry.identify(export)


def test_a_generic_importer_steps_aside_for_a_specific_one(monkeypatch: pytest.MonkeyPatch, export: Path) -> None:
    use(monkeypatch, claiming("table", True, generic=True), claiming("imazing", True))
    assert registry.identify(export).name == "imazing"
    use(monkeypatch, claiming("table", True, generic=True), claiming("imazing", False))
    assert registry.identify(export).name == "table"


def test_no_claim_is_an_error(monkeypatch: pytest.MonkeyPatch, export: Path) -> None:
    use(monkeypatch, claiming("a", False))
    with pytest.raises(FormatError, match="is not in a format calllog can read"):
        registry.identify(export)
