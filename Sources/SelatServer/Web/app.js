// Selat web app: log sightings offline first. Each new sighting gets its UUID here, waits in an
// IndexedDB outbox, and leaves it only when the server answers 201 (stored) or 200 (already stored).
"use strict";

const $ = (id) => document.getElementById(id);
let session = null; // { user, csrf }

// ---- The outbox (IndexedDB) ----
function openDB() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open("selat", 1);
    req.onupgradeneeded = () => req.result.createObjectStore("outbox", { keyPath: "id" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
async function outbox(mode, fn) {
  const db = await openDB();
  return new Promise((resolve, reject) => {
    const tx = db.transaction("outbox", mode);
    const result = fn(tx.objectStore("outbox"));
    tx.oncomplete = () => resolve(result && result.result !== undefined ? result.result : result);
    tx.onerror = () => reject(tx.error);
  });
}
const allWaiting = () => outbox("readonly", (s) => s.getAll());
const putWaiting = (item) => outbox("readwrite", (s) => s.put(item));
const removeWaiting = (id) => outbox("readwrite", (s) => s.delete(id));

// A time-ordered UUID (version 7, RFC 9562 §5.7): 48 bits of the phone's clock in milliseconds,
// then 74 random bits. Ids made one after another sort together, so the station's index of ids grows
// at its end instead of rewriting a random page for every sighting.
function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  let ms = Date.now();
  for (let k = 5; k >= 0; k--) { b[k] = ms % 256; ms = Math.floor(ms / 256); }
  b[6] = (b[6] & 0x0f) | 0x70; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function render() {
  const items = (await allWaiting()).sort((a, b) => a.queuedAt - b.queuedAt);
  const waiting = items.filter((i) => !i.rejected).length;
  const rejected = items.length - waiting;
  $("outbox").textContent = `Outbox: ${waiting} waiting` + (rejected ? `, ${rejected} refused (see below)` : "");
  const list = $("pending");
  list.replaceChildren(...items.map((i) => {
    const li = document.createElement("li");
    li.textContent = `${i.record.observed_at} at ${i.record.position}` + (i.rejected ? ` — refused: ${i.rejected}` : " — waiting");
    if (i.rejected) li.className = "rejected";
    return li;
  }));
  $("network").textContent = navigator.onLine ? "Online" : "Offline: sightings are kept on this phone";
}

// ---- Sending ----
let flushing = false;
async function flush() {
  if (flushing || !session) return;
  flushing = true;
  try {
    const items = (await allWaiting()).filter((i) => !i.rejected).sort((a, b) => a.queuedAt - b.queuedAt);
    for (const item of items) {
      let response;
      try {
        response = await fetch("/api/v1/sightings", {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrf },
          body: JSON.stringify(item.record),
          credentials: "same-origin",
        });
      } catch (e) {
        break; // offline: try again later
      }
      if (response.status === 201 || response.status === 200) {
        await removeWaiting(item.id);
      } else if (response.status === 401) {
        session = null;
        show();
        break;
      } else if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        const problem = await response.json().catch(() => ({}));
        item.rejected = problem.detail || `refused (${response.status})`;
        await putWaiting(item);
      } else {
        break; // the server is busy or failing: keep it and try later
      }
    }
  } finally {
    flushing = false;
    await render();
  }
}

// ---- Logging a sighting ----
function localNow() {
  const d = new Date(Date.now() + 7 * 3600 * 1000); // WIB
  return d.toISOString().slice(0, 16);
}

async function saveSighting(event) {
  event.preventDefault();
  const f = event.target;
  const message = $("log-message");
  const position = f.position.value.trim();
  const time = f.observed_at.value;
  if (!position || !time) {
    message.textContent = !position ? "Give the position (or use the phone's)." : "Give the time.";
    message.className = "message error";
    return;
  }
  const record = {
    id: uuid(),
    observed_at: time.length === 16 ? `${time}+07:00` : time,
    position,
    vessel_type: f.vessel_type.value,
    activity: f.activity.value,
  };
  for (const name of ["persons_aboard", "heading_deg", "speed_kn", "notes"]) {
    const v = f[name].value.trim();
    if (v) record[name] = v;
  }
  await putWaiting({ id: record.id, record, queuedAt: Date.now() });
  message.textContent = "Saved on this phone; it is sent as soon as there is a connection.";
  message.className = "message ok";
  f.reset();
  f.observed_at.value = localNow();
  await render();
  flush();
}

function useGPS() {
  const status = $("gps-status");
  if (!navigator.geolocation) { status.textContent = "This browser cannot give a position; type it."; return; }
  status.textContent = "Finding the position…";
  navigator.geolocation.getCurrentPosition(
    (p) => {
      $("position").value = `${p.coords.latitude.toFixed(6)} ${p.coords.longitude.toFixed(6)}`;
      status.textContent = `Position from the phone, accurate to about ${Math.round(p.coords.accuracy)} m.`;
    },
    (e) => { status.textContent = `No position from the phone (${e.message}); type it.`; },
    { enableHighAccuracy: true, timeout: 20000, maximumAge: 10000 }
  );
}

// ---- Session ----
async function loadSession() {
  try {
    const r = await fetch("/api/v1/session", { credentials: "same-origin" });
    if (r.ok) {
      const me = await r.json();
      session = { user: me.user, csrf: me.csrf, permissions: me.permissions };
      localStorage.setItem("selat-session", JSON.stringify(session));
    } else if (r.status === 401) {
      session = null;
      localStorage.removeItem("selat-session");
    }
  } catch (e) {
    // Offline: keep working with the session known before, so sightings can still be queued.
    const known = localStorage.getItem("selat-session");
    session = known ? JSON.parse(known) : null;
  }
  show();
}

let page = "log";
// Each page and the permission it needs.
const pages = { log: "log_sightings", map: "read_sightings", plan: "plans", analyse: "hotspots", admin: "users" };
const may = (p) => !!session && (!session.permissions || session.permissions.includes(pages[p]));
function show() {
  $("login-section").hidden = !!session;
  $("tabs").hidden = !session;
  if (session && !may(page)) page = Object.keys(pages).find(may) || "map";
  for (const p of Object.keys(pages)) {
    $(`${p}-section`).hidden = !session || page !== p;
    $(`tab-${p}`).hidden = !may(p);
    $(`tab-${p}`).setAttribute("aria-current", page === p ? "page" : "false");
  }
  const can = (permission) => !!session && (!session.permissions || session.permissions.includes(permission));
  $("exports-block").hidden = !can("exports");
  $("report-block").hidden = !can("report");
  $("who").textContent = session ? `${session.user.name} (${session.user.role}, ${session.user.agency})` : "";
}

async function login(event) {
  event.preventDefault();
  const f = event.target;
  const message = $("login-message");
  try {
    const r = await fetch("/api/v1/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: f.username.value, password: f.password.value }),
      credentials: "same-origin",
    });
    const body = await r.json();
    if (r.status === 201) {
      session = { user: body.user, csrf: body.csrf };
      localStorage.setItem("selat-session", JSON.stringify(session));
      f.password.value = "";
      message.textContent = "";
      await loadSession();
      flush();
    } else {
      message.textContent = body.detail || "Could not log in.";
    }
  } catch (e) {
    message.textContent = "No connection to the station: log in when the phone is back online.";
  }
}

async function logout() {
  // Logging out never empties the outbox: unsent sightings wait for the next login.
  if (session) {
    await fetch("/api/v1/session", {
      method: "DELETE", headers: { "X-CSRF-Token": session.csrf }, credentials: "same-origin",
    }).catch(() => {});
  }
  session = null;
  localStorage.removeItem("selat-session");
  show();
  render();
}

// ---- The map ----
function showMap(event) {
  if (event) event.preventDefault();
  const f = $("map-form");
  const params = new URLSearchParams();
  if (f.since.value) params.set("since", `${f.since.value}T00:00+07:00`);
  if (f.activity.value) params.set("activity", f.activity.value);
  if (f.vessel_type.value) params.set("vessel_type", f.vessel_type.value);
  $("map-frame").src = "/api/v1/map?" + params.toString();
}

// ---- Writes from the pages ----
async function send(method, url, body) {
  const r = await fetch(url, {
    method, credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": session ? session.csrf : "" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  return { ok: r.ok, status: r.status, json };
}
function cells(row, tag = "td") {
  const tr = document.createElement("tr");
  for (const v of row) { const c = document.createElement(tag); c.textContent = v; tr.append(c); }
  return tr;
}
function table(id, header, rows) {
  $(id).replaceChildren(cells(header, "th"), ...rows.map((r) => cells(r)));
}
function wibNow(hour) {
  const d = new Date(Date.now() + 7 * 3600 * 1000);
  const day = d.toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, "0")}:00`;
}

// ---- Plan ----
async function loadFleet() {
  const r = await send("GET", "/api/v1/fleet");
  if (!r.ok) { $("plan-boats").textContent = (r.json && r.json.detail) || "The fleet could not be read."; return; }
  const boats = r.json.boats || [];
  $("plan-boats").replaceChildren(...boats.map((b) => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox"; box.name = "boat"; box.value = b.call_sign; box.checked = true;
    label.append(box, ` ${b.call_sign} (${b.agency}, ${b.home_base})`);
    return label;
  }));
  if (!boats.length) $("plan-boats").textContent = "No boats in the fleet yet.";
}
async function makePlan(event) {
  event.preventDefault();
  const f = event.target;
  const boats = [...f.querySelectorAll("input[name=boat]:checked")].map((b) => b.value);
  $("plan-message").textContent = "Planning… (a minute at most)";
  $("plan-message").className = "message";
  const r = await send("POST", "/api/v1/plans", {
    start: `${f.start.value}+07:00`, hours: Number(f.hours.value), boats, joint: $("plan-joint").checked,
  });
  if (!r.ok) {
    $("plan-message").textContent = (r.json && r.json.detail) || `Refused (${r.status}).`;
    $("plan-message").className = "message error";
    return;
  }
  const plan = r.json;
  $("plan-message").textContent = `Plan ${plan.id} made.`;
  $("plan-message").className = "message ok";
  const result = $("plan-result");
  const parts = [];
  for (const night of plan.nights || []) {
    const h = document.createElement("h3");
    h.textContent = `Night ${night.number}`;
    const t = document.createElement("table");
    t.append(cells(["Boat", "Agency", "Stops", "Distance", "Hours", "Briefing"], "th"));
    for (const b of night.boats) {
      const row = cells([b.call_sign, b.agency, String(b.stops.length - 2), `${b.nautical_miles.toFixed(1)} nm`, b.hours.toFixed(1), ""]);
      const a = document.createElement("a");
      a.href = `/api/v1/plans/${plan.id}/briefings/${night.number}/${encodeURIComponent(b.call_sign)}`;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = "Open (prints on A4)";
      row.lastChild.append(a);
      t.append(row);
    }
    parts.push(h, t);
    // The route and ETAs of each boat, in WIB.
    for (const b of night.boats) {
      const d = document.createElement("details");
      const s = document.createElement("summary");
      s.textContent = `${b.call_sign}: route and ETAs (WIB)`;
      const legs = document.createElement("table");
      legs.append(cells(["#", "Stop", "Arrive", "Leave"], "th"),
        ...b.stops.map((stop, k) => cells([String(k), stop.name, wibClock(stop.arrival), wibClock(stop.departure)])));
      d.append(s, legs);
      parts.push(d);
    }
  }
  const links = document.createElement("p");
  links.className = "downloads";
  for (const format of ["gpx", "kml", "geojson"]) {
    const a = document.createElement("a");
    a.href = `/api/v1/plans/${plan.id}?format=${format}`;
    a.textContent = `Download ${format.toUpperCase()}`;
    a.download = `plan-${plan.id}.${format}`;
    links.append(a);
  }
  result.replaceChildren(...parts, links);
}
function wibClock(iso) {
  if (!iso) return "-";
  const d = new Date(Date.parse(iso) + 7 * 3600 * 1000);
  return `${d.toISOString().slice(5, 10)} ${d.toISOString().slice(11, 16)}`;
}

// ---- Analyse ----
const compass = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"];
function where(place) {
  if (!place) return "-";
  if (place.distance_nm < 0.5) return `at ${place.name}`;
  return `${place.distance_nm.toFixed(1)} nm ${compass[Math.floor((place.bearing_degrees + 22.5) / 45) % 8]} of ${place.name}`;
}
async function runAnalysis(event) {
  event.preventDefault();
  const f = event.target;
  $("analyse-message").textContent = "Running…";
  $("analyse-message").className = "message";
  const r = await send("POST", "/api/v1/hotspots", { method: f.method.value, night_only: $("analyse-night").checked });
  if (!r.ok) {
    $("analyse-message").textContent = (r.json && r.json.detail) || `Refused (${r.status}).`;
    $("analyse-message").className = "message error";
    return;
  }
  const run = r.json;
  $("analyse-message").textContent = `Run ${run.run_id}: ${run.sighting_count} sightings analysed.`;
  $("analyse-message").className = "message ok";
  const t = document.createElement("table");
  t.append(cells(["#", "Where", "Sightings"], "th"),
    ...(run.hotspots || []).map((h) => cells([String(h.rank), where(h.place), String(h.sightings)])));
  const a = document.createElement("a");
  a.href = `/api/v1/hotspots/${run.run_id}?format=geojson`;
  a.textContent = "Download GeoJSON (QGIS)";
  a.download = `hotspots-${run.run_id}.geojson`;
  const p = document.createElement("p");
  p.className = "downloads";
  p.append(a);
  $("analyse-result").replaceChildren(t, p);
}

async function makeReport(event) {
  event.preventDefault();
  const f = event.target;
  const message = $("report-message");
  const body = {};
  if (f.since.value) body.since = `${f.since.value}T00:00+07:00`;
  if (f.until.value) body.until = `${f.until.value}T23:59+07:00`;
  if (f.title.value) body.title = f.title.value;
  message.textContent = "Making the report… (analyses run afresh; a minute at most)";
  message.className = "message";
  const r = await fetch("/api/v1/reports", {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": session ? session.csrf : "" },
    body: JSON.stringify(body),
  }).catch(() => null);
  if (!r) { message.textContent = "No connection to the station: try again when online."; message.className = "message error"; return; }
  if (!r.ok) {
    const problem = await r.json().catch(() => null);
    message.textContent = (problem && problem.detail) || `Refused (${r.status}).`;
    message.className = "message error";
    return;
  }
  const url = URL.createObjectURL(new Blob([await r.text()], { type: "text/html" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "selat-report.html";
  a.textContent = "Download the report (HTML, prints on A4)";
  const open = document.createElement("a");
  open.href = url;
  open.target = "_blank";
  open.textContent = "Open it";
  message.replaceChildren(a, " · ", open);
  message.className = "message ok";
}

// ---- Admin ----
async function loadAdmin() {
  const users = await send("GET", "/api/v1/users");
  if (users.ok) table("users-table", ["Name", "Role", "Agency", "Status"],
    users.json.map((u) => [u.name, u.role, u.agency, u.disabled ? "disabled" : "active"]));
  const audit = await send("GET", "/api/v1/audit?limit=50");
  if (audit.ok) table("audit-table", ["#", "When (UTC)", "User", "Action", "Target", "Address"],
    audit.json.map((e) => [String(e.sequence), e.at.slice(0, 16).replace("T", " "), e.user || "-", e.action, e.target || "-", e.address || "-"]));
}
async function addUser(event) {
  event.preventDefault();
  const f = event.target;
  const r = await send("POST", "/api/v1/users", {
    username: f.username.value, role: f.role.value, agency: f.agency.value, password: f.password.value,
  });
  f.password.value = "";
  $("user-message").textContent = r.ok ? `Added ${r.json.name}.` : ((r.json && r.json.detail) || `Refused (${r.status}).`);
  $("user-message").className = r.ok ? "message ok" : "message error";
  if (r.ok) { f.reset(); loadAdmin(); }
}

// ---- Start ----
function open(p) {
  page = p;
  show();
  if (p === "map" && !$("map-frame").getAttribute("src")) showMap();
  if (p === "plan") loadFleet();
  if (p === "admin") loadAdmin();
}
for (const p of ["log", "plan", "analyse", "admin"]) $(`tab-${p}`).addEventListener("click", () => open(p));
$("plan-form").addEventListener("submit", makePlan);
$("analyse-form").addEventListener("submit", runAnalysis);
$("report-form").addEventListener("submit", makeReport);
$("user-form").addEventListener("submit", addUser);
$("plan-start").value = wibNow(20);
$("tab-map").addEventListener("click", () => open("map"));
$("map-form").addEventListener("submit", showMap);
window.addEventListener("online", () => { render(); loadSession().then(flush); });
window.addEventListener("offline", render);
$("login-form").addEventListener("submit", login);
$("sighting-form").addEventListener("submit", saveSighting);
$("gps").addEventListener("click", useGPS);
$("logout").addEventListener("click", logout);
$("observed_at").value = localNow();
if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => {});
if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
setInterval(flush, 30000);
render();
loadSession().then(flush);
