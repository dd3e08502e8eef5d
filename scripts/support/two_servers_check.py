#!/usr/bin/env python3
"""Checks that two app servers on one database share sessions, the sign-in throttle and the
public tracking rate limit (used by scripts/two-servers). Standard library only."""
import http.cookiejar, re, sys, time, urllib.error, urllib.parse, urllib.request

A, B = sys.argv[1], sys.argv[2]


def opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                       NoRedirect())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def call(op, url, data=None, address="198.51.100.7"):
    req = urllib.request.Request(url, data=data, headers={"X-Forwarded-For": address})
    try:
        with op.open(req, timeout=60) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def sign_in(op, base, user, password, address="198.51.100.7"):
    _, page = call(op, base + "/login", address=address)
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"_csrf": token, "username": user, "password": password, "next": "/"}).encode()
    return call(op, base + "/login", body, address=address)[0]


failures = []
# 1. A session made on A is valid on B (the cookie jar is shared, the hosts differ only by port).
op = opener()
status = sign_in(op, A, "suichang", "xiangcun-demo")
jar_cookie = [c for c in op.handlers if isinstance(c, urllib.request.HTTPCookieProcessor)][0].cookiejar
session = next((c.value for c in jar_cookie if c.name == "xc_session"), None)
other = urllib.request.build_opener(NoRedirect())
req = urllib.request.Request(B + "/", headers={"Cookie": f"xc_session={session}"})
started = time.monotonic()
try:
    with other.open(req, timeout=300) as r:
        home = r.status
except urllib.error.HTTPError as e:
    home = e.code
print(f"session: signed in on A ({status}), home page on B answers {home} in {time.monotonic() - started:.1f} s")
if status != 303 or home != 200:
    failures.append("a session made on one server is not valid on the other")

# 2. Five wrong passwords from one address, alternating servers, then a sixth try on each.
codes = [sign_in(opener(), A if i % 2 == 0 else B, "auditor", "wrong-password-%d" % i, address="203.0.113.9") for i in range(5)]
after = [sign_in(opener(), base, "auditor", "xiangcun-demo", address="203.0.113.9") for base in (A, B)]
print(f"throttle: wrong passwords answered {codes}, then the right one {after}")
if after != [429, 429]:
    failures.append("the sign-in throttle is not shared: expected 429 on both servers")

# 3. The public tracking rate limit: 30 lookups per 10 minutes per address, across both servers.
answers = [call(opener(), (A if i % 2 == 0 else B) + "/public/331123/tracking?waybill=SF0000000000&last4=1234", address="192.0.2.44")[0]
           for i in range(32)]
print(f"tracking: {answers.count(200)} answered, then {answers[-2:]}")
if answers[-1] != 429:
    failures.append("the tracking rate limit is not shared across servers")

for f in failures:
    print("FAILED: " + f)
sys.exit(1 if failures else 0)
