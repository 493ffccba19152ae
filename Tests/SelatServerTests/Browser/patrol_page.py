#!/usr/bin/env python3
"""A real browser records a patrol through an outage: headless Chromium on a phone-sized window,
with a simulated GPS, logs in as an officer, starts a patrol of a boat of the officer's agency,
sails (the GPS moves), loses the connection (network emulation, and the station is stopped), sails
on, pauses and resumes, reloads the page offline (the patrol and its queue survive), comes back
(every fix and step sent exactly once, in order), ends the patrol, and reads its report on the
patrol page.

Usage: patrol_page.py SELAT_BINARY DATABASE PORT USER PASSWORD SCREENSHOT
Prints one line per step; exits 0 only when every check passed."""
import re, sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import station
from station import step

selat, database, port, user, password, screenshot, base = station.arguments(sys.argv)


def api(path, token):
    return station.get_json(base, path, token)


def move(driver, lat, lon):
    driver.execute_cdp_cmd("Emulation.setGeolocationOverride",
                           {"latitude": lat, "longitude": lon, "accuracy": 6})


def status(driver):
    return driver.find_element(By.ID, "patrol-status").text


def queue(driver):
    return driver.find_element(By.ID, "patrol-queue").text


def fixes_recorded(driver):
    m = re.search(r"(\d+) positions recorded", status(driver))
    return int(m.group(1)) if m else -1


def network(driver, offline):
    driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                           {"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


server = station.start(selat, database, port)
driver = station.chromium(360, 780)
wait = WebDriverWait(driver, 20)
try:
    driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": base, "permissions": ["geolocation"]})
    lat, lon = 1.2300, 104.0000
    move(driver, lat, lon)
    station.login(driver, wait, base, user, password)
    wait.until(lambda d: d.execute_script("return !!navigator.serviceWorker.controller"))
    driver.find_element(By.ID, "tab-patrol").click()
    wait.until(lambda d: d.find_element(By.ID, "patrol-section").is_displayed())
    wait.until(lambda d: "No patrol is running" in status(d))
    driver.find_element(By.ID, "patrol-boat").send_keys("DEMO-POL-1")
    driver.find_element(By.ID, "patrol-crew").send_keys("Bripka Andi")
    driver.find_element(By.CSS_SELECTOR, "#patrol-start-form button[type=submit]").click()
    wait.until(lambda d: re.match(r"Patrol \d+: DEMO-POL-1, running", status(d)))
    wait.until(lambda d: queue(d).startswith("Patrol box: 0 waiting"))
    step("patrol started online: " + status(driver))

    # Sailing east: about 55 m a step, each more than 25 m, so each is a fix (and no jump a boat
    # could not make, however quickly the test moves the GPS).
    for k in range(1, 6):
        lon += 0.0005
        move(driver, lat, lon)
        wait.until(lambda d, k=k: fixes_recorded(d) >= 1 + k)
    wait.until(lambda d: queue(d).startswith("Patrol box: 0 waiting"))
    online_fixes = fixes_recorded(driver)
    step(f"{online_fixes} fixes recorded and sent online")
    # Standing still (a few metres) records nothing new.
    move(driver, lat + 0.00002, lon)
    driver.execute_script("return 1")
    assert fixes_recorded(driver) == online_fixes

    # The link goes: the phone offline, the station down.
    driver.execute_cdp_cmd("Network.enable", {})
    network(driver, True)
    station.stop(server)
    for k in range(1, 6):
        lon += 0.0005
        move(driver, lat, lon)
        wait.until(lambda d, k=k: fixes_recorded(d) >= online_fixes + k)
    # A sighting logged from the boat meanwhile: linked to the patrol by the boat's call sign.
    driver.find_element(By.ID, "tab-log").click()
    driver.find_element(By.ID, "position").send_keys("1.2350 104.0040")
    driver.find_element(By.ID, "persons_aboard").send_keys("7")
    driver.find_element(By.CSS_SELECTOR, "#sighting-form button[type=submit]").click()
    wait.until(lambda d: "Saved on this phone" in d.find_element(By.ID, "log-message").text)
    driver.find_element(By.ID, "tab-patrol").click()
    driver.find_element(By.ID, "patrol-pause").click()
    wait.until(lambda d: "paused" in status(d))
    lon += 0.0005
    move(driver, lat, lon)  # paused: not recorded
    driver.find_element(By.ID, "patrol-resume").click()
    wait.until(lambda d: "running" in status(d))
    wait.until(lambda d: re.match(r"Patrol box: ([1-9]\d*) waiting", queue(d)))
    waiting = queue(driver)
    step("offline: kept on the phone — " + waiting)
    driver.refresh()
    driver.find_element(By.ID, "tab-patrol").click()
    wait.until(lambda d: "running" in status(d) and queue(d) == waiting)
    step("reloaded offline: the patrol and its queue are still there")
    lon += 0.0005
    move(driver, lat, lon)
    wait.until(lambda d: "running" in status(d) and queue(d) != waiting)
    step("recording resumed after the reload")
    driver.save_screenshot(screenshot)

    # The link returns.
    server = station.start(selat, database, port)
    network(driver, False)
    driver.execute_script("window.dispatchEvent(new Event('online'))")
    WebDriverWait(driver, 40).until(lambda d: queue(d).startswith("Patrol box: 0 waiting"))
    step("back online: the patrol box is empty")
    total = fixes_recorded(driver)
    driver.find_element(By.ID, "patrol-end").click()
    wait.until(lambda d: "No patrol is running" in status(d))
    WebDriverWait(driver, 40).until(lambda d: queue(d).startswith("Patrol box: 0 waiting"))

    token = station.token(base, user, password)
    patrols = api("/api/v1/patrols", token)
    assert len(patrols) == 1, patrols
    p = patrols[0]
    assert p["state"] == "ended" and p["boat"] == "DEMO-POL-1" and p["crew"] == "Bripka Andi", p
    steps = [s["step"] for s in p["steps"]]
    assert steps == ["start", "pause", "resume", "end"], steps
    assert all(s.get("latitude") is not None for s in p["steps"]), p["steps"]
    report = api(f"/api/v1/patrols/{p['id']}", token)
    # Ending records a last fix where the patrol ended when the GPS gave a newer one.
    assert report["fixes"] in (total, total + 1), (report["fixes"], total)
    flagged = report["flagged"]
    assert flagged["out_of_order"] + flagged["on_land"] + flagged["too_fast"] == 0, flagged
    # Eleven 55 m steps along the parallel sailed (not the one during the pause, whose stretch
    # is not claimed): about 0.3 nm.
    assert 0.2 < report["distance_nm"] < 0.45, report["distance_nm"]
    step(f"stored exactly once, in order: {total} fixes, steps {', '.join(steps)}, {report['distance_nm']} nm")
    linked = [s["persons_aboard"] for s in report["sightings"]]
    assert linked == [7], report["sightings"]
    step("the sighting logged from the boat is linked to the patrol")

    driver.find_element(By.ID, "patrol-refresh").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#patrol-table button")) == 1)
    driver.find_element(By.CSS_SELECTOR, "#patrol-table button").click()
    wait.until(lambda d: "Sailed" in d.find_element(By.ID, "patrol-report").text)
    step("the report on the patrol page: " + driver.find_element(By.ID, "patrol-summary").text)
finally:
    driver.quit()
    station.stop(server)
print("ok")
