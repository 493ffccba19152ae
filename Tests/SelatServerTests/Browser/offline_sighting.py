#!/usr/bin/env python3
"""A real browser logs sightings through a real outage: headless Chromium (Selenium, Debian's
chromedriver) on a phone-sized window logs in, logs one sighting with a simulated GPS fix, loses the
connection (network emulation, and the server is stopped), logs two more, reloads the page while
offline (the service worker serves the app; the outbox survives), comes back (server restarted,
network restored) and the three sightings are stored exactly once.

Usage: offline_sighting.py SELAT_BINARY DATABASE PORT USER PASSWORD SCREENSHOT
Prints one line per step; exits 0 only when every check passed."""
import json, signal, subprocess, sys, time, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

selat, database, port, user, password, screenshot = sys.argv[1:7]
if port == "0":
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = str(s.getsockname()[1])
base = f"http://127.0.0.1:{port}"


def step(text):
    print(text, flush=True)


def start_server():
    p = subprocess.Popen([selat, "serve", "--db", database, "--port", port],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for _ in range(100):
        try:
            if urllib.request.urlopen(base + "/healthz", timeout=1).status == 200:
                return p
        except Exception:
            time.sleep(0.1)
    raise SystemExit("the server did not start: " + (p.stdout.read() if p.poll() is not None else ""))


def stop_server(p):
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=20)


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
options = Options()
options.binary_location = "/usr/bin/chromium"
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=360,780"]:
    options.add_argument(a)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 20)
try:
    driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": base, "permissions": ["geolocation"]})
    driver.execute_cdp_cmd("Emulation.setGeolocationOverride",
                           {"latitude": 1.2034, "longitude": 104.112, "accuracy": 8})
    driver.get(base + "/")
    wait.until(lambda d: d.find_element(By.ID, "login-section").is_displayed())
    driver.find_element(By.ID, "username").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "#login-form button").click()
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

    login = urllib.request.Request(base + "/api/v1/session", method="POST",
                                   data=json.dumps({"username": user, "password": password}).encode(),
                                   headers={"Content-Type": "application/json"})
    token = json.load(urllib.request.urlopen(login, timeout=10))["token"]
    stored = api("/api/v1/sightings?limit=100", token)["sightings"]
    persons = sorted(s["persons_aboard"] for s in stored)
    assert persons == [3, 4, 5], f"stored: {persons}"
    assert len({s["id"] for s in stored}) == 3
    step("stored exactly once: persons 3, 4, 5")
finally:
    driver.quit()
    if server.poll() is None:
        stop_server(server)
print("ok")
