#!/usr/bin/env python3
"""The web app's Admin, Analyse and Plan pages in headless Chromium: an admin adds a planner; an
analyst runs Gi* and sees the table; the planner makes tonight's joint plan on those hot spots and
finds its downloads.

Usage: pages.py SELAT_BINARY DATABASE PASSWORD SCREENSHOT"""
import re
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import station

selat, database, password, screenshot = sys.argv[1:5]
port = station.free_port()
base = f"http://127.0.0.1:{port}"
server = station.start(selat, database, port)
driver = station.chromium(1024, 900)
wait = WebDriverWait(driver, 90)


def step(text):
    print(text, flush=True)


def login(user, secret):
    station.login(driver, wait, base, user, secret)


def logout():
    driver.execute_script("document.getElementById('logout').click()")
    wait.until(lambda d: d.find_element(By.ID, "login-section").is_displayed())


try:
    login("admin1", password)
    assert driver.find_element(By.ID, "tab-admin").is_displayed()
    driver.find_element(By.ID, "tab-admin").click()
    wait.until(lambda d: "planner1" in d.find_element(By.ID, "users-table").text)
    driver.find_element(By.ID, "user-name").send_keys("planner2")
    driver.find_element(By.ID, "user-role").send_keys("planner")
    driver.find_element(By.ID, "user-agency").send_keys("BAKAMLA")
    driver.find_element(By.ID, "user-password").send_keys("another long sentence")
    driver.find_element(By.CSS_SELECTOR, "#user-form button").click()
    wait.until(lambda d: "Added planner2" in d.find_element(By.ID, "user-message").text)
    wait.until(lambda d: "user_add" in d.find_element(By.ID, "audit-table").text)
    step("admin added planner2; the audit trail shows it")
    logout()

    login("analyst1", password)
    driver.find_element(By.ID, "tab-analyse").click()
    driver.find_element(By.CSS_SELECTOR, "#analyse-form button").click()
    wait.until(lambda d: "sightings analysed" in d.find_element(By.ID, "analyse-message").text)
    rows = driver.find_elements(By.CSS_SELECTOR, "#analyse-result tr")
    assert len(rows) > 1, "no hot spots listed"
    step(f"analyst ran Gi*: {len(rows) - 1} hot spots listed")
    def study_cells():
        text = driver.find_element(By.ID, "analyse-result").text
        found = re.search(r"Study area: ([0-9,]+) sea cells, ([0-9,]+) of them without sightings", text)
        assert found, f"no study area line: {text!r}"
        return int(found.group(1).replace(",", "")), int(found.group(2).replace(",", ""))
    data_cells = study_cells()
    Select(driver.find_element(By.ID, "analyse-area")).select_by_value("full")
    previous = driver.find_element(By.ID, "analyse-message").text
    driver.find_element(By.CSS_SELECTOR, "#analyse-form button").click()
    wait.until(lambda d: d.find_element(By.ID, "analyse-message").text not in ("", previous)
               and "sightings analysed" in d.find_element(By.ID, "analyse-message").text)
    full_cells = study_cells()
    assert full_cells[0] > data_cells[0] and full_cells[1] > data_cells[1], (data_cells, full_cells)
    step(f"study area: around the data {data_cells[0]} cells, the whole box {full_cells[0]}")
    Select(driver.find_element(By.ID, "analyse-method")).select_by_value("dbscan")
    assert not driver.find_element(By.ID, "analyse-area").is_enabled(), "study area offered for DBSCAN"
    Select(driver.find_element(By.ID, "analyse-method")).select_by_value("gistar")
    assert driver.find_element(By.ID, "analyse-area").is_enabled()
    assert driver.find_element(By.ID, "exports-block").is_displayed(), "an analyst sees no exports"
    href = driver.find_element(By.CSS_SELECTOR, "#exports-block a[href*='sightings?format=geojson']").get_attribute("href")
    answer = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.json().then(j => done([r.status, j.features.length])))"
        ".catch(e => done([0, String(e)]));", href)
    assert answer[0] == 200 and answer[1] > 0, answer
    step(f"analyst's sightings export link: {answer[1]} features")
    driver.find_element(By.ID, "report-name").send_keys("Browser report")
    driver.find_element(By.CSS_SELECTOR, "#report-form button").click()
    wait.until(lambda d: "Download the report" in d.find_element(By.ID, "report-message").text
               or "error" in d.find_element(By.ID, "report-message").get_attribute("class"))
    message = driver.find_element(By.ID, "report-message").text
    assert "Download the report" in message, message
    step("analyst made the report")
    logout()

    login("planner2", "another long sentence")
    assert not driver.find_element(By.ID, "tab-admin").is_displayed(), "a planner sees Admin"
    driver.find_element(By.ID, "tab-plan").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#plan-boats input")) >= 2)
    station.submit(driver, wait, "plan-form", "plan-message", "made")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#plan-result a")]
    assert any("format=gpx" in h for h in links), links
    rows = driver.find_elements(By.CSS_SELECTOR, "#plan-result > table tr")
    briefings = [h for h in links if "/briefings/" in h]
    assert len(briefings) == len(rows) - 1, (briefings, len(rows))
    etas = driver.find_elements(By.CSS_SELECTOR, "#plan-result details")
    assert len(etas) == len(briefings), "a boat without its route and ETAs"
    step(f"planner made a plan: {len(rows) - 1} boats, downloads {len(links)}")
    driver.save_screenshot(screenshot)
    driver.get(briefings[0])
    call_sign = briefings[0].split("?")[0].rsplit("/", 1)[1]
    wait.until(lambda d: call_sign in d.page_source)
    assert driver.find_elements(By.CSS_SELECTOR, "svg"), "the briefing has no map"
    step(f"the briefing of {call_sign} opens with its map")
    driver.get(base + "/")
    wait.until(lambda d: d.find_element(By.ID, "tabs").is_displayed())
    logout()
finally:
    driver.quit()
    station.stop(server)
print("ok")
