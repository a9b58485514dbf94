"""``analyse --json`` writes the findings document with ``findings_json``:
the same JSON data as ``json.dumps`` of the document, one party per line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from calllog.analysis import Person, analyse, findings_json
from calllog.case import Case
from calllog.casedata import load_analysis_input
from calllog.cli.main import cli
from calllog.demo import build_demo_case
from tests.test_analysis_helpers import JENS, JENS_2, MAMA, WITHHELD, ev, run


def canonical(document: Any) -> str:
    # == would take True for 1 and 1.0 for 1; the canonical text does not
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


def sample_document() -> dict[str, Any]:
    events = [ev(f"2026-01-{day:02d} 23:30", party=JENS if day % 2 else JENS_2) for day in range(1, 20)]
    events += [ev("2026-01-05 10:00", party=MAMA, direction="out"), ev("2026-01-06 03:00", party=WITHHELD),
               ev("2026-01-07 09:00", party=JENS, channel="sms", text='Je gaat eraan, "echt" \u2014 \x07')]
    return run(events, notices=["2026-01-10"], persons=[Person("Jens", (JENS, JENS_2), True)])


def test_the_text_is_the_document_with_one_party_per_line() -> None:
    document = sample_document()
    text = "".join(findings_json(document))
    assert canonical(json.loads(text)) == canonical(document)
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}" and text.endswith("}\n")
    assert lines[1] == '  "schema": "calllog.findings/1",'
    party_lines = [line for line in lines if line.startswith('    {"party": ')]
    assert len(party_lines) == len(document["parties"])
    for line, party in zip(party_lines, document["parties"]):
        assert json.loads(line.rstrip(",")) == party
    assert "\x07" not in text  # control characters stay escaped


def test_a_document_without_parties_is_valid_json() -> None:
    document = run([])
    assert document["parties"] == []
    assert canonical(json.loads("".join(findings_json(document)))) == canonical(document)


def test_the_command_writes_the_same_data_as_the_document(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    build_demo_case(folder)[0].close()
    result = CliRunner().invoke(cli, ["-C", str(folder), "analyse", "--json"])
    assert result.exit_code == 0
    # the command reads only the columns the analysis needs; the document is
    # the one the whole frame gives
    case = Case.open(folder)
    try:
        expected = analyse(load_analysis_input(case))
    finally:
        case.close()
    assert canonical(json.loads(result.output)) == canonical(expected)
