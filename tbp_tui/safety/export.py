"""Writing a filled checklist to a file the clinician chose — the only way it reaches a disk."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tbp_tui.clock import file_stamp
from tbp_tui.files import export_target, write_export
from tbp_tui.safety.form import ChecklistForm
from tbp_tui.safety.render import filled_markdown


def default_export_name(when: datetime) -> str:
    """A name with a time and nothing from the form: file names end up in listings and backups."""
    return f"sikkerhetsplan-{file_stamp(when)}.md"


def folder_warning(folder: Path) -> str | None:
    """Say so when others on this machine could read or list the target folder."""
    try:
        mode = os.stat(folder).st_mode
    except OSError:
        return None
    if mode & (stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH):
        return (f"Mappa {folder} kan åpnes av andre brukere på denne maskinen. Filen selv blir "
                "privat (bare du kan lese den), men vurder en privat mappe.")
    return None


@dataclass(frozen=True)
class ExportResult:
    path: Path
    warning: str | None


def export_form(form: ChecklistForm, path: Path, when: datetime, *, replace: bool = False) -> ExportResult:
    """Write the filled checklist as Markdown, mode 0600; raises OSError for the UI to explain.

    An existing regular file is replaced only with ``replace`` (the clinician said yes); a device,
    FIFO, socket or symlink never, and no folder is created (files.write_export).
    """
    path = export_target(str(path), default_export_name(when))
    write_export(path, filled_markdown(form, when).encode("utf-8"), replace=replace)
    return ExportResult(path=path.resolve(), warning=folder_warning(path.resolve().parent))
