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


def chromium_options():  # type: ignore[no-untyped-def]
    """Headless Chromium that asks nothing of the network beyond the page: one set for every test."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1100,760", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"):
        options.add_argument(flag)
    return options

def test_chromium_shows_the_welcome_screen_and_asks_nothing_of_anyone_else(tmp_path: Path):
    from selenium.webdriver.chrome.service import Service

    options = chromium_options()
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


def _wait(condition, what: str, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    """Poll a condition a real browser and a real server will meet (bounded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited {timeout:g} s for {what}")


def test_chromium_makes_a_profile_writes_aeoeaa_closes_the_tab_and_finds_it_again(tmp_path: Path):
    """The issue's browser scenario, start to end, with keys typed into the page as a person
    would. xterm draws on a canvas, so what the app did is checked where it lands: the sealed
    profile on the server, and the export the browser downloads in the new tab."""
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from tbp_tui.progress.sealed import unlock
    from tbp_tui.progress.store import ProgressStore, protection
    from tests.web.test_serve import _descendants

    shots = tmp_path / "screenshots"
    downloads = tmp_path / "downloads"
    shots.mkdir()
    downloads.mkdir()
    print(f"\nscreenshots: {shots}")
    name, passphrase = "kari", "blå hest om natta"
    answer = "Min arbeidsdag: æøå ÆØÅ KANARI-chromium"
    data = tmp_path / "data"

    def stored():  # type: ignore[no-untyped-def]
        seal = unlock(protection(data, name), passphrase)
        return ProgressStore.open(data, name, seal=seal).progress

    options = chromium_options()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    server = start_server(tmp_path, "--max-sessions", "3")
    served = next(server)
    browser = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    browser.execute_cdp_cmd("Browser.setDownloadBehavior",
                            {"behavior": "allow", "downloadPath": str(downloads)})

    def open_tab() -> None:
        browser.get(served.url + "/")
        _wait(lambda: "-first-byte" in browser.execute_script("return document.body.className"),
              "the app's first screen")
        time.sleep(2)  # the canvas finishes painting
        browser.find_element(By.ID, "terminal").click()  # keys go where a person clicked

    def press(*keys: str, pause: float = 0.6) -> None:
        for key in keys:
            ActionChains(browser).send_keys(key).perform()
            time.sleep(pause)

    try:
        open_tab()
        first = browser.current_window_handle
        press(Keys.ENTER, pause=2)  # the first-start page → home
        browser.save_screenshot(str(shots / "home.png"))
        press("p", name, Keys.ENTER, passphrase, Keys.ENTER, pause=1)
        press(passphrase, Keys.ENTER)
        _wait(lambda: protection(data, name) is not None, "the new profile, sealed, on the server")
        time.sleep(1)
        press("f", pause=2)  # Start: the first module
        for _ in range(10):  # to the first reflection step; the position is saved as we go
            current = stored().current
            if current is not None and current.step == "din-arbeidsdag":
                break
            press("n", pause=1.5)
        press(answer, pause=2.5)  # the answer field has the focus; saved a second later
        browser.save_screenshot(str(shots / "step.png"))
        _wait(lambda: stored().modules["kort-intro"].reflections.get("din-arbeidsdag") is not None,
              "the reflection saved")
        assert stored().modules["kort-intro"].reflections["din-arbeidsdag"].text == answer

        browser.switch_to.new_window("tab")
        second = browser.current_window_handle
        browser.switch_to.window(first)
        browser.close()  # the tab is gone (chromedriver closes it without the page's question)
        browser.switch_to.window(second)
        _wait(lambda: not _descendants(served.process.pid), "the closed tab's app to end")

        open_tab()
        press(Keys.ENTER, pause=2)
        press("p", name, Keys.ENTER, passphrase, Keys.ENTER, pause=1)
        time.sleep(2)  # the key is derived, the profile opens
        press("f", pause=3)  # Fortsett: back where the profile left off, the answer shown
        browser.save_screenshot(str(shots / "step-reopened.png"))
        press(Keys.ESCAPE, Keys.ESCAPE, "d", "e", pause=1.5)  # home → Dine data → Eksporter
        _wait(lambda: any(p.suffix == ".md" for p in downloads.iterdir()), "the download")
        exported = next(p for p in downloads.iterdir() if p.suffix == ".md").read_text("utf-8")
    finally:
        browser.quit()
        server.close()  # stops the server
    assert answer in exported
    assert answer.encode() not in b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())
    for shot in ("home.png", "step.png", "step-reopened.png"):
        assert (shots / shot).stat().st_size > 10_000
