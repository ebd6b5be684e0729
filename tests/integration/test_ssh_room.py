"""A workshop as docs/workshop-room.md sets it up: real sshd, the guide's block, real accounts.

The accounts and groups are the ones `tbp room accounts` prints (a facilitator in
tbp-kursledere and tbp-rom, a participant in tbp-rom), given to sshd through a private mount
namespace; the room folder is made with the printed `install` line. The facilitator logs in
with a shell (the participants' block must not catch them) and opens a room over SSH; the
participant types the room after the host and lands on the join page, which names the leader.
"""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import site
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tbp_tui.cli import main
from tbp_tui.room.commands import sshd_block

from .pty_driver import DEFAULT_TIMEOUT, PtySession
from .sshd import Accounts, Sshd, doc_sshd_block, start_sshd, stop_sshd
from .tbp_pty import FIXTURE_COURSE, WELCOME_KEYS

REPO = Path(__file__).resolve().parents[2]
PYTHON = "/usr/bin/python3.11"
FIRST_UID, FIRST_GID = 61001, 61001
FULL_NAMES = {"kursleder": "Kari Kursleder", "deltaker01": "Ada Deltaker"}


@dataclass
class Workshop:
    sshd: Sshd
    root: Path
    accounts: Accounts

    def as_facilitator(self, *argv: str) -> subprocess.CompletedProcess[str]:
        command = f"{tbp_command(self.root)} {shlex.join(argv)}"
        return subprocess.run(self.sshd.ssh_argv("-T", user="kursleder", command=command),
                              capture_output=True, text=True, timeout=DEFAULT_TIMEOUT * 2,
                              stdin=subprocess.DEVNULL, env=client_env(self.root.parent))


def tbp_command(root: Path) -> str:
    """This checkout's tbp, as a command line any account can run, using `root` for rooms."""
    path = os.pathsep.join([str(REPO), *site.getsitepackages()])
    return shlex.join(["env", f"TBP_ROOM_ROOT={root}", f"PYTHONPATH={path}",
                       "PYTHONDONTWRITEBYTECODE=1", PYTHON, "-m", "tbp_tui"])


def client_env(home: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
            "TERM": "xterm-256color", "LANG": "C.UTF-8"}


def printed_setup(root: Path) -> list[list[str]]:
    """The commands `tbp room accounts 1` prints for this room root (comments left out)."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["room", "accounts", "1", "--room-root", str(root), "--lang", "en"]) == 0
    text = out.getvalue()
    block = text[text.index("<<'EOF'\n") + 8:text.index("\nEOF\n") + 1]
    assert block == doc_sshd_block() == sshd_block(), "the printed block is the guide's"
    return [shlex.split(line) for line in text[:text.index("cat >>")].splitlines()
            if line and not line.startswith("#")]


def make_accounts(commands: list[list[str]], base: Path) -> Accounts:
    """/etc/passwd and /etc/group as the printed groupadd and useradd lines would leave them."""
    groups: dict[str, tuple[int, list[str]]] = {}
    users: dict[str, int] = {}
    passwd_lines, group_lines = [], []
    for argv in commands:
        if argv[0] == "groupadd":
            groups[argv[-1]] = (FIRST_GID + len(groups), [])
        elif argv[0] == "useradd":
            name, uid = argv[-1], FIRST_UID + len(users)
            users[name] = uid
            for group in argv[argv.index("--groups") + 1].split(","):
                groups[group][1].append(name)
            home = base / "home" / name
            home.mkdir(parents=True)
            os.chown(home, uid, 65534)
            os.chmod(home, 0o755)
            passwd_lines.append(f"{name}:*:{uid}:65534:{FULL_NAMES.get(name, name)}:{home}:"
                                f"{argv[argv.index('--shell') + 1]}")
    for name, (gid, members) in groups.items():
        group_lines.append(f"{name}:x:{gid}:{','.join(members)}")
    passwd, group = base / "passwd", base / "group"
    passwd.write_text(Path("/etc/passwd").read_text() + "\n".join(passwd_lines) + "\n")
    group.write_text(Path("/etc/group").read_text() + "\n".join(group_lines) + "\n")
    for path in (passwd, group):
        path.chmod(0o644)
    return Accounts(passwd, group, users)


@pytest.fixture
def workshop() -> Iterator[Workshop]:
    if os.geteuid() != 0:
        pytest.skip("needs root: sshd logs in other accounts")
    if shutil.which("unshare") is None or not os.access(PYTHON, os.X_OK):
        pytest.skip(f"needs unshare and {PYTHON}")
    base = Path(tempfile.mkdtemp(prefix="tbp-ssh-room-"))
    os.chmod(base, 0o755)
    try:
        root = base / "tbp-rooms"
        commands = printed_setup(root)
        accounts = make_accounts(commands, base)
        probe = subprocess.run(accounts.wrap(["true"]), capture_output=True, text=True)
        if probe.returncode != 0:
            pytest.skip(f"no private mount namespace here: {probe.stderr.strip()}")
        install = next(argv for argv in commands if argv[0] == "install")
        made = subprocess.run(accounts.wrap(install), capture_output=True, text=True)
        assert made.returncode == 0, made.stderr
        tbp = f"{tbp_command(root)} --course {shlex.quote(str(FIXTURE_COURSE))}"
        server = start_sshd(base / "sshd", tbp, accounts)
        try:
            yield Workshop(server, root, accounts)
        finally:
            stop_sshd(server)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_a_facilitator_opens_a_room_over_ssh_and_a_participant_joins_it(workshop: Workshop) -> None:
    shell = subprocess.run(workshop.sshd.ssh_argv("-T", user="kursleder", command="echo shell-ok"),
                           capture_output=True, text=True, timeout=DEFAULT_TIMEOUT,
                           stdin=subprocess.DEVNULL, env=client_env(workshop.root.parent))
    assert shell.stdout.strip() == "shell-ok", shell.stdout + shell.stderr + workshop.sshd.log_text()

    opened = workshop.as_facilitator("room", "open", "mandag", "--group", "tbp-rom")
    assert opened.returncode == 0, opened.stdout + opened.stderr
    assert "Kari Kursleder (kursleder)" in opened.stdout
    room = workshop.root / "mandag"
    assert os.stat(room).st_uid == workshop.accounts.users["kursleder"]

    argv = workshop.sshd.ssh_argv("-tt", user="deltaker01", command="mandag")
    with PtySession(argv, client_env(workshop.root.parent)) as participant:
        first = participant.wait_for_any("Bli med i rommet «mandag»", WELCOME_KEYS)
        if first == WELCOME_KEYS:
            participant.send_keys("\r")
            participant.wait_for("Bli med i rommet «mandag»")
        participant.wait_screen("Rommet ledes av Kari Kursleder (kursleder).")
        participant.send_keys("y")
        participant.wait_screen("● følger fasilitatoren")

        status = workshop.as_facilitator("room", "status", "mandag")
        assert status.returncode == 0, status.stderr
        row = next((line for line in status.stdout.splitlines() if "deltaker01" in line), None)
        assert row is not None and row.startswith("Ada Deltaker (deltaker01)"), status.stdout
        seat = next(p for p in (room / "seats").iterdir())
        assert os.stat(seat).st_uid == workshop.accounts.users["deltaker01"]
        participant.send_keys("\x11")
        participant.wait_exit()

    closed = workshop.as_facilitator("room", "close", "mandag")
    assert closed.returncode == 0, closed.stderr
    assert not room.exists()
    assert pwd.getpwuid(0).pw_name == "root"  # the machine's own accounts were never touched
