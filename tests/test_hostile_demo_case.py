"""A case that has seen every hostile file still gives exactly the counts
it had: the demo case (samples/, fictional) is built, the whole corpus is
thrown at it (each file, then all at once, then again, and as dry runs),
and what the demo files gave is compared, party by party and source by
source. The corpus uses numbers the demo does not (0470 99 00 xx); the one
place where they meet is said below, with the count it adds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from calllog.demo import build_demo_case, sample_files, samples_dir
from tests.hostile.harness import file_tree, incoming_leftovers, run_cli
from tests.hostile.make_corpus import build_corpus

# (source name, new events, events already known) for every file the corpus
# has read, in the order build_corpus makes them; the three encodings of one
# table are the same three calls, shown by three sources
ACCEPTED = [
    ("calls-external-dtd.xml", 2, 0),
    ("sms-hostile-text.xml", 6, 0),
    ("calls-odd-types.xml", 8, 0),
    ("operator-2026-05.csv", 0, 0),
    ("operator-bad-rows.csv", 5, 0),
    ("operator-dst-fictional.csv", 9, 0),
    ("operator-unicode.txt", 3, 0),
    ("operator-cp1252.csv", 0, 3),
    ("operator-mixed-eol.csv", 0, 3),
    ("operator-control-characters.csv", 4, 0),
    ("Messages - Fictional.csv", 4, 0),
    ("operator-2026-06.xlsx", 3, 0),
    ("WhatsApp Chat - Traversal.zip", 3, 0),
    ("WhatsApp Chat with DST (fictional).txt", 9, 0),
    ("WhatsApp Chat with Control (fictional).txt", 3, 0),
]


def documents(case_dir: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    import json

    sources = json.loads(run_cli("-C", str(case_dir), "sources", "--json").output)
    parties = json.loads(run_cli("-C", str(case_dir), "parties", "--json").output)
    return sources, parties


def test_the_demo_case_keeps_its_counts_through_the_whole_corpus(tmp_path: Path) -> None:
    case_dir = tmp_path / "demo"
    case, results = build_demo_case(case_dir)
    case.close()
    assert not any(r.failed for r in results)
    sources_before, parties_before = documents(case_dir)
    demo_originals = file_tree(case_dir / "originals")
    corpus = build_corpus(tmp_path / "corpus")

    for path in corpus.values():
        run_cli("-C", str(case_dir), "import", "--dry-run", str(path))
        run_cli("-C", str(case_dir), "import", str(path))
    again = run_cli("-C", str(case_dir), "import", *(str(p) for p in corpus.values()))
    assert again.exit_code == 1  # the refused ones, again
    assert f"0 imported, {len(ACCEPTED)} already in the case, {len(corpus) - len(ACCEPTED)} failed." in again.output
    assert "Traceback" not in again.output

    sources_after, parties_after = documents(case_dir)
    demo_count = len(sources_before["sources"])
    assert sources_after["sources"][:demo_count] == sources_before["sources"]
    assert [(s["name"], s["imported"], s["known"]) for s in sources_after["sources"][demo_count:]] == ACCEPTED

    new_events = sum(new for _, new, _ in ACCEPTED)
    totals = dict(parties_before["events"])
    totals["total"] += new_events
    totals["calls"] += 2 + 8 + 5 + 9 + 3 + 3 + 3  # dtd, odd types, bad rows, dst, encodings, control, workbook
    totals["messages"] += 6 + 1 + 4 + 3 + 9 + 3  # sms, the control table's SMS row, iMazing, three chats
    totals["corroborated"] += 3  # the table written in three encodings
    assert parties_after["events"] == totals

    after = {p["party"]: p for p in parties_after["parties"]}
    for party in parties_before["parties"]:
        expected = dict(party)
        if party["party"] == "withheld":
            # operator-bad-rows.csv row 11: "####" (only signs) is a withheld caller; 10 s, answered
            expected["incoming"] += 1
            expected["calls_in"] += 1
        assert after[party["party"]] == expected, party["party"]

    # the demo's own files are still what the case holds of them
    assert {k: v for k, v in file_tree(case_dir / "originals").items() if k in demo_originals} == demo_originals
    assert incoming_leftovers(case_dir) == []
    reimport = run_cli("-C", str(case_dir), "import", *(str(p) for p in sample_files(samples_dir())))
    assert reimport.exit_code == 0
    assert reimport.output.count("already in the case (same SHA-256), nothing changed.") == demo_count
    assert documents(case_dir) == (sources_after, parties_after)
    verified = run_cli("-C", str(case_dir), "verify")
    assert verified.output == (
        f"Originals: {demo_count + len(ACCEPTED)} files checked, all files are unchanged.\n"
    )
