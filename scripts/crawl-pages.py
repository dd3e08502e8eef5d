#!/usr/bin/env python3
"""Signs in as each demo role and saves every page reachable by links, for comparing two builds.

    scripts/crawl-pages.py http://127.0.0.1:8080 OUTDIR [--max 200]

Writes OUTDIR/<role>/<path>.html with the per-request parts (CSRF tokens) blanked, so two servers
started on copies of the same database give byte-identical files when they render the same
pages: `diff -r OLD NEW`. Downloads, sign-out and language links are not followed. Standard
library only; start the servers with --insecure-cookies (plain HTTP).
"""
import http.cookiejar
import os
import re
import sys
import urllib.parse
import urllib.request

ROLES = ["suichang", "contractor", "station", "auditor", "zhejiang", "admin"]
PASSWORD = "xiangcun-demo"
SKIP = re.compile(r"(\.xlsx|\.csv|\.docx|/logout|/language/|/evidence/|/photos/|/assets/|/metrics|/healthz)")


def opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def fetch(op, url, data=None):
    try:
        with op.open(url, data=data, timeout=30) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def login(op, base, user):
    _, page = fetch(op, base + "/login")
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"_csrf": token, "username": user, "password": PASSWORD, "next": "/"}).encode()
    fetch(op, base + "/login", body)


def normalise(html):
    return re.sub(r'(name="_csrf" value=")[^"]+"', r'\1"', html)


def crawl(base, out, user, limit):
    op = opener()
    login(op, base, user)
    seen, queue = set(), ["/"]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        status, html = fetch(op, base + path)
        name = path.strip("/").replace("/", "_").replace("?", "__") or "home"
        os.makedirs(os.path.join(out, user), exist_ok=True)
        with open(os.path.join(out, user, name[:180] + ".html"), "w") as f:
            f.write(f"<!-- {status} {path} -->\n" + normalise(html))
        for href in re.findall(r'href="(/[^"#]*)"', html):
            href = href.replace("&amp;", "&")
            if not SKIP.search(href) and href not in seen:
                queue.append(href)
    return len(seen)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    base, out = sys.argv[1].rstrip("/"), sys.argv[2]
    limit = int(sys.argv[sys.argv.index("--max") + 1]) if "--max" in sys.argv else 200
    for user in ROLES:
        print(user, crawl(base, out, user, limit), "pages")


if __name__ == "__main__":
    main()
