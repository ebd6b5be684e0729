"""Guessing a passphrase from many processes at once is no faster than from one.

A participant on a shared account can start one tbp per SSH login. Real processes here: four
`tbp --plain --profile anna` at their passphrase prompt get a wrong passphrase at the same
moment; the tries take turns 0, 0, 1 and 3 s apart (as one process's would), and the record
of wrong tries survives the processes. Unit tests beside them: the record is tamper-tolerant.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

from tbp_tui.progress.attempts import MAX_DELAY, RECORD_NAME, UnlockTurns, failure_delay
from tbp_tui.session.passphrase import try_unlock

from .conftest import PASSPHRASE, cheap_seal, protected_profile

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_COURSE = ROOT / "tests" / "ui" / "fixtures" / "course"
PROMPT = b"Passordfrasen for"


def _start(data: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TBP_DATA_DIR": str(data), "TERM": "dumb", "LANG": "C.UTF-8"}
    return subprocess.Popen([sys.executable, "-m", "tbp_tui", "--course", str(FIXTURE_COURSE), "--plain",
                             "--profile", "anna"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)


def _read_until(proc: subprocess.Popen[bytes], needle: bytes, timeout: float) -> bytes:
    assert proc.stdout is not None
    fd, seen = proc.stdout.fileno(), b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"no {needle!r} in {seen!r}"
        if select.select([fd], [], [], left)[0]:
            chunk = os.read(fd, 4096)
            assert chunk, f"ended before {needle!r}: {seen!r}"
            seen += chunk
    return seen


def test_four_processes_guessing_at_once_take_turns(data: Path) -> None:
    protected_profile(data)
    procs = [_start(data) for _ in range(4)]
    try:
        for proc in procs:  # every one is at its prompt before anyone types
            _read_until(proc, PROMPT, 120)
        sent = time.monotonic()
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write(b"feil frase\n")
            proc.stdin.flush()
        outs = []
        for proc in procs:
            out = _read_until(proc, b"Feil passordfrase", 60)
            outs.append(out)
        took = time.monotonic() - sent
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.close()  # no second try: each ends at its next prompt
            proc.wait(60)
            assert proc.stdout is not None
            outs[-1] += proc.stdout.read()
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    text = b"".join(outs).decode()
    assert took >= 3.0, f"four tries in {took:.2f} s"  # turns at 0, 0, 1 and 3 s
    assert "Venter 1 s" in text and "Venter 3 s" in text
    assert "failures = 4" in (data / "profiles" / "anna" / RECORD_NAME).read_text()
    assert "Traceback" not in text


class Clock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


def test_the_right_passphrase_clears_the_turns_for_the_next_process(data: Path) -> None:
    header = protected_profile(data, seal=cheap_seal()).header()
    clock = Clock()
    waits: list[float] = []
    for _ in range(4):
        assert try_unlock(header, "feil", 0, waits.append, UnlockTurns(data, "anna", clock))[0] is None
    assert waits == [1.0, 3.0]  # tries 1 and 2 at once, then 1 s, then 2 s more (no time passes here)
    clock.t += 60
    seal, failures = try_unlock(header, PASSPHRASE, 0, waits.append, UnlockTurns(data, "anna", clock))
    assert seal is not None and failures == 0
    assert not (data / "profiles" / "anna" / RECORD_NAME).exists()
    assert UnlockTurns(data, "anna", clock).take() == (0.0, 1)


def test_a_damaged_or_planted_record_never_blocks_for_long(data: Path) -> None:
    protected_profile(data)
    record = data / "profiles" / "anna" / RECORD_NAME
    clock = Clock()
    for planted in (b"failures = 99\nnot_before = 1e300\n", b"[[[[", b"\xff\xfe", b"failures = true\n",
                    b"failures = 3\nnot_before = nan\n", b"x" * 5000):
        record.write_bytes(planted)
        wait, failures = UnlockTurns(data, "anna", clock).take()
        assert 0.0 <= wait <= MAX_DELAY and failures >= 1, planted[:20]
    record.unlink()
    record.symlink_to(data / "elsewhere.toml")  # a link is never followed, and never written through
    assert UnlockTurns(data, "anna", clock).take() == (0.0, 1)
    assert not (data / "elsewhere.toml").exists()
    assert failure_delay(10**6) == MAX_DELAY
