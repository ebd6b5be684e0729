"""Writing a filled checklist to a file the clinician chose — the only way it reaches a disk."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tbp_tui.files.atomic import atomic_write
from tbp_tui.safety.form import ChecklistForm
from tbp_tui.safety.render import filled_markdown


def default_export_name(when: datetime) -> str:
    """A name with a time and nothing from the form: file names end up in listings and backups."""
    return f"sikkerhetsplan-{when:%Y%m%d-%H%M}.md"


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


def export_form(form: ChecklistForm, path: Path, when: datetime) -> ExportResult:
    """Write the filled checklist as Markdown, mode 0600; raises OSError for the UI to explain."""
    path = path.expanduser()
    if path.is_dir():
        path = path / default_export_name(when)
    atomic_write(path, filled_markdown(form, when).encode("utf-8"), mode=0o600)
    return ExportResult(path=path.resolve(), warning=folder_warning(path.resolve().parent))
