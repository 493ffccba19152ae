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

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
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
      session = { user: me.user, csrf: me.csrf };
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
function show() {
  $("login-section").hidden = !!session;
  $("tabs").hidden = !session;
  $("log-section").hidden = !session || page !== "log";
  $("map-section").hidden = !session || page !== "map";
  $("tab-log").setAttribute("aria-current", page === "log" ? "page" : "false");
  $("tab-map").setAttribute("aria-current", page === "map" ? "page" : "false");
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
      show();
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

// ---- Start ----
$("tab-log").addEventListener("click", () => { page = "log"; show(); });
$("tab-map").addEventListener("click", () => {
  page = "map"; show();
  if (!$("map-frame").getAttribute("src")) showMap();
});
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
