"""What a plain `tbp` imports before home is on screen (issue 22).

Every module imported before the first paint is start-up time and memory of every session; a
workshop machine pays it forty times. The real command runs here in a fresh interpreter, headless,
through `tbp_tui.cli.main` as a learner starts it (a returning learner: the first-start page seen,
the course kept from the start before); once home is shown, `sys.modules` is read. Lazy imports
are easy to undo by accident, so each heavy part home does not need is named here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .pty_probe import HEADLESS_TBP, returning_learner, run_probe, start_env

PROBE = r"""
import sys
from textual.app import App

from tbp_tui.ui import app as ui_app
from tbp_tui.ui.screens.home import HomeScreen

out = sys.argv[1]


async def at_home(pilot):
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen), pilot.app.screen
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(sorted(sys.modules)))
    await pilot.press("enter")  # Start: the first module's overview
    await pilot.pause()
    from tbp_tui.ui.screens.module import ModuleScreen

    assert isinstance(pilot.app.screen, ModuleScreen), pilot.app.screen
    with open(out + ".module", "w", encoding="utf-8") as fh:
        fh.write("\n".join(sorted(sys.modules)))
    pilot.app.exit(0)

""" + HEADLESS_TBP

NOT_BEFORE_HOME = {
    # what only other screens and commands need
    "textual.widgets._text_area": "the reflection field's TextArea (reader only)",
    "textual.document._document": "TextArea's document model",
    "markdown_it": "Markdown (reader only)",
    "tbp_tui.ui.screens.module": "the reader",
    "tbp_tui.ui.screens.safety": "the checklist",
    "tbp_tui.ui.screens.damaged": "the page about a damaged progress file",
    "tbp_tui.ui.screens.dialogs": "help, quit, approach and listing dialogs, the too-small cover",
    "tbp_tui.ui.screens.hidden": "Skjul's neutral page (F12 only)",
    "tbp_tui.ui.widgets.prose": "course text's Markdown renderer (home needs only indented.py)",
    "tbp_tui.reflow": "course text's reflow (home needs only indented.py)",
    "tbp_tui.web": "tbp serve",
    "tbp_tui.room": "workshop rooms (only with --room)",
    "tbp_tui.plain": "plain mode",
    "tbp_tui.report.status": "reporting's status page (Dine data)",
    "tbp_tui.report.statements": "reporting's statements (only when reporting is on)",
    "tbp_tui.progress.export": "the export (Dine data, tbp export)",
    "hashlib": "OpenSSL's digests: scrypt for a protected profile only",
    "json": "protected profiles and reporting",
    "cryptography": "passphrase-protected profiles",
    "tbp_tui.course.loader": "reading the course files (the kept copy is used)",
    "argparse": "the command line's parser: a bare `tbp` has nothing to parse",
    "tomli_w": "writing TOML: home is painted before anything is saved",
    "tbp_tui.i18n.en": "the English strings (the start is in bokmål)",
}


@pytest.fixture(scope="module")
def modules_read(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the probe wrote sys.modules at home (and, with .module added, in a module)."""
    data = returning_learner(tmp_path_factory.mktemp("data"))
    out = data.parent / "modules.txt"
    env = start_env(data, TBP_STRICT_CATALOG="1")
    for _ in range(2):  # the first start keeps the course for the second, which is the one read
        run_probe(PROBE, out, env)
    assert (data / "cache").is_dir(), "the first start kept no copy of the course"
    return out


@pytest.fixture(scope="module")
def modules_at_home(modules_read: Path) -> set[str]:
    return set(modules_read.read_text(encoding="utf-8").split("\n"))


@pytest.fixture(scope="module")
def modules_in_a_module(modules_read: Path) -> set[str]:
    return set(Path(f"{modules_read}.module").read_text(encoding="utf-8").split("\n"))


@pytest.mark.parametrize("module", sorted(NOT_BEFORE_HOME))
def test_home_paints_without(modules_at_home: set[str], module: str) -> None:
    loaded = sorted(m for m in modules_at_home if m == module or m.startswith(module + "."))
    assert not loaded, f"imported before home: {loaded} ({NOT_BEFORE_HOME[module]})"


def test_the_probe_sees_the_app_itself(modules_at_home: set[str]) -> None:
    """The list is read from a real start: home and the store are in it."""
    assert {"tbp_tui.ui.screens.home", "tbp_tui.progress.store", "textual.app"} <= modules_at_home


@pytest.mark.parametrize("module", ["tbp_tui.ui.screens.safety", "tbp_tui.safety", "ctypes",
                                    "textual.widgets._checkbox", "tbp_tui.ui.screens.dialogs",
                                    "textual.widgets._text_area", "textual.document._document",
                                    "tbp_tui.ui.widgets.reflection", "textual.widgets._footer"])
def test_a_module_opens_without_the_checklist(modules_in_a_module: set[str], module: str) -> None:
    """The checklist's screen, its form, its checkboxes and ctypes (for core dumps) are for the
    checklist only; the dialogs are for when one is asked; the writing box (Textual's TextArea and
    its document model) for steps with a field, not the overview; Textual's footer (a widget per
    key) not at all: the key line draws its keys itself (issue 22: memory)."""
    assert "tbp_tui.ui.screens.module" in modules_in_a_module
    assert module not in modules_in_a_module


LANGUAGES_HELD = r"""
import sys

from tbp_tui.i18n import Catalog

t = Catalog(sys.argv[1])
shown = t("app.title")
held = set()
for module in list(sys.modules.values()):
    for value in list(vars(module).values()):
        if isinstance(value, dict) and isinstance(value.get("app.title"), str) and "home.start" in value:
            held.add(value["app.title"])
from tbp_tui.i18n import EN, NB  # only now: the test's own look at both

names = {NB["app.title"]: "nb", EN["app.title"]: "en"}
print(shown == {"nb": NB, "en": EN}[sys.argv[1]]["app.title"], " ".join(sorted(names[h] for h in held)))
"""


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_only_the_chosen_language_is_loaded(lang: str) -> None:
    """A start in one language holds that language's strings, not the other's (issue 22: memory)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TBP_")}
    done = subprocess.run([sys.executable, "-c", LANGUAGES_HELD, lang], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.split() == ["True", lang]
