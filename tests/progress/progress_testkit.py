"""Helpers for the progress-store tests (imported by name; conftest puts this folder on
sys.path so it works in any pytest import mode)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for child processes: the repo importable, home pointed away."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if extra:
        env.update(extra)
    return env


def run_python(code: str, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )


def tree(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every path under root with (mode, size, mtime_ns): to prove nothing changed."""
    result: dict[str, tuple[int, int, int]] = {}
    if not root.exists():
        return result
    for path in [root, *sorted(root.rglob("*"))]:
        st = path.lstat()
        result[str(path.relative_to(root.parent))] = (st.st_mode, st.st_size, st.st_mtime_ns)
    return result


@dataclass(frozen=True)
class FakeStep:
    id: str
    title: str
    kind: str = "text"
    prompt: str | None = None
    question: str | None = None
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class FakeModule:
    id: str
    title: str
    steps: tuple[FakeStep, ...] = ()
    kind: str = "competency"


@dataclass(frozen=True)
class FakeCourse:
    title: str
    modules: tuple[FakeModule, ...] = field(default_factory=tuple)


def sample_course() -> FakeCourse:
    return FakeCourse(
        title="Livet skjer med oss alle",
        modules=(
            FakeModule(
                "kk1",
                "Kjernekompetanse 1: Forstå traumer",
                (
                    FakeStep("hva-er-traume", "Hva er et traume?"),
                    FakeStep(
                        "egen-erfaring",
                        "Din erfaring",
                        "reflection",
                        prompt="Tenk på en dag på jobb da noen reagerte sterkt.",
                    ),
                    FakeStep(
                        "sjekk",
                        "Sjekk forståelsen",
                        "quiz",
                        question="Hva er traumet?",
                        options=("Hendelsen", "Skaden etter hendelsen"),
                    ),
                ),
            ),
            FakeModule(
                "kk2",
                "Kjernekompetanse 2: Trygghet",
                (FakeStep("trygghet", "Trygghet"), FakeStep("pause", "Pause")),
            ),
            FakeModule(
                "sikkerhetsplan",
                "Sikkerhetsplan – sjekkliste",
                (FakeStep("kartlegging", "Kartlegging", "checklist"),
                 FakeStep("egne-tanker", "Egne tanker", "reflection", prompt="Hva tar du med deg?")),
                "checklist",
            ),
        ),
    )
