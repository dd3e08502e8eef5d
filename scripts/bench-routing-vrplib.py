#!/usr/bin/env python3
"""Side-by-side routing benchmark on a VRPLIB set: xiangcun and PyVRP (and, for X-large,
HGS-CVRP through hygese) on the same instances, interleaved in the same run so that all
solvers see the same machine load.

    scripts/bench-routing-vrplib.py --set HFVRP --seconds 10
    scripts/bench-routing-vrplib.py --set X-large --seconds 10 --reference-seconds 30 --limit 8

For each instance: `xiangcun bench routing --set S --filter NAME` (our cost, gap, time to first
feasible, time to within 1 % of the best-known cost from the engine's improvement trace, checker
verdict; it writes NAME.sol), then PyVRP's `read_solution` re-costs our .sol as a cross-check,
then PyVRP solves the instance (one thread, same seed). Gaps are against the set's best-known
solution re-costed by PyVRP in the set's rounding convention.

Time to within 1 % (`t1%`, '-' = not reached): ours from the engine's trace of improvements;
PyVRP from its stopping criterion, which it calls before every iteration with the best feasible
cost (the same data as `Result.stats`, but on the run's own clock);
HGS-CVRP (hygese) has no callback or statistics object, so its progress lines (verbose mode,
one every 500 iterations: elapsed time and the best feasible cost in the population) are read
from its standard output: the first line within 1 % — an upper bound at that granularity, and
'-' also when the search ends between two lines.

Benchmark tooling only: PyVRP (`pip install pyvrp`) and hygese (`pip install hygese`) are not
dependencies of the product.
"""
import argparse
import functools
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time

ROUND = {"HFVRP": "round", "X-large": "round", "MDVRPTW": "exact", "MTVRPTWR": "dimacs"}


def size_hint(name):
    m = re.search(r"\d+", name)
    return int(m.group()) if (m and name.startswith("X")) else 0


def run_ours(cmd, args, name, soldir):
    line = cmd + ["--set", args.set, "--data", args.data, "--filter", name, "--seconds", str(args.seconds),
                  "--seed", "1", "--solutions", soldir] + (["--cpu-time"] if args.cpu_time else [])
    out = subprocess.run(line, capture_output=True, text=True, check=False)
    for row in out.stdout.splitlines():
        f = row.split()
        if f and f[0] == name:
            # instance n BKS cost gap t_feas t_1% total iters feasible
            return {"cost": int(f[3]), "t_feas": f[5], "t1": f[6], "feasible": f[9] == "yes"}
    sys.stderr.write(out.stdout + out.stderr)
    return None


class Limit:
    """PyVRP stopping criterion like `MaxRuntime` (wall clock) or, with `cpu`, counting this
    process's CPU seconds (`time.process_time`) as HGS-CVRP and `--cpu-time` do. PyVRP calls it
    before every iteration with the best solution's cost (no finite cost while infeasible), so it
    also notes when the best first came within `target`."""

    def __init__(self, seconds, target, cpu):
        self.seconds, self.target = seconds, target
        self.clock = time.process_time if cpu else time.perf_counter
        self.start = None
        self.reached = None

    def __call__(self, best_cost):
        now = self.clock()
        if self.start is None:
            self.start = now
        if self.reached is None and best_cost <= self.target:
            self.reached = now - self.start
        return now - self.start > self.seconds


def run_pyvrp(path, rounding, seconds, target, cpu_time):
    import pyvrp
    data = pyvrp.read(path, round_func=rounding)
    stop = Limit(seconds, target, cpu_time)
    res = pyvrp.solve(data, stop=stop, seed=1, display=False)
    return res.best.is_feasible(), round(res.cost()) if res.best.is_feasible() else None, stop.reached


def pyvrp_cost(path, sol, rounding):
    import pyvrp
    data = pyvrp.read(path, round_func=rounding)
    s = pyvrp.read_solution(sol, data)
    return s.is_feasible(), round(pyvrp.CostEvaluator([0] * data.num_load_dimensions, 0, 0).cost(s))


HGS_LINE = re.compile(r"^It\s+\d+\s+\d+\s+\|\s+T\(s\)\s+([0-9.]+)\s+\|\s+Feas\s+(\d+)\s+([0-9.]+)")


def run_hgs(path, seconds, target):
    import hygese
    import vrplib
    inst = vrplib.read_instance(path)
    data = {
        "x_coordinates": inst["node_coord"][:, 0], "y_coordinates": inst["node_coord"][:, 1],
        "demands": inst["demand"], "vehicle_capacity": int(inst["capacity"]), "num_vehicles": len(inst["demand"]),
        "depot": 0, "service_times": [0] * len(inst["demand"]),
    }
    params = hygese.AlgorithmParameters(timeLimit=seconds, seed=1)
    # The C library prints its progress on file descriptor 1: send it to a file while it runs.
    sys.stdout.flush()
    with tempfile.TemporaryFile(mode="w+") as log:
        saved = os.dup(1)
        os.dup2(log.fileno(), 1)
        try:
            res = hygese.Solver(parameters=params, verbose=True).solve_cvrp(data, rounding=True)
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        log.seek(0)
        t1 = None
        for line in log:
            m = HGS_LINE.match(line)
            if m and int(m.group(2)) > 0 and float(m.group(3)) <= target:
                t1 = float(m.group(1))
                break
    return res.cost, t1


def fmt_t(t):
    return "-" if t is None else f"{t:.2f}"


def avg_t(ts):
    got = [t for t in ts if t is not None]
    if not got:
        return f"reached on 0 of {len(ts)}"
    return f"reached on {len(got)} of {len(ts)}, avg {sum(got) / len(got):.2f} s over those"


def bench_one(args, soldir, name):
    """One instance, the solvers one after the other: ours, PyVRP, then HGS-CVRP."""
    ref = args.reference_seconds or args.seconds
    rounding = ROUND[args.set]
    folder = os.path.join(args.data, args.set)
    path = os.path.join(folder, name + ".vrp")
    _, bks = pyvrp_cost(path, os.path.join(folder, name + ".sol"), rounding)
    ours = run_ours(args.xiangcun.split(), args, name, soldir)
    if ours is None:
        return {"row": f"{name:14} our run failed"}
    out = {"notes": []}
    cross_ok, cross = pyvrp_cost(path, os.path.join(soldir, name + ".sol"), rounding)
    if not cross_ok or cross != ours["cost"]:
        out["notes"].append(f"  warning: PyVRP reads our {name}.sol as feasible={cross_ok} cost={cross}")
    ok = ours["feasible"] and cross_ok
    target = bks * 1.01
    _, pcost, pt1 = run_pyvrp(path, rounding, ref, target, args.cpu_time)
    g = 100 * (ours["cost"] - bks) / bks
    ot1 = None if ours["t1"] == "-" else float(ours["t1"])
    out.update(ours_gap=g, ours_t1=ot1, ours_cost=ours["cost"], pyvrp_t1=pt1, pyvrp_cost=pcost)
    row = f"{name:14}{bks:>12}{ours['cost']:>12}{g:>7.2f}{ours['t_feas']:>8}{fmt_t(ot1):>7}{'yes' if ok else 'NO':>4}"
    if pcost is not None:
        out["pyvrp_gap"] = 100 * (pcost - bks) / bks
        row += f"{pcost:>12}{out['pyvrp_gap']:>7.2f}{fmt_t(pt1):>7}{'yes':>4}"
    else:
        row += f"{'-':>12}{'-':>7}{'-':>7}{'NO':>4}"
    if args.hgs:
        hc, ht1 = run_hgs(path, ref, target)
        out.update(hgs_gap=100 * (hc - bks) / bks, hgs_t1=ht1)
        row += f"{hc:>12.0f}{out['hgs_gap']:>7.2f}{fmt_t(ht1):>7}"
    out["row"] = row
    return out


def loadavg():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True, choices=sorted(ROUND))
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--reference-seconds", type=float, default=None, help="PyVRP/HGS time (default: --seconds)")
    ap.add_argument("--data", default="../shared/data/vrp")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--filter", default=None)
    ap.add_argument("--every", type=int, default=1, help="take every k-th instance (a spread subset)")
    ap.add_argument("--skip", type=int, default=0,
                    help="leave out the first k instances (after --filter/--every): a second process can take "
                         "the rest of a set while the first is still running")
    ap.add_argument("--hgs", action="store_true", help="also HGS-CVRP via hygese (X-large)")
    ap.add_argument("--cpu-time", action="store_true",
                    help="limits and times in CPU seconds of each solver's process (HGS-CVRP always counts CPU time)")
    ap.add_argument("--jobs", type=int, default=1,
                    help="instances benchmarked at the same time (each still runs its solvers one after the other); "
                         "only meaningful with --cpu-time")
    ap.add_argument("--xiangcun", default=".build/release/xiangcun bench routing",
                    help="command that runs `bench routing` (default: the release build)")
    args = ap.parse_args()
    if args.jobs > 1 and not args.cpu_time:
        sys.exit("--jobs > 1 needs --cpu-time (parallel runs would take wall-clock time from each other)")
    ref = args.reference_seconds or args.seconds
    folder = os.path.join(args.data, args.set)
    names = sorted((f[:-4] for f in os.listdir(folder) if f.endswith(".vrp")), key=lambda n: (size_hint(n), n))
    if args.filter:
        names = [n for n in names if args.filter in n]
    names = names[:: args.every][args.skip:]
    if args.limit:
        names = names[: args.limit]
    soldir = tempfile.mkdtemp(prefix="bench-routing-")
    head = (f"{'instance':14}{'BKS':>12}{'ours':>12}{'gap%':>7}{'t_feas':>8}{'t1%':>7}{'ok':>4}"
            f"{'PyVRP':>12}{'gap%':>7}{'t1%':>7}{'ok':>4}")
    if args.hgs:
        head += f"{'HGS':>12}{'gap%':>7}{'t1%':>7}"
    print(f"set {args.set}: ours {args.seconds:g} s, PyVRP{' and HGS' if args.hgs else ''} {ref:g} s per instance, "
          f"one thread each, seed 1, rounding '{ROUND[args.set]}', {'CPU' if args.cpu_time else 'wall-clock'} seconds, "
          f"{args.jobs} instance(s) at a time")
    print(f"load average at the start: {loadavg()}")
    print(head, flush=True)
    work = functools.partial(bench_one, args, soldir)
    if args.jobs > 1:
        pool = multiprocessing.Pool(args.jobs)
        results = pool.imap(work, names)
    else:
        results = map(work, names)
    done = []
    for r in results:
        for note in r.get("notes", []):
            print(note, flush=True)
        print(r["row"], flush=True)
        done.append(r)
    done = [r for r in done if "ours_gap" in r]

    def mean(key):
        v = [r[key] for r in done if key in r]
        return sum(v) / len(v) if v else float("nan")

    better = sum(1 for r in done if r["pyvrp_cost"] is not None and r["ours_cost"] < r["pyvrp_cost"])
    worse = sum(1 for r in done if r["pyvrp_cost"] is not None and r["ours_cost"] > r["pyvrp_cost"])
    line = f"{len(done)} instances: average gap ours {mean('ours_gap'):.3f} %, PyVRP {mean('pyvrp_gap'):.3f} %"
    if args.hgs:
        line += f", HGS-CVRP {mean('hgs_gap'):.3f} %"
    line += f"; ours better on {better}, worse on {worse}"
    print(line)
    print(f"time to within 1 % of BKS: ours {avg_t([r['ours_t1'] for r in done])}; "
          f"PyVRP {avg_t([r['pyvrp_t1'] for r in done])}"
          + (f"; HGS-CVRP {avg_t([r.get('hgs_t1') for r in done])}" if args.hgs else ""))
    print(f"load average at the end: {loadavg()}")


if __name__ == "__main__":
    main()
