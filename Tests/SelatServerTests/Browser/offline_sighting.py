#!/usr/bin/env python3
"""A real browser logs sightings through a real outage: headless Chromium (Selenium, Debian's
chromedriver) on a phone-sized window logs in, logs one sighting with a simulated GPS fix, loses the
connection (network emulation, and the server is stopped), logs two more, reloads the page while
offline (the service worker serves the app; the outbox survives), comes back (server restarted,
network restored) and the three sightings are stored exactly once.

Usage: offline_sighting.py SELAT_BINARY DATABASE PORT USER PASSWORD SCREENSHOT
Prints one line per step; exits 0 only when every check passed."""
import json, re, sys, time, urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import station

selat, database, port, user, password, screenshot = sys.argv[1:7]
if port == "0":
    port = str(station.free_port())
base = f"http://127.0.0.1:{port}"


def step(text):
    print(text, flush=True)


def start_server():
    return station.start(selat, database, port)


def stop_server(p):
    station.stop(p)


def api(path, token):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(req, timeout=5))


def outbox_text(driver):
    return driver.find_element(By.ID, "outbox").text


def log_sighting(driver, persons, position=None):
    if position:
        field = driver.find_element(By.ID, "position")
        field.clear()
        field.send_keys(position)
    driver.find_element(By.ID, "persons_aboard").send_keys(str(persons))
    driver.find_element(By.CSS_SELECTOR, "#sighting-form button[type=submit]").click()
    WebDriverWait(driver, 10).until(
        lambda d: "Saved on this phone" in d.find_element(By.ID, "log-message").text)


server = start_server()
driver = station.chromium(360, 780)
wait = WebDriverWait(driver, 20)
started = time.time()
try:
    driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": base, "permissions": ["geolocation"]})
    driver.execute_cdp_cmd("Emulation.setGeolocationOverride",
                           {"latitude": 1.2034, "longitude": 104.112, "accuracy": 8})
    station.login(driver, wait, base, user, password)
    wait.until(lambda d: d.find_element(By.ID, "log-section").is_displayed())
    step("logged in")
    wait.until(lambda d: d.execute_script("return !!navigator.serviceWorker.controller"))
    step("the service worker controls the page")

    driver.find_element(By.ID, "gps").click()
    wait.until(lambda d: "accurate to about 8 m" in d.find_element(By.ID, "gps-status").text)
    assert driver.find_element(By.ID, "position").get_attribute("value") == "1.203400 104.112000"
    log_sighting(driver, 3)
    wait.until(lambda d: outbox_text(d).startswith("Outbox: 0 waiting"))
    step("one sighting sent online (GPS fix)")

    # The connection goes: the page is offline and the station's server is down.
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                           {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    stop_server(server)
    log_sighting(driver, 4, "1.2101 104.1205")
    log_sighting(driver, 5, "1°12.6'N 104°07.5'E")
    wait.until(lambda d: outbox_text(d).startswith("Outbox: 2 waiting"))
    step("two sightings kept offline")
    driver.refresh()
    wait.until(lambda d: d.find_element(By.ID, "log-section").is_displayed())
    wait.until(lambda d: outbox_text(d).startswith("Outbox: 2 waiting"))
    step("reloaded offline: the app and its outbox are still there")
    driver.save_screenshot(screenshot)

    # The connection comes back.
    server = start_server()
    driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                           {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    driver.execute_script("window.dispatchEvent(new Event('online'))")
    WebDriverWait(driver, 40).until(lambda d: outbox_text(d).startswith("Outbox: 0 waiting"))
    step("back online: the outbox is empty")

    token = station.token(base, user, password)
    stored = api("/api/v1/sightings?limit=100", token)["sightings"]
    persons = sorted(s["persons_aboard"] for s in stored)
    assert persons == [3, 4, 5], f"stored: {persons}"
    assert len({s["id"] for s in stored}) == 3
    step("stored exactly once: persons 3, 4, 5")
    # Each id is a time-ordered UUID made on the phone (version 7): its first 48 bits are the
    # phone's clock when it was logged, within this test's run, and later sightings sort later.
    by_persons = sorted(stored, key=lambda s: s["persons_aboard"])
    stamps = []
    for s in by_persons:
        hexid = s["id"].replace("-", "")
        assert re.fullmatch(r"[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}", hexid), s["id"]
        stamps.append(int(hexid[:12], 16) / 1000)
    assert started - 5 <= stamps[0] <= stamps[1] <= stamps[2] <= time.time() + 5, stamps
    step("ids are time-ordered UUIDs (v7) made on the phone")

    # And the officer sees them on the Map page.
    driver.find_element(By.ID, "tab-map").click()
    frame = wait.until(lambda d: d.find_element(By.ID, "map-frame"))
    driver.switch_to.frame(frame)
    WebDriverWait(driver, 60).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#layer-sightings circle")) == 3)
    page = driver.page_source
    for s in stored:
        assert s["id"] in page, f"{s['id']} is not on the map"
    driver.switch_to.default_content()
    step("the map shows the three sightings")
finally:
    driver.quit()
    stop_server(server)
print("ok")
