#!/usr/bin/env python3
"""Side-by-side routing benchmark on a VRPLIB set: xiangcun and PyVRP (and, for X-large,
HGS-CVRP through hygese) on the same instances, interleaved in the same run so that all
solvers see the same machine load.

    scripts/bench-routing-vrplib.py --set HFVRP --seconds 10
    scripts/bench-routing-vrplib.py --set X-large --seconds 10 --reference-seconds 30 --limit 8

For each instance: `xiangcun bench routing --set S --filter NAME` (our cost, gap, time to first
feasible, checker verdict; it writes NAME.sol), then PyVRP's `read_solution` re-costs our .sol
as a cross-check, then PyVRP solves the instance (one thread, same seed). Gaps are against the
set's best-known solution re-costed by PyVRP in the set's rounding convention.

Benchmark tooling only: PyVRP (`pip install pyvrp`) and hygese (`pip install hygese`) are not
dependencies of the product.
"""
import argparse
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
                  "--seed", "1", "--solutions", soldir]
    out = subprocess.run(line, capture_output=True, text=True, check=False)
    for row in out.stdout.splitlines():
        f = row.split()
        if f and f[0] == name:
            # instance n BKS cost gap t_feas total iters feasible
            return {"cost": int(f[3]), "t_feas": f[5], "feasible": f[8] == "yes"}
    sys.stderr.write(out.stdout + out.stderr)
    return None


def run_pyvrp(path, rounding, seconds):
    import pyvrp
    from pyvrp.stop import MaxRuntime
    data = pyvrp.read(path, round_func=rounding)
    t0 = time.perf_counter()
    res = pyvrp.solve(data, stop=MaxRuntime(seconds), seed=1, display=False)
    return res.best.is_feasible(), round(res.cost()) if res.best.is_feasible() else None, time.perf_counter() - t0


def pyvrp_cost(path, sol, rounding):
    import pyvrp
    data = pyvrp.read(path, round_func=rounding)
    s = pyvrp.read_solution(sol, data)
    return s.is_feasible(), round(pyvrp.CostEvaluator([0] * data.num_load_dimensions, 0, 0).cost(s))


def run_hgs(path, seconds):
    import hygese
    import vrplib
    inst = vrplib.read_instance(path)
    data = {
        "x_coordinates": inst["node_coord"][:, 0], "y_coordinates": inst["node_coord"][:, 1],
        "demands": inst["demand"], "vehicle_capacity": int(inst["capacity"]), "num_vehicles": len(inst["demand"]),
        "depot": 0, "service_times": [0] * len(inst["demand"]),
    }
    params = hygese.AlgorithmParameters(timeLimit=seconds, seed=1)
    res = hygese.Solver(parameters=params, verbose=False).solve_cvrp(data, rounding=True)
    return res.cost


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True, choices=sorted(ROUND))
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--reference-seconds", type=float, default=None, help="PyVRP/HGS time (default: --seconds)")
    ap.add_argument("--data", default="../shared/data/vrp")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--filter", default=None)
    ap.add_argument("--every", type=int, default=1, help="take every k-th instance (a spread subset)")
    ap.add_argument("--hgs", action="store_true", help="also HGS-CVRP via hygese (X-large)")
    ap.add_argument("--xiangcun", default=".build/release/xiangcun bench routing",
                    help="command that runs `bench routing` (default: the release build)")
    args = ap.parse_args()
    ref = args.reference_seconds or args.seconds
    rounding = ROUND[args.set]
    folder = os.path.join(args.data, args.set)
    names = sorted((f[:-4] for f in os.listdir(folder) if f.endswith(".vrp")), key=lambda n: (size_hint(n), n))
    if args.filter:
        names = [n for n in names if args.filter in n]
    names = names[:: args.every]
    if args.limit:
        names = names[: args.limit]
    cmd = args.xiangcun.split()
    soldir = tempfile.mkdtemp(prefix="bench-routing-")
    head = f"{'instance':14}{'BKS':>12}{'ours':>12}{'gap%':>7}{'t_feas':>8}{'ok':>4}{'PyVRP':>12}{'gap%':>7}{'ok':>4}"
    if args.hgs:
        head += f"{'HGS':>12}{'gap%':>7}"
    print(f"set {args.set}: ours {args.seconds:g} s, PyVRP{' and HGS' if args.hgs else ''} {ref:g} s per instance, "
          f"one thread each, seed 1, rounding '{rounding}'")
    print(head, flush=True)
    gaps = {"ours": [], "pyvrp": [], "hgs": []}
    better = worse = 0
    for name in names:
        path = os.path.join(folder, name + ".vrp")
        bks_ok, bks = pyvrp_cost(path, os.path.join(folder, name + ".sol"), rounding)
        ours = run_ours(cmd, args, name, soldir)
        if ours is None:
            print(f"{name:14} our run failed", flush=True)
            continue
        cross_ok, cross = pyvrp_cost(path, os.path.join(soldir, name + ".sol"), rounding)
        if not cross_ok or cross != ours["cost"]:
            print(f"  warning: PyVRP reads our {name}.sol as feasible={cross_ok} cost={cross}", flush=True)
        ok = ours["feasible"] and cross_ok
        feasible, pcost, _ = run_pyvrp(path, rounding, ref)
        g = 100 * (ours["cost"] - bks) / bks
        gaps["ours"].append(g)
        row = f"{name:14}{bks:>12}{ours['cost']:>12}{g:>7.2f}{ours['t_feas']:>8}{'yes' if ok else 'NO':>4}"
        if pcost is not None:
            pg = 100 * (pcost - bks) / bks
            gaps["pyvrp"].append(pg)
            better += ours["cost"] < pcost
            worse += ours["cost"] > pcost
            row += f"{pcost:>12}{pg:>7.2f}{'yes':>4}"
        else:
            row += f"{'-':>12}{'-':>7}{'NO':>4}"
        if args.hgs:
            hc = run_hgs(path, ref)
            hg = 100 * (hc - bks) / bks
            gaps["hgs"].append(hg)
            row += f"{hc:>12.0f}{hg:>7.2f}"
        print(row, flush=True)
    avg = {k: (sum(v) / len(v) if v else float("nan")) for k, v in gaps.items()}
    line = f"{len(gaps['ours'])} instances: average gap ours {avg['ours']:.3f} %, PyVRP {avg['pyvrp']:.3f} %"
    if args.hgs:
        line += f", HGS-CVRP {avg['hgs']:.3f} %"
    line += f"; ours better on {better}, worse on {worse}"
    print(line)


if __name__ == "__main__":
    main()
