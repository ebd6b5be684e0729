"""`tbp serve` as a real process on loopback, driven over HTTP and WebSocket by aiohttp's client.

Each test starts the real server (`python -m tbp_tui serve`), which starts one real app process
per WebSocket through textual-serve; the app's screen arrives as terminal output, which is read
with the escape sequences taken out.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

aiohttp = pytest.importorskip("aiohttp", reason="the web extra (textual-serve, aiohttp) is not installed")
pytest.importorskip("textual_serve", reason="the web extra (textual-serve) is not installed")

from tests.ports import free_port  # noqa: E402
from tests.web.served import READY, stop, wait_until_serving  # noqa: E402

ESCAPES = re.compile(rb"\x1b\[[0-9;?$]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-B]")
HOME_WORDS = "Velkommen til «Livet skjer med oss alle»"
"""The welcome screen's heading (course/course.toml), the first thing a tab shows."""


@dataclass
class Served:
    url: str
    process: subprocess.Popen[str]


def _descendants(pid: int) -> set[int]:
    """Every live process below `pid`, read from /proc (the tabs' app processes)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def start_server(tmp_path: Path, *extra: str) -> Iterator[Served]:
    port = free_port()
    env = {**os.environ, "TBP_DATA_DIR": str(tmp_path / "data"), "LANG": "C.UTF-8"}
    env.pop("TBP_LANG", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tbp_tui", "serve", "--port", str(port), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path)
    said = wait_until_serving(process)
    if not said or not said[-1].startswith(READY):
        process.kill()
    assert said and said[-1].startswith(READY), "".join(said)
    try:
        yield Served(f"http://127.0.0.1:{port}", process)
    finally:
        stop(process)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    yield from start_server(tmp_path, "--max-sessions", "1")


@pytest.fixture
async def client() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def screen_until(ws: aiohttp.ClientWebSocketResponse, *words: str, timeout: float = 60) -> str:
    """The tab's output, escapes removed, once all `words` have arrived (fails after `timeout`)."""
    seen = b""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        try:  # short waits: the server's WebSocket ping every 15 s restarts a receive's timeout
            message = await ws.receive(timeout=min(1.0, max(0.1, end - loop.time())))
        except TimeoutError:
            continue
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data
            text = ESCAPES.sub(b"", seen).decode("utf-8", "replace")
            if all(w in text for w in words):
                return text
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            break
    text = ESCAPES.sub(b"", seen).decode("utf-8", "replace")
    pytest.fail(f"{words!r} never arrived; the tab showed:\n{_last_lines(text)}")


def _last_lines(text: str, n: int = 40) -> str:
    """The last different lines the tab drew (a blinking cursor redraws one line many times)."""
    lines: list[str] = []
    for line in reversed(text.splitlines()):
        if line.strip() and line not in lines:
            lines.append(line)
        if len(lines) >= n:
            break
    return "\n".join(reversed(lines))


async def text_message(ws: aiohttp.ClientWebSocketResponse, kind: str, timeout: float = 60) -> object:
    """The payload of the next JSON text message of `kind` from the server."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        try:
            message = await ws.receive(timeout=min(1.0, max(0.1, end - loop.time())))
        except TimeoutError:
            continue
        if message.type == aiohttp.WSMsgType.TEXT:
            envelope = json.loads(message.data)
            if envelope[0] == kind:
                return envelope[1]
        elif message.type != aiohttp.WSMsgType.BINARY:
            break
    pytest.fail(f"no {kind!r} message from the server")


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


URL = re.compile(r"""(?:https?|wss?)://[^\s"'()<>`;]+|//[a-z0-9.-]+\.[a-z]{2,}/""", re.I)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)""")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
"""A comment loads nothing (xterm.css credits term.js and jslinux by URL in one)."""


async def test_the_page_and_every_asset_come_from_this_server(served, client):
    own = urlsplit(served.url).netloc
    async with client.get(served.url + "/") as page:
        assert page.status == 200
        html = await page.text()
        csp = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert [u for u in URL.findall(csp) if urlsplit(u).netloc != own] == []
    parser = _Assets()
    parser.feed(html)
    assert len(parser.urls) >= 4, parser.urls  # xterm.css, tbp.css, textual.js, tbp.js
    queue = [urljoin(served.url + "/", u) for u in parser.urls if not u.startswith("data:")]
    foreign = [u for u in URL.findall(html) if urlsplit(u).netloc != own]
    fetched: dict[str, int] = {}
    while queue:
        url = queue.pop()
        if url in fetched:
            continue
        assert urlsplit(url).netloc == own, f"the page loads {url}"
        async with client.get(url) as response:
            fetched[url] = response.status
            body = await response.read()
        if url.endswith(".css"):
            css = CSS_COMMENT.sub("", body.decode())
            queue += [urljoin(url, u) for u in CSS_URL.findall(css) if not u.startswith("data:")]
            foreign += [u for u in URL.findall(css) if urlsplit(u).netloc != own]
        elif url.endswith(".js"):
            foreign += URL.findall(body.decode("utf-8", "replace"))
    assert {u: s for u, s in fetched.items() if s != 200} == {}
    assert any(u.endswith(".ttf") for u in fetched), "the monospace font is served here too"
    assert foreign == []


async def test_a_tab_shows_home_and_the_cap_turns_the_next_one_away(served, client):
    base = served.url
    async with client.ws_connect(base + "/ws?width=100&height=30") as first:
        await screen_until(first, HOME_WORDS, "Ingenting lagres i denne økten")  # every tab is a guest
        async with client.get(base + "/") as page:
            assert page.status == 503
            assert "Alle plassene er i bruk" in await page.text()
        second = await client.ws_connect(base + "/ws")
        message = await second.receive(timeout=30)
        assert message.type == aiohttp.WSMsgType.CLOSE
        assert second.close_code == 4001
        assert len(_descendants(served.process.pid)) >= 1  # the first tab's app
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the place is free again once the first tab has gone
        async with client.get(base + "/") as page:
            if page.status == 200:
                break
        await asyncio.sleep(0.2)
    assert page.status == 200
    while _descendants(served.process.pid) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    assert _descendants(served.process.pid) == set(), "the closed tab's app process has ended"


async def test_a_guest_downloads_their_data_from_the_browser(served, client, tmp_path):
    async with client.ws_connect(served.url + "/ws?width=100&height=30") as ws:
        await screen_until(ws, HOME_WORDS)
        await ws.send_str(json.dumps(["stdin", "\r"]))  # welcome → home
        await screen_until(ws, "Dine data")
        await ws.send_str(json.dumps(["stdin", "d"]))
        await screen_until(ws, "Eksporter (e)")
        await ws.send_str(json.dumps(["stdin", "e"]))
        key = await text_message(ws, "deliver_file_start")
        async with client.get(f"{served.url}/download/{key}") as download:
            assert download.status == 200
            assert "attachment" in download.headers["Content-Disposition"]
            assert "tbp-refleksjoner-" in download.headers["Content-Disposition"]
            body = await download.text()
    assert body.startswith("#")  # the same Markdown as `tbp export`
    assert not (tmp_path / "data").exists()  # a guest tab wrote nothing on the server


async def test_an_idle_tab_is_ended_and_its_process_goes(tmp_path, client):
    for served in start_server(tmp_path, "--idle-minutes", "0.05"):  # 3 s
        async with client.ws_connect(served.url + "/ws") as ws:
            await screen_until(ws, HOME_WORDS)
            assert _descendants(served.process.pid)
            loop = asyncio.get_running_loop()
            start = loop.time()
            while not ws.closed and loop.time() - start < 60:
                message = await ws.receive(timeout=60)
                if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    break
            assert ws.closed or message.type == aiohttp.WSMsgType.CLOSE
            assert loop.time() - start < 30
        deadline = time.monotonic() + 20
        while _descendants(served.process.pid) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        assert _descendants(served.process.pid) == set()
