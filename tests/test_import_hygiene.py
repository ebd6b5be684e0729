"""The domain never imports Textual: each module is imported alone in a fresh interpreter."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

DOMAIN = ["tbp_tui.course", "tbp_tui.course.loader", "tbp_tui.course.model", "tbp_tui.course.cache",
          "tbp_tui.clock",
          "tbp_tui.options", "tbp_tui.cli",
          "tbp_tui.room", "tbp_tui.room.commands", "tbp_tui.room.follow",
          "tbp_tui.progress", "tbp_tui.progress.messages", "tbp_tui.safety", "tbp_tui.safety.export",
          "tbp_tui.plain",
          "tbp_tui.textsafe", "tbp_tui.i18n", "tbp_tui.profile_choice", "tbp_tui.translate",
          "tbp_tui.files.atomic", "tbp_tui.files.folders", "tbp_tui.files.names", "tbp_tui.reflow",
          "tbp_tui.session.learner", "tbp_tui.session.export", "tbp_tui.session.profiles",
          "tbp_tui.report", "tbp_tui.report.reporter", "tbp_tui.report.commands", "tbp_tui.report.spool"]


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_module_does_not_import_textual(module):
    if importlib.util.find_spec(module) is None:
        pytest.fail(f"{module} does not exist")
    code = (f"import sys, importlib; importlib.import_module({module!r}); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
