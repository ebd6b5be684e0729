"""The kept copy reads a module's step text when the module opens, never at home (issue 22).

Home shows titles, step counts and progress; the steps' text (bodies, instructions, manus, quiz
text) is most of the course's memory. A real `tbp` start on a pty, the second one, which uses the
copy the first one kept, says which modules' steps hold their text at home and in a module.
"""

from __future__ import annotations

import ast
import os

import pytest

from tbp_tui import cli
from tbp_tui.course import cache, validate_course
from tbp_tui.course.cache import cache_file
from tbp_tui.course.model import Step

from ..pty_probe import HEADLESS_TBP, returning_learner, run_probe, start_env

PROBE = r"""
import sys
from textual.app import App

from tbp_tui.ui import app as ui_app

out = sys.argv[1]
TEXT = ("body", "manus", "innholdsnotis", "prompt", "instructions", "question", "options",
        "explanation", "items")


def holding_text(app):
    return sorted({m.id for m in app.course.modules for s in m.steps
                   if any(name in vars(s) for name in TEXT)})


async def at_home(pilot):
    await pilot.pause()
    home = holding_text(pilot.app)
    await pilot.press("enter")  # Start: the first module's overview
    await pilot.pause()
    await pilot.press("n")  # its first step
    await pilot.pause()
    module = pilot.app.screen.module.id
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(repr({"home": home, "opened": module,
                       "in module": holding_text(pilot.app)}))
    pilot.app.exit(0)

""" + HEADLESS_TBP


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    data = returning_learner(tmp_path_factory.mktemp("data"))
    out = data.parent / "text.txt"
    env = start_env(data, TBP_STRICT_CATALOG="1")
    run_probe(PROBE, out, env)  # the first start ever: read from the files, keeps the copy
    run_probe(PROBE, out, env)  # a returning learner's start: from the copy
    found = ast.literal_eval(out.read_text(encoding="utf-8"))
    assert isinstance(found, dict)
    return found


def test_home_holds_no_step_text(seen: dict[str, object]) -> None:
    assert seen["home"] == []


def test_opening_a_module_reads_its_text_and_no_other_module_s(seen: dict[str, object]) -> None:
    assert seen["in module"] == [seen["opened"]]


def _texts(step: Step) -> dict[str, object]:
    return {name: getattr(step, name) for name in type(step).text_fields}


def test_every_step_s_text_from_the_copy_is_the_files_text(make_course, tmp_path) -> None:
    root, data = make_course(), tmp_path / "data"
    cli.load_or_report(root, data, keep=True)
    for writer in list(cache._writing.values()):
        writer.join()
    kept = cli.load_or_report(root, data, keep=True)
    fresh, problems = validate_course(root)
    assert kept is not None and fresh is not None, problems
    for module, want in zip(kept.modules, fresh.modules, strict=True):
        assert [_texts(s) for s in module.steps] == [_texts(s) for s in want.steps]
    assert kept == fresh


def test_a_copy_damaged_after_the_start_reads_the_text_from_the_files(make_course, tmp_path) -> None:
    root, data = make_course(), tmp_path / "data"
    cache.save_cached(data / "cache", root, b"k" * 32, validate_course(root)[0])  # type: ignore[arg-type]
    kept = cache.load_cached(data / "cache", root, b"k" * 32)
    assert kept is not None
    file = cache_file(data / "cache", root)
    os.truncate(file, 40)  # the same file, cut in place while the app runs
    fresh = validate_course(root)[0]
    assert fresh is not None
    assert [[_texts(s) for s in m.steps] for m in kept.modules] == \
           [[_texts(s) for s in m.steps] for m in fresh.modules]


def test_a_copy_cut_short_is_not_used(make_course, tmp_path) -> None:
    root, data = make_course(), tmp_path / "data"
    cache.save_cached(data / "cache", root, b"k" * 32, validate_course(root)[0])  # type: ignore[arg-type]
    file = cache_file(data / "cache", root)
    whole = file.read_bytes()
    file.write_bytes(whole[:-1])  # only the last module's text is missing
    assert cache.load_cached(data / "cache", root, b"k" * 32) is None
    file.write_bytes(whole)
    assert cache.load_cached(data / "cache", root, b"k" * 32) is not None
