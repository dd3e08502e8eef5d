# Runs PyVRP beside our solver (comparison only; never committed as code of ours).
# Comparison tooling only: needs `pip install pyvrp` (not a dependency of the project).
import sys, time, csv, os
from pyvrp import read, solve
from pyvrp.stop import MaxRuntime
d = sys.argv[1]; secs = float(sys.argv[2]); only = sys.argv[3] if len(sys.argv) > 3 else ""
bks = {r["instance"]: int(r["bks"]) for r in csv.DictReader(open(os.path.join(d, "bks.csv")))}
gaps = []
for f in sorted(os.listdir(d), key=lambda x: int(x.split("-n")[1].split("-")[0]) if "-n" in x else 0):
    if not f.endswith(".vrp") or only not in f: continue
    name = f[:-4]
    data = read(os.path.join(d, f), round_func="round")
    t = time.time(); c0 = time.process_time()
    res = solve(data, stop=MaxRuntime(secs), seed=1, display=False)
    cost = round(res.cost()); g = 100 * (cost - bks[name]) / bks[name]; gaps.append(g)
    print(f"{name:12} {cost:8} {g:6.2f} feasible={res.is_feasible()} wall={time.time()-t:.1f} cpu={time.process_time()-c0:.1f}", flush=True)
print(f"average gap {sum(gaps)/len(gaps):.3f} %")
