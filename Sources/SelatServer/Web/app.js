// Selat web app: log sightings offline first. Each new sighting gets its UUID here, waits in an
// IndexedDB outbox, and leaves it only when the server answers 201 (stored) or 200 (already stored).
"use strict";

const $ = (id) => document.getElementById(id);
let session = null; // { user, csrf }

// ---- Words (English or Bahasa Indonesia, from the station's one catalogue) ----
// The language: the switch on this phone, else the one the user chose before (remembered by the
// station), else the browser's preference.
let WORDS = { en: {}, id: {} };
let lang = "en";
function browserLanguage() {
  for (const l of navigator.languages || [navigator.language || "en"]) {
    const base = l.toLowerCase().split(/[-_]/)[0];
    if (base === "id" || base === "in") return "id";
    if (base === "en") return "en";
  }
  return "en";
}
function chooseLanguage() {
  lang = localStorage.getItem("selat-lang") || (session && session.user && session.user.language) || browserLanguage();
  if (lang !== "id" && lang !== "en") lang = "en";
}
// The text of a key with its {blanks} filled.
function t(key, values = {}) {
  const text = (WORDS[lang] && WORDS[lang][key]) || WORDS.en[key] || key;
  return text.replace(/\{([a-z_]+)\}/g, (m, name) => (name in values ? String(values[name]) : m));
}
function applyWords() {
  document.documentElement.lang = lang;
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll("[data-i18n-placeholder]")) e.placeholder = t(e.dataset.i18nPlaceholder);
  for (const e of document.querySelectorAll("[data-i18n-title]")) e.title = t(e.dataset.i18nTitle);
  for (const e of document.querySelectorAll("[data-i18n-aria-label]")) e.setAttribute("aria-label", t(e.dataset.i18nAriaLabel));
  $("lang").value = lang;
}
async function loadWords() {
  try {
    const r = await fetch("/app/words.json", { credentials: "same-origin" });
    if (r.ok) WORDS = await r.json();
  } catch (e) {
    // Offline and not cached yet: the page's own English words stay.
  }
  chooseLanguage();
  applyWords();
}
async function switchLanguage() {
  lang = $("lang").value;
  localStorage.setItem("selat-lang", lang);
  applyWords();
  show();
  render();
  // Remembered for this user on every phone (when online; the switch works offline too).
  if (session) {
    send("PUT", "/api/v1/session/language", { language: lang })
      .then((r) => { if (r.ok && session && session.user) { session.user.language = lang; localStorage.setItem("selat-session", JSON.stringify(session)); } })
      .catch(() => {});
  }
}

// ---- The outbox (IndexedDB) ----
// Version 2 adds the patrol box: patrol starts, steps and track fixes waiting to be sent, in order.
function openDB() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open("selat", 2);
    req.onupgradeneeded = (event) => {
      if (event.oldVersion < 1) req.result.createObjectStore("outbox", { keyPath: "id" });
      if (event.oldVersion < 2) req.result.createObjectStore("patrolbox", { keyPath: "seq", autoIncrement: true });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
async function store(name, mode, fn) {
  const db = await openDB();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(name, mode);
    const result = fn(tx.objectStore(name));
    tx.oncomplete = () => resolve(result && result.result !== undefined ? result.result : result);
    tx.onerror = () => reject(tx.error);
  });
}
const outbox = (mode, fn) => store("outbox", mode, fn);
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
  $("outbox").textContent = rejected ? t("web.outbox_refused", { waiting, refused: rejected }) : t("web.outbox", { waiting });
  const list = $("pending");
  list.replaceChildren(...items.map((i) => {
    const li = document.createElement("li");
    const where = { time: i.record.observed_at, position: i.record.position };
    li.textContent = i.rejected ? t("web.log.pending_refused", { ...where, reason: i.rejected }) : t("web.log.pending", where);
    if (i.rejected) li.className = "rejected";
    return li;
  }));
  $("network").textContent = navigator.onLine ? t("web.online") : t("web.offline");
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
          headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrf, "Accept-Language": lang },
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
        item.rejected = problem.detail || t("web.log.refused_status", { status: response.status });
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
    message.textContent = !position ? t("web.log.need_position") : t("web.log.need_time");
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
  // Logged from a boat out on patrol: the boat's call sign is the unit, which links the
  // sighting to the patrol.
  const out = JSON.parse(localStorage.getItem("selat-patrol") || "null");
  if (out && out.state !== "ended") record.unit = out.boat;
  await putWaiting({ id: record.id, record, queuedAt: Date.now() });
  message.textContent = t("web.log.saved");
  message.className = "message ok";
  f.reset();
  f.observed_at.value = localNow();
  await render();
  flush();
}

function useGPS() {
  const status = $("gps-status");
  if (!navigator.geolocation) { status.textContent = t("web.gps.none"); return; }
  status.textContent = t("web.gps.finding");
  navigator.geolocation.getCurrentPosition(
    (p) => {
      $("position").value = `${p.coords.latitude.toFixed(6)} ${p.coords.longitude.toFixed(6)}`;
      status.textContent = t("web.gps.found", { metres: Math.round(p.coords.accuracy) });
    },
    (e) => { status.textContent = t("web.gps.failed", { reason: e.message }); },
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
const pages = { log: "log_sightings", patrol: "read_patrols", map: "read_sightings", plan: "plans", analyse: "hotspots", admin: "users" };
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
  $("patrol-record").hidden = !can("record_patrols");
  $("report-block").hidden = !can("report");
  $("who").textContent = session ? t("web.who", { name: session.user.name, role: t(`web.role.${session.user.role}`), agency: session.user.agency }) : "";
}

async function login(event) {
  event.preventDefault();
  const f = event.target;
  const message = $("login-message");
  try {
    const r = await fetch("/api/v1/session", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": lang },
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
      message.textContent = body.detail || t("web.login.failed");
    }
  } catch (e) {
    message.textContent = t("web.login.offline");
  }
}

async function logout() {
  // Logging out never empties the outbox: unsent sightings wait for the next login.
  if (session) {
    await fetch("/api/v1/session", {
      method: "DELETE", headers: { "X-CSRF-Token": session.csrf, "Accept-Language": lang }, credentials: "same-origin",
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
  params.set("lang", lang);
  $("map-frame").src = "/api/v1/map?" + params.toString();
}

// ---- Writes from the pages ----
async function send(method, url, body) {
  const r = await fetch(url, {
    method, credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": session ? session.csrf : "", "Accept-Language": lang },
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
  if (!r.ok) { $("plan-boats").textContent = (r.json && r.json.detail) || t("web.plan.fleet_unreadable"); return; }
  const boats = r.json.boats || [];
  $("plan-boats").replaceChildren(...boats.map((b) => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox"; box.name = "boat"; box.value = b.call_sign; box.checked = true;
    label.append(box, ` ${b.call_sign} (${b.agency}, ${b.home_base})`);
    return label;
  }));
  if (!boats.length) $("plan-boats").textContent = t("web.plan.no_boats");
}
async function makePlan(event) {
  event.preventDefault();
  const f = event.target;
  const boats = [...f.querySelectorAll("input[name=boat]:checked")].map((b) => b.value);
  $("plan-message").textContent = t("web.plan.planning");
  $("plan-message").className = "message";
  const r = await send("POST", "/api/v1/plans", {
    start: `${f.start.value}+07:00`, hours: Number(f.hours.value), boats, joint: $("plan-joint").checked,
  });
  if (!r.ok) {
    $("plan-message").textContent = (r.json && r.json.detail) || t("web.refused", { status: r.status });
    $("plan-message").className = "message error";
    return;
  }
  const plan = r.json;
  $("plan-message").textContent = t("web.plan.made", { plan: plan.id });
  $("plan-message").className = "message ok";
  const result = $("plan-result");
  const parts = [];
  // Each stop's name in this page's language, as the server says it.
  const spoken = Object.fromEntries(plan.stop_names || []);
  for (const night of plan.nights || []) {
    const h = document.createElement("h3");
    h.textContent = t("web.plan.night", { night: night.number });
    const tbl = document.createElement("table");
    tbl.append(cells([t("web.plan.col.boat"), t("web.plan.col.agency"), t("web.plan.col.stops"), t("web.plan.col.distance"), t("web.plan.col.hours"), t("web.plan.col.briefing")], "th"));
    for (const b of night.boats) {
      const row = cells([b.call_sign, b.agency, String(b.stops.length - 2), t("web.plan.distance", { distance: decimal(b.nautical_miles, 1) }), decimal(b.hours, 1), ""]);
      const a = document.createElement("a");
      a.href = `/api/v1/plans/${plan.id}/briefings/${night.number}/${encodeURIComponent(b.call_sign)}`;
      a.target = "_blank";
      a.rel = "noopener";
      a.href += `?lang=${lang}`;
      a.textContent = t("web.plan.open_briefing");
      row.lastChild.append(a);
      tbl.append(row);
    }
    parts.push(h, tbl);
    // The route and ETAs of each boat, in WIB.
    for (const b of night.boats) {
      const d = document.createElement("details");
      const s = document.createElement("summary");
      s.textContent = t("web.plan.route_etas", { call_sign: b.call_sign });
      const legs = document.createElement("table");
      legs.append(cells(["#", t("web.plan.col.stop"), t("web.plan.col.arrive"), t("web.plan.col.leave")], "th"),
        ...b.stops.map((stop, k) => cells([String(k), spoken[stop.name] || stop.name, wibClock(stop.arrival), wibClock(stop.departure)])));
      d.append(s, legs);
      parts.push(d);
    }
  }
  const links = document.createElement("p");
  links.className = "downloads";
  for (const format of ["gpx", "kml", "geojson"]) {
    const a = document.createElement("a");
    a.href = `/api/v1/plans/${plan.id}?format=${format}&lang=${lang}`;
    a.textContent = t("web.plan.download", { format: format.toUpperCase() });
    a.download = `plan-${plan.id}.${format}`;
    links.append(a);
  }
  result.replaceChildren(...parts, links);
}
function wibClock(iso) {
  if (!iso) return "-";
  const d = new Date(Date.parse(iso) + 7 * 3600 * 1000);
  const clock = d.toISOString().slice(11, 16);
  return `${d.toISOString().slice(5, 10)} ${lang === "id" ? clock.replace(":", ".") : clock}`;
}
// A number for people: the decimal comma in Indonesian.
function decimal(x, digits) {
  const text = x.toFixed(digits);
  return lang === "id" ? text.replace(".", ",") : text;
}

// ---- Analyse ----
// The eight compass points, as the catalogue names them (Indonesian: U, TL, T, TG, S, BD, B, BL).
const compass = ["compass.n", "compass.ne", "compass.e", "compass.se", "compass.s", "compass.sw", "compass.w", "compass.nw"];
function where(place) {
  if (!place) return "-";
  if (place.distance_nm < 0.5) return t("web.place.at", { place: place.name });
  return t("web.place.from", {
    distance: decimal(place.distance_nm, 1), direction: t(compass[Math.floor((place.bearing_degrees + 22.5) / 45) % 8]), place: place.name,
  });
}
async function runAnalysis(event) {
  event.preventDefault();
  const f = event.target;
  $("analyse-message").textContent = t("web.analyse.running");
  $("analyse-message").className = "message";
  const body = { method: f.method.value, night_only: $("analyse-night").checked };
  if (!$("analyse-area").disabled) body.study_area = $("analyse-area").value;
  const r = await send("POST", "/api/v1/hotspots", body);
  if (!r.ok) {
    $("analyse-message").textContent = (r.json && r.json.detail) || t("web.refused", { status: r.status });
    $("analyse-message").className = "message error";
    return;
  }
  const run = r.json;
  $("analyse-message").textContent = t("web.analyse.done", { run: run.run_id, count: run.sighting_count });
  $("analyse-message").className = "message ok";
  const hotspots = run.hotspots || [];
  const tbl = document.createElement("table");
  tbl.append(cells(["#", t("web.analyse.col.where"), t("web.analyse.col.sightings")], "th"),
    ...hotspots.map((h) => cells([String(h.rank), where(h.place), String(h.sightings)])));
  // The study area the statistic compared with (Gi* and emerging), from the run's own notes
  // (not the form, which may have changed while the run was going).
  const aroundData = (run.notes || []).find((n) => n.study_area_around_data);
  const area = aroundData ? aroundData.study_area_around_data : ((run.notes || []).find((n) => n.study_area) || {}).study_area;
  const said = [];
  if (area) {
    const line = document.createElement("p");
    line.textContent = t("web.analyse.area_note", { sea: area.sea_cells, empty: area.empty_cells });
    said.push(line);
    if (aroundData && hotspots.length === 0) {
      const hint = document.createElement("p");
      hint.className = "message";
      hint.textContent = t("web.analyse.area_few");
      said.push(hint);
    }
  }
  const a = document.createElement("a");
  a.href = `/api/v1/hotspots/${run.run_id}?format=geojson`;
  a.textContent = t("web.analyse.download");
  a.download = `hotspots-${run.run_id}.geojson`;
  const p = document.createElement("p");
  p.className = "downloads";
  p.append(a);
  $("analyse-result").replaceChildren(...said, tbl, p);
}

async function makeReport(event) {
  event.preventDefault();
  const f = event.target;
  const message = $("report-message");
  const body = {};
  if (f.since.value) body.since = `${f.since.value}T00:00+07:00`;
  if (f.until.value) body.until = `${f.until.value}T23:59+07:00`;
  if (f.title.value) body.title = f.title.value;
  message.textContent = t("web.report.making");
  message.className = "message";
  const r = await fetch(`/api/v1/reports?lang=${lang}`, {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": session ? session.csrf : "", "Accept-Language": lang },
    body: JSON.stringify(body),
  }).catch(() => null);
  if (!r) { message.textContent = t("web.report.offline"); message.className = "message error"; return; }
  if (!r.ok) {
    const problem = await r.json().catch(() => null);
    message.textContent = (problem && problem.detail) || t("web.refused", { status: r.status });
    message.className = "message error";
    return;
  }
  const url = URL.createObjectURL(new Blob([await r.text()], { type: "text/html" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "selat-report.html";
  a.textContent = t("web.report.download");
  const open = document.createElement("a");
  open.href = url;
  open.target = "_blank";
  open.textContent = t("web.report.open");
  message.replaceChildren(a, " · ", open);
  message.className = "message ok";
}

// ---- Admin ----
async function loadAdmin() {
  const users = await send("GET", "/api/v1/users");
  if (users.ok) table("users-table", [t("web.admin.col.name"), t("web.admin.role"), t("web.plan.col.agency"), t("web.admin.col.status")],
    users.json.map((u) => [u.name, t(`web.role.${u.role}`), u.agency, u.disabled ? t("web.admin.disabled") : t("web.admin.active")]));
  const audit = await send("GET", "/api/v1/audit?limit=50");
  if (audit.ok) table("audit-table", ["#", t("web.admin.col.when"), t("web.admin.col.user"), t("web.admin.col.action"), t("web.admin.col.target"), t("web.admin.col.address")],
    audit.json.map((e) => [String(e.sequence), e.at.slice(0, 16).replace("T", " "), e.user || "-", e.action, e.target || "-", e.address || "-"]));
}
async function addUser(event) {
  event.preventDefault();
  const f = event.target;
  const r = await send("POST", "/api/v1/users", {
    username: f.username.value, role: f.role.value, agency: f.agency.value, password: f.password.value,
  });
  f.password.value = "";
  $("user-message").textContent = r.ok ? t("web.admin.added", { name: r.json.name }) : ((r.json && r.json.detail) || t("web.refused", { status: r.status }));
  $("user-message").className = r.ok ? "message ok" : "message error";
  if (r.ok) { f.reset(); loadAdmin(); }
}


// ---- Patrol: recorded on the phone, queued like sightings ----
// The patrol running on this phone (survives reloads and a flat battery's restart): its local key,
// its number once the station has answered, boat, state, and the last fix recorded.
let patrol = JSON.parse(localStorage.getItem("selat-patrol") || "null");
function savePatrol() {
  if (patrol) localStorage.setItem("selat-patrol", JSON.stringify(patrol));
  else localStorage.removeItem("selat-patrol");
}
const patrolIds = () => JSON.parse(localStorage.getItem("selat-patrol-ids") || "{}");
const patrolbox = (mode, fn) => store("patrolbox", mode, fn);
const queuePatrol = (item) => patrolbox("readwrite", (s) => s.add({ ...item, queuedAt: Date.now() }));

// Metres between two positions (haversine, mean Earth radius).
function metres(lat1, lon1, lat2, lon2) {
  const r = Math.PI / 180, dLat = (lat2 - lat1) * r, dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}
// A fix for a step: the phone's position now, or none after 15 s (the step is still recorded).
// While recording, the last position the GPS gave (a minute old at most) is that fix.
let latestPosition = null;
function currentFix() {
  return new Promise((resolve) => {
    if (latestPosition && Date.now() - latestPosition.timestamp < 60000) { resolve(latestPosition); return; }
    if (!navigator.geolocation) { resolve(null); return; }
    navigator.geolocation.getCurrentPosition((p) => resolve(p), () => resolve(null),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 });
  });
}
// About every 25 m moving, every 5 minutes stopped; fixes worse than 100 m are not kept.
const STEP_METRES = 25, STOPPED_MS = 5 * 60 * 1000, WORST_ACCURACY = 100;
function recordFix(p, force = false) {
  if (!patrol || patrol.state !== "running" || !p) return;
  const c = p.coords;
  if (!(c.accuracy <= WORST_ACCURACY)) return;
  const now = p.timestamp || Date.now();
  const last = patrol.lastFix;
  // A fix no newer than the last one recorded (a position the phone had cached) is not new.
  if (last && now <= last.time) return;
  if (last && !force && metres(last.lat, last.lon, c.latitude, c.longitude) < STEP_METRES && now - last.time < STOPPED_MS) return;
  patrol.lastFix = { lat: c.latitude, lon: c.longitude, time: now };
  patrol.fixes = (patrol.fixes || 0) + 1;
  savePatrol();
  const body = { key: uuid(), time: new Date(now).toISOString(), latitude: c.latitude, longitude: c.longitude, accuracy: c.accuracy };
  if (Number.isFinite(c.speed) && c.speed >= 0) body.speed = c.speed;
  if (Number.isFinite(c.heading) && c.heading >= 0 && c.heading <= 360) body.course = c.heading;
  queuePatrol({ kind: "fix", local: patrol.local, body }).then(() => { renderPatrol(); soonFlushPatrol(); });
}
// Fixes go out in batches: at most one send every 5 seconds while recording.
let flushSoon = null;
function soonFlushPatrol() {
  if (flushSoon || !navigator.onLine) return;
  flushSoon = setTimeout(() => { flushSoon = null; flushPatrol(); }, 5000);
}
let watchId = null, wakeLock = null;
function keepAwake() {
  if (!patrol || patrol.state !== "running" || !navigator.wakeLock || wakeLock) return;
  navigator.wakeLock.request("screen").then((l) => { wakeLock = l; l.addEventListener("release", () => { wakeLock = null; }); }).catch(() => {});
}
function resumeRecording() {
  const running = !!patrol && patrol.state === "running";
  if (running && watchId === null && navigator.geolocation) {
    watchId = navigator.geolocation.watchPosition((p) => { latestPosition = p; recordFix(p); }, () => {},
      { enableHighAccuracy: true, maximumAge: 5000 });
  }
  if (!running && watchId !== null) { navigator.geolocation.clearWatch(watchId); watchId = null; latestPosition = null; }
  if (running) keepAwake();
  else if (wakeLock) { wakeLock.release().catch(() => {}); wakeLock = null; }
  renderPatrol();
}
// Stopped boats give no new position: a fresh fix every 5 minutes all the same.
function patrolTick() {
  if (!patrol || patrol.state !== "running") return;
  if (patrol.lastFix && Date.now() - patrol.lastFix.time < STOPPED_MS) return;
  currentFix().then((p) => recordFix(p, true));
}
function fixFields(p) {
  return p ? { latitude: p.coords.latitude, longitude: p.coords.longitude } : {};
}
async function startPatrol(event) {
  event.preventDefault();
  const f = event.target;
  const message = $("patrol-message");
  const boat = f.boat.value.trim();
  if (!boat) { message.textContent = t("web.patrol.need_boat"); message.className = "message error"; return; }
  if (f.plan.value.trim() && !/^[0-9]+$/.test(f.plan.value.trim())) {
    message.textContent = t("web.patrol.bad_plan", { value: f.plan.value }); message.className = "message error"; return;
  }
  message.textContent = t("web.patrol.finding"); message.className = "message";
  const fix = await currentFix();
  const local = uuid();
  // The patrol starts where and when its first fix was taken (a fresh one), else now.
  const body = { key: local, boat, time: new Date(fix ? Math.min(fix.timestamp, Date.now()) : Date.now()).toISOString(), ...fixFields(fix) };
  if (f.plan.value.trim()) body.plan = Number(f.plan.value.trim());
  if (f.crew.value.trim()) body.crew = f.crew.value.trim();
  patrol = { local, id: null, boat, state: "running", fixes: 0, startedAt: Date.now() };
  savePatrol();
  await queuePatrol({ kind: "start", local, body });
  recordFix(fix, true);
  message.textContent = fix ? t("web.patrol.started") : t("web.patrol.started_no_fix");
  message.className = "message ok";
  f.reset();
  resumeRecording();
  flushPatrol();
}
async function patrolStep(step) {
  if (!patrol) return;
  const fix = await currentFix();
  if (step !== "pause") recordFix(fix, true);
  await queuePatrol({ kind: "step", local: patrol.local, body: { key: uuid(), step, time: new Date().toISOString(), ...fixFields(fix) } });
  patrol.state = step === "pause" ? "paused" : step === "resume" ? "running" : "ended";
  const message = $("patrol-message");
  message.textContent = t({ pause: "web.patrol.paused", resume: "web.patrol.resumed", end: "web.patrol.ended" }[step], { boat: patrol.boat });
  message.className = "message ok";
  if (patrol.state === "ended") patrol = null;
  savePatrol();
  resumeRecording();
  flushPatrol();
}
const STATE_WORDS = { running: "web.patrol.state.running", paused: "web.patrol.state.paused", ended: "web.patrol.state.ended" };
let patrolFlushing = false;
async function flushPatrol() {
  if (patrolFlushing || !session) return;
  patrolFlushing = true;
  try {
    const ids = patrolIds();
    let items = (await patrolbox("readonly", (s) => s.getAll())).filter((i) => !i.rejected).sort((a, b) => a.seq - b.seq);
    while (items.length) {
      const item = items[0];
      let url, batch = [item], body = item.body;
      if (item.kind === "start") {
        url = "/api/v1/patrols";
      } else {
        const id = ids[item.local];
        if (!id) break; // its start is not accepted yet
        if (item.kind === "step") url = `/api/v1/patrols/${id}/steps`;
        else {
          batch = [];
          for (const i of items) { if (i.kind !== "fix" || i.local !== item.local || batch.length >= 500) break; batch.push(i); }
          url = `/api/v1/patrols/${id}/track`;
          body = { fixes: batch.map((i) => i.body) };
        }
      }
      let r;
      try {
        r = await fetch(url, {
          method: "POST", credentials: "same-origin", body: JSON.stringify(body),
          headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrf, "Accept-Language": lang },
        });
      } catch (e) {
        break; // offline: everything waits, in order
      }
      if (r.ok) {
        if (item.kind === "start") {
          const answer = await r.json();
          ids[item.local] = answer.id;
          localStorage.setItem("selat-patrol-ids", JSON.stringify(ids));
          if (patrol && patrol.local === item.local) { patrol.id = answer.id; savePatrol(); }
        }
        await patrolbox("readwrite", (s) => { for (const i of batch) s.delete(i.seq); });
        items = items.slice(batch.length);
      } else if (r.status === 401) {
        session = null; show(); break;
      } else if (r.status >= 400 && r.status < 500 && r.status !== 429) {
        // Refused: kept on the phone, marked, never dropped; the reason is shown.
        const problem = await r.json().catch(() => ({}));
        const reason = problem.detail || t("web.refused", { status: r.status });
        const refused = item.kind === "start" ? items.filter((i) => i.local === item.local) : batch;
        await patrolbox("readwrite", (s) => { for (const i of refused) s.put({ ...i, rejected: reason }); });
        if (item.kind === "start" && patrol && patrol.local === item.local) { patrol = null; savePatrol(); resumeRecording(); }
        $("patrol-message").textContent = reason;
        $("patrol-message").className = "message error";
        items = items.filter((i) => !refused.includes(i));
      } else {
        break; // the station is busy or failing: try later
      }
    }
  } finally {
    patrolFlushing = false;
    renderPatrol();
  }
}
async function renderPatrol() {
  const items = await patrolbox("readonly", (s) => s.getAll()).catch(() => []);
  const waiting = items.filter((i) => !i.rejected).length;
  const refused = items.length - waiting;
  $("patrol-queue").textContent = refused ? t("web.patrol.queue_refused", { waiting, refused }) : t("web.patrol.queue", { waiting });
  const state = patrol ? patrol.state : null;
  $("patrol-start-form").hidden = !!patrol;
  $("patrol-pause").hidden = state !== "running";
  $("patrol-resume").hidden = state !== "paused";
  $("patrol-end").hidden = !patrol;
  $("patrol-status").textContent = patrol
    ? t("web.patrol.status", { id: patrol.id || "…", boat: patrol.boat, state: t(STATE_WORDS[patrol.state]), fixes: patrol.fixes || 0 })
    : t("web.patrol.none");
}
async function loadPatrols() {
  const r = await send("GET", "/api/v1/patrols").catch(() => null);
  if (!r || !r.ok) { $("patrol-report").textContent = r && r.json ? r.json.detail : t("web.patrol.list_offline"); return; }
  const rows = r.json.map((p) => {
    const tr = cells([String(p.id), p.boat, t(STATE_WORDS[p.state]), p.plan ? `${p.plan}/${p.night || "-"}` : "-", wibClock(p.started_at), wibClock(p.ended_at), ""]);
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = t("web.patrol.show");
    b.addEventListener("click", () => showPatrol(p.id));
    tr.lastChild.append(b);
    return tr;
  });
  $("patrol-table").replaceChildren(cells(["#", t("web.plan.col.boat"), t("web.patrol.col.state"), t("web.patrol.col.plan"), t("web.patrol.col.started"), t("web.patrol.col.ended"), ""], "th"), ...rows);
}
async function showPatrol(id) {
  const r = await send("GET", `/api/v1/patrols/${id}`).catch(() => null);
  const box = $("patrol-report");
  if (!r || !r.ok) { box.textContent = r && r.json ? r.json.detail : t("web.patrol.list_offline"); return; }
  const p = r.json;
  const h = document.createElement("h3");
  h.textContent = t("web.patrol.report_title", { id: p.patrol, boat: p.boat });
  const summary = document.createElement("p");
  summary.id = "patrol-summary";
  summary.textContent = t("web.patrol.summary", {
    nm: decimal(p.distance_nm, 1), hours: decimal(p.hours, 1), visited: p.stops_visited.length,
    planned: p.stops_planned, gaps: p.gaps.length, gap_minutes: Math.round(p.gap_minutes),
    neighbour: Math.round(p.minutes_in_neighbour_waters), sightings: p.sightings.length,
  });
  const stops = document.createElement("table");
  stops.id = "patrol-stops";
  const visited = p.stops_visited.map((s) => ({ ...s, done: true }));
  const all = [...visited, ...p.missed.map((s) => ({ ...s, done: false }))]
    .sort((a, b) => String(a.planned_arrival).localeCompare(String(b.planned_arrival)));
  stops.append(cells([t("web.plan.col.stop"), t("web.patrol.col.planned"), t("web.patrol.col.visited"), t("web.patrol.col.late")], "th"),
    ...all.map((s) => {
      const row = cells([s.name, wibClock(s.planned_arrival), s.done ? wibClock(s.visited_at) : t("web.patrol.missed", { nm: decimal(s.closest_nm ?? 0, 1) }), s.done && s.minutes_late != null ? String(Math.round(s.minutes_late)) : "-"]);
      row.className = s.done ? "visited" : "missed";
      return row;
    }));
  const links = document.createElement("p");
  links.className = "downloads";
  for (const format of ["geojson", "gpx"]) {
    const a = document.createElement("a");
    a.href = `/api/v1/patrols/${id}?format=${format}&lang=${lang}`;
    a.download = `patrol-${id}.${format}`;
    a.textContent = t("web.plan.download", { format: format.toUpperCase() });
    links.append(a);
  }
  const map = document.createElement("a");
  map.href = `/api/v1/map?patrol=${id}&lang=${lang}`;
  map.target = "_blank";
  map.rel = "noopener";
  map.textContent = t("web.patrol.on_map");
  links.append(map);
  box.replaceChildren(h, summary, stops, links);
}

// ---- Start ----
function open(p) {
  page = p;
  show();
  if (p === "map" && !$("map-frame").getAttribute("src")) showMap();
  if (p === "plan") loadFleet();
  if (p === "patrol") { renderPatrol(); loadPatrols(); }
  if (p === "admin") loadAdmin();
}
for (const p of ["log", "patrol", "plan", "analyse", "admin"]) $(`tab-${p}`).addEventListener("click", () => open(p));
$("patrol-start-form").addEventListener("submit", startPatrol);
$("patrol-pause").addEventListener("click", () => patrolStep("pause"));
$("patrol-resume").addEventListener("click", () => patrolStep("resume"));
$("patrol-end").addEventListener("click", () => patrolStep("end"));
$("patrol-refresh").addEventListener("click", loadPatrols);
document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") keepAwake(); });
setInterval(patrolTick, 60000);
$("plan-form").addEventListener("submit", makePlan);
$("analyse-form").addEventListener("submit", runAnalysis);
// The study area applies to Gi* and emerging hot spots only (the server refuses it for the others).
function analyseMethodChanged() {
  const m = $("analyse-method").value;
  $("analyse-area").disabled = !(m === "gistar" || m === "emerging");
}
$("analyse-method").addEventListener("change", analyseMethodChanged);
analyseMethodChanged();
$("report-form").addEventListener("submit", makeReport);
$("user-form").addEventListener("submit", addUser);
$("plan-start").value = wibNow(20);
$("tab-map").addEventListener("click", () => open("map"));
$("map-form").addEventListener("submit", showMap);
window.addEventListener("online", () => { render(); loadSession().then(flush).then(flushPatrol); });
window.addEventListener("offline", render);
$("login-form").addEventListener("submit", login);
$("sighting-form").addEventListener("submit", saveSighting);
$("gps").addEventListener("click", useGPS);
$("logout").addEventListener("click", logout);
$("observed_at").value = localNow();
if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => {});
if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
$("lang").addEventListener("change", switchLanguage);
setInterval(() => { flush(); flushPatrol(); }, 30000);
loadWords().then(render);
loadSession().then(() => { chooseLanguage(); applyWords(); show(); render(); resumeRecording(); }).then(flush).then(flushPatrol);
