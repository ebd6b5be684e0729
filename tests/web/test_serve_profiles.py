"""Personal profiles in browser tabs: the real `tbp serve`, real tab processes, driven over the
WebSocket the page uses (aiohttp's client), with real scrypt seals on a real data folder.

Two participants in two tabs each make a profile with their own passphrase and write a canary
into the same reflection; a new tab opens each profile only with its own passphrase and finds
only its own canary (read back from the browser download of «Eksporter»). No file under the data
folder holds a canary in the clear. Killing the server (SIGKILL) after a save loses nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
from pathlib import Path

import pytest

from tests.web.test_serve import ESCAPES, HOME_WORDS, _descendants, _last_lines, start_server

aiohttp = pytest.importorskip("aiohttp", reason="the web extra (textual-serve, aiohttp) is not installed")

STEP_BODY = "Tallene handler ikke bare om andre"
"""The body of kort-intro's first reflection step («Refleksjon: din arbeidsdag»)."""
MODULE, STEP = "kort-intro", "din-arbeidsdag"
SIZE = "/ws?width=100&height=32"
"""The WebSocket path with a browser window's size, as the page asks for it."""


class Tab:
    """One browser tab as the page drives it: keys in, the app's screen out.

    A reader task takes everything the server sends as it comes, as a browser does: a tab
    nobody reads does not answer the server's WebSocket ping, and the server drops it.
    """

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.screen = b""
        self.texts: list[object] = []
        self.mark = 0
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen += message.data
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.texts.append(json.loads(message.data))

    def text(self) -> str:
        return ESCAPES.sub(b"", self.screen[self.mark:]).decode("utf-8", "replace")

    async def until(self, *words: str, timeout: float = 60) -> str:
        """The screen drawn since the last key, once every one of `words` is on it."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while loop.time() < end:
            if all(w in self.text() for w in words):
                return self.text()
            if self.reader.done():
                break
            await asyncio.sleep(0.1)
        pytest.fail(f"{words!r} never arrived; the tab showed:\n{_last_lines(self.text())}")

    async def keys(self, text: str, *then: str, timeout: float = 60) -> str:
        self.mark = len(self.screen)
        await self.ws.send_str(json.dumps(["stdin", text]))
        if text == "\x1b":  # a lone Esc is told from the start of a key sequence by a pause
            await asyncio.sleep(0.5)
        return await self.until(*then, timeout=timeout) if then else ""

    async def message(self, kind: str, timeout: float = 60) -> object:
        """The payload of the next JSON message of `kind` from the server."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while loop.time() < end:
            for envelope in self.texts:
                if isinstance(envelope, list) and envelope[0] == kind:
                    self.texts.remove(envelope)
                    return envelope[1]
            await asyncio.sleep(0.1)
        pytest.fail(f"no {kind!r} message from the server")

    async def start(self) -> None:
        await self.until(HOME_WORDS)
        await self.keys("\r", "p Profil")  # welcome → home, where a guest may open a profile

    async def make_profile(self, name: str, passphrase: str) -> None:
        await self.keys("p", "Personlig profil")
        await self.keys(name)
        await self.keys("\r", "kan ingen lese refleksjonene")  # said before anything is made
        await self.keys(passphrase)
        await self.keys("\r")
        await asyncio.sleep(1)  # Enter moves the focus once the app has handled it; keys wait for no one
        await self.keys(passphrase)
        await self.keys("\r", f"Profilen «{name}» er laget")

    async def open_profile(self, name: str, passphrase: str, *, expect: str = "") -> None:
        await self.keys("p", "Personlig profil")
        await self.keys(name)
        await self.keys("\r", f"Passordfrase for «{name}»")
        await self.keys(passphrase)
        await self.keys("\r", expect or f"Profilen «{name}» er åpnet")

    async def write_reflection(self, text: str) -> None:
        await self.keys("f", "Neste")  # Start: the first module, first step
        for _ in range(8):
            await self.keys("n")
            with contextlib.suppress(pytest.fail.Exception):
                await self.until(STEP_BODY, timeout=8)
                break
        await self.keys(text, text.split()[-1])  # the answer field has the focus on a reflection step

    async def export(self, client: aiohttp.ClientSession, base: str) -> str:
        """From home, «Dine data» → «Eksporter»: the Markdown the browser would download."""
        await self.keys("d", "Eksporter (e)")
        await self.keys("e")
        key = await self.message("deliver_file_start")
        async with client.get(f"{base}/download/{key}") as download:
            assert download.status == 200
            return await download.text()


def every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink())


async def test_two_tabs_two_profiles_each_sees_only_its_own_and_nothing_is_in_the_clear(tmp_path: Path):
    canary = {"kari": "KANARI-kari-81 æøå", "ola": "KANARI-ola-27 ÆØÅ"}
    passphrase = {"kari": "blå hest om natta", "ola": "grønn ku ved elva"}
    for served in start_server(tmp_path, "--max-sessions", "4"):
        url = served.url + SIZE
        async with aiohttp.ClientSession() as client:
            async with client.ws_connect(url) as one, client.ws_connect(url) as two:
                tabs = {"kari": Tab(one), "ola": Tab(two)}
                for name, tab in tabs.items():
                    await tab.start()
                    await tab.make_profile(name, passphrase[name])
                    await tab.write_reflection(canary[name])
                await asyncio.sleep(2.5)  # past the save debounce; closing the tabs saves as well
            for name, other in (("kari", "ola"), ("ola", "kari")):
                async with client.ws_connect(url) as ws:
                    tab = Tab(ws)
                    await tab.start()
                    await tab.open_profile(name, passphrase[other], expect="Ingenting er åpnet")
                    await tab.keys("\x1b")  # back to the name
                    await tab.keys("\x1b")  # back to the course, still a guest
                    guest_export = await tab.export(client, served.url)
                    assert canary[name] not in guest_export and canary[other] not in guest_export
                    await tab.keys("\x1b", "Dine data")  # Dine data → home
                    await tab.open_profile(name, passphrase[name])
                    mine = await tab.export(client, served.url)
                assert canary[name] in mine and canary[other] not in mine
    data = every_byte(tmp_path / "data")
    assert b"[seal]" in data and b"KANARI" not in data
    assert all(value.encode() not in data for value in canary.values())


async def test_killing_the_server_loses_nothing_typed_before_the_last_save(tmp_path: Path):
    from tbp_tui.progress.sealed import unlock
    from tbp_tui.progress.store import ProgressStore, protection

    canary = "KANARI-drept-server æøå"
    for served in start_server(tmp_path):
        async with aiohttp.ClientSession() as client, client.ws_connect(served.url + SIZE) as ws:
            tab = Tab(ws)
            await tab.start()
            await tab.make_profile("kari", "blå hest om natta")
            await tab.write_reflection(canary)
            await asyncio.sleep(2.5)  # the save debounce is 1 s
            apps = _descendants(served.process.pid)
            assert apps
            for pid in [*apps, served.process.pid]:  # nobody gets to save on the way out
                os.kill(pid, signal.SIGKILL)
            served.process.wait(timeout=10)
    data = tmp_path / "data"
    seal = unlock(protection(data, "kari"), "blå hest om natta")
    stored = ProgressStore.open(data, "kari", seal=seal).progress.modules[MODULE]
    assert stored.reflections[STEP].text == canary
    assert canary.encode() not in every_byte(data)


async def test_an_idle_tab_with_a_text_field_in_focus_sends_nothing(tmp_path: Path):
    """A blinking cursor redrew the focused field twice a second: about 2.5 kB/s to every idle
    tab on the profile screen. Measured here as bytes over the tab's own WebSocket."""
    for served in start_server(tmp_path):
        async with aiohttp.ClientSession() as client, client.ws_connect(served.url + SIZE) as ws:
            tab = Tab(ws)
            await tab.start()
            await ws.send_str(json.dumps(["focus"]))  # the browser says the page has the focus
            await tab.keys("p", "Personlig profil")  # the name field has the focus
            await asyncio.sleep(2)  # the screen's last paint
            before = len(tab.screen)
            await asyncio.sleep(6)
            assert len(tab.screen) - before == 0
