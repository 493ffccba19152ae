#!/usr/bin/env python3
"""An OpenAPI-driven fuzz run (schemathesis) against a real `selat serve`: every operation of
openapi.json with generated inputs, as an admin (every route reachable), bounded; the check is that
no answer is a server error (5xx).

Usage: fuzz_api.py SELAT_BINARY DATABASE USER PASSWORD [MAX_EXAMPLES]"""
import os, subprocess, sys

import station

selat, database, user, password = sys.argv[1:5]
examples = sys.argv[5] if len(sys.argv) > 5 else "8"
port = station.free_port()
base = f"http://127.0.0.1:{port}"
server = station.start(selat, database, port)
try:
    token = station.token(base, user, password)
    st = os.path.join(os.path.dirname(sys.executable), "st")
    run = subprocess.run(
        [st, "run", base + "/api/v1/openapi.json", "--url", base,
         "--checks", "not_a_server_error", "--max-examples", examples, "--seed", "20261205",
         "--header", f"Authorization: Bearer {token}", "--exclude-method", "DELETE",
         "--request-timeout", "60", "--no-color"],
        capture_output=True, text=True, timeout=900)
    out = run.stdout + run.stderr
    print(out[-4000:])
    sys.exit(run.returncode)
finally:
    station.stop(server)
