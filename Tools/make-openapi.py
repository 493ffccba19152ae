#!/usr/bin/env python3
"""Writes Sources/SelatServer/openapi.json: the station server's API as OpenAPI 3.1.
Run after changing a route: python3 Tools/make-openapi.py (the server tests check every route is here)."""
import json, os

problem = {"$ref": "#/components/responses/Problem"}
def errors(*codes):
    return {str(c): problem for c in codes}
def op(summary, permission=None, body=None, ok=("200", "The answer"), params=(), extra=(), auth=True, content="application/json"):
    o = {"summary": summary, "responses": {ok[0]: {"description": ok[1], "content": {content: {"schema": {}}}}}}
    if permission:
        o["description"] = f"Needs the permission `{permission}`."
    if body:
        o["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if params:
        o["parameters"] = list(params)
    codes = list(extra)
    if auth:
        codes += [401, 403]
    else:
        o["security"] = []
    if body:
        codes += [400, 413, 415, 422]
    o["responses"].update(errors(*sorted(set(codes))))
    return o
def q(name, desc, schema=None):
    return {"name": name, "in": "query", "required": False, "description": desc, "schema": schema or {"type": "string"}}
def p(name, desc, schema=None):
    return {"name": name, "in": "path", "required": True, "description": desc, "schema": schema or {"type": "string"}}

num_or_text = {"type": ["string", "number"]}
sighting_in = {"type": "object", "additionalProperties": False, "required": ["observed_at"],
    "description": "A sighting by its CSV column names; numbers may be JSON numbers or text. Checked with the rules of `selat sighting import`.",
    "properties": {
        "id": {"type": "string", "description": "Chosen by the client (a UUID is recommended); derived from the content when absent."},
        "observed_at": {"type": "string", "description": "ISO 8601; without an offset it is read in WIB (UTC+7)."},
        "lat": num_or_text, "lon": num_or_text,
        "vessel_type": {"type": "string", "enum": ["speedboat", "pompong", "fishing", "ferry", "cargo", "tanker", "tug", "unknown"]},
        "activity": {"type": "string", "enum": ["trafficking", "smuggling", "illegal_fishing", "piracy", "unknown", "none"]},
        "persons_aboard": num_or_text, "heading_deg": num_or_text, "speed_kn": num_or_text,
        "source": {"type": "string", "enum": ["patrol", "radar", "report", "ais", "aerial"]},
        "unit": {"type": "string"}, "confidence": num_or_text, "notes": {"type": "string"},
        "position": {"type": "string", "description": "Instead of lat and lon: a position in any form the command line reads (1.2034 104.1120, 1°12.2'N 104°06.7'E, 1°12,2' LU 104°06,7' BT)."},
        "allow_land": {"type": "boolean", "description": "Keep a position on land (a beached boat, a landing spot), flagged on_land."},
        "allow_outside": {"type": "boolean", "description": "Keep a position outside the study region, flagged outside_region."}}}
doc = {
  "openapi": "3.1.0",
  "info": {"title": "Selat station server", "version": "1.0.0",
           "description": "Sightings, hot spots and patrol plans for the Riau Islands. JSON keys are snake_case; times are ISO 8601 in UTC; errors are RFC 9457 problem documents with a stable `code`, and `field`, `value` and `allowed` where one input is at fault. Words people read (problem titles and details, briefings, reports, maps, KML and GPX names) follow the request's language: `?lang=id` or `?lang=en`, else `Accept-Language` (Bahasa Indonesia or English); codes, keys and data values never change with it."},
  "servers": [{"url": "/"}],
  "security": [{"bearer": []}, {"cookie": []}],
  "paths": {
    "/healthz": {"get": op("200 when the database can be read", auth=False, extra=[503], content="text/plain")},
    "/": {"get": op("The web app", auth=False, content="text/html")},
    "/app/{name}": {"get": op("A file of the web app", auth=False, params=[p("name", "File name")], extra=[404], content="text/plain")},
    "/sw.js": {"get": op("The web app's service worker (keeps the app available offline)", auth=False, content="text/javascript")},
    "/api/v1/openapi.json": {"get": op("This document", auth=False)},
    "/api/v1/session": {
      "post": op("Log in: a token for Authorization: Bearer, and an HttpOnly SameSite=Strict cookie", auth=False, ok=("201", "Logged in"),
                 body={"type": "object", "required": ["username", "password"], "properties": {"username": {"type": "string"}, "password": {"type": "string"}}},
                 extra=[401, 429]),
      "get": op("Who is logged in, the CSRF token and the permissions"),
      "delete": {"summary": "Log out", "responses": {"204": {"description": "Logged out"}, **errors(401, 403)}}},
    "/api/v1/session/language": {
      "put": {"summary": "Remember this user's language for the web app: id (Bahasa Indonesia), en (English) or null (the browser's)",
              "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": False,
                  "required": ["language"], "properties": {"language": {"type": ["string", "null"], "enum": ["id", "en", None]}}}}}},
              "responses": {"204": {"description": "Remembered"}, **errors(400, 401, 403, 413, 415, 422)}}},
    "/api/v1/sightings": {
      "post": op("Log a sighting: 201 new, 200 the same record again, 409 the id taken by other content", "log_sightings",
                 body=sighting_in, ok=("201", "Stored, durable and chained"), extra=[200, 409]),
      "get": op("Search sightings (the filters of selat sighting list), a page at a time", "read_sightings",
                params=[q("near", "A position, port, base or waypoint; with within"), q("within", "A distance, e.g. 5nm"),
                        q("bbox", "WEST,SOUTH,EAST,NORTH"), q("since", "ISO 8601"), q("until", "ISO 8601"),
                        q("vessel_type", "Repeatable or comma-separated"), q("activity", "Repeatable or comma-separated"),
                        q("unit", "Reporting unit contains"), q("limit", "1 to 10000 (default 100)", {"type": "integer"}),
                        q("cursor", "next_cursor of the page before"), q("format", "json, geojson or csv", {"type": "string", "enum": ["json", "geojson", "csv"]}),
                        q("count", "true: only {\"count\": N}, how many match (from the indexes; no record read)", {"type": "string", "enum": ["true", "false"]})],
                extra=[422])},
    "/api/v1/sightings/{id}": {"get": op("One sighting", "read_sightings", params=[p("id", "The sighting's id")], extra=[404, 422])},
    "/api/v1/sightings/{id}/history": {"get": op("Every version of a sighting, oldest first", "read_sightings", params=[p("id", "Any version's id")], extra=[404, 422])},
    "/api/v1/sightings/{id}/corrections": {"post": op("Correct a sighting: a new record that supersedes it, with a reason", "correct_own_agency or correct_any",
                 params=[p("id", "The sighting's id")], ok=("201", "The correction"), extra=[404, 409],
                 body={"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}, "observed_at": {"type": "string"}, "position": {"type": "string"},
                       "vessel_type": {"type": "string"}, "activity": {"type": "string"}, "persons_aboard": num_or_text, "heading_deg": num_or_text,
                       "speed_kn": num_or_text, "source": {"type": "string"}, "unit": {"type": "string"}, "confidence": num_or_text, "notes": {"type": "string"}}})},
    "/api/v1/hotspots": {
      "get": op("Stored hotspot runs, newest first", "hotspots"),
      "post": op("Run a hotspot analysis; the typed run (notes, ranked rows, every result). A field only another method uses is refused (422, code not_for_method)", "hotspots", ok=("201", "The run, stored"),
                 body={"type": "object", "additionalProperties": False, "properties": {"method": {"type": "string", "enum": ["gistar", "dbscan", "kde", "emerging"]},
                       "night_only": {"type": "boolean"}, "since": {"type": "string"}, "until": {"type": "string"}, "cell_m": {"type": "number"}, "band_m": {"type": "number"},
                       "eps_m": {"type": "number"}, "min_points": {"type": "integer"}, "bandwidth_m": {"type": "number"}, "top": {"type": "integer", "minimum": 1, "maximum": 1000},
                       "step": {"type": "string", "enum": ["week", "month"]}, "study_area": {"type": "string", "enum": ["data", "full"]}}})},
    "/api/v1/hotspots/{run}": {"get": op("A stored run: typed results, or GeoJSON with format=geojson", "hotspots",
                 params=[p("run", "The run number", {"type": "integer", "minimum": 1}), q("format", "json or geojson")], extra=[404, 422])},
    "/api/v1/places": {"get": op("Reference ports and agency bases", "places")},
    "/api/v1/map": {"get": op("The map of selat map: sightings, the latest hot spots and plan over the coastline (HTML page, or SVG)", "read_sightings",
                 params=[q("since", "ISO 8601"), q("until", "ISO 8601"), q("vessel_type", "Repeatable or comma-separated"),
                         q("activity", "Repeatable or comma-separated"),
                         q("lang", "id or en: the words drawn on the map; default: the browser's Accept-Language", {"type": "string", "enum": ["id", "en"]}),
                         q("format", "html or svg", {"type": "string", "enum": ["html", "svg"]})],
                 extra=[422], content="text/html")},
    "/api/v1/users": {
      "get": op("Every user", "users"),
      "post": op("Add a user (bcrypt-hashed password, at least 10 characters)", "users", ok=("201", "The user"), extra=[409],
                 body={"type": "object", "additionalProperties": False, "required": ["username", "role", "agency", "password"],
                       "properties": {"username": {"type": "string"}, "role": {"type": "string", "enum": ["officer", "planner", "analyst", "admin"]},
                                      "agency": {"type": "string"}, "password": {"type": "string"}}})},
    "/api/v1/users/{name}/disable": {"post": {"summary": "Disable a user (their sessions end)", "description": "Needs the permission `users`.",
                 "parameters": [p("name", "The user")], "responses": {"204": {"description": "Disabled"}, **errors(401, 403, 404, 422)}}},
    "/api/v1/users/{name}/enable": {"post": {"summary": "Enable a user again", "description": "Needs the permission `users`.",
                 "parameters": [p("name", "The user")], "responses": {"204": {"description": "Enabled"}, **errors(401, 403, 404)}}},
    "/api/v1/users/{name}/password": {"post": {"summary": "Set a user's password (their sessions end)", "description": "Needs the permission `users`.",
                 "parameters": [p("name", "The user")],
                 "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["password"], "properties": {"password": {"type": "string"}}}}}},
                 "responses": {"204": {"description": "Set"}, **errors(400, 401, 403, 404, 413, 415, 422)}}},
    "/api/v1/fleet": {"get": op("Agencies, bases and boats", "fleet")},
    "/api/v1/routes/sea": {"get": op("The shortest route by water (never over land)", "sea_routes",
                 params=[q("from", "A position, port, base or waypoint"), q("to", "A position, port, base or waypoint"),
                         q("via", "A stop on the way (repeatable)"), q("speed_kn", "1 to 60 (default 25)", {"type": "number"}),
                         q("format", "json, geojson or gpx", {"type": "string", "enum": ["json", "geojson", "gpx"]})], extra=[422])},
    "/api/v1/plans": {
      "get": op("Stored patrol plans", "plans"),
      "post": op("Make and store a joint patrol plan", "plans", ok=("201", "The plan, with `stop_names`: [stored name, name in the request's language] pairs"),
                 body={"type": "object", "required": ["start", "hours"], "properties": {"start": {"type": "string"}, "hours": {"type": "number"},
                       "boats": {"type": "array", "items": {"type": "string"}}, "hotspot_run": {"type": "integer"}, "use_hotspots": {"type": "boolean"},
                       "targets": {"type": "array", "items": {"type": "string"}}, "joint": {"type": "boolean"}, "coordinated": {"type": "boolean"},
                       "rendezvous": {"type": "string"}, "nights": {"type": "integer"}, "seed": {"type": "integer"}}})},
    "/api/v1/plans/{plan}": {"get": op("A stored plan as JSON (with `stop_names` in the request's language), GeoJSON, GPX or KML", "plans",
                 params=[p("plan", "The plan number", {"type": "integer", "minimum": 1}), q("format", "json, geojson, gpx or kml"), q("lang", "id or en: the language of stop names, KML and GPX names (default: Accept-Language)")], extra=[404, 422])},
    "/api/v1/plans/{plan}/briefings": {"get": op("The plan's briefings: one per boat and night, with links", "plans",
                 params=[p("plan", "The plan number", {"type": "integer", "minimum": 1})], extra=[404, 422])},
    "/api/v1/plans/{plan}/briefings/{night}/{call_sign}": {"get": op("One boat's briefing for one night: a printable A4 HTML page, map inline", "plans",
                 params=[p("plan", "The plan number", {"type": "integer", "minimum": 1}), p("night", "The night, from 1", {"type": "integer", "minimum": 1}),
                         p("call_sign", "The boat's call sign"),
                         q("lang", "id (Bahasa Indonesia) or en (English); default: the browser's Accept-Language", {"type": "string", "enum": ["id", "en"]})],
                 extra=[404, 422], content="text/html")},
    "/api/v1/exports/{subject}": {"get": op("Export a layer for QGIS, Google Earth or a chartplotter (recorded in the audit trail)", "exports",
                 params=[p("subject", "What to export", {"type": "string", "enum": ["sightings", "hotspots", "plan", "route", "places"]}),
                         q("format", "geojson (default), gpx, kml or csv", {"type": "string", "enum": ["geojson", "gpx", "kml", "csv"]}),
                         q("run", "hotspots: the run (default the latest)", {"type": "integer", "minimum": 1}),
                         q("plan", "plan: the plan (default the latest)", {"type": "integer", "minimum": 1}),
                         q("name", "route: the stored route's name"),
                         q("near", "sightings: a position, port, base or waypoint; with within"), q("within", "sightings: a distance, e.g. 5nm"),
                         q("bbox", "sightings: WEST,SOUTH,EAST,NORTH"), q("since", "sightings: ISO 8601"), q("until", "sightings: ISO 8601"),
                         q("vessel_type", "sightings: repeatable or comma-separated"), q("activity", "sightings: repeatable or comma-separated"),
                         q("unit", "sightings: reporting unit contains")],
                 extra=[404, 413, 422], content="application/geo+json")},
    "/api/v1/reports": {"post": op("The analyst's report for a period: one printable HTML page (its hot-spot runs are stored)", "report",
                 body={"type": "object", "additionalProperties": False, "properties": {"since": {"type": "string"}, "until": {"type": "string"},
                       "title": {"type": "string", "maxLength": 200}, "top": {"type": "integer", "minimum": 1, "maximum": 100}, "include_plan": {"type": "boolean"}}},
                 params=[q("lang", "id (Bahasa Indonesia) or en (English); default: the browser's Accept-Language", {"type": "string", "enum": ["id", "en"]})],
                 extra=[404], content="text/html")},
    "/api/v1/imports": {"post": {"summary": "Import a CSV or GeoJSON file (the body): the report and the rejected rows",
                 "description": "Needs the permission `import_sightings`.",
                 "parameters": [q("name", "The file's name, for the report")],
                 "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}, "application/geo+json": {"schema": {"type": "object"}}}},
                 "responses": {"200": {"description": "The import's report", "content": {"application/json": {"schema": {}}}}, **errors(401, 403, 413, 415, 422)}}},
    "/api/v1/verify": {"get": op("Walk the sighting log, the case list and the audit trail", "verify")},
    "/api/v1/sync/stations/{station}": {"get": op("Station sync: the last record of this station's log the centre holds, its chain hash, and the conflicts kept from it", "read_sightings",
                 params=[p("station", "The station's log id (8 to 64 letters, digits and hyphens)")], extra=[422])},
    "/api/v1/sync/push": {"post": op("Station sync: a batch of a station's records in its log order; what the centre did with each (added, duplicate, conflict)", "log_sightings",
                 body={"$ref": "#/components/schemas/SyncPush"}, extra=[409])},
    "/api/v1/sync/records": {"get": op("Station sync: a page of the centre's records after a position, without the station's own and only those the account may see in full", "read_sightings",
                 params=[q("station", "The station's log id"), q("after", "A position in the centre's log (0: from the start)", {"type": "integer", "minimum": 0}),
                         q("limit", "Records per page, 1 to 500", {"type": "integer", "minimum": 1, "maximum": 500})], extra=[422])},
    "/api/v1/patrols": {
        "get": op("Patrols, newest first, with their steps (start, pause, resume, end)", "read_patrols",
                 params=[q("state", "running, paused or ended (several separated by commas)")], extra=[422]),
        "post": op("Start a patrol of a boat of the account's agency (an admin: any boat), optionally sailing a night of a plan", "record_patrols",
                 body={"$ref": "#/components/schemas/PatrolStart"}, ok=("201", "The patrol"), extra=[404, 409])},
    "/api/v1/patrols/{id}": {"get": op("The patrol held against its plan: distance_nm, hours, stops_planned, stops_visited, missed, gaps, minutes_in_neighbour_waters, sightings (json), or the track, gaps, stops and planned route as GeoJSON or GPX", "read_patrols",
                 params=[p("id", "The patrol's number", {"type": "integer", "minimum": 1}),
                         q("format", "json (default), geojson or gpx", {"type": "string", "enum": ["json", "geojson", "gpx"]}),
                         q("within", "Visit distance in nautical miles, 0.01 to 20 (default 0.5)", {"type": "number"}),
                         q("gap", "Minutes without a fix that make a gap, 1 to 240 (default 7)", {"type": "number"})], extra=[404, 422])},
    "/api/v1/patrols/{id}/steps": {"post": op("Pause, resume or end a patrol, with the time and position it was done at", "record_patrols",
                 params=[p("id", "The patrol's number", {"type": "integer", "minimum": 1})],
                 body={"$ref": "#/components/schemas/PatrolStep"}, extra=[404, 409])},
    "/api/v1/patrols/{id}/track": {"post": op("Fixes recorded by the phone (the web app's queue): stored once each by key; a fix on land, too fast or out of time order is kept and flagged", "record_patrols",
                 params=[p("id", "The patrol's number", {"type": "integer", "minimum": 1})],
                 body={"$ref": "#/components/schemas/PatrolTrack"}, extra=[404])},
    "/api/v1/audit": {"get": op("The audit trail, newest first", "audit", params=[q("user", "Only this user"), q("since", "ISO 8601"), q("limit", "1 to 100000", {"type": "integer"})], extra=[422])},
  },
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}, "cookie": {"type": "apiKey", "in": "cookie", "name": "selat_session", "description": "Writes with the cookie need the X-CSRF-Token header."}},
    "responses": {"Problem": {"description": "An RFC 9457 problem document", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}},
    "schemas": {
      "SyncRecord": {"type": "object", "required": ["sequence", "id", "fields", "flags", "content_sha256", "created_at", "chain_sha256"], "properties": {
        "sequence": {"type": "integer", "minimum": 1, "description": "The record's position in the sender's log"},
        "id": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Each present CSV column's exact text (numbers to their last digit, the time with its offset)"},
        "flags": {"type": "array", "items": {"type": "string", "enum": ["on_land", "outside_region", "inland_water"]}},
        "content_sha256": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"},
        "created_at": {"type": "integer", "description": "When the sender stored it, milliseconds since 1970"},
        "supersedes": {"type": ["string", "null"]}, "reason": {"type": ["string", "null"]},
        "chain_sha256": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"}}},
      "SyncPush": {"type": "object", "required": ["station", "name", "records"], "properties": {
        "station": {"type": "string", "minLength": 8, "maxLength": 64}, "name": {"type": "string", "minLength": 1, "maxLength": 100},
        "records": {"type": "array", "maxItems": 500, "items": {"$ref": "#/components/schemas/SyncRecord"}}}},
      "PatrolStart": {"type": "object", "required": ["boat"], "properties": {
        "key": {"type": "string", "minLength": 1, "maxLength": 100, "description": "Chosen by the phone: a start sent again with the same key answers the same patrol"},
        "boat": {"type": "string", "minLength": 1, "maxLength": 40, "description": "The boat's call sign"},
        "plan": {"type": "integer", "minimum": 1}, "night": {"type": "integer", "minimum": 1},
        "crew": {"type": "string", "maxLength": 500}, "time": {"type": "string", "description": "ISO 8601; default now"},
        "latitude": {"type": "number", "minimum": -90, "maximum": 90}, "longitude": {"type": "number", "minimum": -180, "maximum": 180}}},
      "PatrolStep": {"type": "object", "required": ["step"], "properties": {
        "key": {"type": "string", "minLength": 1, "maxLength": 100, "description": "Chosen by the phone: a step sent again with the same key is recorded once"},
        "step": {"type": "string", "enum": ["pause", "resume", "end"]}, "time": {"type": "string", "description": "ISO 8601; default now"},
        "latitude": {"type": "number", "minimum": -90, "maximum": 90}, "longitude": {"type": "number", "minimum": -180, "maximum": 180}}},
      "PatrolTrack": {"type": "object", "required": ["fixes"], "properties": {
        "fixes": {"type": "array", "maxItems": 5000, "items": {"type": "object", "required": ["key", "time", "latitude", "longitude"], "properties": {
          "key": {"type": "string", "minLength": 1, "maxLength": 100, "description": "Chosen by the phone; a fix sent again with the same key is stored once"},
          "time": {"type": "string", "description": "ISO 8601 with its offset"},
          "latitude": {"type": "number", "minimum": -90, "maximum": 90}, "longitude": {"type": "number", "minimum": -180, "maximum": 180},
          "accuracy": {"type": "number", "minimum": 0}, "speed": {"type": "number", "minimum": 0, "description": "m/s, as the browser gives it"},
          "course": {"type": "number", "minimum": 0, "maximum": 360}}}}}},
      "Problem": {"type": "object", "required": ["type", "title", "status", "detail", "code"], "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"},
        "code": {"type": "string", "description": "Stable: invalid_field, missing_field, unknown_field, position_on_land, outside_study_region, no_position_fix, time_ahead_of_clock, time_before_1990, id_conflict, not_found, unauthenticated, forbidden, csrf, login_failed, login_throttled, malformed_json, wrong_content_type, body_too_large, invalid_record, invalid_json, invalid_station, too_many_records, not_in_log_order, chain_broken, history_differs, patrol_state, invalid_fix, too_many_fixes, …"},
        "field": {"type": "string"}, "value": {"type": "string"}, "allowed": {"type": "string"}}}}
  }
}
out = os.path.join(os.path.dirname(__file__), "..", "Sources", "SelatServer", "openapi.json")
with open(out, "w") as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")
print("wrote", os.path.normpath(out))
