#!/usr/bin/env python3
"""DuckDB reference for `xiangcun bench dashboard --export rows.csv` (benchmark only, never shipped).

    pip install duckdb
    scripts/bench-dashboard-duckdb.py rows.csv [--runs 30]

Runs, over the same raw shop rows, the aggregations the dashboards would need without rollups:
the large county's platforms in its latest month, every county's year-to-date sum, and the whole
rollup (county × month × platform). Prints a Markdown table of p50 / p95 in milliseconds.
"""
import sys
import time

import duckdb

QUERIES = {
    "county dashboard: platforms of 331123 in its latest month": """
        SELECT platform, count(*), sum(total_fen), sum(farm_fen) FROM shops
        WHERE county_code = '331123000000' AND month = (SELECT max(month) FROM shops WHERE county_code = '331123000000')
        GROUP BY platform""",
    "province: year-to-date sum of every county": """
        SELECT county_code, sum(total_fen) FROM shops
        WHERE month >= (SELECT substr(max(month), 1, 4) || '-01' FROM shops) GROUP BY county_code""",
    "every rollup (county × month × platform)": """
        SELECT county_code, month, platform, count(*), sum(total_fen), sum(farm_fen) FROM shops GROUP BY ALL""",
}


def main():
    path = sys.argv[1]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 30
    con = duckdb.connect()
    t = time.perf_counter()
    con.execute(f"CREATE TABLE shops AS SELECT * FROM read_csv_auto('{path}', types={{'month': 'VARCHAR', 'county_code': 'VARCHAR'}})")
    rows = con.execute("SELECT count(*) FROM shops").fetchone()[0]
    print(f"duckdb {duckdb.__version__}: loaded {rows} rows in {(time.perf_counter() - t) * 1000:.0f} ms")
    print("| DuckDB query | runs | p50 ms | p95 ms |\n|---|---|---|---|")
    for label, sql in QUERIES.items():
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            con.execute(sql).fetchall()
            samples.append((time.perf_counter() - t) * 1000)
        samples.sort()
        print(f"| {label} | {runs} | {samples[len(samples) // 2]:.1f} | {samples[min(len(samples) - 1, int(len(samples) * 0.95))]:.1f} |")


if __name__ == "__main__":
    main()
