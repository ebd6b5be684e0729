"""Exporting the learner's own data, the same for both front-ends: where the file goes, how it
is written (0600, atomically, never over a device, FIFO, socket or link, never into a folder
that is not there: files.write_export) and what a failure is called."""

from __future__ import annotations

import errno

from tbp_tui.files import FileRefused, check_export_target, export_target, write_export
from tbp_tui.translate import Translate

__all__ = ["check_export_target", "export_target", "os_error_words", "write_export"]

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
    if isinstance(error, FileRefused):
        return error.words(t)
    key = _ERROR_KEYS.get(error.errno or 0, "export.err_other")
    return t(key, detail=error.strerror or type(error).__name__)
