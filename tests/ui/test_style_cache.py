"""The kept copy of Textual's parsed styles (tbp_tui/ui/stylecache.py, issue 22).

A returning learner's start reads the rules parsed by the start before instead of parsing every
stylesheet again; a changed source or other CSS variables (a theme) are parsed as before and
show; a copy that is damaged, cut short, someone else's, writable by others, a link or a FIFO
is ignored (no hang, no traceback) and replaced; a folder that cannot be written means no copy.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
import textual.css.stylesheet
from textual.app import App, ComposeResult
from textual.widgets import Static

from tbp_tui.clock import FakeClock
from tbp_tui.course.model import Course
from tbp_tui.options import AppOptions
from tbp_tui.ui.app import TbpApp
from tbp_tui.ui.compat import keep_parsed_rules
from tbp_tui.ui.stylecache import FILE_NAME, StyleCache, versions
from tbp_tui.ui.themes import CALM, LIGHT

from ..mounts import tmpfs
from ..pty_probe import HEADLESS_TBP, returning_learner, run_probe, start_env
from .conftest import open_store

PROBE = r"""
import sys
from textual.app import App
import textual.css.stylesheet as stylesheet

from tbp_tui.ui import app as ui_app
from tbp_tui.ui.screens.home import HomeScreen

out = sys.argv[1]
parses = []
parse = stylesheet.parse


def counted(scope, css, read_from, *args, **kwargs):
    parses.append(read_from)
    return parse(scope, css, read_from, *args, **kwargs)


stylesheet.parse = counted
tokenized = []
tokenize_values = stylesheet.tokenize_values


def tokenize_counted(values):
    tokenized.append(len(values))
    return tokenize_values(values)


stylesheet.tokenize_values = tokenize_counted
from textual.design import ColorSystem

colour_systems = []
generate = ColorSystem.generate


def generate_counted(self):
    colour_systems.append(self)
    return generate(self)


ColorSystem.generate = generate_counted


async def at_home(pilot):
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen), pilot.app.screen
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(f"{len(parses)} {len(tokenized)} {len(colour_systems)}\n")
    with open(out + ".svg", "w", encoding="utf-8") as fh:
        fh.write(pilot.app.export_screenshot())
    pilot.app.exit(0)

""" + HEADLESS_TBP


def _start(data: Path, out: Path) -> tuple[list[int], str]:
    """One real start of `tbp` to home: CSS texts parsed, variable sets tokenized and colour
    systems worked out until home, and home's screenshot."""
    run_probe(PROBE, out, start_env(data, TBP_STRICT_CATALOG="1"))
    counts = [int(n) for n in out.read_text(encoding="utf-8").split()]
    return counts, Path(f"{out}.svg").read_text(encoding="utf-8")


def test_a_second_start_works_out_no_styles_and_looks_the_same(tmp_path: Path) -> None:
    data = returning_learner(tmp_path / "data")
    (first, tokenized, colours), first_look = _start(data, tmp_path / "first")
    assert first > 5, "the first start parses the app's and its widgets' styles"
    assert (tokenized, colours) == (1, 1)
    kept = data / "cache" / FILE_NAME
    assert kept.is_file()
    assert kept.stat().st_mode & 0o777 == 0o600
    (second, tokenized, colours), second_look = _start(data, tmp_path / "second")
    assert (second, tokenized, colours) == (0, 0, 0)
    assert second_look == first_look


def test_a_theme_of_its_own_is_parsed_and_kept_beside_nothing_else(tmp_path: Path) -> None:
    """Another theme (other CSS variables) is not served the rules parsed for the first one."""
    data = returning_learner(tmp_path / "data")
    (calm_parsed, _, _), _ = _start(data, tmp_path / "calm")
    env = start_env(data, TBP_STRICT_CATALOG="1")
    run_probe(PROBE, tmp_path / "light", env, "--theme", "light")
    assert int((tmp_path / "light").read_text(encoding="utf-8").split()[0]) == calm_parsed > 5
    run_probe(PROBE, tmp_path / "light2", env, "--theme", "light")
    assert (tmp_path / "light2").read_text(encoding="utf-8").split() == ["0", "0", "0"]
    calm = Path(f"{tmp_path / 'calm'}.svg").read_text(encoding="utf-8")
    light = Path(f"{tmp_path / 'light2'}.svg").read_text(encoding="utf-8")
    assert "#f5f3ee" in light.lower()  # LIGHT's background
    assert "#f5f3ee" not in calm.lower()


# ------------------------------------------------------------------ in one process, a small app


class Styled(App[None]):
    """An app with one .tcss file, as tbp's, in a folder the test may edit."""

    CSS_PATH: ClassVar[Any] = None

    def compose(self) -> ComposeResult:
        yield Static("hei", id="hei")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Where each CSS text Textual parses was read from, in order."""
    seen: list[object] = []
    parse = textual.css.stylesheet.parse

    def counted(scope: str, css: str, read_from: object, *args: Any, **kwargs: Any) -> Any:
        seen.append(read_from)
        return parse(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(textual.css.stylesheet, "parse", counted)
    yield seen
    keep_parsed_rules(None)


async def _run(folder: Path, tcss: Path, theme: str = "textual-dark") -> tuple[str, str]:
    """Start the small app with the copy in `folder`; its background and text colours."""
    cache = StyleCache(folder)
    keep_parsed_rules(cache)
    Styled.CSS_PATH = str(tcss)
    app = Styled()
    app.theme = theme
    async with app.run_test() as pilot:
        await pilot.pause()
        styles = app.query_one("#hei").styles
        look = (styles.background.hex, styles.color.hex)
    cache.save_now()  # as run_app does on quitting
    return look


async def test_an_edited_tcss_is_parsed_again_and_shows(tmp_path: Path, parses: list[object]) -> None:
    tcss = tmp_path / "app.tcss"
    tcss.write_text("#hei { background: #102030; color: #a0b0c0; }\n", encoding="utf-8")
    folder = tmp_path / "cache"
    assert await _run(folder, tcss) == ("#102030", "#A0B0C0")
    assert (folder / FILE_NAME).is_file()
    parses.clear()
    assert await _run(folder, tcss) == ("#102030", "#A0B0C0")
    assert parses == []
    tcss.write_text("#hei { background: #405060; color: $primary; }\n", encoding="utf-8")
    look = await _run(folder, tcss)
    assert look[0] == "#405060"
    assert [where for where in parses if where[0] == str(tcss)]  # type: ignore[index]


async def test_other_css_variables_are_parsed_again_and_show(tmp_path: Path, parses: list[object]) -> None:
    tcss = tmp_path / "app.tcss"
    tcss.write_text("#hei { background: $primary; }\n", encoding="utf-8")
    folder = tmp_path / "cache"
    dark = await _run(folder, tcss, "textual-dark")
    parses.clear()
    light = await _run(folder, tcss, "nord")
    assert light != dark
    assert parses, "other variables: parsed again"
    parses.clear()
    assert await _run(folder, tcss, "nord") == light
    assert parses == []


async def test_a_theme_switch_while_running_restyles(tmp_path: Path, parses: list[object]) -> None:
    tcss = tmp_path / "app.tcss"
    tcss.write_text("#hei { background: $primary; }\n", encoding="utf-8")
    folder = tmp_path / "cache"
    await _run(folder, tcss, "textual-dark")
    keep_parsed_rules(StyleCache(folder))
    Styled.CSS_PATH = str(tcss)
    app = Styled()
    app.theme = "textual-dark"
    async with app.run_test() as pilot:
        before = app.query_one("#hei").styles.background.hex
        app.theme = "nord"
        await pilot.pause()
        after = app.query_one("#hei").styles.background.hex
    assert before != after


# ------------------------------------------------------------------ hostile copies

KEY = ("#x { color: red; }", ("test", ""), False, 0, "")
VARIABLES = {"primary": "#123456"}


def _kept(folder: Path) -> Path:
    """A good copy in `folder`, made the way a start makes it."""
    cache = StyleCache(folder)
    sheet = textual.css.stylesheet.Stylesheet()
    cache.put(VARIABLES, KEY, sheet._parse_rules(*KEY))
    cache.save_now()
    return folder / FILE_NAME


def _reads(folder: Path) -> bool:
    return StyleCache(folder).get(VARIABLES, KEY) is not None


def test_a_good_copy_is_read(tmp_path: Path) -> None:
    """What the hostile cases below are measured against: the same copy, left alone, is used."""
    _kept(tmp_path / "cache")
    assert _reads(tmp_path / "cache")
    assert versions()


def _damage(kind: str, file: Path, tmp_path: Path) -> None:
    data = file.read_bytes()
    if kind == "damaged":
        file.write_bytes(data[:32] + b"\x80\x05not a pickle at all" + data[60:])
    elif kind == "cut-short":
        file.write_bytes(data[: len(data) // 2])
    elif kind == "foreign":
        os.chown(file, 65534, 65534)
    elif kind == "group-writable":
        os.chmod(file, 0o620)
    elif kind == "symlink":
        elsewhere = tmp_path / "elsewhere.pickle"
        elsewhere.write_bytes(data)
        os.chmod(elsewhere, 0o600)
        file.unlink()
        file.symlink_to(elsewhere)
    elif kind == "fifo":
        file.unlink()
        os.mkfifo(file, 0o600)


@pytest.mark.parametrize("kind", ["damaged", "cut-short", "foreign", "group-writable", "symlink", "fifo"])
def test_an_odd_copy_is_ignored_and_replaced(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "cache"
    file = _kept(folder)
    _damage(kind, file, tmp_path)
    result: list[bool] = []
    reader = threading.Thread(target=lambda: result.append(_reads(folder)), daemon=True)
    reader.start()
    reader.join(10)
    assert result == [False], "ignored, without a hang"
    _kept(folder)  # the next start keeps a new copy in its place
    assert file.is_file() and not file.is_symlink()
    assert file.stat().st_uid == os.geteuid()
    assert file.stat().st_mode & 0o777 == 0o600
    assert _reads(folder)
    if kind == "symlink":
        assert (tmp_path / "elsewhere.pickle").stat().st_mode & 0o777 == 0o600  # not written through


def test_an_unsafe_folder_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _kept(folder)
    os.chmod(folder, 0o777)
    assert not _reads(folder)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A read-only file system (a tmpfs mounted ro: we run as root, which any mode lets write)."""
    with tmpfs(tmp_path / "ro", "ro,size=64k,mode=0700") as mount:
        yield mount


def test_a_read_only_data_folder_means_no_copy(read_only: Path) -> None:
    folder = read_only / "cache"
    _kept(folder)  # no error
    assert not folder.exists()
    assert not _reads(folder)


def test_a_guest_reads_a_copy_but_writes_none(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    guest = StyleCache(folder, keep=False)
    guest.put(VARIABLES, KEY, textual.css.stylesheet.Stylesheet()._parse_rules(*KEY))
    guest.save_now()
    assert not folder.exists()
    _kept(folder)
    assert StyleCache(folder, keep=False).get(VARIABLES, KEY) is not None


def test_a_copy_is_keyed_by_the_variables(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _kept(folder)
    assert StyleCache(folder).get({"primary": "#654321"}, KEY) is None
    assert StyleCache(folder).get(VARIABLES, KEY) is not None


async def test_tbp_switches_theme_and_back_with_a_kept_copy(
        course: Course, data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    """c («farger») on a start that read its styles from the copy: each theme's own colours."""
    folder = tmp_path / "cache"
    try:
        for start in range(2):  # the second start reads what the first kept
            cache = StyleCache(folder)
            keep_parsed_rules(cache)
            app = TbpApp(course, open_store(data_dir, clock), AppOptions(data_dir=data_dir), clock,
                         style_cache=cache)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                seen = [app.screen.styles.background.hex]
                for theme in ("light", "standard"):
                    app.set_theme(theme)
                    await pilot.pause()
                    seen.append(app.screen.styles.background.hex)
            cache.save_now()
            assert seen == [CALM.background, LIGHT.background, CALM.background], start
            assert (folder / FILE_NAME).is_file()
    finally:
        keep_parsed_rules(None)
