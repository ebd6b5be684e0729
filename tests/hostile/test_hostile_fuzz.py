"""Hostile strings (ESC/OSC/C1/bidi, deep nesting, large sizes) through every output path: the
full app, plain mode, validate, progress and export. No raw escape byte reaches the terminal and
nothing raises. Examples are few (the app is slow to start); the fixed sequences in HOSTILE make
every run meet the known attacks."""

from __future__ import annotations

import contextlib
import io
import shutil

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from tbp_tui.cli import cmd_validate
from tbp_tui.course import load_course
from tbp_tui.course.model import Course, TextStep
from tbp_tui.i18n import Catalog
from tbp_tui.options import AppOptions
from tbp_tui.plain import run_plain
from tbp_tui.progress.commands import cmd_export, cmd_progress
from tbp_tui.progress.store import ProgressStore
from tbp_tui.record import replace

from .hostile_course import FIXTURE

NB = Catalog("nb")
HOSTILE = ["\x1b]52;c;cm0gLXJmIH4=\x07", "\x1b]0;pwned\x07", "\x1b[2J\x1b[H", "\x9b31m", "\x9d0;x\x9c",
           "\u202e", "\u2066", "\x1bP+q\x1b\\", "\r\x1b[A", "\x07", "\x00"]
RAW = ["\x1b", "\x07", "\x9b", "\x9d", "\x9c", "\u202e", "\u2066", "\x00"]
pieces = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20),
    st.sampled_from(["*a " * 2000, ">" * 300 + " x", "[" * 3000, "- " * 500, "*" * 5000]),
)
hostile = st.lists(pieces, min_size=1, max_size=6).map("".join)
SETTINGS = settings(max_examples=12, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def clean(text: str) -> bool:
    return not any(c in text for c in RAW)


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(FIXTURE)


def _with_text(course: Course, text: str) -> Course:
    """The course with `text` as the first module's title, first step's title and body."""
    module = course.modules[0]
    step = next(s for s in module.steps if isinstance(s, TextStep))
    new_step = replace(step, title=text or "x", body=text or "x")
    steps = tuple(new_step if s is step else s for s in module.steps)
    new_module = replace(module, title=text or "x", steps=steps)
    return replace(course, modules=(new_module, *course.modules[1:]))


@SETTINGS
@given(text=hostile)
def test_plain_mode(course: Course, tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    store = ProgressStore.open(tmp_path_factory.mktemp("d"), "kari")
    out = io.StringIO()
    run_plain(_with_text(course, text), store, AppOptions(lang="nb", profile="kari"),
              inp=io.StringIO(f"1\n\n\n{text}\n\nm\nq\nj\n"), out=out)
    assert clean(out.getvalue())


@SETTINGS
@given(text=hostile)
def test_validate(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    root = tmp_path_factory.mktemp("v") / "kurs"
    shutil.copytree(FIXTURE, root)
    intro = root / "kort-intro.toml"
    data = intro.read_text(encoding="utf-8")
    extra = tomli_w.dumps({"id": text, "x": {text: text}, "body": text})
    intro.write_text(data.replace('id = "kort-intro"\n', "") + "\n" + extra, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cmd_validate([root], t=NB)
    assert status in (0, 1)
    assert clean(out.getvalue()) and clean(err.getvalue())


@SETTINGS
@given(text=hostile)
def test_progress_and_export(course: Course, tmp_path_factory: pytest.TempPathFactory,
                             text: str) -> None:
    data = tmp_path_factory.mktemp("p")
    store = ProgressStore.open(data, "kari")
    store.mark_seen(text or "m", "s")
    store.set_reflection(course.modules[0].id, "velkommen", text)
    assert store.save()
    hostile_course = _with_text(course, text)
    for command in ("progress", "export"):
        buffer = io.StringIO()
        terminal = Console(file=buffer, width=100, force_terminal=True, color_system=None)
        if command == "progress":
            cmd_progress(hostile_course, data, "kari", terminal, t=NB)
        else:
            cmd_export(hostile_course, data, "kari", "md", None, terminal, t=NB)
        assert clean(buffer.getvalue()), command


@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=hostile)
def test_full_app(course: Course, tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    import asyncio

    from tbp_tui.clock import FakeClock
    from tbp_tui.ui.app import TbpApp
    from tests.ui.helpers import screen_text

    async def walk() -> list[str]:
        store = ProgressStore.open(tmp_path_factory.mktemp("a"), "standard")
        app = TbpApp(_with_text(course, text), store, AppOptions(lang="nb"), FakeClock())
        seen = []
        async with app.run_test(size=(80, 24)) as pilot:
            seen.append(screen_text(app))
            app.open_module(course.modules[0].id)
            await pilot.pause()
            seen.append(screen_text(app))
            await pilot.press("n")
            await pilot.pause()
            seen.append(screen_text(app))
        return seen

    for shown in asyncio.run(walk()):
        assert clean(shown)

