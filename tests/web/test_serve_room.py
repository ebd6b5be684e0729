"""`tbp serve --room`: browser participants in a real facilitator's room.

The facilitator is a real `tbp --facilitator` on a pty (this test's uid, root, owns the room);
the server runs as another uid (65533) in the room's group, as IT would run it, and its tabs are
two WebSocket clients. Each tab gives a display name and is a row of its own in the seat table,
labelled with the server's account; the facilitator's «go to step» reaches both; F4 lets a tab
browse freely.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import site
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tbp_tui.clock import SystemClock
from tbp_tui.room import open_room
from tests.integration.pty_driver import PtySession
from tests.integration.tbp_pty import FIXTURE_COURSE, WELCOME_KEYS, tbp_argv
from tests.ports import free_port
from tests.room.test_room_processes import REPO, interpreter_for_others
from tests.web.served import READY, stop, wait_until_serving
from tests.web.test_serve_profiles import Tab

aiohttp = pytest.importorskip("aiohttp", reason="the web extra (textual-serve, aiohttp) is not installed")

ROOM = "kurs"
SERVER_UID = 65533
pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run the server as another uid")


@pytest.fixture
def machine() -> Iterator[Path]:
    """A folder other uids may enter (pytest's tmp is 0700), with the room root and the server's home."""
    if interpreter_for_others() is None:
        pytest.skip("no Python interpreter that other uids may run")
    base = Path(tempfile.mkdtemp(prefix="tbp-serve-room-"))
    os.chmod(base, 0o755)
    (base / "rooms").mkdir(mode=0o755)  # a personal room root of the facilitator (root)
    home = base / "server"
    home.mkdir(mode=0o700)
    os.chown(home, SERVER_UID, 65534)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def start_server_as_other_uid(base: Path) -> tuple[subprocess.Popen[str], str]:
    python = interpreter_for_others()
    assert python is not None
    port = free_port()
    env = {"PYTHONPATH": os.pathsep.join([str(REPO), *site.getsitepackages()]),
           "PYTHONDONTWRITEBYTECODE": "1",
           "HOME": str(base / "server"), "TBP_DATA_DIR": str(base / "server" / "data"), "LANG": "C.UTF-8",
           "PATH": "/usr/bin:/bin"}
    process = subprocess.Popen(
        [python, "-m", "tbp_tui", "serve", "--port", str(port), "--room", ROOM, "--room-root",
         str(base / "rooms"), "--course", str(FIXTURE_COURSE)],
        user=SERVER_UID, group=65534, extra_groups=["users"], env=env, cwd=base / "server",
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    said = wait_until_serving(process)
    if said and said[-1].startswith(READY):
        return process, f"http://127.0.0.1:{port}"
    process.kill()
    pytest.fail("the server did not start:\n" + "".join(said))


async def test_two_browser_tabs_join_a_real_facilitators_room_under_their_own_names(machine: Path):
    rooms = machine / "rooms"
    open_room(rooms, ROOM, group="users", now=SystemClock().now())
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(machine), "TERM": "xterm-256color",
           "LANG": "C.UTF-8"}
    argv = tbp_argv(machine / "lead-data", "--facilitator", "--room", ROOM, "--room-root", str(rooms))
    server, url = start_server_as_other_uid(machine)
    try:
        with PtySession(argv, env, cols=120, rows=40) as lead:
            lead.wait_screen(WELCOME_KEYS, timeout=60)
            lead.send_keys("\r")
            lead.wait_screen("Start kurset: ", timeout=60)
            lead.send_keys("j", "j", "\r")
            lead.wait_screen("Oversikt · 8 steg", timeout=60)
            async with aiohttp.ClientSession() as client, \
                    client.ws_connect(url + "/ws?width=100&height=32") as one, \
                    client.ws_connect(url + "/ws?width=100&height=32") as two:
                tabs = [Tab(one), Tab(two)]
                for tab, name in zip(tabs, ("Kari Nordmann", "Ola\u202eHansen\u0007"), strict=True):
                    await tab.until(WELCOME_KEYS)
                    await tab.keys("\r", "Navnet ditt i rommet")
                    await tab.keys(name)
                    await tab.keys("\r", "Du er med i rommet")
                lead.send_keys("n")  # to step 1: the panel shows the seats
                # a bidi override and a bell are taken out, as in every seat; the account is named
                screen = await asyncio.to_thread(
                    lead.wait_screen, "Deltakere: 2", "Kari Nordmann (uid 65533)", "OlaHansen (uid 65533)",
                    timeout=60)
                assert "\u202e" not in screen
                lead.send_keys("g")  # «go to step»: both tabs follow
                for tab in tabs:
                    await tab.until("Steg 1 av 8")
                await tabs[1].keys("\x1b")  # F4: browse freely (Esc first leaves a text field, if any)
                await tabs[1].ws.send_str(json.dumps(["stdin", "\x1bOS"]))  # F4 as xterm sends it
                await asyncio.to_thread(lead.wait_screen, "Deltakere: 2 · 1 følger", timeout=60)
    finally:
        stop(server)
    seats = list((rooms / ROOM / "seats").glob("seat-*"))
    assert all(p.stat().st_uid in (0, SERVER_UID) for p in seats)


def test_serve_refuses_a_room_under_an_account_that_may_lead_rooms(machine: Path):
    """Each tab runs as the server's account. Served by the facilitator (here root, who owns the
    personal root), a browser participant would have the leader's rights over the room's files."""
    rooms = machine / "rooms"
    open_room(rooms, ROOM, group="users", now=SystemClock().now())
    env = {**os.environ, "TBP_DATA_DIR": str(machine / "lead-data"), "LANG": "C.UTF-8"}
    env.pop("TBP_LANG", None)
    done = subprocess.run(
        [sys.executable, "-m", "tbp_tui", "serve", "--port", str(free_port()), "--room", ROOM,
         "--room-root", str(rooms), "--course", str(FIXTURE_COURSE)],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    said = " ".join(done.stderr.split())
    assert "kan lede rom" in said and "egen konto" in said and "Traceback" not in said
    assert READY not in done.stdout + done.stderr
