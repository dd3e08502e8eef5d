"""Signs in to a running Xiangcun server and creates an API token (read write); prints it.

Usage: python3 api_token.py BASE_URL USERNAME [PASSWORD] [--session]
Used by scripts/api-check; with --session it prints the signed-in session's Cookie header value
instead (scripts/sustained-load). The session cookies are Secure, so they are sent by hand over
plain http to 127.0.0.1.
"""
import re
import sys
import urllib.parse
import urllib.request


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--session"]
    base, user = args[0], args[1]
    password = args[2] if len(args) > 2 else "xiangcun-demo"
    jar: dict[str, str] = {}

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def send(path: str, form: dict[str, str] | None = None) -> str:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(base + path, data=data)
        if jar:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in jar.items()))
        try:
            response = opener.open(request)
        except urllib.error.HTTPError as error:  # 303 after a form post
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]
        return response.read().decode("utf-8", "replace")

    def csrf(page: str) -> str:
        match = re.search(r'name="_csrf" value="([^"]+)"', page)
        if not match:
            sys.exit("no CSRF field on the page")
        return match.group(1)

    login = send("/login")
    send("/login", {"_csrf": csrf(login), "username": user, "password": password, "next": "/"})
    if "--session" in sys.argv:
        if "xc_session" not in jar:
            sys.exit("not signed in (wrong password?)")
        print("; ".join(f"{k}={v}" for k, v in jar.items()))
        return
    tokens = send("/tokens")
    created = send("/tokens", {"_csrf": csrf(tokens), "name": "api-check", "scopes": "read write"})
    match = re.search(r'<pre class="token">([^<]+)</pre>', created)
    if not match:
        sys.exit("token not created (wrong password?)")
    print(match.group(1))


if __name__ == "__main__":
    main()
