#!/usr/bin/env python3
"""How fast station sync moves records: a station log of N sightings (and some corrections) is
pushed to an empty centre over HTTP, then a second, empty station pulls them all; both without
faults, one `selat sync` each (50 corrections at most, each one `selat sighting correct`). Prints records per second for each direction and checks the three
logs hold the same records and verify.

Usage: sync-bench.py SELAT_BINARY [--rows 100000] [--centre-postgres]"""
import argparse, os, random, socket, sqlite3, subprocess, sys, tempfile, time, urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("selat")
ap.add_argument("--rows", type=int, default=100_000)
ap.add_argument("--centre-postgres", action="store_true")
args = ap.parse_args()
selat = args.selat
work = tempfile.mkdtemp(prefix="selat-sync-bench-")
rng = random.Random(5)

def run(argv, **kw):
    r = subprocess.run([selat] + argv, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"selat {' '.join(argv[:2])} failed: {r.stderr}{r.stdout}")
    return r

centre_db = os.path.join(work, "centre.sqlite")
if args.centre_postgres:
    here = os.path.dirname(os.path.abspath(__file__))
    base = subprocess.run(["bash", os.path.join(here, "postgres-test-cluster.sh")], capture_output=True, text=True,
                          check=True).stdout.strip()
    name = "selat_syncbench_" + os.urandom(4).hex()
    subprocess.run(["psql", "-X", "-q", base, "-c", f"CREATE DATABASE {name}"], check=True)
    centre_db = base.replace("/postgres?", f"/{name}?")
run(["user", "add", "pusat", "--role", "admin", "--agency", "POLAIRUD", "--password-stdin", "--db", centre_db],
    input="a long harbour sentence\n")
token = run(["user", "token", "pusat", "--db", centre_db]).stdout.strip()

sea = [(1.17, 103.95), (1.20, 104.20), (1.05, 103.60), (1.30, 104.40), (0.95, 104.30)]
csv = os.path.join(work, "rows.csv")
with open(csv, "w") as f:
    f.write("id,observed_at,lat,lon,vessel_type,activity,persons_aboard\n")
    for i in range(args.rows):
        lat, lon = rng.choice(sea)
        f.write(f"b-{i},2026-11-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00+07:00,"
                f"{lat + rng.uniform(-0.002, 0.002):.5f},{lon + rng.uniform(-0.002, 0.002):.5f},speedboat,smuggling,{i % 30}\n")
a = os.path.join(work, "a.sqlite")
b = os.path.join(work, "b.sqlite")
run(["sighting", "import", csv, "--db", a])
corrections = min(args.rows // 100, 50)
for k in range(corrections):
    run(["sighting", "correct", f"b-{k * 7}", "--persons", "99", "--reason", "recount", "--db", a])
records = args.rows + corrections

port = socket.socket()
port.bind(("127.0.0.1", 0))
p = port.getsockname()[1]
port.close()
server = subprocess.Popen([selat, "serve", "--db", centre_db, "--port", str(p)], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
try:
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{p}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    t = time.time()
    run(["sync", "--server", f"http://127.0.0.1:{p}", "--token", token, "--db", a, "--name", "A"])
    push = time.time() - t
    t = time.time()
    run(["sync", "--server", f"http://127.0.0.1:{p}", "--token", token, "--db", b, "--name", "B"])
    pull = time.time() - t
finally:
    server.terminate()
    server.wait()

def ids(db):
    with sqlite3.connect(db) as c:
        return set(c.execute("SELECT id || ':' || lower(hex(content_sha256)) FROM sighting"))
if ids(a) != ids(b):
    sys.exit("the stations differ")
for db in (a, b, centre_db):
    run(["verify", "--db", db])
centre = "PostgreSQL" if args.centre_postgres else "SQLite"
print(f"{records} records: push to an empty centre ({centre}) {push:.1f} s ({records / push:,.0f} records/s); "
      f"pull into an empty station {pull:.1f} s ({records / pull:,.0f} records/s); all three logs verify")
