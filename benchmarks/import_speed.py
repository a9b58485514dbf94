"""How fast a police-scale import is, against a baseline measured in the same run.

Writes a synthetic (fictional) SMS Backup & Restore call log and an operator
CSV that shows the same calls, then times:

- baseline: reading the XML with the standard library's iterparse and doing
  nothing with it (the least any importer must pay);
- calllog importing the call log into a new case;
- calllog importing the overlapping operator CSV (every row corroborated).

Usage: python benchmarks/import_speed.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from calllog.case import Case
from calllog.ingest import import_file

START_MS = 1_735_686_000_000  # 2025-01-01 00:00 Brussels time
OWNER = "+32470000001"


def write_exports(folder: Path, rows: int) -> tuple[Path, Path]:
    rng = random.Random(7)
    parties = [f"+3247000{n:04d}" for n in range(200)] + ["-2"]
    xml_path = folder / "calls-synthetic.xml"
    csv_path = folder / "operator-synthetic.csv"
    instant = START_MS
    with open(xml_path, "w", encoding="utf-8") as xml, open(csv_path, "w", encoding="cp1252", newline="") as csv:
        xml.write(f"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<calls count=\"{rows}\">\n")
        csv.write("Synthetic operator export (fictional)\r\n\r\nDatum;Uur;Nummer;Richting;Duur\r\n")
        for _ in range(rows):
            instant += rng.randint(20_000, 90_000)
            party = rng.choice(parties)
            kind = rng.choice((1, 2, 3, 5))
            duration = rng.randint(1, 600) if kind in (1, 2) else 0
            xml.write(f'  <call number="{party}" duration="{duration}" date="{instant}" type="{kind}" />\n')
            local = time.gmtime(instant // 1000 + 3600)  # the CSV is written in winter time (+01:00) ...
            when = time.strftime("%d/%m/%Y;%H:%M:%S", local)
            number = "Anoniem" if party == "-2" else "0" + party[3:]
            word = {1: "Inkomend", 2: "Uitgaand", 3: "Gemist", 5: "Gemist"}[kind]
            csv.write(f"{when};{number};{word};{duration // 60}:{duration % 60:02d}\r\n")
        xml.write("</calls>\n")
    return xml_path, csv_path


def timed(label: str, action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"{label:<48} {seconds:8.2f} s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xml_path, csv_path = write_exports(folder, args.rows)
        # ... so the case zone is fixed at UTC+1 all year: no DST in the synthetic local times
        case = Case.create(folder / "case", [OWNER], tz_name="Etc/GMT-1")

        def baseline() -> None:
            for _, element in ET.iterparse(xml_path):
                element.clear()

        print(f"{args.rows:,} calls; XML {xml_path.stat().st_size / 1e6:.0f} MB, CSV {csv_path.stat().st_size / 1e6:.0f} MB")
        base = timed("baseline: stdlib iterparse of the XML", baseline)
        results = {}
        xml_s = timed("calllog import of the call log", lambda: results.setdefault("xml", import_file(case, xml_path)))
        csv_s = timed("calllog import of the overlapping operator CSV",
                      lambda: results.setdefault("csv", import_file(case, csv_path)))
        print(f"ratio call log / baseline: {xml_s / base:.1f}x; operator CSV / baseline: {csv_s / base:.1f}x")
        print(f"call log: {results['xml'].imported:,} new; CSV: {results['csv'].imported:,} new, "
              f"{results['csv'].known:,} corroborated, {results['csv'].skipped:,} skipped")
        case.close()


if __name__ == "__main__":
    main()
