#!/usr/bin/python3
"""The cabinet in a real headless Chromium (Debian's chromium, chromium-driver and python3-selenium), against a
Campus started on a fresh data folder: sign-up → verify (the code from campus-data/mail/) → catalog → enrol →
lesson → complete → practice (run, submit) → assessment → result → dashboard (the language switch reaching the profile) →
sign out → reset the password → sign in with the new one, in English and Russian, at 360 and 1280 px wide. Fails on
any console error or failed request (Chromium logs both as SEVERE) and on an accessibility check that fails
(labels, one h1 and no skipped heading levels, every control reachable by Tab, focus visible, contrast AA of
the palette). Keeps a screenshot of each page in docs/screenshots/.

    browser_test.py CAMPUS_BINARY
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(__file__))
from contrast import check_palette  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHOTS = os.path.join(REPO, "docs", "screenshots")
failures = []


def fail(message):
    print("FAIL:", message, flush=True)
    failures.append(message)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def browser(width):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},900",
                     "--disable-gpu", "--no-first-run"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


class Walk:
    def __init__(self, driver, base, data, language, width):
        self.driver, self.base, self.data, self.language, self.width = driver, base, data, language, width
        self.wait = WebDriverWait(driver, 15)

    def console_errors(self, page):
        for entry in self.driver.get_log("browser"):
            if entry["level"] == "SEVERE":
                fail(f"{self.language}/{self.width} {page}: console: {entry['message'][:300]}")

    def shot(self, page):
        os.makedirs(SHOTS, exist_ok=True)
        self.driver.save_screenshot(os.path.join(SHOTS, f"{page}-{self.language}-{self.width}.png"))

    def open(self, path, heading=None):
        self.driver.get(self.base + path)
        self.wait_heading(heading)

    def wait_heading(self, heading=None):
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "main h1")))
        if heading:
            self.wait.until(lambda driver: heading in driver.find_element(By.CSS_SELECTOR, "main h1").text)

    def find(self, by, selector):
        """Waits for the element: a view draws after its data arrives, so the previous page may still show."""
        return self.wait.until(ready.element_to_be_clickable((by, selector)))

    def fill(self, field, value):
        element = self.find(By.ID, field)
        element.clear()
        element.send_keys(value)

    def page_done(self, page):
        self.accessibility(page)
        self.shot(page)
        self.console_errors(page)

    def accessibility(self, page):
        problems = self.driver.execute_script("""
            const problems = [];
            for (const control of document.querySelectorAll('input, select, textarea')) {
              if (control.type === 'hidden') continue;
              const labelled = control.labels?.length || control.getAttribute('aria-label') || control.getAttribute('aria-labelledby');
              if (!labelled) problems.push('unlabelled ' + control.outerHTML.slice(0, 80));
            }
            const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
            if (headings.filter((level) => level === 1).length !== 1) problems.push('h1 count ' + headings.filter((l) => l === 1).length);
            headings.reduce((previous, level) => { if (level > previous + 1) problems.push('heading jumps h' + previous + '→h' + level); return level; }, 1);
            for (const button of document.querySelectorAll('button, a')) {
              if (!button.textContent.trim() && !button.getAttribute('aria-label')) problems.push('control without a name');
            }
            if (!document.documentElement.lang) problems.push('no lang');
            return problems;
        """)
        for problem in problems:
            fail(f"{self.language}/{self.width} {page}: {problem}")
        # Focus follows the page's order (no positive tabindex), and a focus moved by the keyboard is drawn:
        # from the skip link, Tab reaches the brand link with a visible ring.
        if self.driver.execute_script("return document.querySelectorAll('[tabindex]:not([tabindex=\"-1\"]):not([tabindex=\"0\"])').length"):
            fail(f"{self.language}/{self.width} {page}: a positive tabindex changes the focus order")
        self.driver.execute_script("document.querySelector('.skip').focus()")
        ActionChains(self.driver).send_keys(Keys.TAB).perform()
        focused = self.driver.switch_to.active_element
        outline = self.driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", focused)
        if focused.get_attribute("class") != "brand" or outline in ("none", ""):
            fail(f"{self.language}/{self.width} {page}: Tab after the skip link does not reach the brand with a focus ring ({focused.get_attribute('class')}, {outline})")

    def run(self):
        driver = self.driver
        email = f"browser-{self.language}-{self.width}@example.com"
        driver.get(self.base + "/")
        driver.execute_script("localStorage.setItem('campus.language', arguments[0])", self.language)
        self.open("/")
        self.page_done("home")

        self.open("/signup")
        self.fill("field-name", "Browser Learner")
        self.fill("field-email", email)
        self.fill("field-password", "a browser test password")
        self.page_done("signup")
        self.find(By.CSS_SELECTOR, "main form button[type=submit]").click()
        self.wait.until(ready.url_contains("/verify"))
        self.wait_heading()
        code = self.mail_code(email)
        self.fill("field-code", code)
        self.page_done("verify")
        self.find(By.CSS_SELECTOR, "main form button[type=submit]").click()
        self.wait.until(ready.url_contains("/dashboard"))
        self.wait_heading()

        self.open("/catalog")
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".cards .card a")))
        self.page_done("catalog")
        self.find(By.CSS_SELECTOR, ".cards .card a").click()
        self.wait.until(ready.url_contains("/courses/"))
        self.wait_heading()
        self.find(By.XPATH, "//main//div[@class='row']/button").click()
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "main p[role=status] .ok")))
        self.page_done("course")

        self.find(By.CSS_SELECTOR, "main ol li a").click()
        self.wait.until(ready.url_contains("/lessons/"))
        self.wait_heading()
        self.wait.until(ready.presence_of_element_located((By.ID, "note")))
        self.find(By.XPATH, "//main//div[@class='row']/button[1]").click()
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "main p[role=status] .ok")))
        self.page_done("lesson")

        self.open("/practices/practice:campus-demo-sql-repeat-customers")
        self.wait.until(ready.presence_of_element_located((By.ID, "solution")))
        self.find(By.XPATH, "//main//div[@class='row']/button[1]").click()
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "main div[aria-live] table")))
        self.find(By.XPATH, "//main//div[@class='row']/button[2]").click()
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "main div[aria-live] ul li")))
        self.page_done("practice")

        self.open("/quizzes/quiz:campus-demo")
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "form.quiz .question")))
        for question in driver.find_elements(By.CSS_SELECTOR, "form.quiz .question"):
            choices = question.find_elements(By.CSS_SELECTOR, "input[type=radio], input[type=checkbox]")
            if choices:
                driver.execute_script("arguments[0].click()", choices[0])
            else:
                question.find_element(By.CSS_SELECTOR, "input").send_keys("idempotency")
        self.wait.until(lambda d: "…" not in d.find_element(By.CSS_SELECTOR, "p.timer").text)
        self.page_done("assessment")
        driver.execute_script("document.querySelector('form.quiz button[type=submit]').click()")
        self.wait.until(ready.url_contains("/attempts/"))
        self.wait_heading()
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "main table")))
        self.page_done("result")

        self.open("/dashboard")
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "svg.chart")))
        self.page_done("dashboard")
        # The switch is kept in the profile: flipped here, it is what the API says, then flipped back.
        other = "ru" if self.language == "en" else "en"
        driver.find_element(By.ID, "language").click()
        self.wait.until(lambda d: d.execute_script("return document.documentElement.lang") == other)
        stored = driver.execute_async_script(
            "const done = arguments[0]; fetch('/api/v1/users/me').then((r) => r.json()).then((u) => done(u.language))")
        if stored != other:
            fail(f"{self.language}/{self.width}: the language switch did not reach the profile ({stored})")
        driver.find_element(By.ID, "language").click()
        self.wait.until(lambda d: d.execute_script("return document.documentElement.lang") == self.language)
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "svg.chart")))
        # The dark theme, switched by its button (the system's choice decides until then).
        driver.find_element(By.ID, "theme").click()
        self.wait.until(lambda d: d.execute_script("return document.documentElement.dataset.theme") == "dark")
        self.shot("dashboard-dark")
        driver.find_element(By.ID, "theme").click()
        self.wait.until(lambda d: d.execute_script("return document.documentElement.dataset.theme") == "light")
        nav_buttons = driver.find_elements(By.CSS_SELECTOR, "#nav button")
        nav_buttons[0].click()
        self.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#nav a[href='/signin']"))
        self.console_errors("sign-out")

        # Forgotten password: a code by mail, a new password, then signing in with it.
        self.open("/reset")
        self.fill("field-email", email)
        known = self.mail_files()
        self.find(By.CSS_SELECTOR, "main form button[type=submit]").click()
        code = self.mail_code(email, skip=known)
        self.fill("field-set-code", code)
        self.fill("field-set-new_password", "a new browser test password")
        self.page_done("reset")
        driver.find_elements(By.CSS_SELECTOR, "main form button[type=submit]")[1].click()
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "main p.ok[role=status]")))
        self.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "main p.ok[role=status]").text.strip())

        driver.find_element(By.CSS_SELECTOR, "#nav a[href='/signin']").click()
        self.wait.until(ready.presence_of_element_located((By.ID, "field-password")))
        self.fill("field-email", email)
        self.fill("field-password", "a new browser test password")
        self.page_done("signin")
        self.find(By.CSS_SELECTOR, "main form button[type=submit]").click()
        self.wait.until(ready.url_contains("/dashboard"))
        self.wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "svg.chart")))
        self.console_errors("sign-in")

    def mail_files(self):
        folder = os.path.join(self.data, "mail")
        return set(os.listdir(folder)) if os.path.isdir(folder) else set()

    def mail_code(self, email, skip=frozenset()):
        folder = os.path.join(self.data, "mail")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            for name in sorted(self.mail_files() - skip):
                text = open(os.path.join(folder, name), encoding="utf-8", errors="replace").read()
                if email in text:
                    code = re.search(r"\b(\d{6})\b", text)
                    if code:
                        return code.group(1)
            time.sleep(0.2)
        raise AssertionError(f"no code for {email} in {folder}")


HOSTILE = """
<script>window.__pwned = 1</script>
<img src=x onerror="window.__pwned = 1">
[click me](javascript:window.__pwned=1) [data](data:text/html,<script>1</script>) [proto](//evil.example)
<a href="javascript:window.__pwned=1" onclick="window.__pwned=1">raw link</a>
<Callout onClick={() => { window.__pwned = 1 }}>mdx</Callout>
| <svg onload="window.__pwned=1"> | x |
|---|---|
| [y](JaVaScRiPt:window.__pwned=1) | z |
"""


def request(base, method, path, body=None, token=None):
    import json
    import urllib.request
    call = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                  headers={"content-type": "application/json", **({"authorization": "Bearer " + token} if token else {})})
    with urllib.request.urlopen(call) as response:
        return json.load(response)


def hostile_lesson(binary, env, base):
    """An admin appends hostile Markdown, HTML and MDX to the preview lesson; the page must show it as text."""
    subprocess.run([binary, "users", "create-admin", "--email", "admin@example.com"], input="an admin password for the test",
                   text=True, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    token = request(base, "POST", "/api/v1/auth/login", {"email": "admin@example.com", "password": "an admin password for the test"})["access_token"]
    path = "/api/v1/content/lessons/lesson:campus-demo-intro"
    lesson = request(base, "GET", path, token=token)
    lesson = {key: value for key, value in lesson.items() if key not in ("_id", "id", "author_id")}
    lesson["content_mdx"] = lesson["content_mdx"] + "\n\n" + HOSTILE
    request(base, "PUT", path, lesson, token=token)
    time.sleep(2.1)  # past the content cache (README: 2 s)
    driver = browser(1280)
    try:
        driver.get(base + "/lessons/lesson:campus-demo-intro")
        WebDriverWait(driver, 15).until(ready.presence_of_element_located((By.CSS_SELECTOR, "article.lesson table")))
        found = driver.execute_script("""
            const article = document.querySelector('article.lesson');
            const bad = [];
            if (window.__pwned) bad.push('a hostile script ran');
            for (const element of article.querySelectorAll('*')) {
              if (['SCRIPT', 'IMG', 'IFRAME', 'SVG', 'svg', 'OBJECT'].includes(element.tagName)) bad.push('element ' + element.tagName);
              for (const attribute of element.attributes) if (attribute.name.startsWith('on')) bad.push('attribute ' + attribute.name);
              if (element.tagName === 'A' && !/^(https?:|mailto:|\/(?!\/)|#|[^:/?#]*([/?#]|$))/i.test(element.getAttribute('href') || '')) bad.push('link ' + element.getAttribute('href'));
            }
            if (!article.textContent.includes('<script>window.__pwned = 1</script>')) bad.push('the hostile text is not shown as text');
            return bad;
        """)
        for problem in found:
            fail(f"hostile lesson: {problem}")
        for entry in driver.get_log("browser"):
            if entry["level"] == "SEVERE":
                fail(f"hostile lesson: console: {entry['message'][:300]}")
    finally:
        driver.quit()


def main():
    binary = os.path.abspath(sys.argv[1])
    data = tempfile.mkdtemp(prefix="campus-browser.")
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("CAMPUS_")}
    env.update({"CAMPUS_DATA_DIR": data, "CAMPUS_PORT": str(port), "CAMPUS_BCRYPT_COST": "4",
                "CAMPUS_AUTH_RATE_PER_MINUTE": "0", "CAMPUS_LOG_LEVEL": "warning"})
    log = open(os.path.join(data, "campus.log"), "w")
    server = subprocess.Popen([binary, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        for problem in check_palette(os.path.join(REPO, "Sources", "CampusServer", "Resources", "web", "app.css")):
            fail(problem)
        for language in ("en", "ru"):
            for width in (360, 1280):
                driver = browser(width)
                try:
                    Walk(driver, base, data, language, width).run()
                except Exception as error:  # a step that never happened fails the walk, with where it stopped
                    fail(f"{language}/{width}: {type(error).__name__}: {str(error)[:300]} at {driver.current_url}")
                    driver.save_screenshot(os.path.join(data, f"failed-{language}-{width}.png"))
                finally:
                    driver.quit()
        hostile_lesson(binary, env, base)
    finally:
        server.terminate()
        server.wait(10)
    if failures:
        print(f"browser test: {len(failures)} failures; Campus's log and screenshots of failures in {data}")
        sys.exit(1)
    print(f"browser test: passed; screenshots in {SHOTS}")


if __name__ == "__main__":
    main()
