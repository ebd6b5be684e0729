"""One short scenario in a real browser: headless Chromium opens `tbp serve` on loopback, the
app's first screen is drawn (xterm paints on a canvas, so the words are in the screenshot), every
request the page made went to this server, and a screenshot is kept under the test's tmp path
(looked at by a person, not compared)."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytest.importorskip("textual_serve", reason="the web extra (textual-serve) is not installed")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")

from tests.web.test_serve import start_server  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="Chromium and its driver are not installed (Debian: apt-get install chromium chromium-driver)")


def test_chromium_shows_the_welcome_screen_and_asks_nothing_of_anyone_else(tmp_path: Path):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1100,760", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    for served in start_server(tmp_path):
        browser = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
        try:
            browser.set_page_load_timeout(60)
            browser.get(served.url + "/")
            deadline = time.monotonic() + 90
            classes = ""
            while time.monotonic() < deadline and "-first-byte" not in classes:
                classes = browser.execute_script("return document.body.className || '';")
                time.sleep(0.3)
            time.sleep(2)  # the terminal is drawn on a canvas: let the first screen finish painting
            shot = tmp_path / "home.png"
            browser.save_screenshot(str(shot))
            assert "-first-byte" in classes, "the app's screen never arrived in the page"
            assert shot.stat().st_size > 10_000
            requests = [json.loads(entry["message"])["message"] for entry in browser.get_log("performance")]
            urls = {m["params"]["request"]["url"] for m in requests
                    if m["method"] == "Network.requestWillBeSent"}
            urls |= {m["params"]["url"] for m in requests if m["method"] == "Network.webSocketCreated"}
            own = urlsplit(served.url).netloc
            assert any(u.endswith("/ws") or "/ws?" in u for u in urls), urls
            assert sorted(u for u in urls if urlsplit(u).netloc != own and not u.startswith("data:")) == []
            problems = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
            assert problems == []  # no request refused by the Content-Security-Policy, no script error
        finally:
            browser.quit()
