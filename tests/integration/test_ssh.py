"""tbp over real OpenSSH on loopback, deployed as docs/workshop-room.md says.

A participant logs in, writes a reflection with Norwegian letters, and the connection dies
(the SSH client is SIGKILLed: a closed laptop lid, a dropped Wi-Fi). Logging in again must
find the reflection and the step intact, and the server must not keep an orphaned tbp.
"""

from __future__ import annotations

import contextlib
import os
import select
import shlex
import socket
import stat
import struct
import subprocess
import threading
import time
import tomllib
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ports import free_port

from . import sshd as sshd_module
from .pty_driver import DEFAULT_TIMEOUT, PtySession
from .sshd import Sshd, start_sshd, stop_sshd
from .tbp_pty import reach_home, tbp_argv

MODULE = "Kjernekompetanse T: Et testmodul"
STEP = "Din erfaring"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"  # not created: tbp makes it, and the test checks how


@pytest.fixture
def sshd(tmp_path: Path, data_dir: Path) -> Iterator[Sshd]:
    server = start_sshd(tmp_path / "sshd", shlex.join(tbp_argv(data_dir)))
    try:
        yield server
    finally:
        stop_sshd(server)


def client_env(tmp_path: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
            "TERM": "xterm-256color", "LANG": "C.UTF-8"}


def wait_until(what: str, check: Callable[[], bool], timeout: float = DEFAULT_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        time.sleep(0.1)


def read_progress(data_dir: Path) -> dict[str, Any]:
    file = data_dir / "profiles" / "standard" / "progress.toml"
    if not file.exists():
        return {}
    with file.open("rb") as f:
        return tomllib.load(f)


def reflection(progress: dict[str, Any]) -> str | None:
    text = progress.get("modules", {}).get("kk-test", {}).get("reflections", {}).get("egen-erfaring", {})
    found: str | None = text.get("text")
    return found


def tbp_processes(data_dir: Path) -> list[int]:
    """Server-side tbp processes of this test (their command line names our data dir)."""
    needle = os.fsencode(data_dir)
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"tbp_tui" in cmdline and needle in cmdline and b"sshd" not in cmdline:
            pids.append(int(entry.name))
    return pids


def test_reflection_and_position_survive_a_killed_ssh_client(
    sshd: Sshd, data_dir: Path, tmp_path: Path
) -> None:
    token = uuid.uuid4().hex[:10]
    answer = f"Blåbærsyltetøy på ærlig vis, Ørsta og Å {token}"
    with PtySession(sshd.ssh_argv("-tt"), client_env(tmp_path)) as first:
        assert reach_home(first, expect_welcome=True) == "Start kurset: ", first.screen()
        first.send_keys("j", "j", "\r")  # the second module in the list
        first.wait_screen(MODULE, "Oversikt · 8 steg")
        first.send_keys("n", "n")
        first.wait_screen("Steg 2 av 8", STEP)  # a reflection step starts in its answer field
        first.send(answer)
        first.wait_screen(answer)
        wait_until("the reflection is saved to disk", lambda: reflection(read_progress(data_dir)) == answer)
        assert first.proc.poll() is None
        assert tbp_processes(data_dir), "the app should be running on the server"
        first.kill()  # SIGKILL: no quit, no goodbye
        assert first.proc.returncode == -9

    wait_until("the server-side tbp ends after the connection died", lambda: not tbp_processes(data_dir))

    progress = read_progress(data_dir)
    assert progress["current"] == {"module": "kk-test", "step": "egen-erfaring"}
    assert reflection(progress) == answer
    profile = data_dir / "profiles" / "standard"
    for folder in (data_dir, data_dir / "profiles", profile):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for file in profile.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file

    with PtySession(sshd.ssh_argv("-tt"), client_env(tmp_path)) as second:
        assert reach_home(second, expect_welcome=False) == "Fortsett: "
        second.wait_screen(f"Fortsett: {MODULE} – {STEP}")
        second.send_keys("f")
        second.wait_screen("Steg 2 av 8", STEP, answer)
        second.send_keys("\x11")  # Ctrl+Q quits from anywhere, even inside the answer field
        assert second.wait_exit() == 0, second.text()[-800:]
    assert reflection(read_progress(data_dir)) == answer


def test_typing_just_before_the_connection_dies_is_kept(sshd: Sshd, data_dir: Path, tmp_path: Path) -> None:
    """The client dies well inside the one-second save delay: the hang-up itself must save."""
    answer = f"Skrevet rett før lokket ble lukket {uuid.uuid4().hex[:10]}"
    with PtySession(sshd.ssh_argv("-tt"), client_env(tmp_path)) as first:
        reach_home(first, expect_welcome=True)
        first.send_keys("j", "j", "\r")
        first.wait_screen(MODULE, "Oversikt · 8 steg")
        first.send_keys("n", "n")
        first.wait_screen("Steg 2 av 8", STEP)
        first.send(answer)
        first.wait_screen(answer)
        assert reflection(read_progress(data_dir)) != answer  # not saved yet: the debounce is running
        first.kill()

    wait_until("the server-side tbp ends after the connection died", lambda: not tbp_processes(data_dir))
    progress = read_progress(data_dir)
    assert progress["current"] == {"module": "kk-test", "step": "egen-erfaring"}
    assert reflection(progress) == answer


def test_without_a_terminal_the_forced_command_gives_plain_mode(
    sshd: Sshd, data_dir: Path, tmp_path: Path
) -> None:
    """`ssh -T` (or a script) gets tbp's line-by-line mode, never a shell or a traceback."""
    done = subprocess.run(sshd.ssh_argv("-T"), input="q\n", capture_output=True, text=True,
                          env=client_env(tmp_path), timeout=DEFAULT_TIMEOUT)
    assert "Enkel tekstmodus" in done.stdout, done.stdout + done.stderr + sshd.log_text()
    assert "Fullskjermvisning er ikke mulig her (ikke en terminal)" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 0


def test_the_forced_command_ignores_what_the_client_asks_for(
    sshd: Sshd, data_dir: Path, tmp_path: Path
) -> None:
    """`ssh host some-command` still runs tbp: no shell for participants."""
    marker = tmp_path / "should-not-exist"
    done = subprocess.run([*sshd.ssh_argv("-T"), f"touch {marker}; echo shell-ran"], input="q\n",
                          capture_output=True, text=True, env=client_env(tmp_path), timeout=DEFAULT_TIMEOUT)
    assert "Enkel tekstmodus" in done.stdout, done.stdout + done.stderr
    assert "shell-ran" not in done.stdout
    assert not marker.exists()
    # sftp (and scp, which speaks sftp) gets tbp too, so no file reaches the server:
    sftp = ["sftp", "-F", "/dev/null", "-i", str(sshd.key), "-P", str(sshd.port), "-b", "-",
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            f"{sshd.user}@127.0.0.1"]
    done = subprocess.run(sftp, input=f"put {__file__} {marker}\n", capture_output=True, text=True,
                          env=client_env(tmp_path), timeout=DEFAULT_TIMEOUT)
    assert done.returncode != 0, done.stdout + done.stderr
    assert not marker.exists()


def test_port_forwarding_is_refused(sshd: Sshd, tmp_path: Path) -> None:
    """DisableForwarding: a participant cannot tunnel to anything on or near the server.

    The tunnel points at sshd itself, which greets every connection with "SSH-2.0-": through
    an allowed tunnel that greeting would come back; through a refused one, nothing does.
    """
    with socket.create_connection(("127.0.0.1", sshd.port), timeout=5) as direct:
        assert direct.recv(64).startswith(b"SSH-2.0-")
    local = free_port()
    tunnel = subprocess.Popen([*sshd.ssh_argv("-N", "-L", f"{local}:127.0.0.1:{sshd.port}")],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=client_env(tmp_path))
    try:
        greeting = b""
        deadline = time.monotonic() + DEFAULT_TIMEOUT
        while time.monotonic() < deadline:  # wait until ssh listens on the local end
            try:
                with socket.create_connection(("127.0.0.1", local), timeout=1) as through:
                    through.settimeout(5)
                    greeting = through.recv(64)
                break
            except ConnectionRefusedError:
                assert tunnel.poll() is None, tunnel.communicate()[1]
                time.sleep(0.1)
            except (TimeoutError, ConnectionResetError):
                break
        else:
            raise AssertionError("ssh -L never listened on the local port")
        # On a loaded machine the refusal can arrive after the read above gave up: wait for sshd to log it.
        wait_until("sshd logs the refused forward", lambda: "refused" in sshd.log_text())
    finally:
        tunnel.kill()  # SIGTERM was seen to leave ssh hanging for > 10 s on a loaded machine
        tunnel.communicate(timeout=10)
    assert greeting == b"", greeting


def test_without_sshd_the_test_is_skipped_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sshd_module, "SSHD", tmp_path / "no-such-sshd")
    reason = r"no-such-sshd is not installed \(package openssh-server"
    with pytest.raises(pytest.skip.Exception, match=reason):
        start_sshd(tmp_path / "sshd", "true")


def _writing_blocked(pid: int) -> bool:
    """True while one of the process's threads waits in a write to its terminal."""
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            if (task / "wchan").read_text() in ("wait_woken", "n_tty_write", "tty_write"):
                stat_fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
                if stat_fields[0] == "S":
                    return True
    return False


class LinkProxy:
    """A TCP proxy on loopback between the ssh client and sshd: a network link we can slow down,
    freeze (nothing forwarded either way, as a laptop that went to sleep) and cut (RST)."""

    def __init__(self, target_port: int) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        self.target_port = target_port
        self.down_rate: float | None = None  # server → client, bytes/s; None: as fast as it goes
        self.frozen = False
        self.cut = False
        self.socks: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        client, _ = self.listener.accept()
        server = socket.create_connection(("127.0.0.1", self.target_port))
        self.socks += [client, server]
        threading.Thread(target=self._pump, args=(client, server, False), daemon=True).start()
        threading.Thread(target=self._pump, args=(server, client, True), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, down: bool) -> None:
        while not self.cut:
            rate = self.down_rate if down else None
            if self.frozen:
                time.sleep(0.05)
                continue
            ready, _, _ = select.select([src], [], [], 0.05)
            if not ready:
                continue
            try:
                data = src.recv(65536 if rate is None else max(int(rate / 20), 1))
                if not data:
                    return
                dst.sendall(data)
            except OSError:
                return
            if rate is not None:
                time.sleep(0.05)

    def close(self) -> None:
        """Cut the link: both sockets reset, like a NAT or Wi-Fi that forgot the connection."""
        self.cut = True
        for s in self.socks:
            with contextlib.suppress(OSError):
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                s.close()
        self.listener.close()


def test_a_slow_then_frozen_then_cut_link_ends_the_server_side_tbp_and_keeps_typed_text(
    sshd: Sshd, data_dir: Path, tmp_path: Path
) -> None:
    """17.1 over real OpenSSH: output backs up behind a 64 kbit/s link that then freezes and dies."""
    proxy = LinkProxy(sshd.port)
    argv = sshd.ssh_argv("-tt")
    argv[argv.index("-p") + 1] = str(proxy.port)
    answer = f"Skrevet før laptopen sovnet {uuid.uuid4().hex[:10]}"
    try:
        with PtySession(argv, client_env(tmp_path), cols=250, rows=80) as client:
            reach_home(client, expect_welcome=True)
            client.send_keys("j", "j", "\r")
            client.wait_screen(MODULE, "Oversikt · 8 steg")
            client.send_keys("n", "n")
            client.wait_screen("Steg 2 av 8", STEP)
            client.send(answer)  # a reflection step opens in its answer box
            client.wait_screen(answer)
            (server_tbp,) = tbp_processes(data_dir)
            proxy.down_rate = 8000.0  # 64 kbit/s
            deadline = time.monotonic() + 60
            i = 0
            while not _writing_blocked(server_tbp) and time.monotonic() < deadline:
                # each resize reaches tbp as a window change: a whole new screen to send
                client.resize(*((250, 80) if i % 2 else (249, 79)))
                i += 1
                time.sleep(0.05)
            assert _writing_blocked(server_tbp), "tbp's output never backed up behind the slow link"
            for j in range(60):  # more screens than tbp's output queue holds (30)
                client.resize(*((250, 80) if j % 2 else (249, 79)))
                time.sleep(0.05)
            proxy.frozen = True  # the lid closes
            time.sleep(3.0)
            assert tbp_processes(data_dir) == [server_tbp]
            cut = time.monotonic()
            proxy.close()
            wait_until("the server-side tbp ends after the link is cut", lambda: not tbp_processes(data_dir),
                       timeout=30)
            took = time.monotonic() - cut
    finally:
        proxy.close()
    assert took < 5.0, f"the server-side tbp ended {took:.1f} s after the link was cut"
    assert reflection(read_progress(data_dir)) == answer
