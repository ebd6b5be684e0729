"""Set up a local .venv and run the app, the tests or the benchmark (bench/README.md).

Needs only Python 3.11 and pip, so the README's two commands work on a fresh machine:
    python3 tasks.py run     # set up and start the app on the bundled course
    python3 tasks.py test    # set up and run lint, type checks and the whole test suite
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
STAMP = VENV / ".installed"
#: A real Learning Record Store for the reporting tests, in a venv of its own: its server
#: dependencies (FastAPI, pydantic, uvicorn) have nothing to do with tbp's.
RALPH_VENV = ROOT / ".venv-ralph"
RALPH_REQUIREMENTS = ("ralph-malph[lrs,cli]==5.1.0", "requests")  # its lrs extra forgets requests


def _run(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], cwd=ROOT, check=True)


def setup(*, test: bool = True) -> None:
    """Create .venv and install the package, once per pyproject change; the test extras only
    for `setup` and `test` (`run` needs the app alone, and a learner has no use for pytest)."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = STAMP.read_text().split() if STAMP.exists() else []
    if stamp[:1] == [digest] and (not test or "test" in stamp[1:]):
        return
    if not (BIN / "python").exists():
        _run(sys.executable, "-m", "venv", VENV)
    _run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[test]" if test else ".")
    STAMP.write_text(f"{digest} test" if test else digest)


def setup_lrs() -> None:
    """Install Ralph for tests/report; a failure is said, and those tests skip with the reason."""
    stamp = RALPH_VENV / ".installed"
    wanted = " ".join(RALPH_REQUIREMENTS)
    if stamp.exists() and stamp.read_text() == wanted:
        return
    try:
        if not (RALPH_VENV / "bin" / "python").exists():
            _run(sys.executable, "-m", "venv", RALPH_VENV)
        _run(RALPH_VENV / "bin" / "python", "-m", "pip", "install", "--quiet", *RALPH_REQUIREMENTS)
    except subprocess.CalledProcessError:
        print("tasks: could not install the Ralph LRS; the reporting tests against it will skip")
        return
    stamp.write_text(wanted)


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "help"
    rest = argv[1:]
    try:
        if task == "setup":
            setup()
        elif task == "run":
            setup(test=False)
            os.execv(BIN / "tbp", [str(BIN / "tbp"), *rest])
        elif task == "test":
            setup()
            setup_lrs()
            _run(BIN / "ruff", "check", "tbp_tui", "tests", "bench", "tasks.py")
            _run(BIN / "mypy")
            _run(BIN / "python", "-m", "pytest", "-n", "2", *rest)
        elif task == "bench":
            setup()
            _run(BIN / "python", "bench/run.py", *rest)
        else:
            print(__doc__)
            return 0 if task == "help" else 2
    except subprocess.CalledProcessError as exc:
        return exc.returncode or 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
