"""Shared fixtures: the small fixture course, a fake clock and a real store in a temp folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tbp_tui.clock import FakeClock
from tbp_tui.course import load_course
from tbp_tui.course.model import Course
from tbp_tui.options import AppOptions
from tbp_tui.progress.store import ProgressStore
from tbp_tui.ui.app import TbpApp

FIXTURE_COURSE = Path(__file__).parent / "fixtures" / "course"


@pytest.fixture(autouse=True)
def _isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never touch the developer's own progress or colour settings."""
    monkeypatch.setenv("TBP_DATA_DIR", str(tmp_path / "data-env"))
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture(scope="session")
def course() -> Course:
    return load_course(FIXTURE_COURSE)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir(mode=0o700)
    return path


def open_store(data_dir: Path, clock: FakeClock) -> ProgressStore:
    return ProgressStore.open(data_dir, "standard", clock=clock.now)


MakeApp = Callable[..., TbpApp]


@pytest.fixture
def make_app(course: Course, data_dir: Path, clock: FakeClock) -> MakeApp:
    """A fresh app over a store re-opened from disk, like a restart of `tbp`.

    `first_start=True` offers the first-start page as `tbp` does; by default it is left out so
    tests (and snapshots) start on the home screen.
    """

    def make(*, first_start: bool = False, **options: object) -> TbpApp:
        store = open_store(data_dir, clock)
        return TbpApp(
            course, store, AppOptions(data_dir=data_dir, **options), clock,  # type: ignore[arg-type]
            first_start=first_start,
        )

    return make
