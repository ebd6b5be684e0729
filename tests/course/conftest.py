from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"


@pytest.fixture
def make_course(tmp_path: Path):
    """A copy of the good fixture course with one bad fixture's files laid over it."""

    def make(bad: str | None = None) -> Path:
        root = tmp_path / "kurs"
        shutil.copytree(GOOD, root)
        if bad is not None:
            for f in (FIXTURES / "bad" / bad).iterdir():
                shutil.copy(f, root / f.name)
        return root

    return make


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Course files count as settled at once (they were copied here a moment ago), so a start
    takes a stat key (course/cache.py) and, with no copy, reads the course in a child."""
    from tbp_tui.course import cache

    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)
