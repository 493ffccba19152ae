#!/usr/bin/env python3
"""Station sync under faults: stations and a centre exchange sightings while the link is cut and
either side is killed.

Sets up a centre (`selat serve` on an SQLite file, or --centre-db URL for PostgreSQL) with an admin
account and a sync token, and STATIONS station logs (SQLite). Between each station and the centre
runs a TCP proxy that cuts connections at random points (a random number of bytes into either
direction). Each of ROUNDS rounds:
  - every station imports new sightings (and corrects one of its earlier ones); officers post
    sightings to the centre directly (what other stations' pulls must bring);
  - each station runs `selat sync` through its proxy until it succeeds; meanwhile the script kills
    the sync process (kill -9) at a random moment in some rounds, and the centre server (kill -9,
    then starts it again) in others.
Round 1 also plants a conflict: the same id with other content at station 1 and at the centre.
At the end every station syncs once more (twice round, so each receives the others'), then it checks:
  - every log holds every sighting the script created, exactly once (0 lost, 0 duplicated), with
    the same content everywhere, except the planted conflict, which both sides report and neither
    overwrote;
  - `selat verify` passes on every log (the centre's origin links included).
Prints its figures (and writes them as JSON with --out) and "sync fault test: passed", or the
failures (exit 1).

Usage: sync-fault-test.py SELAT_BINARY [--rounds 20] [--stations 2] [--per-round 40] [--seed 1]
                          [--centre-db URL | --centre-postgres] [--out FILE]"""
import argparse, json, os, random, signal, socket, sqlite3, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("selat")
ap.add_argument("--rounds", type=int, default=20)
ap.add_argument("--stations", type=int, default=2)
ap.add_argument("--per-round", type=int, default=40, help="sightings each station logs per round")
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--centre-db", help="a PostgreSQL URL for the centre (default: an SQLite file)")
ap.add_argument("--centre-postgres", action="store_true",
                help="the centre on a new database of the test cluster (Tools/postgres-test-cluster.sh)")
ap.add_argument("--out")
args = ap.parse_args()
rng = random.Random(args.seed)
work = tempfile.mkdtemp(prefix="selat-sync-fault-")
selat = args.selat
started = time.time()

def run(argv, **kw):
    return subprocess.run([selat] + argv, capture_output=True, text=True, **kw)

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

centre_db = args.centre_db or os.path.join(work, "centre.sqlite")
if args.centre_postgres:
    here = os.path.dirname(os.path.abspath(__file__))
    base_url = subprocess.run(["bash", os.path.join(here, "postgres-test-cluster.sh")], capture_output=True,
                              text=True, check=True).stdout.strip()
    dbname = "selat_sync_" + os.urandom(5).hex()
    subprocess.run(["psql", "-X", "-q", base_url, "-c", f"CREATE DATABASE {dbname}"], check=True)
    centre_db = base_url.replace("/postgres?", f"/{dbname}?")
password = "a long harbour sentence"
for name, role in (("pusat", "admin"), ("petugas", "officer")):
    r = run(["user", "add", name, "--role", role, "--agency", "POLAIRUD", "--password-stdin", "--db", centre_db],
            input=password + "\n")
    if r.returncode != 0:
        sys.exit("cannot add a user: " + r.stderr)
r = run(["user", "token", "pusat", "--days", "2", "--db", centre_db])
if r.returncode != 0:
    sys.exit("cannot make a token: " + r.stderr)
token = r.stdout.strip()

# ---- the centre ----------------------------------------------------------------------------------
centre_port = free_port()
centre = {"process": None, "kills": 0}

def start_centre():
    log = open(os.path.join(work, "centre.log"), "a")
    centre["process"] = subprocess.Popen([selat, "serve", "--db", centre_db, "--port", str(centre_port)],
                                         stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{centre_port}/healthz", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit("the centre did not start: see " + work)

def kill_centre():
    p = centre["process"]
    p.send_signal(signal.SIGKILL)
    p.wait()
    centre["kills"] += 1

start_centre()

def api(method, path, body=None, auth=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{centre_port}{path}", data=data, method=method)
    req.add_header("content-type", "application/json")
    if auth:
        req.add_header("authorization", "Bearer " + auth)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()

status, body = api("POST", "/api/v1/session", {"username": "petugas", "password": password})
officer = json.loads(body)["token"]

# ---- the proxy that cuts connections -----------------------------------------------------------
class CuttingProxy:
    """Forwards 127.0.0.1:port to the centre; a connection is cut (both sides closed) after a random
    number of bytes in one direction, with probability `rate`."""
    def __init__(self):
        self.port = free_port()
        self.rate = 0.4
        self.cuts = 0
        self.connections = 0
        self.lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            client, _ = self.listener.accept()
            with self.lock:
                self.connections += 1
                cut = rng.random() < self.rate
                budget = {"up": rng.randint(0, 4000), "down": rng.randint(0, 6000)}
                direction = rng.choice(["up", "down"]) if cut else None
            try:
                upstream = socket.create_connection(("127.0.0.1", centre_port), timeout=5)
            except OSError:
                client.close()
                continue
            state = {"closed": False}
            for src, dst, name in ((client, upstream, "up"), (upstream, client, "down")):
                threading.Thread(target=self.pump, args=(src, dst, name, direction, budget, state, client, upstream),
                                 daemon=True).start()

    def pump(self, src, dst, name, direction, budget, state, a, b):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if direction == name:
                    if len(data) >= budget[name]:
                        dst.sendall(data[:budget[name]])
                        with self.lock:
                            if not state["closed"]:
                                self.cuts += 1
                        break
                    budget[name] -= len(data)
                dst.sendall(data)
        except OSError:
            pass
        with self.lock:
            state["closed"] = True
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

# ---- the stations ------------------------------------------------------------------------------
sea = [(1.17, 103.95), (1.20, 104.20), (1.05, 103.60), (1.30, 104.40), (0.95, 104.30)]
stations = []
for k in range(args.stations):
    stations.append({"db": os.path.join(work, f"station{k + 1}.sqlite"), "proxy": CuttingProxy(),
                     "ids": []})
expected = {}  # id -> who created it
corrections = {}
figures = {"rounds": args.rounds, "stations": args.stations, "sync_runs": 0, "sync_failures": 0,
           "client_kills": 0}

def import_rows(station, rows):
    path = os.path.join(work, "batch.csv")
    with open(path, "w") as f:
        f.write("id,observed_at,lat,lon,vessel_type,activity,persons_aboard,notes\n")
        for row in rows:
            f.write(",".join(row) + "\n")
    r = run(["sighting", "import", path, "--db", station["db"]])
    if r.returncode != 0 or " 0 rejected" not in r.stdout:
        sys.exit("an import failed: " + r.stdout + r.stderr)

def new_rows(prefix, n, round_):
    rows = []
    for i in range(n):
        lat, lon = rng.choice(sea)
        sid = f"{prefix}-r{round_}-{i}"
        rows.append((sid, f"2026-11-{1 + round_ % 28:02d}T{20 + i % 4}:{i % 60:02d}:00+07:00",
                     f"{lat + rng.uniform(-0.002, 0.002):.5f}", f"{lon + rng.uniform(-0.002, 0.002):.5f}",
                     "speedboat", "smuggling", str(rng.randint(1, 40)),
                     "tekong dikenal" if rng.random() < 0.2 else ""))
    return rows

def sync_until_done(station, round_):
    """Runs selat sync through the station's proxy until it succeeds; kills it or the centre at
    random moments in some rounds."""
    attempts = 0
    last_error = ""
    while True:
        attempts += 1
        if attempts > 60:
            sys.exit(f"station sync did not succeed in 60 attempts (round {round_}): see {work}; "
                     f"the last said: {last_error}")
        station["proxy"].rate = 0.4 if attempts < 8 else 0.0
        argv = [selat, "sync", "--server", f"http://127.0.0.1:{station['proxy'].port}", "--token", token,
                "--db", station["db"], "--batch", str(rng.choice([7, 25, 100, 500])), "--name", os.path.basename(station["db"])]
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        figures["sync_runs"] += 1
        fault = rng.random() if attempts < 4 else 1.0
        if fault < 0.25:
            time.sleep(rng.uniform(0.0, 0.6))
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                figures["client_kills"] += 1
        elif fault < 0.40:
            time.sleep(rng.uniform(0.0, 0.5))
            kill_centre()
            p.wait()
            start_centre()
        out, err = p.communicate()
        if p.returncode == 0:
            return out
        last_error = err.strip()[-600:]
        figures["sync_failures"] += 1

failures = []
for round_ in range(1, args.rounds + 1):
    for k, station in enumerate(stations):
        rows = new_rows(f"st{k + 1}", args.per_round, round_)
        if round_ == 1 and k == 0:
            rows.append(("planted-conflict", "2026-11-01T21:00:00+07:00", "1.17000", "103.95000",
                         "speedboat", "trafficking", "9", ""))
        import_rows(station, rows)
        for row in rows:
            expected[row[0]] = f"station{k + 1}"
            station["ids"].append(row[0])
        # Correct one earlier record of this station (a new record that supersedes it).
        if round_ > 1:
            target = rng.choice([i for i in station["ids"] if i not in corrections and i != "planted-conflict"
                                 and i not in corrections.values()])
            r = run(["sighting", "correct", target, "--persons", str(rng.randint(41, 60)),
                     "--reason", "recount at the pier", "--db", station["db"]])
            if r.returncode != 0:
                sys.exit("a correction failed: " + r.stderr + r.stdout)
            with sqlite3.connect(station["db"]) as c:
                fix = c.execute("SELECT id FROM sighting WHERE supersedes = ?", (target,)).fetchone()[0]
            corrections[target] = fix
            expected[fix] = f"station{k + 1}"
            station["ids"].append(fix)
    # Officers at the centre log sightings directly.
    for i in range(5):
        lat, lon = rng.choice(sea)
        sid = f"centre-r{round_}-{i}"
        body = {"id": sid, "observed_at": f"2026-11-{1 + round_ % 28:02d}T22:{i:02d}:00+07:00",
                "lat": round(lat + rng.uniform(-0.002, 0.002), 5), "lon": round(lon + rng.uniform(-0.002, 0.002), 5),
                "vessel_type": "pompong", "activity": "trafficking", "persons_aboard": 7}
        status, answer = api("POST", "/api/v1/sightings", body, officer)
        if status != 201:
            sys.exit(f"the centre refused a sighting ({status}): {answer[:300]}")
        expected[sid] = "centre"
    if round_ == 1:
        status, answer = api("POST", "/api/v1/sightings",
                             {"id": "planted-conflict", "observed_at": "2026-11-01T21:00:00+07:00",
                              "lat": 1.17, "lon": 103.95, "vessel_type": "pompong", "activity": "trafficking",
                              "persons_aboard": 2}, officer)
        if status not in (200, 201):
            sys.exit(f"the centre refused the planted conflict ({status}): {answer[:300]}")
    for station in stations:
        sync_until_done(station, round_)
    print(f"round {round_}: {len(expected)} sightings; syncs {figures['sync_runs']} "
          f"(failed {figures['sync_failures']}, killed {figures['client_kills']}); centre killed {centre['kills']}; "
          f"connections cut {sum(s['proxy'].cuts for s in stations)}", flush=True)

for station in stations + stations:
    station["proxy"].rate = 0.0
    sync_until_done(station, "final")

# ---- the checks --------------------------------------------------------------------------------
def contents(db):
    if db.startswith("postgres"):
        out = subprocess.run(["psql", "-X", "-At", "-F", "|", db, "-c",
                              "SELECT id, encode(content_sha256, 'hex'), coalesce(supersedes, '') FROM sighting"],
                             capture_output=True, text=True, check=True).stdout
        rows = [line.split("|") for line in out.splitlines() if line]
    else:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
            rows = c.execute("SELECT id, lower(hex(content_sha256)), coalesce(supersedes, '') FROM sighting").fetchall()
    table = {}
    duplicated = 0
    for sid, digest, sup in rows:
        if sid in table:
            duplicated += 1
        table[sid] = (digest, sup)
    return table, duplicated, len(rows)

logs = [("centre", centre_db)] + [(f"station{k + 1}", s["db"]) for k, s in enumerate(stations)]
tables = {}
for name, db in logs:
    table, duplicated, count = contents(db)
    tables[name] = table
    missing = sorted(set(expected) - set(table))
    extra = sorted(set(table) - set(expected))
    if missing:
        failures.append(f"{name} lacks {len(missing)} sightings, e.g. {missing[:5]}")
    if extra:
        failures.append(f"{name} holds {len(extra)} sightings nobody created, e.g. {extra[:5]}")
    if duplicated:
        failures.append(f"{name} holds {duplicated} sightings twice")
    figures[f"{name}_records"] = count
    figures[f"{name}_lost"] = len(missing)
    figures[f"{name}_duplicated"] = duplicated
for name, table in tables.items():
    for sid, value in table.items():
        if sid == "planted-conflict":
            continue
        if tables["centre"].get(sid) != value:
            failures.append(f"{name}: {sid} differs from the centre's")
            break
# The planted conflict: station 1 kept its record, the centre kept its own, both report it.
if tables["station1"].get("planted-conflict") == tables["centre"].get("planted-conflict"):
    failures.append("the planted conflict was overwritten on one side")
status = run(["sync", "status", "--db", stations[0]["db"]]).stdout
if "planted-conflict" not in status:
    failures.append("station 1 does not report the planted conflict:\n" + status)
status = run(["sync", "status", "--db", centre_db]).stdout
if "planted-conflict from station1.sqlite" not in status:
    failures.append("the centre's sync status does not list the planted conflict:\n" + status)
audit = run(["audit", "list", "--db", centre_db, "--limit", "100000"]).stdout
if "planted-conflict" not in audit or "sync_conflict" not in audit:
    failures.append("the centre's audit trail does not report the planted conflict")
for name, db in logs:
    r = run(["verify", "--db", db])
    if r.returncode != 0:
        failures.append(f"selat verify fails on {name}: {r.stderr.strip()}")
    elif name == "centre" and f"from stations: {len(stations)};" not in r.stdout:
        failures.append("selat verify at the centre did not walk every station's origin links:\n" + r.stdout)
    elif name != "centre" and "acknowledged this log's records: 1;" not in r.stdout:
        failures.append(f"selat verify at {name} did not check the centre's acknowledgement:\n" + r.stdout)
kill_centre()

figures.update({"sightings": len(expected), "corrections": len(corrections), "centre_kills": centre["kills"],
                "connections": sum(s["proxy"].connections for s in stations),
                "connections_cut": sum(s["proxy"].cuts for s in stations),
                "seconds": round(time.time() - started, 1), "centre": "postgresql" if centre_db.startswith("postgres") else "sqlite",
                "passed": not failures})
print(f"{len(expected)} sightings ({len(corrections)} corrections) over {args.rounds} rounds, {args.stations} stations: "
      f"{figures['sync_runs']} sync runs, {figures['sync_failures']} cut or killed, {figures['client_kills']} killed -9 at the station, "
      f"centre killed -9 {centre['kills']} times, {figures['connections_cut']} of {figures['connections']} connections cut; "
      f"lost {sum(figures[n + '_lost'] for n, _ in logs)}; duplicated {sum(figures[n + '_duplicated'] for n, _ in logs)}; "
      f"{figures['seconds']} s")
if args.out:
    with open(args.out, "w") as f:
        json.dump(figures, f, indent=2)
if failures:
    print("FAILED:\n  " + "\n  ".join(failures))
    print("logs in", work)
    sys.exit(1)
print("sync fault test: passed")
