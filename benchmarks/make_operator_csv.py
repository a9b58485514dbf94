"""Write a large, realistic, fictional Belgian operator usage export (CSV).

The layout is what Belgian operators hand out: title lines above the
header, ``;`` between cells, cp1252 text, ``dd/mm/yyyy`` dates, ``H:MM:SS``
durations, Dutch words. 20,000 distinct numbers (mobile and landline, each
written in the operator's national form) plus withheld calls ("Anoniem"),
rows in bursts a few seconds apart (1-9 s) with longer pauses between
bursts, spread so that the file covers 400 days from 1 January 2025 whatever
its size, in local Brussels wall-clock time (so the import meets the DST
changes of both years). Every number and row is made up.

``--overlap-of FILE`` writes a second export of the same calls as FILE
(what a second operator return for the same line looks like): the same
rows, the clock shifted by up to 30 s, so that importing it after FILE
corroborates every row against the stored events.

Usage:
    python benchmarks/make_operator_csv.py --rows 1000000 OUT.csv
    python benchmarks/make_operator_csv.py --rows 1000000 --overlap-of OUT2.csv
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path

TITLE_LINES = (  # 5 lines above the header: the baseline reads with skiprows=5
    "Overzicht verbruik - FICTIEF VOORBEELD (benchmark, geen echte gegevens)",
    "Klant: Voorbeeld Klant;;;;;",
    "Lijn: 0470 00 00 01;;;;;",
    "Periode: 01/01/2025 - 31/12/2026;;;;;",
    "",
)
HEADER = "Datum;Uur;Nummer;Soort;Richting;Duur"
START = datetime(2025, 1, 1, 0, 0, 0)  # Brussels wall clock
DISTINCT_NUMBERS = 20_000
WITHHELD_SHARE = 0.03
SPAN_DAYS = 400


def make_numbers(rng: random.Random) -> list[str]:
    """20,000 distinct fictional numbers as an operator writes them."""
    numbers: set[str] = set()
    while len(numbers) < DISTINCT_NUMBERS:
        if rng.random() < 0.8:  # mobile: 04xx xx xx xx
            numbers.add(f"04{rng.choice('6789')}{rng.randint(0, 9)}{rng.randint(0, 999_999):06d}")
        else:  # landline: 0z zzz zz zz
            numbers.add(f"0{rng.choice('23459')}{rng.randint(1_000_000, 9_999_999)}")
    return sorted(numbers)


def rows(count: int, seed: int = 11) -> list[tuple[datetime, str, str, str, int]]:
    """(wall clock, number, kind, direction, duration seconds) per row."""
    rng = random.Random(seed)
    numbers = make_numbers(rng)
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(numbers))]  # a few numbers call a lot
    chosen = rng.choices(numbers, weights=weights, k=count)
    out = []
    clock = START
    # 70 % of gaps are 1-9 s (a burst); the pauses make the mean gap SPAN / count
    pause_mean = max(1.0, (SPAN_DAYS * 86_400 / count - 0.7 * 5) / 0.3)
    for index in range(count):
        gap = rng.randint(1, 9) if rng.random() < 0.7 else int(rng.expovariate(1 / pause_mean)) + 10
        clock += timedelta(seconds=gap)
        withheld = rng.random() < WITHHELD_SHARE
        number = "Anoniem" if withheld else chosen[index]
        kind = "SMS" if (not withheld and rng.random() < 0.25) else "Oproep"
        if kind == "SMS":
            direction, duration = rng.choice(("Inkomend", "Uitgaand")), 0
        else:
            direction = rng.choice(("Inkomend", "Inkomend", "Uitgaand", "Gemist"))
            duration = 0 if direction == "Gemist" else rng.randint(1, 3600)
        out.append((clock, number, kind, direction, duration))
    return out


def write(path: Path, count: int, shift_s: int = 0, seed: int = 11) -> None:
    rng = random.Random(seed + 1)
    with open(path, "w", encoding="cp1252", newline="") as out:
        out.write("\r\n".join(TITLE_LINES) + "\r\n" + HEADER + "\r\n")
        lines = []
        for clock, number, kind, direction, duration in rows(count, seed):
            if shift_s:
                clock += timedelta(seconds=rng.randint(-shift_s, shift_s))
            hours, rest = divmod(duration, 3600)
            lines.append(f"{clock:%d/%m/%Y};{clock:%H:%M:%S};{number};{kind};{direction};"
                         f"{hours}:{rest // 60:02d}:{rest % 60:02d}")
            if len(lines) >= 50_000:
                out.write("\r\n".join(lines) + "\r\n")
                lines.clear()
        if lines:
            out.write("\r\n".join(lines) + "\r\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--overlap-of", action="store_true",
                        help="write the overlapping second export (same calls, clock shifted by up to 30 s)")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    write(args.out, args.rows, shift_s=30 if args.overlap_of else 0)


if __name__ == "__main__":
    main()
