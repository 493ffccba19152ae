#!/usr/bin/env python3
"""Several `selat serve` processes on one PostgreSQL database, logging at once, through a restart.

Starts SERVERS servers on a new database of the test cluster (Tools/postgres-test-cluster.sh), posts
POSTS sightings through each (4 clients per server), restarts PostgreSQL (a fast restart: every
connection is cut) while they post, and checks:
  - while PostgreSQL is down the servers answer 503 with Retry-After (never another 5xx), and
    recover by themselves;
  - every sighting that was acknowledged (201, or 200 for a retry of one already stored) is in the
    database, exactly once, and nothing else is;
  - `selat verify` passes (one valid chain across all servers).
Prints its figures and "pg servers test: passed", or the first failure (exit 1).

The cluster is the one on SELAT_TEST_PG_PORT (default 55432); the tests give this script a cluster
of its own (another port, --stop-cluster), since restarting it would cut every other test's database.

Usage: pg-servers-test.py SELAT_BINARY [--servers 4] [--posts 2000] [--no-restart] [--stop-cluster]"""
import argparse, json, os, random, socket, subprocess, sys, tempfile, threading, time, uuid
import urllib.error, urllib.request

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("selat")
ap.add_argument("--servers", type=int, default=4)
ap.add_argument("--posts", type=int, default=2000, help="sightings posted through each server")
ap.add_argument("--no-restart", action="store_true")
ap.add_argument("--stop-cluster", action="store_true",
                help="stop the cluster at the end (for a cluster of its own: SELAT_TEST_PG_PORT=55433)")
args = ap.parse_args()

cluster = os.path.join(here, "postgres-test-cluster.sh")
base_url = subprocess.run(["bash", cluster], capture_output=True, text=True, check=True).stdout.strip()
dbname = "selat_servers_" + uuid.uuid4().hex[:10]
subprocess.run(["psql", "-X", "-q", base_url, "-c", f"CREATE DATABASE {dbname}"], check=True)
db_url = base_url.replace("/postgres?", f"/{dbname}?")
password = "a long harbour sentence"
subprocess.run([args.selat, "user", "add", "pgtest", "--role", "officer", "--agency", "POLAIRUD",
                "--password-stdin", "--db", db_url], input=password + "\n", text=True, check=True,
               capture_output=True)

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

work = tempfile.mkdtemp(prefix="selat-pg-servers-")
servers = []
for k in range(args.servers):
    port = free_port()
    log = open(os.path.join(work, f"server{k}.log"), "w")
    p = subprocess.Popen([args.selat, "serve", "--db", db_url, "--port", str(port)],
                         stdout=log, stderr=subprocess.STDOUT)
    servers.append((p, port, log))

def request(port, method, path, body=None, token=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()

failures = []
try:
    deadline = time.time() + 60
    for _, port, _ in servers:
        while True:
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise SystemExit("a server did not start: see " + work)
            time.sleep(0.2)
    tokens = [json.loads(request(port, "POST", "/api/v1/session",
                                 {"username": "pgtest", "password": password})[2])["token"]
              for _, port, _ in servers]

    lock = threading.Lock()
    acknowledged = set()
    stats = {"posts": 0, "503": 0, "503_without_retry_after": 0, "other_5xx": 0, "cut": 0,
             "retries": 0}
    total = args.servers * args.posts
    posted = [0]
    rng = random.Random(20261206)

    def client(k, share, seed):
        port, token = servers[k][1], tokens[k]
        r = random.Random(seed)
        for _ in range(share):
            sid = str(uuid.uuid4())
            body = {"id": sid, "observed_at": "2026-11-20T21:40+07:00",
                    # The Singapore Strait off Batam: sea, inside the study region.
                    "lat": round(1.196 + r.random() * 0.008, 5), "lon": round(103.996 + r.random() * 0.008, 5),
                    "vessel_type": "speedboat", "activity": "smuggling"}
            while True:
                try:
                    status, headers, answer = request(port, "POST", "/api/v1/sightings", body, token)
                except OSError:
                    with lock:
                        stats["cut"] += 1
                    time.sleep(0.5)
                    continue
                if status in (200, 201):
                    with lock:
                        acknowledged.add(sid)
                        stats["posts"] += 1
                        posted[0] += 1
                    break
                with lock:
                    if status == 503:
                        stats["503"] += 1
                        if "Retry-After" not in headers and "retry-after" not in headers:
                            stats["503_without_retry_after"] += 1
                    elif status >= 500:
                        stats["other_5xx"] += 1
                    else:
                        failures.append(f"a sighting got {status}: {answer[:300]!r}")
                        return
                    stats["retries"] += 1
                time.sleep(0.5)

    threads = []
    per_client = args.posts // 4
    for k in range(args.servers):
        for c in range(4):
            share = per_client + (args.posts % 4 if c == 0 else 0)
            threads.append(threading.Thread(target=client, args=(k, share, rng.random())))
    start = time.time()
    for t in threads:
        t.start()
    restarted = None
    if not args.no_restart:
        while posted[0] < total * 0.4 and any(t.is_alive() for t in threads):
            time.sleep(0.05)
        t0 = time.time()
        subprocess.run(["bash", cluster, "down"], check=True)
        time.sleep(3)  # clients see the outage
        subprocess.run(["bash", cluster], check=True, capture_output=True)
        restarted = time.time() - t0
    for t in threads:
        t.join()
    elapsed = time.time() - start

    count = subprocess.run(["psql", "-X", "-At", db_url, "-c", "SELECT count(*), count(DISTINCT id) FROM sighting"],
                           capture_output=True, text=True, check=True).stdout.strip()
    stored_ids = set(subprocess.run(["psql", "-X", "-At", db_url, "-c", "SELECT id FROM sighting"],
                                    capture_output=True, text=True, check=True).stdout.split())
    verify = subprocess.run([args.selat, "verify", "--db", db_url], capture_output=True, text=True)
    print(f"{args.servers} servers x {args.posts} posts in {elapsed:.1f} s ({stats['posts'] / elapsed:.0f}/s); "
          f"503 answers: {stats['503']} ({stats['503_without_retry_after']} without Retry-After); other 5xx: "
          f"{stats['other_5xx']}; connections cut: {stats['cut']}; "
          + (f"PostgreSQL down for {restarted:.1f} s" if restarted else "no restart"))
    print(f"acknowledged {len(acknowledged)}; stored (rows, distinct ids) {count}; "
          f"lost {len(acknowledged - stored_ids)}; unacknowledged stored {len(stored_ids - acknowledged)}")
    print(verify.stdout.strip() or verify.stderr.strip())
    if len(acknowledged) != total:
        failures.append(f"{total - len(acknowledged)} sightings were never acknowledged")
    if acknowledged - stored_ids:
        failures.append(f"{len(acknowledged - stored_ids)} acknowledged sightings are missing")
    if count != f"{len(acknowledged)}|{len(acknowledged)}":
        failures.append(f"stored {count} rows for {len(acknowledged)} acknowledged sightings")
    if stats["other_5xx"] or stats["503_without_retry_after"]:
        failures.append("a server answered a 5xx other than 503 with Retry-After")
    if not args.no_restart and stats["503"] + stats["cut"] == 0:
        failures.append("the restart was not seen by any client")
    if verify.returncode != 0:
        failures.append("selat verify failed")
finally:
    for p, _, log in servers:
        p.terminate()
    for p, _, log in servers:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
        log.close()
    subprocess.run(["psql", "-X", "-q", base_url, "-c", f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)"],
                   capture_output=True)
    if args.stop_cluster:
        subprocess.run(["bash", cluster, "stop"], capture_output=True)

if failures:
    print("pg servers test: FAILED: " + "; ".join(failures) + f" (server logs in {work})")
    sys.exit(1)
print("pg servers test: passed")
