"""What the browser and fuzz scripts share: a free port, `selat serve` started and stopped, a
logged-in token, and headless Chromium with Debian's chromedriver."""
import json, signal, socket, subprocess, time, urllib.request


def free_port():
    """A port nothing listens on now, from a range tests in parallel rarely share."""
    import random
    for _ in range(100):
        port = random.randint(20000, 60000)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise SystemExit("no free port")


def start(selat, database, port):
    """Starts `selat serve` on `port` and waits until it answers /healthz. The server must be this
    process's: if it exits (the port was taken by another test's server), that is an error, never
    a reason to talk to someone else's server."""
    base = f"http://127.0.0.1:{port}"
    p = subprocess.Popen([selat, "serve", "--db", database, "--port", str(port)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        if p.poll() is not None:
            raise SystemExit(f"selat serve exited with {p.returncode} (port {port} taken?)")
        try:
            if urllib.request.urlopen(base + "/healthz", timeout=1).status == 200:
                time.sleep(0.05)
                if p.poll() is None:
                    return p
        except Exception:
            time.sleep(0.05)
    raise SystemExit("the server did not start")


def stop(p):
    """SIGTERM: the server answers what is in flight and exits."""
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()


def token(base, user, password):
    req = urllib.request.Request(base + "/api/v1/session", method="POST",
                                 data=json.dumps({"username": user, "password": password}).encode(),
                                 headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req, timeout=10))["token"]


def chromium(width, height, language="en-US"):
    """Headless Chromium of this size whose language is `language` (English unless asked, whatever
    the machine's locale)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}",
              "--hide-scrollbars", f"--lang={language}"]:
        options.add_argument(a)
    options.add_experimental_option("prefs", {"intl.accept_languages": f"{language},{language.split('-')[0]}"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def login(driver, wait, base, user, password):
    """Logs in through the web app's form."""
    from selenium.webdriver.common.by import By
    driver.get(base + "/")
    wait.until(lambda d: d.find_element(By.ID, "login-section").is_displayed())
    driver.find_element(By.ID, "username").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "#login-form button").click()
    wait.until(lambda d: d.find_element(By.ID, "tabs").is_displayed())


def submit(driver, wait, form, message, success):
    """Submits a form of the web app and waits for its message; returns the message when it holds
    `success`, else fails with what the page said."""
    from selenium.webdriver.common.by import By
    driver.find_element(By.CSS_SELECTOR, f"#{form} button[type=submit]").click()
    wait.until(lambda d: success in d.find_element(By.ID, message).text
               or "error" in d.find_element(By.ID, message).get_attribute("class"))
    text = driver.find_element(By.ID, message).text
    assert success in text, text
    return text


def step(text):
    """One line of the script's account, printed at once (the Swift test reads them)."""
    print(text, flush=True)


def get_json(base, path, token):
    """GET `path` with a bearer token: the decoded JSON."""
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(req, timeout=5))


def arguments(argv):
    """SELAT DATABASE PORT USER PASSWORD SCREENSHOT, with a free port for 0; and the base URL."""
    selat, database, port, user, password, screenshot = argv[1:7]
    if port == "0":
        port = str(free_port())
    return selat, database, port, user, password, screenshot, f"http://127.0.0.1:{port}"

