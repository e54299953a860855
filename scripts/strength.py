#!/usr/bin/env python3
"""The strong bot's strength, measured: one seat strong and the rest at a baseline
strength, rotated over the five seats, against the same games with that seat at the
baseline too. Prints a Markdown table for docs/BALANCE.md.

    scripts/strength.py [--games 500] [--seed 1] [--playouts 128] [--against normal]
                        [--jobs 2] [--bin target/release/amu-darya]

Each row is two `sim` runs over the same seeds (so the same news and dice):
  sim --games G --seed S --bots all=BASE                      (the baseline)
  sim --games G --seed S --bots all=BASE --bots SEAT=strong --playouts P
The figures are wins of that seat in each; the ratio is strong / baseline.
"""

import argparse
import json
import subprocess
import sys
import time

SEATS = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def sim(args, bots):
    cmd = [args.bin, "sim", "--level", args.level, "--games", str(args.games),
           "--seed", str(args.seed), "--jobs", str(args.jobs), "--json",
           "--playouts", str(args.playouts)]
    for b in bots:
        cmd += ["--bots", b]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--games", type=int, default=500)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--playouts", type=int, default=128)
    p.add_argument("--against", default="normal")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--level", default="levels/autumn-2021.ron")
    p.add_argument("--bin", default="target/release/amu-darya")
    args = p.parse_args()

    start = time.time()
    base = sim(args, [f"all={args.against}"])
    rows = []
    for seat in SEATS:
        t0 = time.time()
        strong = sim(args, [f"all={args.against}", f"{seat}=strong"])
        b, s = base["wins"][seat], strong["wins"][seat]
        rows.append((seat, b, s, strong["collapses"], time.time() - t0))
        print(f"{seat}: {args.against} {b}, strong {s} ({time.time() - t0:.0f} s)",
              file=sys.stderr)
    g = args.games
    print(f"| seat | {args.against} in that seat | strong in that seat | ratio |")
    print("|---|---|---|---|")
    ratios = []
    for seat, b, s, _, _ in rows:
        ratio = s / b if b else float("inf")
        ratios.append(ratio)
        print(f"| {seat} | {100 * b / g:.1f}% | {100 * s / g:.1f}% | {ratio:.2f} |")
    mean = sum(ratios) / len(ratios)
    pooled = sum(r[2] for r in rows) / max(1, sum(r[1] for r in rows))
    print(f"| mean | | | {mean:.2f} (pooled wins {pooled:.2f}) |")
    print(f"\n{g} games a seat, seeds {args.seed}..{args.seed + g - 1}, "
          f"{args.playouts} look-ahead games a decision, baseline collapses "
          f"{base['collapses']}; {time.time() - start:.0f} s on {args.jobs} jobs.")


if __name__ == "__main__":
    main()
