#!/usr/bin/env python3
"""The web app's Map page in headless Chromium: log in, open Map, wait for the map (the same layers as
`selat map`) to draw in its frame, and screenshot it at desktop and phone sizes.

Usage: map_page.py SELAT_BINARY DATABASE USER PASSWORD DESKTOP_PNG PHONE_PNG"""
import sys, time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import station

selat, database, user, password, desktop, phone = sys.argv[1:7]
port = station.free_port()
base = f"http://127.0.0.1:{port}"
server = station.start(selat, database, port)
driver = station.chromium(1280, 900)
try:
    wait = WebDriverWait(driver, 30)
    station.login(driver, wait, base, user, password)
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
    station.stop(server)
print("ok")
