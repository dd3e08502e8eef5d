#!/usr/bin/env python3
"""The statistics dashboards over loopback on generated data, with DuckDB beside on the same raw rows.

    scripts/bench-dashboard.py --binary .build/release/xiangcun --engine sqlite [--runs 30] [-- BENCH-ARGS]
    scripts/bench-dashboard.py --binary .build/release/xiangcun --engine postgres --postgres-url postgres://postgres@127.0.0.1:55463/postgres
    scripts/bench-dashboard.py … --keep DIR --generate-only, later … --keep DIR --reuse (time another build on the same data)

1. `xiangcun bench dashboard --generate-only BENCH-ARGS` into a fresh database (full size by
   default: five years of the large county, 30 smaller counties; e.g. `-- --years 1` for less);
2. `xiangcun serve` on it; signs in as `suichang` (county) and `zhejiang` (province viewer) and
   times each page with sequential requests over loopback (one warm-up first): p50 / p95;
3. exports the raw rows (sqlite3 / psql) and runs the same aggregations in DuckDB (pip), p50 / p95.
Prints Markdown tables. Needs `sqlite3` or `psql`, and duckdb (pip).
"""
import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

COUNTY = "331123000000"
PAGES = [("suichang", "/healthz"), ("suichang", "/statistics"), ("suichang", "/statistics/wall"), ("suichang", "/api/v1/statistics"),
         ("suichang", "/programme"), ("suichang", "/network"), ("zhejiang", "/statistics/province")]
EXPORTS = {
    "parcels": "SELECT county_code, direction, intake_day, {arrived_day} AS arrived_day FROM logistics_parcels",
    "scans": "SELECT county_code, kind, day FROM logistics_scans",
    "trace_scans": "SELECT county_code, day, count FROM trace_scans",
    "attendances": "SELECT a.county_code, a.trainee_id, s.held_on, s.paired FROM commerce_attendances a JOIN commerce_training_sessions s ON s.id = a.session_id",
    "shops": "SELECT county_code, month, platform, total_fen, farm_fen FROM stats_retail_shops",
}


def percentiles(samples):
    samples = sorted(samples)
    return samples[len(samples) // 2], samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def sign_in(base, user):
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = op.open(base + "/login").read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    op.open(base + "/login", urllib.parse.urlencode({"_csrf": token, "username": user, "password": "xiangcun-demo", "next": "/"}).encode()).read()
    return op


def time_pages(base, runs):
    openers = {u: sign_in(base, u) for u in {u for u, _ in PAGES}}
    print("| page | user | status | runs | p50 ms | p95 ms |\n|---|---|---|---|---|---|")
    for user, path in PAGES:
        op, samples, status = openers[user], [], 0
        for i in range(runs + 1):
            t = time.perf_counter()
            try:
                with op.open(base + path) as r:
                    r.read()
                    status = r.status
            except urllib.error.HTTPError as e:
                status = e.code
            if i > 0:
                samples.append((time.perf_counter() - t) * 1000)
        p50, p95 = percentiles(samples)
        print(f"| {path} | {user} | {status} | {runs} | {p50:.1f} | {p95:.1f} |", flush=True)


def export(engine, target, folder):
    arrived = "date(arrived_at + 28800, 'unixepoch')" if engine == "sqlite" else "to_char((arrived_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')"
    for name, query in EXPORTS.items():
        path = os.path.join(folder, name + ".csv")
        query = query.format(arrived_day=arrived)
        if engine == "sqlite":
            with open(path, "w") as out:
                subprocess.run(["sqlite3", "-csv", "-header", target, query], stdout=out, check=True)
        else:
            subprocess.run(["psql", target, "-q", "-c", f"\\copy ({query}) TO '{path}' CSV HEADER"], check=True)


def duckdb_runs(folder, runs, today):
    import duckdb
    con = duckdb.connect()
    for name in EXPORTS:
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv_auto('{os.path.join(folder, name + '.csv')}')")
    start = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600 - 29 * 86400))
    county = [  # what the county dashboard shows, from the raw rows
        f"SELECT kind, COUNT(*) FROM scans WHERE county_code = '{COUNTY}' AND kind IN ('received', 'collected') AND day BETWEEN '{start}' AND '{today}' GROUP BY kind",
        f"SELECT SUM(CASE WHEN CAST(arrived_day AS DATE) - CAST(intake_day AS DATE) <= 2 THEN 1 ELSE 0 END) * 100.0 / COUNT(*), MEDIAN(CAST(arrived_day AS DATE) - CAST(intake_day AS DATE)) FROM parcels WHERE county_code = '{COUNTY}' AND arrived_day BETWEEN '{start}' AND '{today}'",
        f"SELECT SUM(count) FROM trace_scans WHERE county_code = '{COUNTY}' AND day <= '{today}'",
        f"SELECT COUNT(*), COUNT(DISTINCT trainee_id) FROM attendances WHERE county_code = '{COUNTY}' AND NOT paired AND held_on <= '{today}'",
        f"SELECT platform, COUNT(*), SUM(total_fen) FROM shops WHERE county_code = '{COUNTY}' AND month = (SELECT MAX(month) FROM shops WHERE county_code = '{COUNTY}') GROUP BY platform",
    ]
    province = [  # every county's year to date and growth, service level
        "WITH m AS (SELECT county_code, MAX(month) AS last FROM shops GROUP BY county_code) "
        "SELECT s.county_code, SUM(CASE WHEN substr(s.month, 1, 4) = substr(m.last, 1, 4) THEN total_fen END) AS ytd, "
        "SUM(CASE WHEN CAST(substr(s.month, 1, 4) AS INT) = CAST(substr(m.last, 1, 4) AS INT) - 1 AND substr(s.month, 6) <= substr(m.last, 6) THEN total_fen END) AS before "
        "FROM shops s JOIN m USING (county_code) GROUP BY s.county_code",
        f"SELECT county_code, SUM(CASE WHEN CAST(arrived_day AS DATE) - CAST(intake_day AS DATE) <= 2 THEN 1 ELSE 0 END) * 100.0 / COUNT(*) FROM parcels WHERE arrived_day BETWEEN '{start}' AND '{today}' GROUP BY county_code",
    ]
    print("| DuckDB over the raw rows | runs | p50 ms | p95 ms |\n|---|---|---|---|")
    for label, queries in [("county dashboard's numbers", county), ("province comparison's numbers", province)]:
        samples = []
        for i in range(runs + 1):
            t = time.perf_counter()
            for q in queries:
                con.execute(q).fetchall()
            if i > 0:
                samples.append((time.perf_counter() - t) * 1000)
        p50, p95 = percentiles(samples)
        print(f"| {label} | {runs} | {p50:.1f} | {p95:.1f} |", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    p = argparse.ArgumentParser()
    p.add_argument("--binary", default=".build/release/xiangcun")
    p.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--postgres-url", help="an empty database (postgres engine)")
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--keep", help="folder for the SQLite data and the CSV exports (kept)")
    p.add_argument("--reuse", action="store_true", help="time the data generated by an earlier run (--keep folder or --postgres-url)")
    p.add_argument("--generate-only", action="store_true", help="generate the data and stop (time it later with --reuse)")
    a = p.parse_args(argv)
    folder = a.keep or tempfile.mkdtemp(prefix="xc-bench-dashboard-")
    os.makedirs(folder, exist_ok=True)
    env = dict(os.environ)
    if a.engine == "postgres":
        env["DATABASE_URL"] = a.postgres_url
    data = os.path.join(folder, "data")
    if not a.reuse:
        t = time.time()
        subprocess.run([a.binary, "bench", "dashboard", "--data-dir", data, "--generate-only"] + extra, env=env, check=True)
        print(f"generated in {time.time() - t:.0f} s; load average {os.getloadavg()[0]:.1f}", flush=True)
    if a.generate_only:
        return
    port = free_port()
    server = subprocess.Popen([a.binary, "serve", "--data-dir", data, "--port", str(port), "--insecure-cookies"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/healthz").read()
                break
            except Exception:
                time.sleep(0.5)
        print(f"load average {os.getloadavg()[0]:.1f}")
        time_pages(base, a.runs)
    finally:
        server.terminate()
        server.wait()
    target = os.path.join(data, "xiangcun.sqlite") if a.engine == "sqlite" else a.postgres_url
    t = time.time()
    export(a.engine, target, folder)
    print(f"exported the raw rows in {time.time() - t:.0f} s; load average {os.getloadavg()[0]:.1f}")
    duckdb_runs(folder, a.runs, time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600)))
    if not a.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
