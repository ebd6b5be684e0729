"""Plain mode through a real pipe, then the full app sees the same progress."""

from __future__ import annotations

import io
import itertools
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tbp_tui.course import bundled_course_dir, load_course
from tbp_tui.course.cache import cache_file
from tbp_tui.options import AppOptions
from tbp_tui.plain import PlainMode, Quit, markdown_as_text, needs_plain
from tbp_tui.progress.paths import cache_dir
from tbp_tui.ui.screens.home import HomeScreen

from .conftest import FIXTURE_COURSE, open_store
from .helpers import module_screen, screen_text

ROOT = Path(__file__).resolve().parents[2]
ANSWER = "Svar fra \x1b[31mplain\x1b[0m [bold]modus[/bold]"


def run_tbp_through_pipe(data_dir: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TBP_DATA_DIR": str(data_dir), "TERM": "dumb"}
    return subprocess.run([sys.executable, "-m", "tbp_tui", "--course", str(FIXTURE_COURSE), *args],
                          input=script, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)


async def test_plain_mode_through_a_pipe_then_the_full_app(make_app, data_dir, clock):
    # kk-test is module 2; its first three steps: a text, a reflection, an exercise.
    script = f"2\n\n{ANSWER}\nlinje to\n\n\nq\n"
    result = run_tbp_through_pipe(data_dir, script)
    assert result.returncode == 0, result.stderr
    assert "ikke en terminal" in result.stderr  # fell back, and said so
    out = result.stdout
    assert "Steg 1 av 8" in out and "Steg 3 av 8" in out and "Steg 4 av 8" not in out
    assert "\x1b" not in out  # nothing the learner typed reached the terminal as an escape

    store = open_store(data_dir, clock)
    kk = store.progress.modules["kk-test"]
    assert kk.reflections["egen-erfaring"].text == f"{ANSWER}\nlinje to"
    assert kk.seen[:3] == ["hva-er-et-traume", "egen-erfaring", "droft-i-par"]
    assert cache_file(cache_dir(data_dir), FIXTURE_COURSE).is_file()  # the next start skips reading

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert "3 av 8 steg sett" in screen_text(app)
        await pilot.press("enter")  # Fortsett
        await pilot.pause()
        screen = module_screen(app)
        assert screen.steps[screen.index].id == "droft-i-par"
        await pilot.press("p")
        await pilot.pause()
        assert "[bold]modus[/bold]" in screen_text(app)


def test_plain_flag_in_a_terminal_does_not_announce_a_fallback(data_dir):
    result = run_tbp_through_pipe(data_dir, "q\n", "--plain")
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize(("lang", "said"), [("nb", "kan ikke følges i enkel tekstmodus"),
                                           ("en", "cannot be followed in plain text mode")])
def test_plain_mode_says_it_cannot_follow_a_room_instead_of_ignoring_it(data_dir, lang, said):
    """17.12: `ssh -T` or --plain with --room used to open the course as if no room was asked for."""
    result = run_tbp_through_pipe(data_dir, "q\n", "--plain", "--room", "kurs", "--lang", lang)
    assert result.returncode == 0, result.stderr
    assert said in result.stderr and "«kurs»" in result.stderr
    assert "Traceback" not in result.stderr


def test_end_of_input_quits_cleanly_and_guest_saves_nothing(tmp_path):
    result = run_tbp_through_pipe(tmp_path / "data", "2\n\nnoe\n", "--guest")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "Ingenting ble lagret" in result.stdout
    assert not (tmp_path / "data").exists()


def _session(course, data_dir, clock, text: str) -> tuple[PlainMode, io.StringIO]:
    out = io.StringIO()
    mode = PlainMode(course, open_store(data_dir, clock), AppOptions(), io.StringIO(text), out, clock)
    return mode, out


def test_quiz_wrong_then_right_is_recorded(course, data_dir, clock):
    module = course.module("kk-test")
    quiz = module.step("sjekk-forstaelsen")
    wrong = next(n for n in range(1, len(quiz.options) + 1) if not quiz.is_correct(n))
    right = min(quiz.correct)
    mode, out = _session(course, data_dir, clock, f"{wrong}\n{right}\n\n")
    mode.quiz(module, quiz)
    text = out.getvalue()
    assert text.index("Ikke riktig") < text.index("Riktig.")
    attempts = open_store(data_dir, clock).progress.modules["kk-test"].quiz["sjekk-forstaelsen"]
    assert [(a.chosen, a.correct) for a in attempts] == [([wrong], False), ([right], True)]


def test_menu_says_the_checklist_is_not_stored_instead_of_counting_its_steps(course, data_dir, clock):
    mode, _out = _session(course, data_dir, clock, "")
    plan = course.module("sikkerhetsplan")
    assert mode.explored(plan) == "lagres ikke"
    assert mode.explored(course.module("kk-test")).startswith("0 av 8 steg sett")


class TickingInput(io.StringIO):
    """Input where each line arrives some minutes after the last, on the fake clock."""

    def __init__(self, text: str, clock, seconds: float) -> None:
        super().__init__(text)
        self.clock, self.seconds = clock, seconds

    def readline(self, size: int = -1) -> str:  # type: ignore[override]
        self.clock.advance(self.seconds)
        return super().readline(size)


def test_timer_tells_time_left_then_time_up_and_never_moves_on(course, data_dir, clock):
    module = course.module("kk-test")
    steps = module.steps_for(None)
    index = next(i for i, s in enumerate(steps) if s.id == "droft-i-par")
    seconds = steps[index].timer_seconds
    out = io.StringIO()
    inp = TickingInput("t\nt\nt\nt\n", clock, seconds * 0.4)  # start, 3:00, 1:00, up
    mode = PlainMode(course, open_store(data_dir, clock), AppOptions(), inp, out, clock)
    with pytest.raises(Quit):  # input ends; the timer itself never moved to another step
        mode.step(module, steps, index)
    text = out.getvalue()
    assert seconds == 300
    assert "Igjen: 3:00." in text and "Igjen: 1:00." in text
    assert text.count("Tiden er ute.") == 1
    assert f"Steg {index + 2} av" not in text


def test_a_long_timer_reads_as_hours_as_in_the_app(course, data_dir, clock):
    module = course.module("kk-test")
    steps = list(module.steps_for(None))
    index = next(i for i, s in enumerate(steps) if s.id == "droft-i-par")
    steps[index] = replace(steps[index], timer_seconds=7200)
    out = io.StringIO()
    inp = TickingInput("t\nt\n", clock, 1800)
    mode = PlainMode(course, open_store(data_dir, clock), AppOptions(), inp, out, clock)
    with pytest.raises(Quit):
        mode.step(module, tuple(steps), index)
    assert "Igjen: 1:30:00." in out.getvalue()


def test_markdown_emphasis_is_dropped_for_screen_readers():
    assert markdown_as_text("Et **viktig** og *lite* ord.\n\n- punkt") == "Et viktig og lite ord.\n\n- punkt"


def test_needs_plain_for_pipes_and_dumb_terminals():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert needs_plain(io.StringIO(), Tty(), "xterm") == "not-a-terminal"
    assert needs_plain(Tty(), Tty(), "dumb") == "dumb-terminal"
    assert needs_plain(Tty(), Tty(), "xterm-256color") is None


# ------------------------------------------------------------------ text reflowed, never split in a word


def _bundled_step_with_line_breaks():
    from tbp_tui.course import bundled_course_dir, load_course

    bundled = load_course(bundled_course_dir())
    module = bundled.module("kort-intro")
    step = next(s for s in module.steps if "gå med et enkelt" in getattr(s, "body", "").replace("\n", " "))
    return bundled, module, step


def _words(text: str) -> list[str]:
    return markdown_as_text(text).split()


@pytest.mark.parametrize("width", [None, 80, 40])
def test_body_text_is_reflowed_at_word_boundaries(data_dir, clock, width):
    bundled, module, step = _bundled_step_with_line_breaks()
    out = io.StringIO()
    kwargs = {} if width is None else {"width": width}
    mode = PlainMode(bundled, open_store(data_dir, clock), AppOptions(), io.StringIO(), out, clock, **kwargs)
    mode.show(module, step)
    lines = out.getvalue().splitlines()
    assert [w for line in lines for w in line.split()] == _words(step.body)  # no word split or lost
    item = re.compile(r" *([-*]|\d+\.) ")
    paragraphs = [p.splitlines() for p in markdown_as_text(step.body).split("\n\n") if p.strip()]
    logical = sum(sum(1 for line in p if item.match(line)) or 1 for p in paragraphs)
    if width is None:  # a pipe or a screen reader: one logical line per paragraph or list item
        assert len([line for line in lines if line]) == logical
        assert any("Den kan ikke si hvordan det vil gå med et enkelt menneske." in line for line in lines)
    else:
        assert max(len(line) for line in lines) <= width


@pytest.mark.parametrize("width", range(20, 46))
def test_plain_mode_keeps_a_number_on_the_line_of_its_unit(data_dir, clock, width):
    """As in the full app: «20 %», «5 minutter» and «116 123» are never split over two lines."""
    body = "Omtrent tjue av hundre har opplevd det: 20 % av dem. Ring 116 123 eller ta 5 minutter."
    out = io.StringIO()
    mode = PlainMode(load_course(bundled_course_dir()), open_store(data_dir, clock), AppOptions(),
                     io.StringIO(), out, clock, width=width)
    mode.say(body)
    lines = out.getvalue().splitlines()
    assert " ".join(lines).split() == body.split()
    for left, right in (("20", "%"), ("116", "123"), ("5", "minutter")):
        assert not any(a.endswith(left) and b.startswith(right) for a, b in itertools.pairwise(lines)), lines


def test_a_pipe_gets_one_line_per_paragraph(data_dir):
    """Through a real pipe the width is unknown: the course files' own line breaks are gone."""
    result = subprocess.run([sys.executable, "-m", "tbp_tui", "--plain"], input="1\n" + "\n" * 12 + "q\n",
                            capture_output=True, text=True, cwd=ROOT, timeout=60,
                            env={**os.environ, "TBP_DATA_DIR": str(data_dir), "TERM": "dumb"})
    assert result.returncode == 0, result.stderr
    assert "Den kan ikke si hvordan det vil gå med et enkelt menneske." in result.stdout


def test_enter_at_a_fresh_menu_begins_the_first_module(course, data_dir, clock):
    mode, out = _session(course, data_dir, clock, "\n")
    mode.run()
    text = out.getvalue()
    assert f"Enter. Begynn med {course.modules[0].title}" in text
    assert "Steg 1 av" in text and "kjenner jeg ikke igjen" not in text


def test_plain_mode_says_where_it_stores_before_anything_is_written(tmp_path):
    """The full app's first start names the progress file; plain mode (screen readers) too."""
    data_dir = tmp_path / "data"
    result = run_tbp_through_pipe(data_dir, "q\n")
    assert result.returncode == 0, result.stderr
    progress = data_dir / "profiles" / "standard" / "progress.toml"
    assert f"i {progress}" in " ".join(result.stdout.split()), result.stdout
