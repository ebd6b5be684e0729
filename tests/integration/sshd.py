"""A throw-away OpenSSH server on 127.0.0.1 for the integration tests.

It uses its own config, host key and user key in a temp folder and never touches the system's
sshd. The `Match` block comes from docs/workshop-room.md, so the deployment the doc describes
is the one under test.
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "workshop-room.md"
SSHD = Path("/usr/sbin/sshd")
DOC_TBP = "/usr/local/bin/tbp"
"""The install path the doc uses in its ForceCommand; the test puts this checkout's tbp there."""
START_TIMEOUT = 15.0


def doc_sshd_block(doc: Path = DOC) -> str:
    """The fenced ```sshd_config block of the deployment doc (there must be exactly one)."""
    blocks = re.findall(r"^```sshd_config\n(.*?)^```", doc.read_text(encoding="utf-8"), re.M | re.S)
    assert len(blocks) == 1, f"{doc}: expected one ```sshd_config block, found {len(blocks)}"
    block: str = blocks[0]
    return block


def deployment_block(tbp_command: str, group: str | None) -> str:
    """The doc's block with this checkout's tbp for the doc's path and, unless None, `group`
    for its group pattern (None: the guide's own groups, which the accounts below have)."""
    block = doc_sshd_block()
    for needed in ("Match Group ", "ForceCommand " + DOC_TBP, "DisableForwarding yes", "PermitTTY yes"):
        assert needed in block, f"{DOC}: the sshd_config block has no {needed!r}"
    if group is not None:
        block = re.sub(r"^Match Group \S+", f"Match Group {group}", block, count=1, flags=re.M)
    return block.replace(DOC_TBP, tbp_command)


@dataclass(frozen=True)
class Accounts:
    """Copies of /etc/passwd and /etc/group with the workshop's accounts added; sshd (and all it
    starts) sees them through bind mounts in a private mount namespace, so the machine's own files
    are never touched. `users` maps each login to its uid."""

    passwd: Path
    group: Path
    users: dict[str, int]

    def wrap(self, argv: list[str]) -> list[str]:
        """`argv` run in a mount namespace where these files are /etc/passwd and /etc/group."""
        script = 'mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/group && shift 2 && exec "$@"'
        return ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script, "sh",
                str(self.passwd), str(self.group), *argv]


@dataclass
class Sshd:
    port: int
    user: str
    key: Path
    log: Path
    proc: subprocess.Popen[bytes]

    def ssh_argv(self, *extra: str, user: str | None = None, command: str | None = None) -> list[str]:
        """An ssh client that reads no user or system config and never asks anything."""
        return [
            "ssh", "-F", "/dev/null", "-i", str(self.key), "-p", str(self.port),
            "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            *extra, f"{user or self.user}@127.0.0.1", *([command] if command is not None else []),
        ]

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def start_sshd(tmp: Path, tbp: str, accounts: Accounts | None = None) -> Sshd:
    """Start sshd on a free loopback port with the doc's block; skip only if it cannot run.

    `tbp` is a shell command line: sshd runs the ForceCommand through the login shell. Without
    `accounts`, the block's group is ours and we log in as ourselves; with them, the block is the
    guide's exactly and sshd sees the accounts (in a namespace of its own).
    """
    if not SSHD.exists():
        pytest.skip(f"{SSHD} is not installed (package openssh-server; .ci/run installs it)")
    if shutil.which("ssh") is None or shutil.which("ssh-keygen") is None:
        pytest.skip("the OpenSSH client (ssh, ssh-keygen) is not installed")
    tmp.mkdir(mode=0o700, exist_ok=True)
    if accounts:
        tmp.chmod(0o711)  # the accounts' sshd reads authorized_keys as them (keys stay 0600)
    host_key, user_key = tmp / "host_ed25519", tmp / "user_ed25519"
    for key in (host_key, user_key):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "tbp-test", "-f", str(key)],
                       check=True, capture_output=True)
    authorized = tmp / "authorized_keys"
    authorized.write_text(user_key.with_suffix(".pub").read_text())
    authorized.chmod(0o644 if accounts else 0o600)  # sshd reads it as the user logging in
    if os.geteuid() == 0:
        # Privilege separation needs this folder; it is what the openssh-server package's
        # service would create at boot. Root only, and harmless if it already exists.
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    user = pwd.getpwuid(os.getuid()).pw_name
    group = grp.getgrgid(os.getgid()).gr_name
    config = tmp / "sshd_config"
    config.write_text(
        "\n".join([
            "ListenAddress 127.0.0.1",
            f"HostKey {host_key}",
            f"PidFile {tmp / 'sshd.pid'}",
            f"AuthorizedKeysFile {authorized}",
            "StrictModes no",
            "UsePAM no",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "LogLevel VERBOSE",
            "Subsystem sftp internal-sftp",  # as a system's sshd_config has; ForceCommand must win
            "",
            deployment_block(tbp, None if accounts else group),
        ])
    )
    wrap = accounts.wrap if accounts else (lambda argv: argv)
    check = subprocess.run(wrap([str(SSHD), "-t", "-f", str(config)]), capture_output=True, text=True)
    assert check.returncode == 0, f"sshd -t refused the config:\n{check.stderr}\n{config.read_text()}"
    log = tmp / "sshd.log"
    last = ""
    for _ in range(3):  # another process may grab the free port between our probe and sshd
        port = free_port()
        with log.open("wb") as out:
            proc = subprocess.Popen(wrap([str(SSHD), "-D", "-e", "-f", str(config), "-p", str(port)]),
                                    stdout=out, stderr=subprocess.STDOUT)
        server = Sshd(port, user, user_key, log, proc)
        if _listening(server):
            return server
        proc.kill()
        proc.wait(10)
        last = server.log_text()
        if "Address already in use" not in last:
            break
    if any(m in last for m in ("Address already in use", "Cannot bind", "Cannot assign requested address")):
        pytest.skip(f"sshd could not listen on 127.0.0.1: {last.strip()[-500:]}")
    pytest.fail(f"sshd did not start:\n{last}")


def _listening(server: Sshd) -> bool:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def stop_sshd(server: Sshd) -> None:
    if server.proc.poll() is None:
        server.proc.terminate()
        try:
            server.proc.wait(10)
        except subprocess.TimeoutExpired:
            server.proc.kill()
            server.proc.wait(10)
