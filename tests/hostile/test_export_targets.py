"""Item 1 of the hostile-input issue: an export never replaces what is not a regular file, never
follows a link, never creates folders, and the CLI asks (or needs --force) before replacing."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

import pytest

from tbp_tui.course import load_course
from tbp_tui.safety.export import export_form
from tbp_tui.safety.form import ChecklistForm

from .conftest import ROOT, Run, no_traceback


def _device(folder: Path) -> Path:
    """A char device node like /dev/null (1, 3), made in a temporary folder (we run as root)."""
    node = folder / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("mknod needs root")
    return node


def _fifo(folder: Path) -> Path:
    fifo = folder / "fifo"
    os.mkfifo(fifo)
    return fifo


def _is_char_device(path: Path) -> bool:
    return stat.S_ISCHR(os.lstat(path).st_mode)


def test_cli_export_refuses_a_device_node_and_leaves_it(tbp: Run, tmp_path: Path) -> None:
    node = _device(tmp_path)
    result = tbp("export", "-o", str(node))
    assert result.returncode != 0
    assert _is_char_device(node)
    assert "ikke en vanlig fil" in result.stdout + result.stderr
    no_traceback(result)


def test_cli_export_refuses_a_fifo_without_opening_it(tbp: Run, tmp_path: Path) -> None:
    fifo = _fifo(tmp_path)
    result = tbp("export", "-o", str(fifo), timeout=30)  # opening it for writing would block
    assert result.returncode != 0
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert "ikke en vanlig fil" in result.stdout + result.stderr
    no_traceback(result)


def test_cli_export_refuses_a_symlink_and_touches_neither_link_nor_target(
    tbp: Run, tmp_path: Path
) -> None:
    target = tmp_path / "target.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = tbp("export", "-o", str(link), "--force")
    assert result.returncode != 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "old"
    assert "lenke" in result.stdout + result.stderr
    no_traceback(result)


def test_cli_export_does_not_create_missing_folders(tbp: Run, tmp_path: Path) -> None:
    result = tbp("export", "-o", str(tmp_path / "nonexistent" / "deep" / "x.md"))
    assert result.returncode != 0
    assert not (tmp_path / "nonexistent").exists()
    assert "finnes ikke" in result.stdout + result.stderr
    no_traceback(result)


def test_cli_export_keeps_an_existing_file_without_force(tbp: Run, tmp_path: Path) -> None:
    old = tmp_path / "eksport.md"
    old.write_text("mitt gamle")
    refused = tbp("export", "-o", str(old))
    assert refused.returncode != 0 and old.read_text() == "mitt gamle"
    assert "--force" in refused.stdout + refused.stderr
    forced = tbp("export", "-o", str(old), "--force")
    assert forced.returncode == 0, forced.stderr
    assert old.read_text().startswith("# ") and stat.S_IMODE(old.stat().st_mode) == 0o600
    no_traceback(refused)


def test_cli_export_new_file_and_dash_for_stdout(tbp: Run, tmp_path: Path) -> None:
    new = tmp_path / "ny.md"
    assert tbp("export", "-o", str(new)).returncode == 0 and new.read_text().startswith("# ")
    to_stdout = tbp("export", "-o", "-")
    assert to_stdout.returncode == 0 and to_stdout.stdout.startswith("# ")
    assert not (tmp_path / "-").exists()


def _real_form() -> ChecklistForm:
    course = load_course(ROOT / "tests" / "ui" / "fixtures" / "course")
    module = next(m for m in course.modules if m.kind == "checklist")
    return ChecklistForm(module)


@pytest.mark.parametrize("make", [_device, _fifo])
def test_checklist_export_never_replaces_a_special_file_even_when_told_to(
    tmp_path: Path, make: object
) -> None:
    special = make(tmp_path)  # type: ignore[operator]
    mode = os.lstat(special).st_mode
    with pytest.raises(OSError):
        export_form(_real_form(), special, datetime(2026, 1, 1))
    assert os.lstat(special).st_mode == mode


def test_checklist_export_refuses_a_link_and_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "t.md"
    target.write_text("old")
    link = tmp_path / "l.md"
    link.symlink_to(target)
    with pytest.raises(OSError):
        export_form(_real_form(), link, datetime(2026, 1, 1))
    assert link.is_symlink() and target.read_text() == "old"
    with pytest.raises(OSError):
        export_form(_real_form(), tmp_path / "mangler" / "x.md", datetime(2026, 1, 1))
    assert not (tmp_path / "mangler").exists()


def test_cli_export_asks_at_a_terminal_before_replacing(home: Path, tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from tbp_tui.course import load_course as load
    from tbp_tui.i18n import Catalog
    from tbp_tui.progress.commands import cmd_export

    course = load(ROOT / "tests" / "ui" / "fixtures" / "course")
    old = tmp_path / "e.md"
    old.write_text("gammel")
    asked: list[str] = []

    def answer(reply: str):  # type: ignore[no-untyped-def]
        def input_fn(prompt: str) -> str:
            asked.append(prompt)
            return reply
        return input_fn

    out = Console(file=io.StringIO(), width=200)
    code = cmd_export(course, home / "data", "standard", "md", old, out, t=Catalog("nb"),
                      input_fn=answer("nei"), stdin_isatty=lambda: True)
    assert code != 0 and old.read_text() == "gammel" and "finnes allerede" in asked[0]
    code = cmd_export(course, home / "data", "standard", "md", old, out, t=Catalog("nb"),
                      input_fn=answer("ja"), stdin_isatty=lambda: True)
    assert code == 0 and old.read_text().startswith("# ")
