"""The command line in the first hour (issue 20): output a pipe can use, and counted words."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .course.conftest import FIXTURES, GOOD

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("TBP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tbp_tui", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=60)


def test_where_into_a_pipe_keeps_each_path_on_one_line(tmp_path):
    deep = tmp_path / ("en-svært-lang-mappe-for-å-se-om-stien-brytes-" * 3) / "data"
    r = _run("--data-dir", str(deep), "where")
    assert r.returncode == 0, r.stderr
    file = str(deep / "profiles" / "standard" / "progress.toml")
    assert any(file in line for line in r.stdout.splitlines()), r.stdout
    assert "│" not in r.stdout and "┃" not in r.stdout


def test_one_course_problem_is_one_to_fix(tmp_path, monkeypatch):
    root = tmp_path / "kurs"
    shutil.copytree(GOOD, root)
    shutil.copy(FIXTURES / "bad/quiz-answer/kk.toml", root / "kk.toml")
    r = _run("--course", str(root), "--data-dir", str(tmp_path / "data"), "progress")
    assert r.returncode != 0
    assert "har 1 problem" in r.stderr and "når du har rettet det." in r.stderr, r.stderr


def test_tasks_run_installs_the_app_without_the_test_extras(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("tasks_under_test", ROOT / "tasks.py")
    assert spec is not None and spec.loader is not None
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").touch()
    monkeypatch.setattr(tasks, "VENV", venv)
    monkeypatch.setattr(tasks, "BIN", venv / "bin")
    monkeypatch.setattr(tasks, "STAMP", venv / ".installed")
    ran: list[tuple[str, ...]] = []
    monkeypatch.setattr(tasks, "_run", lambda *cmd: ran.append(tuple(str(c) for c in cmd)))
    tasks.setup(test=False)
    installs = [cmd[-1] for cmd in ran if "install" in cmd and "-e" in cmd]
    assert installs == ["."]
    tasks.setup(test=True)  # `tasks.py test` adds the extras once
    tasks.setup(test=False)  # and `run` after that installs nothing more
    installs = [cmd[-1] for cmd in ran if "install" in cmd and "-e" in cmd]
    assert installs == [".", ".[test]"]
