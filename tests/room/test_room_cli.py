"""``tbp room …`` from the command line: exit codes, messages, never a traceback."""

from __future__ import annotations

import grp
import os
import pwd
import shlex
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tbp_tui.cli import main
from tbp_tui.room import ParticipantLink

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """No language asked for: output in bokmål (tests/test_cli_language.py covers English)."""
    for var in ("TBP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)


def tbp(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a fresh interpreter, as a user would run it."""
    full = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([sys.executable, "-m", "tbp_tui", *args], capture_output=True, text=True,
                          env=full, timeout=60, check=False)


def test_accounts_prints_useradd_lines_for_the_group(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["room", "accounts", "3", "--group", "kurs-rom", "--prefix", "elev"]) == 0
    out = capsys.readouterr().out
    shell_part = out[:out.index("cat >> /etc/ssh/sshd_config")]
    commands = [shlex.split(line) for line in shell_part.splitlines() if line and not line.startswith("#")]
    assert commands[:2] == [["groupadd", "-f", "kurs-rom"], ["groupadd", "-f", "tbp-kursledere"]]
    users = [argv for argv in commands if argv[0] == "useradd"]
    assert len(users) == 4
    assert users[0][users[0].index("--groups") + 1] == "tbp-kursledere,kurs-rom"
    assert users[0][-1] == "kursleder"
    for number, argv in enumerate(users[1:], start=1):
        assert argv[argv.index("--groups") + 1] == "kurs-rom"
        assert argv[argv.index("--shell") + 1] == "/bin/sh"
        assert argv[-1] == f"elev{number:02d}"
    root = os.environ["TBP_ROOM_ROOT"]  # the room root tbp would use, as IT must make it
    assert ["install", "-d", "-o", "root", "-g", "tbp-kursledere", "-m", "1775", root] in commands
    assert "chpasswd" not in out
    assert out.startswith("# 3 deltakerkontoer i gruppa kurs-rom. tbp kjører ingenting selv")
    assert "passwd" in out  # how to give each account a password, one by one


def test_accounts_never_runs_anything(capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tbp room accounts tried to run a program")

    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(os, "system", refuse)
    assert main(["room", "accounts", "200"]) == 0
    assert capsys.readouterr().out.count("useradd ") == 201  # and the facilitator's


@pytest.mark.parametrize("count", ["0", "201", "x", "-1", "2.5", ""])
def test_accounts_with_a_bad_count_says_so(count: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["room", "accounts", count]) == 2
    captured = capsys.readouterr()
    assert "COUNT" in captured.err and "200" in captured.err
    assert captured.out == ""


@pytest.mark.parametrize(("option", "value"), [("--prefix", "Deltaker"), ("--prefix", "a;rm"),
                                               ("--group", "1abc"), ("--shell", "sh -c x")])
def test_accounts_refuses_names_that_are_not_unix_names(option: str, value: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["room", "accounts", "2", option, value]) == 2
    assert option in capsys.readouterr().err


def test_open_twice_fails_the_second_time_with_a_message(tmp_path: Path) -> None:
    root = tmp_path / "rooms"
    root.mkdir(mode=0o755)
    first = tbp("room", "open", "mandag", "--room-root", str(root))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Rommet «mandag» er åpnet.\n")
    assert str(root / "mandag") in first.stdout
    assert "tbp --room mandag" in first.stdout
    group_line = next(line for line in first.stdout.splitlines() if "gruppe:" in line)
    assert group_line.split()[1] == grp.getgrgid(os.getegid()).gr_name
    second = tbp("room", "open", "mandag", "--room-root", str(root))
    assert second.returncode == 1
    assert "finnes allerede" in second.stderr and "mandag" in second.stderr
    assert "Traceback" not in second.stderr


def test_open_status_close_through_the_environment(tmp_path: Path) -> None:
    env = {"TBP_ROOM_ROOT": str(tmp_path / "env-root")}
    (tmp_path / "env-root").mkdir(mode=0o755)
    assert tbp("room", "open", "tirsdag", env=env).returncode == 0
    now = datetime.now(UTC)
    link = ParticipantLink.join(tmp_path / "env-root", "tirsdag", "Åse", lambda: now)
    link.report("m1", "s2", False)
    status = tbp("room", "status", "tirsdag", env=env)
    assert status.returncode == 0, status.stderr
    row = next(line for line in status.stdout.splitlines() if line.startswith("Åse"))
    assert row.split()[:4] == ["Åse", f"({pwd.getpwuid(os.geteuid()).pw_name})", "m1", "s2"]
    assert "blar selv" in row and "s siden" in row
    assert status.stdout.splitlines()[1].split() == ["profil", "modul", "steg", "følger", "sist", "sett"]
    closed = tbp("room", "close", "tirsdag", env=env)
    assert closed.returncode == 0
    assert not (tmp_path / "env-root" / "tirsdag").exists()
    again = tbp("room", "close", "tirsdag", env=env)
    assert again.returncode == 1 and "finnes ikke" in again.stderr


@pytest.mark.parametrize("argv", [
    ["room", "open", "Bad Name"],
    ["room", "open", "ok", "--group", "no-such-group-here"],
    ["room", "status", "nope"],
    ["room", "close", "../etc"],
    ["room", "accounts", "many"],
    ["room"],
])
def test_bad_input_gives_a_message_and_no_traceback(argv: list[str], tmp_path: Path) -> None:
    result = tbp(*argv, env={"TBP_ROOM_ROOT": str(tmp_path / "rooms")})
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()
    assert not (tmp_path / "rooms" / "ok").exists()


def test_an_unsafe_root_is_refused_by_open(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "rooms"
    root.mkdir()
    os.chmod(root, 0o777)
    assert main(["room", "open", "kurs", "--room-root", str(root)]) == 1
    err = capsys.readouterr().err
    assert str(root) in err and "alle kan opprette" in err


def test_the_printed_sshd_block_is_the_guides_and_does_not_catch_facilitators(
        capsys: pytest.CaptureFixture[str]) -> None:
    from tbp_tui.room.commands import sshd_block
    from tests.integration.sshd import doc_sshd_block

    assert doc_sshd_block() == sshd_block()
    assert main(["room", "accounts", "2"]) == 0
    out = capsys.readouterr().out
    assert sshd_block() in out
    lines = sshd_block().splitlines()
    assert lines[0] == "Match Group tbp-rom,!tbp-kursledere"
    assert "ForceCommand /usr/local/bin/tbp --room-from-ssh" in lines[1]
    keepalive = {k: int(v) for k, v in (line.split() for line in lines if "ClientAlive" in line)}
    # measured behind a frozen link: the cut comes after about 2 × (CountMax + 1) × Interval
    assert 90 <= 2 * (keepalive["ClientAliveCountMax"] + 1) * keepalive["ClientAliveInterval"] <= 150


def test_room_from_ssh_takes_the_typed_room_else_the_only_one_open(tmp_path: Path) -> None:
    from tbp_tui.room import open_room
    from tbp_tui.room.commands import room_from_ssh

    root = tmp_path / "rooms"
    root.mkdir(mode=0o755)
    now = datetime.now(UTC)
    assert room_from_ssh({"SSH_ORIGINAL_COMMAND": "mandag"}, root) == "mandag"
    assert room_from_ssh({"SSH_ORIGINAL_COMMAND": "touch /tmp/x; echo hi"}, root) is None
    assert room_from_ssh({}, root) is None  # no room open
    open_room(root, "tirsdag", group=None, now=now)
    (root / ".closed-gammel-1234").mkdir()  # a closed room moved aside is not a room
    assert room_from_ssh({}, root) == "tirsdag"
    open_room(root, "onsdag", group=None, now=now)
    assert room_from_ssh({}, root) is None  # several: tbp starts without one
    assert room_from_ssh({}, tmp_path / "nowhere") is None
