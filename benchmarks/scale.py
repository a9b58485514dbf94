"""Police-scale benchmark (issue 8): whole ``calllog`` processes against a
baseline process on the same file, in the same run.

Every figure is a whole process started with ``subprocess`` (interpreter
start, imports, reading, writing), so it is what a victim waits for, except
the two "writing only" lines of the export, which are timed inside their
process (see ``bench_export``). Peak memory is the child's own maximum
resident set size (``os.wait4``).
Inputs are made up by ``make_operator_csv.py`` and ``make_sbr_xml.py`` in
a temporary folder (fictional numbers and texts).

Targets measured:

1. ``calllog import`` of the operator CSV into an empty case vs
   ``pandas.read_csv(FILE, sep=';', encoding='cp1252', skiprows=5)``;
2. ``calllog import`` of a second, overlapping export into that case
   (every row corroborated against the stored events), same baseline;
3. ``calllog analyse --json`` on that case, same baseline;
4. ``calllog import`` of a large SMS Backup & Restore XML with base64 MMS
   parts (flat memory, throughput) vs a stdlib ``iterparse`` that clears
   each element and does nothing else;
5. ``calllog export --include-all`` of a case of ``--export-rows`` events vs
   a bare openpyxl write-only dump of the same events, as whole processes,
   and the writing alone timed inside each process (``bench_export``).

Usage (from the repository, with calllog installed):
    python benchmarks/scale.py --rows 1000000 --xml-mb 1000 --export-rows 100000
    python benchmarks/scale.py --rows 100000 --xml-mb 100 --skip export
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
OWNER = "0470000001"


@dataclass
class Run:
    seconds: float
    peak_mb: float


def run(args: list[str], cwd: Path, stdout: Path | None = None) -> Run:
    """Run one whole process; its wall time and its own peak RSS."""
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    start = time.perf_counter()
    child = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if stdout:
        out.close()  # type: ignore[union-attr]
    if child.returncode != 0:
        sys.exit(f"failed ({child.returncode}): {' '.join(args)}\n{stderr}")
    return Run(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def calllog(case: Path, *args: str) -> list[str]:
    return [PY, "-m", "calllog", "-C", str(case), *args]


def line(label: str, measured: Run, base: Run | None, rows: int | None, size_mb: float | None = None) -> None:
    ratio = f"{measured.seconds / base.seconds:6.1f}x" if base else "      -"
    rate = f"{rows / measured.seconds:>10,.0f} rows/s" if rows else " " * 17
    mbs = f"  {size_mb / measured.seconds:6.1f} MB/s" if size_mb else ""
    print(f"{label:<52} {measured.seconds:8.2f} s {ratio}  peak {measured.peak_mb:7.0f} MB  {rate}{mbs}", flush=True)


def pandas_baseline(csv: Path, cwd: Path) -> Run:
    code = f"import pandas; pandas.read_csv({str(csv)!r}, sep=';', encoding='cp1252', skiprows=5)"
    return run([PY, "-c", code], cwd)


def bench_csv(folder: Path, rows: int, skip: set[str]) -> None:
    first, second = folder / "operator-1.csv", folder / "operator-2.csv"
    run([PY, str(HERE / "make_operator_csv.py"), "--rows", str(rows), str(first)], folder)
    run([PY, str(HERE / "make_operator_csv.py"), "--rows", str(rows), "--overlap-of", str(second)], folder)
    print(f"operator CSV: {rows:,} rows, {first.stat().st_size / 1e6:.0f} MB each", flush=True)
    case = folder / "case"
    run(calllog(case, "init", "--owner", OWNER), folder)
    base = pandas_baseline(first, folder)
    line("baseline: pandas.read_csv of the CSV", base, None, rows)
    said = folder / "import.txt"
    line("calllog import, empty case", run(calllog(case, "import", str(first)), folder, said), base, rows)
    print("   ", said.read_text().strip().splitlines()[-1], flush=True)  # the counts: every row imported?
    if "overlap" not in skip:
        base = pandas_baseline(second, folder)
        line("baseline: pandas.read_csv of the 2nd CSV", base, None, rows)
        line("calllog import, overlapping 2nd export", run(calllog(case, "import", str(second)), folder, said),
             base, rows)
        print("   ", said.read_text().strip().splitlines()[-1], flush=True)
    if "analyse" not in skip:
        base = pandas_baseline(first, folder)
        line("baseline: pandas.read_csv of the CSV", base, None, rows)
        line("calllog analyse --json", run(calllog(case, "analyse", "--json"), folder, folder / "findings.json"),
             base, rows)


def bench_xml(folder: Path, size_mb: int) -> None:
    xml = folder / "sms-synthetic.xml"
    made = run([PY, str(HERE / "make_sbr_xml.py"), "--mb", str(size_mb), str(xml)], folder)
    size = xml.stat().st_size / 1e6
    print(f"SBR XML: {size:.0f} MB written in {made.seconds:.0f} s", flush=True)
    code = ("import sys, xml.etree.ElementTree as ET\n"
            "n = 0\n"
            "for _, e in ET.iterparse(sys.argv[1]):\n"
            "    n += e.tag in ('sms', 'mms')\n"
            "    e.clear()\n"
            "print(n)")
    base = run([PY, "-c", code, str(xml)], folder, folder / "count.txt")
    messages = int((folder / "count.txt").read_text())
    line("baseline: stdlib iterparse + clear of the XML", base, None, messages, size)
    case = folder / "xml-case"
    run(calllog(case, "init", "--owner", OWNER), folder)
    said = folder / "import.txt"
    line("calllog import of the SBR XML", run(calllog(case, "import", str(xml)), folder, said), base, messages, size)
    print("   ", said.read_text().strip().splitlines()[-1], flush=True)
    xml.unlink()


# calllog's workbook writing alone, in-process: the events loaded and analysed first,
# then ``write_case_workbook`` timed (every sheet, no charts drawn); prints its seconds
WORKBOOK_WRITING = """
import sys, time
from pathlib import Path
from calllog.analysis import analyse
from calllog.case import Case
from calllog.casedata import load_analysis_input
from calllog.report.workbook import write_case_workbook
case = Case.open(Path(sys.argv[1]))
inp = load_analysis_input(case)
findings = analyse(inp)
start = time.perf_counter()
write_case_workbook(case, Path(sys.argv[2]), include_all=True, inp=inp, findings=findings)
print(f"{time.perf_counter() - start:.3f}")
"""


def bench_export(folder: Path, rows: int) -> None:
    """Two ratios against the bare openpyxl dump of the same events
    (``bare_workbook.py``): whole processes (``calllog export
    --include-all`` with its charts vs the bare script), and the writing
    alone, timed inside each process (calllog: ``write_case_workbook`` of
    events already loaded and analysed, every sheet, no charts; bare: its
    dump less the reading of its rows). Peaks are of the whole processes."""
    csv = folder / "operator-export.csv"
    run([PY, str(HERE / "make_operator_csv.py"), "--rows", str(rows), str(csv)], folder)
    case = folder / "export-case"
    run(calllog(case, "init", "--owner", OWNER), folder)
    run(calllog(case, "import", str(csv)), folder)
    said = folder / "seconds.txt"
    base = run([PY, str(HERE / "bare_workbook.py"), str(case / "case.sqlite"), str(folder / "bare.xlsx"), "--seconds"],
               folder, said)
    read_s, dump_s = (float(word) for word in said.read_text().split()[1::2])
    line(f"baseline: bare openpyxl write-only dump, {rows:,} rows", base, None, rows)
    line("calllog export --include-all (whole process)",
         run(calllog(case, "export", "--include-all", "-o", str(folder / "case.xlsx")), folder), base, rows)
    base_writing = Run(dump_s - read_s, base.peak_mb)
    line(f"baseline writing only (dump {dump_s:.2f} s - reading {read_s:.2f} s)", base_writing, None, rows)
    writing = run([PY, "-c", WORKBOOK_WRITING, str(case), str(folder / "writing.xlsx")], folder, said)
    line("calllog workbook writing only (write_case_workbook)", Run(float(said.read_text()), writing.peak_mb),
         base_writing, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of each operator CSV")
    parser.add_argument("--xml-mb", type=int, default=1000, help="size of the SBR XML in MB")
    parser.add_argument("--export-rows", type=int, default=100_000, help="events in the case to export")
    parser.add_argument("--skip", action="append", default=[], choices=("csv", "overlap", "analyse", "xml", "export"))
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    import pandas

    print(f"{time.strftime('%Y-%m-%d %H:%M')}  python {platform.python_version()}  pandas {pandas.__version__}  "
          f"{os.cpu_count()} CPUs  {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
          flush=True)
    skip = set(args.skip)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if "csv" not in skip:
            bench_csv(folder, args.rows, skip)
        if "xml" not in skip:
            bench_xml(folder, args.xml_mb)
        if "export" not in skip:
            bench_export(folder, args.export_rows)


if __name__ == "__main__":
    main()
