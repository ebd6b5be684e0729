"""Waiting for a `tbp serve` process the tests started to say where it listens."""

from __future__ import annotations

import subprocess
import time

READY = "tbp serve: http"


def wait_until_serving(process: subprocess.Popen[str], timeout: float = 60) -> list[str]:
    """The lines the server printed, up to and including its «tbp serve: http…» line; the last
    line is anything else when it exited or did not get there within `timeout` seconds."""
    assert process.stdout is not None
    said: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        said.append(line)
        if line.startswith(READY):
            break
    return said


def stop(process: subprocess.Popen[str], timeout: float = 20) -> None:
    """Ask the server to end (it ends its tabs), and kill it if it has not within `timeout`."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
