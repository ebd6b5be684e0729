"""A real Ralph LRS on 127.0.0.1 for the reporting tests.

Ralph lives in its own venv (``.venv-ralph``, made by ``python3 tasks.py setup``; ``TBP_RALPH_PYTHON``
names another interpreter), because its server dependencies have nothing to do with tbp's.
``ralph runserver`` always runs uvicorn's file-watching reloader, which restarts the server
whenever its file backend writes below the working folder, and its file backend refuses a second
write (see ralph_app.py); the tests therefore start Ralph's ASGI app with uvicorn directly,
without the reloader, through ralph_app.py.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
USER, PASSWORD = "tbp-test", "not-a-real-secret"


def ralph_python() -> Path | None:
    given = os.environ.get("TBP_RALPH_PYTHON")
    candidate = Path(given) if given else ROOT / ".venv-ralph" / "bin" / "python"
    return candidate if candidate.exists() else None


@dataclass
class Lrs:
    python: Path
    folder: Path
    port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "RALPH_APP_DIR": str(self.folder / "app"),
            "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "data"),
        }

    def write_auth(self) -> None:
        code = ("import bcrypt, json, sys; print(json.dumps([{'agent': {'objectType': 'Agent', "
                "'account': {'homePage': 'https://lrs.test', 'name': sys.argv[1]}}, 'scopes': ['all'], "
                "'username': sys.argv[1], 'hash': bcrypt.hashpw(sys.argv[2].encode(), "
                "bcrypt.gensalt(4)).decode()}]))")
        out = subprocess.run([str(self.python), "-c", code, USER, PASSWORD], check=True,
                             capture_output=True, text=True).stdout
        (self.folder / "auth.json").write_text(out)

    def start(self, timeout: float = 30.0) -> None:
        for sub in ("app", "data", "run"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        if not (self.folder / "auth.json").exists():
            self.write_auth()
        self.process = subprocess.Popen(
            [str(self.python), "-m", "uvicorn", "ralph_app:app", "--app-dir", str(HERE),
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"],
            cwd=self.folder / "run", env=self.env(), stdout=subprocess.DEVNULL,
            stderr=open(self.folder / "server.log", "ab"), start_new_session=True)  # noqa: SIM115
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph exited: {(self.folder / 'server.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("Ralph did not answer /__heartbeat__ in time")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def statements(self, **params: str) -> list[dict[str, object]]:
        """Every statement the LRS holds (following ``more``), read with the test credential."""
        import base64
        import urllib.parse

        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        url = f"{self.endpoint}/statements?{urllib.parse.urlencode({'limit': '500', **params})}"
        found: list[dict[str, object]] = []
        while url:
            request = urllib.request.Request(url, headers={"Authorization": f"Basic {token}",
                                                           "X-Experience-API-Version": "1.0.3"})
            with urllib.request.urlopen(request, timeout=10) as response:
                page = json.loads(response.read())
            found += page["statements"]
            more = page.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more else ""
        return found

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
