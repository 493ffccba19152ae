#!/usr/bin/env python3
"""Kill -9 the station server again and again while phones log sightings, then check that every
sighting that received a 201 is stored exactly once after a restart and retries, and that
`selat verify` passes.

Usage: Tools/kill-server.py SELAT_BINARY [KILLS] [CLIENTS]
(`swift build` first; the script makes its own database and user in a temporary folder.)"""
import json, os, random, signal, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request, uuid

selat = sys.argv[1]
kills = int(sys.argv[2]) if len(sys.argv) > 2 else 10
clients = int(sys.argv[3]) if len(sys.argv) > 3 else 16
work = tempfile.mkdtemp(prefix="selat-kill-server-")
db = os.path.join(work, "station.sqlite")
password = "a long harbour sentence"
subprocess.run([selat, "user", "add", "phone", "--role", "officer", "--agency", "POLAIRUD",
                "--password-stdin", "--db", db], input=password + "\n", text=True, check=True,
               stdout=subprocess.DEVNULL)
import socket
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
base = f"http://127.0.0.1:{port}"


def start():
    p = subprocess.Popen([selat, "serve", "--db", db, "--port", str(port)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            if urllib.request.urlopen(base + "/healthz", timeout=1).status == 200:
                return p
        except Exception:
            time.sleep(0.05)
    raise SystemExit("the server did not start")


def token():
    req = urllib.request.Request(base + "/api/v1/session", method="POST",
                                 data=json.dumps({"username": "phone", "password": password}).encode(),
                                 headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req, timeout=10))["token"]


def post(tok, record):
    req = urllib.request.Request(base + "/api/v1/sightings", method="POST", data=json.dumps(record).encode(),
                                 headers={"Content-Type": "application/json", "Authorization": "Bearer " + tok})
    try:
        return urllib.request.urlopen(req, timeout=10).status
    except urllib.error.HTTPError as e:
        if e.code == 422:
            with lock:
                details.append(e.read().decode()[:300])
        return e.code
    except Exception:
        return None  # the connection went: not acknowledged


lock = threading.Lock()
failures = []  # answers no phone should get
details = []
acknowledged = {}   # id -> status (201 or 200)
unacknowledged = {}  # id -> record (to retry)
stop = threading.Event()
server = start()
tok = token()


def phone(n):
    k = 0
    while not stop.is_set():
        k += 1
        rid = str(uuid.uuid4())
        # At sea north-east of Batam (1.22–1.24 N, 104.15–104.17 E; the nearest shore 2 nm away).
        record = {"id": rid, "observed_at": f"2026-11-20T21:{k % 60:02d}+07:00",
                  "lat": round(1.22 + random.random() * 0.02, 6),
                  "lon": round(104.15 + random.random() * 0.02, 6), "persons_aboard": n}
        status = post(tok, record)
        with lock:
            if status in (200, 201):
                acknowledged[rid] = status
            elif status is None or status >= 500 or status == 401:
                unacknowledged[rid] = record
            else:
                failures.append(f"unexpected {status} for {rid}")
                return


threads = [threading.Thread(target=phone, args=(n,), daemon=True) for n in range(clients)]
for t in threads:
    t.start()
for k in range(kills):
    time.sleep(random.uniform(0.5, 1.5))
    server.send_signal(signal.SIGKILL)
    server.wait()
    server = start()
    print(f"kill {k + 1}: {len(acknowledged)} acknowledged so far", flush=True)
stop.set()
for t in threads:
    t.join(timeout=15)
# Retries of everything not acknowledged, as the phones' outboxes would send them.
tok = token()
for rid, record in list(unacknowledged.items()):
    for _ in range(5):
        status = post(tok, record)
        if status in (200, 201):
            acknowledged[rid] = status
            break
server.send_signal(signal.SIGTERM)
server.wait(timeout=30)
rows = subprocess.run(["sqlite3", db, "SELECT id FROM sighting"], capture_output=True, text=True, check=True).stdout.split()
stored = {}
for r in rows:
    stored[r] = stored.get(r, 0) + 1
missing = [i for i in acknowledged if stored.get(i) != 1]
extra = [i for i in stored if i not in acknowledged and i not in unacknowledged]
# Each stored sighting came with its origin and its audit entry, in the same transaction.
def count(sql):
    return int(subprocess.run(["sqlite3", db, sql], capture_output=True, text=True, check=True).stdout)
orphans = count("SELECT count(*) FROM sighting WHERE seq NOT IN (SELECT sighting_seq FROM sighting_origin)") + \
    count("SELECT count(*) FROM sighting WHERE id NOT IN (SELECT target FROM audit WHERE action = 'sighting_add')")
verify = subprocess.run([selat, "verify", "--db", db], capture_output=True, text=True)
print(f"{kills} kills; {len(acknowledged)} sightings acknowledged, {len(rows)} stored; "
      f"{len(missing)} acknowledged but not stored exactly once; {len(extra)} stored that no phone sent; "
      f"{orphans} stored without their origin or audit entry; "
      f"verify: {'passes' if verify.returncode == 0 else verify.stderr.strip()}"
      + (f"; {len(failures)} unexpected answers, e.g. {failures[0]}: {details[:1]}" if failures else ""))
sys.exit(0 if not missing and not extra and not orphans and not failures and verify.returncode == 0 else 1)
