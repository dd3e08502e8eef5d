#!/usr/bin/env python3
"""Throughput of the indicator pages beside /healthz on one running server (wrk, 4 connections).

    scripts/bench-pages.py http://127.0.0.1:56465 [--seconds 10] [--user suichang]

Signs in (standard library only; start the server with --insecure-cookies), then runs
`wrk -t2 -c4 -d<seconds>s --latency` on each path with the session cookie and prints a
Markdown table: requests/s, p50 and p99 latency. Needs `wrk` (apt).
"""
import http.cookiejar
import re
import subprocess
import sys
import urllib.parse
import urllib.request

PATHS = ["/healthz", "/programme", "/network", "/public/331123", "/statistics", "/statistics/province", "/statistics/wall"]


def session_cookie(base, user):
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = op.open(base + "/login").read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"_csrf": token, "username": user, "password": "xiangcun-demo", "next": "/"}).encode()
    op.open(base + "/login", body).read()
    return "; ".join(f"{c.name}={c.value}" for c in jar if c.name == "xc_session")


def status(base, path, cookie):
    req = urllib.request.Request(base + path, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def wrk(base, path, cookie, seconds):
    out = subprocess.run(["wrk", "-t2", "-c4", f"-d{seconds}s", "--latency", "-H", f"Cookie: {cookie}", base + path],
                         capture_output=True, text=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, non2xx.group(1) if non2xx else "0"


def main():
    base = sys.argv[1].rstrip("/")
    seconds = int(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 10
    user = sys.argv[sys.argv.index("--user") + 1] if "--user" in sys.argv else "suichang"
    paths = [a for a in sys.argv[2:] if a.startswith("/")] or PATHS
    cookie = session_cookie(base, user)
    print("| path | status | requests/s | p50 | p99 | non-2xx |\n|---|---|---|---|---|---|")
    for path in paths:
        code = status(base, path, cookie)
        if code != 200:
            print(f"| {path} | {code} | – | – | – | – |")
            continue
        rps, p50, p99, bad = wrk(base, path, cookie, seconds)
        print(f"| {path} | {code} | {rps} | {p50} | {p99} | {bad} |", flush=True)


if __name__ == "__main__":
    main()
