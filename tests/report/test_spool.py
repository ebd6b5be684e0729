"""The shared machine: participants drop statements into a spool they cannot read, and only the
service account, which alone can read the LRS credential, sends them — as their real owners."""

from __future__ import annotations

import contextlib
import json
import os
import site
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import write_config
from .lrs_server import Lrs

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SERVICE, ALICE, BOB = 65530, 65532, 65533
NOGROUP = 65534
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run processes as other uids")


def interpreter_for_others() -> str | None:
    """A Python of our version that another uid may run (a venv under a private folder is not)."""
    import stat

    for candidate in (sys.executable, f"/usr/bin/python{sys.version_info[0]}.{sys.version_info[1]}"):
        real = Path(os.path.realpath(candidate))
        if real.exists() and all(os.stat(p).st_mode & stat.S_IXOTH for p in [real, *real.parents]):
            return candidate
    return None


@pytest.fixture
def shared(lrs: Lrs) -> Iterator[tuple[Path, str]]:
    python = interpreter_for_others()
    if python is None:
        pytest.skip("no Python interpreter that other uids may run")
    base = Path(tempfile.mkdtemp(prefix="tbp-spool-test-"))  # not under pytest's 0700 tmp
    os.chmod(base, 0o755)
    etc = base / "etc"
    write_config(etc, lrs.endpoint, spool=str(base / "spool"))
    os.chmod(etc, 0o755)
    os.chmod(etc / "report.toml", 0o644)
    os.chown(etc / "lrs-password", SERVICE, SERVICE)  # 0600: only the service reads it
    spool = base / "spool"
    spool.mkdir()
    os.chown(spool, SERVICE, SERVICE)
    os.chmod(spool, 0o3733)  # setgid + sticky, rwx-wx-wx: drop, never list, never read others'
    try:
        yield base, python
    finally:
        subprocess.run(["rm", "-rf", str(base)], check=False)


def run_as(uid: int, gid: int, python: str, base: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(base), "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
           "TBP_SYSTEM_CONFIG_DIR": str(base / "etc"),
           "PYTHONPATH": os.pathsep.join([str(REPO), *site.getsitepackages()])}
    return subprocess.run([python, *args], env=env, cwd=base, user=uid, group=gid, extra_groups=[],
                          capture_output=True, text=True, timeout=60)


def participant(uid: int, base: Path, python: str, module_id: str) -> None:
    data = base / f"data-{uid}"
    data.mkdir(mode=0o700)
    os.chown(data, uid, NOGROUP)
    done = run_as(uid, NOGROUP, python, base, str(HERE / "spool_child.py"), str(data), module_id)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"uid": uid, "error": None}


@needs_root
def test_participants_cannot_read_the_spool_or_the_credential_and_the_service_sends_as_their_owner(
        shared: tuple[Path, str], lrs: Lrs) -> None:
    base, python = shared
    participant(ALICE, base, python, "kort-intro")
    participant(BOB, base, python, "kk1")
    spool = base / "spool"
    files = sorted(spool.iterdir())
    # each: (initialized + completed) at its save, terminated at its end, and one forged file
    assert len(files) == 6 and all(f.stat().st_mode & 0o777 == 0o640 for f in files)
    alice_file = next(f for f in files if f.stat().st_uid == ALICE)
    probe = (
        "import json, os, sys\n"
        "out = {}\n"
        "for name, act in [('list', lambda: os.listdir(sys.argv[1])),"
        " ('read', lambda: open(sys.argv[2]).read()), ('remove', lambda: os.unlink(sys.argv[2])),"
        " ('secret', lambda: open(sys.argv[3]).read())]:\n"
        "    try:\n        act(); out[name] = 'allowed'\n"
        "    except PermissionError:\n        out[name] = 'refused'\n"
        "print(json.dumps(out))\n")
    seen = run_as(BOB, NOGROUP, python, base, "-c", probe, str(spool), str(alice_file),
                  str(base / "etc" / "lrs-password"))
    assert json.loads(seen.stdout) == {"list": "refused", "read": "refused", "remove": "refused",
                                       "secret": "refused"}, seen.stderr
    # a participant cannot send either: the credential is the service's alone
    sent = run_as(ALICE, NOGROUP, python, base, "-m", "tbp_tui", "report", "flush", "--spool")
    assert sent.returncode != 0 and "Traceback" not in sent.stderr
    assert lrs.statements() == []
    flushed = run_as(SERVICE, SERVICE, python, base, "-m", "tbp_tui", "report", "flush", "--spool")
    assert flushed.returncode == 0, flushed.stderr
    assert list(spool.iterdir()) == []
    found = lrs.statements()
    by_owner: dict[str, set[str]] = {}
    for statement in found:
        name = statement["actor"]["account"]["name"]  # type: ignore[index]
        by_owner.setdefault(name, set()).add(statement["object"]["id"].rsplit("/", 1)[-1])  # type: ignore[index]
    names = {ALICE: f"uid{ALICE}", BOB: f"uid{BOB}"}
    import pwd

    for uid in (ALICE, BOB):
        with contextlib.suppress(KeyError):
            names[uid] = pwd.getpwuid(uid).pw_name
    # each owner's completion, and the forged «kari» file counted as its real owner's
    assert by_owner == {names[ALICE]: {"livet-skjer", "kort-intro", "kk5"},
                        names[BOB]: {"livet-skjer", "kk1", "kk5"}}
    assert "00000000-0000-5000-8000-000000000000" not in {s["id"] for s in found}
