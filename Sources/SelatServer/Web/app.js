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
  const r = await send("POST", "/api/v1/hotspots", { method: f.method.value, night_only: $("analyse-night").checked });
  if (!r.ok) {
    $("analyse-message").textContent = (r.json && r.json.detail) || t("web.refused", { status: r.status });
    $("analyse-message").className = "message error";
    return;
  }
  const run = r.json;
  $("analyse-message").textContent = t("web.analyse.done", { run: run.run_id, count: run.sighting_count });
  $("analyse-message").className = "message ok";
  const tbl = document.createElement("table");
  tbl.append(cells(["#", t("web.analyse.col.where"), t("web.analyse.col.sightings")], "th"),
    ...(run.hotspots || []).map((h) => cells([String(h.rank), where(h.place), String(h.sightings)])));
  const a = document.createElement("a");
  a.href = `/api/v1/hotspots/${run.run_id}?format=geojson`;
  a.textContent = t("web.analyse.download");
  a.download = `hotspots-${run.run_id}.geojson`;
  const p = document.createElement("p");
  p.className = "downloads";
  p.append(a);
  $("analyse-result").replaceChildren(tbl, p);
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
$("lang").addEventListener("change", switchLanguage);
setInterval(flush, 30000);
loadWords().then(render);
loadSession().then(() => { chooseLanguage(); applyWords(); show(); render(); }).then(flush);
