#!/usr/bin/env python3
"""The web app in Bahasa Indonesia, in headless Chromium whose language is Indonesian: the login,
the sighting form, the map, plan, analyse and admin pages show no English sentence of the catalogue
and nothing cut off or wider than the screen, on a phone (360 px) and a desktop; an officer logs a
sighting with an Indonesian position; the language switch is remembered for the user; tonight's
briefing opens in Indonesian and fits A4.

Usage: indonesian.py SELAT_BINARY DATABASE PASSWORD SCREENSHOT_FOLDER"""
import base64, contextlib, json, os, sys, urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import station

selat, database, password, shots = sys.argv[1:5]
port = station.free_port()
base = f"http://127.0.0.1:{port}"
server = station.start(selat, database, port)


@contextlib.contextmanager
def browser(width, height, timeout=90):
    """An Indonesian Chromium of this size and its wait, closed afterwards."""
    driver = station.chromium(width, height, "id-ID")
    try:
        yield driver, WebDriverWait(driver, timeout)
    finally:
        driver.quit()


def step(text):
    print(text, flush=True)


words = json.load(urllib.request.urlopen(base + "/app/words.json", timeout=10))
# The English sentences an Indonesian page must not show: two words or more, not the same in both.
english = sorted({text for key, text in words["en"].items()
                  if len(text.split()) >= 2 and text != words["id"].get(key)
                  and "{" not in text}, key=len, reverse=True)
assert len(english) > 50, len(english)

CHECK_LAYOUT = """
const problems = [];
if (document.documentElement.scrollWidth > window.innerWidth + 1)
  problems.push(`page ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
for (const e of document.querySelectorAll("label, button, h1, h2, h3, legend, p, a, th, td, summary, option, select")) {
  if (!e.offsetParent && e.tagName !== "OPTION") continue;  // not shown
  const r = e.getBoundingClientRect();
  if (e.tagName !== "OPTION" && (r.right > window.innerWidth + 1 || r.left < -1))
    problems.push(`${e.tagName} "${e.textContent.trim().slice(0, 40)}" runs off the screen`);
  if (["BUTTON", "LABEL", "H2", "SELECT"].includes(e.tagName) && e.scrollWidth > e.clientWidth + 1)
    problems.push(`${e.tagName} "${e.textContent.trim().slice(0, 40)}" is cut off`);
}
return problems;
"""


def check_page(driver, name, width):
    """No English sentence, nothing cut off or off the screen; a screenshot."""
    text = driver.execute_script("return document.body.innerText")
    found = [s for s in english if s in text]
    assert not found, f"{name} at {width}px shows English: {found[:3]}"
    problems = driver.execute_script(CHECK_LAYOUT)
    assert not problems, f"{name} at {width}px: {problems[:5]}"
    path = os.path.join(shots, f"id-{name}-{width}.png")
    driver.save_screenshot(path)
    assert os.path.getsize(path) > 5000, f"{path} is nearly empty"


def open_tab(driver, wait, tab):
    driver.find_element(By.ID, f"tab-{tab}").click()
    wait.until(lambda d: d.find_element(By.ID, f"{tab}-section").is_displayed())


try:
    for width, height in [(360, 740), (1280, 900)]:
        with browser(width, height) as (driver, wait):
            driver.get(base + "/")
            wait.until(lambda d: d.find_element(By.ID, "login-section").is_displayed()
                       and d.find_element(By.CSS_SELECTOR, "#login-section h2").text == "Masuk")
            assert driver.execute_script("return document.documentElement.lang") == "id"
            check_page(driver, "login", width)
            station.login(driver, wait, base, "admin1", password)
            wait.until(lambda d: d.find_element(By.ID, "tab-log").text == "Laporan kontak")
            check_page(driver, "log", width)
            open_tab(driver, wait, "map")
            check_page(driver, "map", width)
            open_tab(driver, wait, "plan")
            wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#plan-boats input")) >= 2)
            check_page(driver, "plan", width)
            open_tab(driver, wait, "analyse")
            check_page(driver, "analyse", width)
            open_tab(driver, wait, "admin")
            wait.until(lambda d: "planner1" in d.find_element(By.ID, "users-table").text)
            check_page(driver, "admin", width)
            step(f"every page in Indonesian at {width}px: no English sentence, nothing cut off")
            driver.execute_script("document.getElementById('logout').click()")
            wait.until(lambda d: d.find_element(By.ID, "login-section").is_displayed())

    # An officer on a phone logs a sighting with an Indonesian position.
    with browser(360, 740) as (driver, wait):
        station.login(driver, wait, base, "officer1", password)
        wait.until(lambda d: d.find_element(By.ID, "log-section").is_displayed())
        driver.find_element(By.ID, "position").send_keys("1°12,2' LU 104°06,7' BT")
        driver.find_element(By.CSS_SELECTOR, "#sighting-form button[type=submit]").click()
        wait.until(lambda d: "Tersimpan di ponsel ini" in d.find_element(By.ID, "log-message").text)
        wait.until(lambda d: d.find_element(By.ID, "outbox").text == "Kotak keluar: 0 menunggu")
        step("an officer logged a sighting at 1°12,2' LU 104°06,7' BT")

        # The switch: English now, remembered for this user on another phone (local choice cleared).
        driver.find_element(By.CSS_SELECTOR, "#lang option[value=en]").click()
        wait.until(lambda d: d.find_element(By.ID, "tab-log").text == "Log a sighting")
        wait.until(lambda d: d.execute_script(
            "return JSON.parse(localStorage.getItem('selat-session') || '{}').user.language") == "en")
        driver.execute_script("localStorage.removeItem('selat-lang')")
        driver.refresh()
        wait.until(lambda d: d.find_element(By.ID, "tabs").is_displayed()
                   and d.find_element(By.ID, "tab-log").text == "Log a sighting")
        step("the switch to English is remembered for officer1")
        driver.find_element(By.CSS_SELECTOR, "#lang option[value=id]").click()
        wait.until(lambda d: d.find_element(By.ID, "tab-log").text == "Laporan kontak")

    # Tonight's briefing in Indonesian fits A4.
    with browser(1024, 900, timeout=120) as (driver, wait):
        # The admin runs Gi* (the plan aims at its hot spots), then makes tonight's plan.
        station.login(driver, wait, base, "admin1", password)
        open_tab(driver, wait, "analyse")
        station.submit(driver, wait, "analyse-form", "analyse-message", "dianalisis")
        check_page(driver, "analyse-run", 1024)
        open_tab(driver, wait, "plan")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#plan-boats input")) >= 2)
        station.submit(driver, wait, "plan-form", "plan-message", "dibuat")
        check_page(driver, "plan-made", 1024)
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#plan-result a")
                 if "/briefings/" in (a.get_attribute("href") or "")]
        assert links and all(h.endswith("?lang=id") for h in links), links
        # The stops the planner named are read in Indonesian (the stored names stay English).
        stops = driver.execute_script(
            "return [...document.querySelectorAll('#plan-result details td')].map(e => e.textContent).join(' | ')")
        assert "sel " in stops and "cell " not in stops and " nm " not in stops, stops[:400]
        downloads = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#plan-result .downloads a")]
        assert downloads and all(h.endswith("&lang=id") for h in downloads), downloads
        step("the plan's stops and downloads are in Indonesian")
        driver.get(links[0])
        wait.until(lambda d: "Taklimat patroli" in d.page_source)
        text = driver.execute_script("return document.body.innerText")
        assert " LU " in text and " BT" in text and "pukul" in text, text[:300]
        # Printed on A4 (210 × 297 mm, the page's own 12 mm margins): nothing wider than the paper.
        pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {
            "paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True, "printBackground": True,
        })["data"])
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        with open(os.path.join(shots, "id-briefing.pdf"), "wb") as f:
            f.write(pdf)
        wide = driver.execute_script(
            "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.body.getBoundingClientRect().right + 1).length")
        assert wide == 0, f"{wide} elements of the briefing run past its A4 column"
        assert 1 <= pages <= 2, f"the Indonesian briefing prints on {pages} A4 pages"
        step(f"the Indonesian briefing opens and prints on {pages} A4 page(s)")
finally:
    station.stop(server)
