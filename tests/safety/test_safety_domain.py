"""The checklist form lives in memory; Markdown for paper and export; export is private."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tbp_tui.course import load_course
from tbp_tui.course.model import ChecklistStep, Module
from tbp_tui.safety import ChecklistForm, blank_markdown, filled_markdown
from tbp_tui.safety.export import default_export_name, export_form, folder_warning

ROOT = Path(__file__).resolve().parents[2]
COURSE = load_course(ROOT / "course")
WHEN = datetime(2026, 11, 22, 14, 5, tzinfo=UTC)


@pytest.fixture
def module() -> Module:
    m = next(m for m in COURSE.modules if m.kind == "checklist")
    return m


def _first_note_item(module: Module) -> tuple[str, str]:
    for step in module.steps:
        if isinstance(step, ChecklistStep):
            for item in step.items:
                if item.note:
                    return step.id, item.id
    raise AssertionError("no item with a note field")


def test_blank_checklist_has_every_item_unticked(module):
    md = blank_markdown(module)
    items = [i for s in module.steps if isinstance(s, ChecklistStep) for i in s.items]
    assert len(items) >= 20
    for item in items:
        assert f"- [ ] {item.text}" in md
    assert "[x]" not in md
    assert md.count("Notat: ___") == sum(1 for i in items if i.note)


def test_form_toggle_note_clear(module):
    form = ChecklistForm(module)
    key = _first_note_item(module)
    assert form.is_empty
    assert form.toggle(key) is True and key in form.ticks
    assert form.toggle(key) is False and form.is_empty
    form.set_note(key, "kodeord avtalt med søster")
    assert not form.is_empty
    form.toggle(key)
    form.clear()
    assert form.is_empty and form.notes == {} and form.ticks == set()


def test_form_repr_never_shows_notes(module):
    form = ChecklistForm(module)
    form.set_note(_first_note_item(module), "HEMMELIG-NOTAT-123")
    assert "HEMMELIG" not in repr(form)


def test_filled_markdown_shows_ticks_and_notes_only(module):
    form = ChecklistForm(module)
    key = _first_note_item(module)
    form.toggle(key)
    form.set_note(key, "linje en\nlinje to")
    md = filled_markdown(form, WHEN)
    assert "- [x] " in md and "  Notat: linje en\n  linje to" in md
    assert "2026-11-22 14:05" in md
    reflection_prompts = [getattr(s, "prompt", None) for s in module.steps]
    assert not any(p and p in md for p in reflection_prompts)


def test_export_is_private_and_named_without_form_text(module, tmp_path):
    form = ChecklistForm(module)
    key = _first_note_item(module)
    form.set_note(key, "Kari Nordmann")
    folder = tmp_path / "eksport"
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o700)
    result = export_form(form, folder, WHEN)
    assert result.path.parent == folder.resolve()
    assert result.path.name == default_export_name(WHEN) and "Kari" not in result.path.name
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert "Kari Nordmann" in result.path.read_text()
    assert result.warning is None


def test_export_warns_about_a_folder_others_can_read(module, tmp_path):
    os.chmod(tmp_path, 0o755)
    result = export_form(ChecklistForm(module), tmp_path / "plan.md", WHEN)
    assert result.warning is not None and str(tmp_path) in result.warning
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    os.chmod(tmp_path, 0o700)
    assert folder_warning(tmp_path) is None


def test_cli_prints_the_blank_checklist(module):
    r = subprocess.run([sys.executable, "-m", "tbp_tui", "checklist", "--print"],
                       capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 0
    assert r.stdout == blank_markdown(module)


def test_cli_checklist_without_print_explains():
    r = subprocess.run([sys.executable, "-m", "tbp_tui", "checklist"], capture_output=True,
                       text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 2 and "--print" in r.stderr and "Traceback" not in r.stderr
