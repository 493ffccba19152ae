#!/usr/bin/env python3
"""An OpenAPI-driven fuzz run (schemathesis) against a real `selat serve`: every operation of
openapi.json with generated inputs, as an admin (every route reachable), bounded; the check is that
no answer is a server error (5xx).

Usage: fuzz_api.py SELAT_BINARY DATABASE USER PASSWORD [MAX_EXAMPLES]"""
import json, os, signal, socket, subprocess, sys, time, urllib.request

selat, database, user, password = sys.argv[1:5]
examples = sys.argv[5] if len(sys.argv) > 5 else "8"
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
base = f"http://127.0.0.1:{port}"
server = subprocess.Popen([selat, "serve", "--db", database, "--port", str(port)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
try:
    for _ in range(200):
        try:
            if urllib.request.urlopen(base + "/healthz", timeout=1).status == 200:
                break
        except Exception:
            time.sleep(0.05)
    login = urllib.request.Request(base + "/api/v1/session", method="POST",
                                   data=json.dumps({"username": user, "password": password}).encode(),
                                   headers={"Content-Type": "application/json"})
    token = json.load(urllib.request.urlopen(login, timeout=10))["token"]
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
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
