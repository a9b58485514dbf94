"""summary.pdf: one to three A4 pages, the same bytes when made again, in
each language, with nothing of the people not involved."""

from __future__ import annotations

import base64
import re
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from calllog.analysis import analyse
from calllog.case import Case
from calllog.casedata import load_analysis_input
from calllog.demo import build_demo_case, mark_demo_story
from calllog.report.pack import report_date
from calllog.report.summary import write_summary


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Case:
    case, _ = build_demo_case(tmp_path_factory.mktemp("summary") / "case")
    mark_demo_story(case)
    return case


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf))


def page_text(pdf: bytes) -> str:
    """The text drawing operators of every page stream, decompressed."""
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:  # ReportLab writes streams ASCII85-encoded (ending "~>"), then deflated
            raw = base64.a85decode(stream.strip().removesuffix(b"~>"))
        except ValueError:
            raw = stream
        try:
            chunks.append(zlib.decompress(raw).decode("latin-1"))
        except zlib.error:
            continue
    return "".join(chunks)


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_one_to_three_pages_and_the_same_bytes_again(demo: Case, tmp_path: Path, lang: str) -> None:
    inp = replace(load_analysis_input(demo), language=lang)
    findings = analyse(inp)
    first = write_summary(demo, inp, findings, tmp_path / "a.pdf", report_date=report_date(demo)).read_bytes()
    second = write_summary(demo, inp, findings, tmp_path / "b.pdf", report_date=report_date(demo)).read_bytes()
    assert first == second
    assert 1 <= pages(first) <= 3
    assert b"/CreationDate (D:20000101000000+00'00')" in first  # no "now" inside


def test_the_summary_is_not_empty_of_text(demo: Case, tmp_path: Path) -> None:
    inp = load_analysis_input(demo)
    pdf = write_summary(demo, inp, analyse(inp), tmp_path / "s.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-1.4")
    # the embedded font is subset, so the text is glyph ids: count the lines drawn
    drawn = page_text(pdf).count(") Tj")
    assert drawn > 150  # headings, figures, sentences, help and sources


def test_a_diary_entry_makes_the_summary_longer(tmp_path: Path) -> None:
    from calllog.diary import add_entry

    case, _ = build_demo_case(tmp_path / "case")
    inp = load_analysis_input(case)
    without = write_summary(case, inp, analyse(inp), tmp_path / "a.pdf").read_bytes()
    add_entry(case, "2026-03-02 18:30", "Waited at the door for an hour (fictional)", where="home",
              kind="waiting_near_home", witnesses=("neighbour",))
    with_entry = write_summary(case, inp, analyse(inp), tmp_path / "b.pdf").read_bytes()
    assert page_text(with_entry).count(") Tj") > page_text(without).count(") Tj")
