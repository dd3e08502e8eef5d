"""Captures GS1's EPCIS example documents and validates the export against GS1's schema.

Usage: python3 epcis_check.py BASE_URL TOKEN EPCIS_DIR  (run by scripts/epcis-check)
Prints one line per check and closes with 'N passed, N failed'; exits 1 on any failure.
"""
import glob
import json
import os
import sys
import urllib.error
import urllib.request

import jsonschema


def call(base, token, method, path, body=None):
    request = urllib.request.Request(base + path, data=body, method=method)
    request.add_header("Authorization", "Bearer " + token)
    if body is not None:
        request.add_header("Content-Type", "application/ld+json")
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def main() -> None:
    base, token, folder = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(os.path.join(folder, "EPCIS-JSON-Schema.json"), encoding="utf-8") as f:
        validator = jsonschema.Draft7Validator(json.load(f))
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + what)
        passed, failed = passed + ok, failed + (not ok)

    examples = sorted(glob.glob(os.path.join(folder, "Example_*.jsonld")))
    check(len(examples) > 0, f"{len(examples)} example documents in {folder}")
    for path in examples:
        name = os.path.basename(path)
        with open(path, "rb") as f:
            body = f.read()
        status, answer = call(base, token, "POST", "/api/v1/trace/epcis/capture", body)
        check(status == 201, f"{name}: captured ({status} {answer[:200].decode(errors='replace')})")
        events = json.loads(body)["epcisBody"]["eventList"]
        with_ids = sum(1 for e in events if "eventID" in e)
        status, answer = call(base, token, "POST", "/api/v1/trace/epcis/capture", body)
        result = json.loads(answer) if status == 201 else {}
        check(result.get("duplicates") == with_ids, f"{name}: second capture skips the {with_ids} events with an eventID ({answer[:120].decode(errors='replace')})")
    status, answer = call(base, token, "GET", "/api/v1/trace/epcis/events?perPage=1000")
    check(status == 200, f"export answered {status}")
    document = json.loads(answer)
    count = len(document.get("epcisBody", {}).get("eventList", []))
    errors = list(validator.iter_errors(document))
    for error in errors[:10]:
        print("     ", "/".join(str(p) for p in error.absolute_path), error.message[:200])
    check(not errors and count > 0, f"export of {count} events validates against EPCIS-JSON-Schema.json ({len(errors)} errors)")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
