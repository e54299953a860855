#!/usr/bin/env python3
"""Measure the balance targets of docs/BALANCE.md with `amu-darya sim --json`.

    python3 scripts/balance.py                       # normal bots, seeds 1 and 2001, 2,000 games
    python3 scripts/balance.py --strong --games 200 --playouts 32   # every seat strong
    python3 scripts/balance.py --out /tmp/balance.json

Each target prints its figures and `met` or `NOT MET`; nothing is called met on a measure
other than the one the target names. The script only reads the game's own figures (the
binary is `target/release/amu-darya`, built by `cargo build --release`).
"""

import argparse
import json
import os
import subprocess
import sys
import time

STATES = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
DEFAULT = "levels/autumn-2021.ron"
LESSON = "levels/classroom-45.ron"
SCENARIOS = [
    ("strong-moderate", "levels/strong-moderate.ron"),
    ("strong-radical", "levels/strong-radical.ron"),
    ("weak-contained", "levels/weak-contained.ron"),
    ("weak-proxy", "levels/weak-proxy.ron"),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/amu-darya")
    ap.add_argument("--games", type=int, default=2000)
    ap.add_argument("--seeds", default="1,2001", help="comma-separated first seeds")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--strong", action="store_true",
                    help="every seat a strong bot (targets 2-6; target 1 forces postures, "
                         "which a strong bot does not search)")
    ap.add_argument("--playouts", type=int, default=32)
    ap.add_argument("--only", default="", help="comma-separated target numbers to run")
    ap.add_argument("--out", help="write every figure as JSON here")
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"{args.bin} not found: build it with `cargo build --release`")
    seeds = [int(s) for s in args.seeds.split(",")]
    only = {int(x) for x in args.only.split(",") if x}
    bots = ["--bots", "all=strong", "--playouts", str(args.playouts)] if args.strong else []
    started = time.time()
    cache = {}

    def sim(level, extra=(), who=None):
        """Pooled figures over the seeds for one level and options; `who` overrides the
        bots' strengths (a list of `--bots` values)."""
        key = (level, tuple(extra), tuple(who or ()))
        if key in cache:
            return cache[key]
        runs = []
        strengths = bots if who is None else [
            x for w in who for x in ("--bots", w)] + ["--playouts", str(args.playouts)]
        for seed in seeds:
            cmd = [args.bin, "sim", "--level", level, "--games", str(args.games),
                   "--seed", str(seed), "--jobs", str(args.jobs), "--json", *strengths, *extra]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            runs.append(json.loads(out))
            print(f"  [{time.time() - started:6.0f} s] {' '.join(cmd[1:])}", file=sys.stderr)
        cache[key] = runs
        return runs

    report = {"games": args.games, "seeds": seeds, "bots": "strong" if args.strong else "normal",
              "playouts": args.playouts if args.strong else None, "targets": {}}
    verdicts = []

    def verdict(n, ok, text):
        verdicts.append((n, ok, text))
        report["targets"][str(n)] = {"met": ok, "text": text}
        print(f"\n== target {n}: {'met' if ok else 'NOT MET'}\n{text}")

    def pooled_score(runs, state):
        return sum(r["mean_score"][state] for r in runs) / len(runs)

    def pooled_wins(runs, state):
        return sum(r["wins"][state] for r in runs) / sum(r["games"] for r in runs)

    # 1. No dominant posture. A forced posture is never searched, so with --strong only the
    # second half is measured: the state's seat strong (the others normal) against the
    # same state forced multi- or dual-vector (normal bots everywhere).
    if (not only or 1 in only) and args.strong:
        lines, free_ok = [], True
        for st in STATES:
            f = pooled_score(sim(DEFAULT, who=[f"{st}=strong"]), st)
            m = pooled_score(sim(DEFAULT, ["--posture", f"{st}=multi"], who=[]), st)
            d = pooled_score(sim(DEFAULT, ["--posture", f"{st}=dual"], who=[]), st)
            ok = f >= max(m, d)
            free_ok &= ok
            lines.append(f"{st:<6} strong, free {f:6.2f}  normal, multi {m:6.2f}  "
                         f"normal, dual {d:6.2f}  {'ok' if ok else 'below'}")
        verdict(1, free_ok, "default level: the seat strong and free against the seat "
                "forced (mean score)\n" + "\n".join(lines))
    if (not only or 1 in only) and not args.strong:
        lines = ["state  " + "  ".join(f"{name:>22}" for name, _ in SCENARIOS) + "   varies"]
        varies = 0
        for st in STATES:
            cells, best = [], []
            for name, level in SCENARIOS:
                m = pooled_score(sim(level, ["--posture", f"{st}=multi"]), st)
                d = pooled_score(sim(level, ["--posture", f"{st}=dual"]), st)
                b = "multi" if m > d else "dual" if d > m else "tie"
                best.append(b)
                cells.append(f"{m:6.2f} / {d:6.2f} {b:>5}")
            v = len(set(best)) > 1
            varies += v
            lines.append(f"{st:<6} " + "  ".join(f"{c:>22}" for c in cells) + f"   {'yes' if v else 'no'}")
        lines.append("(mean score forced multi / forced dual, the others free; better posture)")
        free_ok = True
        lines.append("\ndefault level: free play against either forced posture (mean score)")
        for st in STATES:
            f = pooled_score(sim(DEFAULT), st)
            m = pooled_score(sim(DEFAULT, ["--posture", f"{st}=multi"]), st)
            d = pooled_score(sim(DEFAULT, ["--posture", f"{st}=dual"]), st)
            ok = f >= max(m, d)
            free_ok &= ok
            lines.append(f"{st:<6} free {f:6.2f}  multi {m:6.2f}  dual {d:6.2f}  {'ok' if ok else 'below'}")
        report["t1"] = {"states_varying": varies}
        verdict(1, varies >= 4 and free_ok,
                "\n".join(lines) + f"\nstates whose better posture varies: {varies} of 5 (need 4)")

    # 2. No dominant order.
    if not only or 2 in only:
        lines, ok = [], True
        for level in (DEFAULT, LESSON):
            runs = sim(level)
            orders = {}
            for r in runs:
                for k, v in r["orders"].items():
                    orders[k] = orders.get(k, 0) + v
            total = sum(orders.values())
            top = max(orders, key=orders.get)
            share = orders[top] / total
            ordered_in = {k: sum(r["ordered_in"][k] for r in runs) / len(runs)
                          for k in runs[0]["ordered_in"]}
            low = sorted((v, k) for k, v in ordered_in.items())
            rare = [f"{k} {v:.1%}" for v, k in low if v < 0.02]
            ok &= share <= 0.30 and not rare
            lines.append(f"{level}: most ordered {top} {share:.1%} of {total} orders; "
                         f"least ordered in state-rounds: "
                         + ", ".join(f"{k} {v:.1%}" for v, k in low[:4])
                         + (f"; under 2%: {', '.join(rare)}" if rare else ""))
            report.setdefault("t2", {})[level] = {"top": top, "share": share,
                                                   "ordered_in": ordered_in}
        verdict(2, ok, "\n".join(lines))

    # 3. The essay's tilt.
    if not only or 3 in only:
        runs = sim(DEFAULT)
        eras = [e for e, _ in runs[0]["posture_share_by_era"]]
        share = {e: sum(dict(r["posture_share_by_era"])[e] for r in runs) / len(runs) for e in eras}
        first, last = share[eras[0]], share[eras[-1]]
        ties = {}
        for power in ("ties_west", "ties_russia", "ties_china"):
            ties[power] = sum(r["mean_final"][st][power] for r in runs for st in STATES) / (
                len(runs) * len(STATES))
        ok = last - first >= 0.15 and ties["ties_west"] < ties["ties_russia"] and \
            ties["ties_west"] < ties["ties_china"]
        verdict(3, ok,
                "dual-vector share by era: " + ", ".join(f"{e} {share[e]:.1%}" for e in eras)
                + f" (last minus first {100 * (last - first):+.1f} points, need +15)\n"
                + "mean final ties: " + ", ".join(f"{k} {v:.2f}" for k, v in ties.items()))
        report["t3"] = {"share_by_era": share, "ties": ties}

    # 4. Seats.
    if not only or 4 in only:
        lines, ok = [], True
        for level in (DEFAULT, LESSON):
            runs = sim(level)
            w = {st: pooled_wins(runs, st) for st in STATES}
            good = all(0.08 <= v <= 0.35 for v in w.values())
            ok &= good
            lines.append(f"{level}: " + ", ".join(f"{st} {v:.1%}" for st, v in w.items())
                         + ("" if good else "  (outside 8-35%)"))
            if not args.strong:
                runs = sim(level, ["--posture", "all=dual"])
                w = {st: pooled_wins(runs, st) for st in STATES}
                good = max(w.values()) <= 0.45
                ok &= good
                lines.append(f"{level}, all dual-vector: " + ", ".join(
                    f"{st} {v:.1%}" for st, v in w.items()) + ("" if good else "  (a seat over 45%)"))
        verdict(4, ok, "\n".join(lines))

    # 5. Scenarios.
    if not only or 5 in only:
        stab = {name: sum(r["mean_stability"] for r in sim(level)) / len(seeds)
                for name, level in SCENARIOS}
        names = [n for n, _ in SCENARIOS]
        steps = [stab[a] - stab[b] for a, b in zip(names, names[1:])]
        runs = sim(DEFAULT)
        collapse = sum(r["collapses"] for r in runs) / sum(r["games"] for r in runs)
        ok = all(s >= 1.0 for s in steps) and 0.05 <= collapse <= 0.30
        verdict(5, ok, "mean final stability: " + " > ".join(f"{n} {stab[n]:.2f}" for n in names)
                + " (steps " + ", ".join(f"{s:.2f}" for s in steps) + ", need 1.0 each)\n"
                + f"default level collapses {collapse:.1%} (need 5-30%)")
        report["t5"] = {"stability": stab, "default_collapse": collapse}

    # 6. A lesson meets the scenarios.
    if not only or 6 in only:
        runs = sim(LESSON)
        games = sum(r["games"] for r in runs)
        left = sum(r["left_start_quadrant"] for r in runs) / games
        collapse = sum(r["collapses"] for r in runs) / games
        ok = left >= 0.25 and 0.03 <= collapse <= 0.20
        verdict(6, ok, f"one-lesson level: {left:.1%} of games leave the start quadrant at some "
                f"round (need 25%); collapses {collapse:.1%} (need 3-20%)")
        report["t6"] = {"left": left, "collapse": collapse}

    report["elapsed_s"] = round(time.time() - started)
    print(f"\nsummary ({report['bots']} bots, {args.games} games x seeds {seeds}): "
          + ", ".join(f"{n} {'met' if ok else 'NOT MET'}" for n, ok, _ in verdicts)
          + f"; {report['elapsed_s']} s")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
