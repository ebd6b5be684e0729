"""Exporting the learner's own data, the same for both front-ends: where the file goes, how it
is written (0600, atomically, through the files ground floor) and what a failure is called."""

from __future__ import annotations

import errno
from pathlib import Path

from tbp_tui.files.atomic import atomic_write, ensure_private_dir
from tbp_tui.translate import Translate

_ERROR_KEYS = {
    errno.ENOENT: "export.err_missing",
    errno.ENOTDIR: "export.err_missing",
    errno.EACCES: "export.err_denied",
    errno.EPERM: "export.err_denied",
    errno.ENOSPC: "export.err_full",
    errno.EDQUOT: "export.err_full",
    errno.EROFS: "export.err_readonly",
    errno.EISDIR: "export.err_isdir",
}


def os_error_words(t: Translate, error: OSError) -> str:
    """An OSError in plain words, for someone who is not a programmer."""
    key = _ERROR_KEYS.get(error.errno or 0, "export.err_other")
    return t(key, detail=error.strerror or type(error).__name__)


def export_target(raw: str, file_name: str) -> Path:
    """The file a typed path means: ``~`` expanded, a folder gets `file_name` inside it."""
    path = Path(raw.strip()).expanduser()
    return path / file_name if path.is_dir() else path


def write_export(target: Path, text: str) -> None:
    """Write `text` to `target`, readable by the learner only; raises OSError."""
    if not target.parent.exists():
        ensure_private_dir(target.parent)
    atomic_write(target, text.encode("utf-8"), 0o600)
