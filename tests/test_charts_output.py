"""The chart files of the demo case (samples/, fictional): one rendered
image per chart type, byte-identical when made again (even on a machine set
to another time zone), and ``calllog charts`` with its exact output."""

from __future__ import annotations

import os
import string
import time
from pathlib import Path

import matplotlib.image
import pytest
from click.testing import CliRunner, Result

from calllog.analysis import notice_instant
from calllog.case import Case
from calllog.casedata import load_analysis_input
from calllog.cli.main import cli
from calllog.demo import build_demo_case
from calllog.i18n.charts import TEXTS
from calllog.report.charts import CHART_NAMES, write_charts
from calllog.store import to_us

FORMATS = ("png", "pdf", "svg")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Case:
    case, results = build_demo_case(tmp_path_factory.mktemp("demo") / "case")
    assert not any(r.failed for r in results)
    with case.store.transaction():
        case.store.save_person("Jens (fictional)", ["+32470000066", "+32470000067"], True)
        case.store.add_notice(to_us(notice_instant("2026-01-15", case.tz)), "2026-01-15", "registered letter")
    return case


@pytest.fixture(scope="module")
def first_run(demo: Case, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("charts") / "first"
    return write_charts(load_analysis_input(demo), folder, FORMATS, title=demo.title)


def test_six_charts_in_every_format_are_written_in_order(first_run: list[Path]) -> None:
    assert [p.name for p in first_run] == [f"{name}.{kind}" for name in CHART_NAMES for kind in FORMATS]
    assert len(CHART_NAMES) == 6


def test_each_chart_renders_at_200_dpi_within_an_a4_page(first_run: list[Path]) -> None:
    for path in first_run:
        data = path.read_bytes()
        if path.suffix == ".png":
            height, width, _ = matplotlib.image.imread(path).shape
            # 10.5 inches at 200 dpi: 26.7 cm, the width of A4 landscape inside 1.5 cm margins
            assert width == 2100 and height <= 1440, path.name
        elif path.suffix == ".pdf":
            # no date inside, and no matplotlib version that would change the bytes on an upgrade
            assert data.startswith(b"%PDF") and b"/CreationDate" not in data, path.name
            assert b"/Creator (calllog)" in data and b"Matplotlib" not in data, path.name
        else:
            assert data.startswith(b"<?xml") and b"<dc:date>" not in data, path.name
            assert b"<cc:Agent>\n      <dc:title>calllog</dc:title>" in data, path.name


def test_regenerating_gives_byte_identical_files_in_any_machine_time_zone(
    demo: Case, first_run: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14: a machine zone that would move every date
    time.tzset()
    try:
        second = write_charts(load_analysis_input(demo), tmp_path / "second", FORMATS, title=demo.title)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert [p.name for p in second] == [p.name for p in first_run]
    for one, two in zip(first_run, second):
        assert one.read_bytes() == two.read_bytes(), one.name


def test_cli_lists_every_file_it_writes(demo: Case, tmp_path: Path) -> None:
    out = tmp_path / "charts"
    result = run("charts", "-C", str(demo.root), "-o", str(out), "--format", "png")
    assert result.exit_code == 0, result.output
    assert result.output == "".join(f"{out / name}.png\n" for name in CHART_NAMES)
    assert sorted(os.listdir(out)) == [f"{name}.png" for name in CHART_NAMES]


def test_cli_refuses_an_unknown_format_as_bad_usage(demo: Case, tmp_path: Path) -> None:
    result = run("charts", "-C", str(demo.root), "-o", str(tmp_path / "x"), "--format", "png,bmp")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for '--format': calllog cannot write charts as 'bmp'. "
        "Use png, pdf or svg, e.g. --format png,pdf."
    )
    assert not (tmp_path / "x").exists()


def test_cli_unknown_party_is_one_sentence_and_a_hint(demo: Case, tmp_path: Path) -> None:
    result = run("charts", "-C", str(demo.root), "-o", str(tmp_path / "x"), "--party", "Piet")
    assert result.exit_code == 1
    assert result.output == (
        "Error: There is no number or person 'Piet' in this case.\n"
        "Hint: See 'calllog parties' for the numbers and names in the case.\n"
    )


def test_cli_on_a_case_without_events(tmp_path: Path) -> None:
    Case.create(tmp_path / "empty", ["0470 00 00 01"]).close()
    result = run("charts", "-C", str(tmp_path / "empty"), "-o", str(tmp_path / "x"))
    assert result.exit_code == 1
    assert result.output == (
        "Error: There are no calls or messages in this case to draw.\n"
        "Hint: Import your exports first: calllog import FILE...\n"
    )


def test_every_chart_text_exists_in_the_three_languages_with_the_same_placeholders() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert set(TEXTS) == {"nl", "fr", "en"}
    for key, english in TEXTS["en"].items():
        for lang in ("nl", "fr"):
            assert TEXTS[lang].get(key), (lang, key)
            assert fields(TEXTS[lang][key]) == fields(english), (lang, key)
    assert set(TEXTS["nl"]) == set(TEXTS["fr"]) == set(TEXTS["en"])
