"""The low items: user mistakes get a clear message and a non-zero exit, never a traceback."""

from __future__ import annotations

import errno
import fcntl
import io
import os
from pathlib import Path

from tbp_tui.course import load_course
from tbp_tui.i18n import Catalog
from tbp_tui.options import AppOptions
from tbp_tui.plain import run_plain
from tbp_tui.progress.messages import os_reason
from tbp_tui.progress.store import ProgressStore

from .conftest import Run, no_traceback
from .hostile_course import FIXTURE

NB = Catalog("nb")


def test_unknown_user_and_overlong_names_in_paths(tbp: Run, tmp_path: Path) -> None:
    for args in (("--data-dir", "~nosuchuser/x", "progress"),
                 ("--data-dir", str(tmp_path / ("x" * 300)), "progress"),
                 ("--data-dir", str(tmp_path / ("x" * 300)), "--plain")):
        result = tbp(*args)
        assert result.returncode != 0, args
        no_traceback(result)
        assert "tbp:" in result.stderr + result.stdout


def test_a_file_given_as_course_folder_is_called_a_file(tbp: Run, tmp_path: Path) -> None:
    file = tmp_path / "version"
    file.write_text("Linux\n")
    result = tbp("validate", str(file))
    assert result.returncode != 0 and "is a file" in result.stdout + result.stderr


def test_a_permission_error_is_not_called_read_only() -> None:
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")).words(NB) != \
        os_reason(OSError(errno.EROFS, "Read-only file system")).words(NB)


def test_forget_while_another_session_holds_the_lock(tbp: Run, home: Path) -> None:
    store = ProgressStore.open(home / "data", "standard")
    store.set_reflection("m", "s", "x")
    assert store.save()
    lock = os.open(store.paths["lock_file"], os.O_RDWR)
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        result = tbp("forget", "--yes")
        before = len(store.notices)
        store.forget()  # «Slett alt» in the app
    finally:
        os.close(lock)
    assert result.returncode != 0
    no_traceback(result)
    assert store.notices[before:] and store.notices[-1].code == "not-deleted"


def test_a_superscript_digit_at_a_plain_prompt(tmp_path: Path) -> None:
    store = ProgressStore.open(tmp_path / "data", "kari")
    out = io.StringIO()
    run_plain(load_course(FIXTURE), store, AppOptions(lang="nb", profile="kari"),
              inp=io.StringIO("²\na\n²\nq\n"), out=out)
    assert "Ha det bra" in out.getvalue()
