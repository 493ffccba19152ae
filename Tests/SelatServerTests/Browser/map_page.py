#!/usr/bin/env python3
"""The web app's Map page in headless Chromium: log in, open Map, wait for the map (the same layers as
`selat map`) to draw in its frame, and screenshot it at desktop and phone sizes.

Usage: map_page.py SELAT_BINARY DATABASE USER PASSWORD DESKTOP_PNG PHONE_PNG"""
import signal, socket, subprocess, sys, time, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

selat, database, user, password, desktop, phone = sys.argv[1:7]
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
base = f"http://127.0.0.1:{port}"
server = subprocess.Popen([selat, "serve", "--db", database, "--port", str(port)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(200):
    try:
        if urllib.request.urlopen(base + "/healthz", timeout=1).status == 200:
            break
    except Exception:
        time.sleep(0.05)
options = Options()
options.binary_location = "/usr/bin/chromium"
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", "--hide-scrollbars"]:
    options.add_argument(a)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    wait = WebDriverWait(driver, 30)
    driver.get(base + "/")
    wait.until(lambda d: d.find_element(By.ID, "login-section").is_displayed())
    driver.find_element(By.ID, "username").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "#login-form button").click()
    wait.until(lambda d: d.find_element(By.ID, "tab-map").is_displayed())
    driver.find_element(By.ID, "tab-map").click()
    frame = wait.until(lambda d: d.find_element(By.ID, "map-frame"))
    driver.switch_to.frame(frame)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#map-box svg *")) > 50)
    paths = len(driver.find_elements(By.CSS_SELECTOR, "#map-box svg *"))
    driver.switch_to.default_content()
    driver.execute_script("document.getElementById('map-frame').scrollIntoView()")
    time.sleep(0.5)
    frame.screenshot(desktop)
    print(f"map drawn: {paths} shapes", flush=True)
    driver.set_window_size(360, 780)
    time.sleep(0.5)
    driver.save_screenshot(phone)
    width = driver.execute_script("return document.documentElement.scrollWidth")
    print(f"phone page width {width}", flush=True)
    assert width <= 360, f"the page is wider than the phone: {width}"
finally:
    driver.quit()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=20)
print("ok")
