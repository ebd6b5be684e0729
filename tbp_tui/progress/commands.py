"""The progress-related ``tbp`` commands: progress, export, where, forget.

Each returns an exit code (0 done, 1 could not do it, 2 refused: unsafe dir, bad profile
name, no confirmation possible) and prints through the Rich console it is given, so the CLI
decides where output goes and tests capture it. Learner text is never run through Rich markup.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import paths
from .atomic import atomic_write, ensure_private_dir
from .export import CourseLike, format_duration, to_json, to_markdown
from .model import Progress
from .store import (
    InvalidProfileName,
    UnsafeDataDir,
    describe_os_error,
    forget_profile,
    read_progress,
)

__all__ = ["cmd_export", "cmd_forget", "cmd_progress", "cmd_where"]

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2


def _data_dir(data_dir: Path | None) -> Path:
    return paths.default_data_dir() if data_dir is None else Path(data_dir)


def _load(
    data_dir: Path | None, profile: str, console: Console
) -> Progress | None:
    """The profile's progress, or None after printing why it cannot be read."""
    try:
        progress, notices = read_progress(data_dir, profile)
    except (UnsafeDataDir, InvalidProfileName) as exc:
        console.print(f"[bold]tbp:[/] {escape(exc.message)}")
        return None
    for notice in notices:
        console.print(escape(notice))
    return progress


def cmd_progress(
    course: CourseLike, data_dir: Path | None, profile: str, console: Console
) -> int:
    """A table of what the learner has explored, module by module (no grading words)."""
    progress = _load(data_dir, profile, console)
    if progress is None:
        return EXIT_REFUSED
    table = Table(title=escape(f"{course.title} – profil {profile}"))
    table.add_column("Modul")
    table.add_column("Steg utforsket", justify="right")
    table.add_column("Refleksjoner", justify="right")
    table.add_column("Tid", justify="right")
    for module in course.modules:
        data = progress.modules.get(module.id)
        step_ids = {s.id for s in module.steps}
        seen, written = progress.explored(module.id, step_ids)
        seconds = data.seconds if data else 0.0
        table.add_row(
            escape(module.title),
            f"{seen} / {len(step_ids)}",
            str(written),
            format_duration(seconds),
        )
    console.print(table)
    known = {m.id for m in course.modules}
    gone = [m for m in progress.modules if m not in known]
    if gone:
        console.print(
            escape(
                "Lagret fremdrift for moduler som ikke er i kurset lenger (tas vare på): "
                + ", ".join(gone)
            )
        )
    return EXIT_OK


def cmd_export(
    course: CourseLike,
    data_dir: Path | None,
    profile: str,
    fmt: str,
    output: Path | None,
    console: Console,
) -> int:
    """Export to stdout (exactly, no wrapping or markup) or to a private file (0600)."""
    if fmt not in ("md", "json"):
        console.print(f"[bold]tbp:[/] ukjent format {escape(fmt)!r}; bruk md eller json.")
        return EXIT_REFUSED
    progress = _load(data_dir, profile, console if output is not None else Console(stderr=True))
    if progress is None:
        return EXIT_REFUSED
    text = to_markdown(progress, course) if fmt == "md" else to_json(progress, course)
    if output is None:
        console.out(text, end="", highlight=False)
        return EXIT_OK
    target = Path(output).expanduser()
    try:
        if not target.parent.exists():
            ensure_private_dir(target.parent)
        atomic_write(target, text.encode("utf-8"), 0o600)
    except OSError as exc:
        console.print(
            escape(
                f"Kunne ikke skrive {target}: {describe_os_error(exc)}. "
                "Ingenting er eksportert."
            )
        )
        return EXIT_FAILED
    console.print(escape(f"Eksportert til {target} (bare du kan lese fila)."))
    return EXIT_OK


def cmd_where(data_dir: Path | None, profile: str, console: Console) -> int:
    """Every path tbp-tui uses for this profile, and whether it exists yet."""
    problem = paths.validate_profile_name(profile)
    if problem is not None:
        console.print(f"[bold]tbp:[/] {escape(problem)}")
        return EXIT_REFUSED
    labels = {
        "data_dir": "Datamappe",
        "profiles_dir": "Profilmappe (alle)",
        "profile_dir": f"Profilen «{profile}»",
        "progress_file": "Fremdriftsfil",
        "lock_file": "Låsefil",
        "cache_dir": "Kurs ferdig lest, for raskere start (bare kurstekst)",
    }
    root = _data_dir(data_dir)
    where = {**paths.profile_paths(root, profile), "cache_dir": paths.cache_dir(root)}
    table = Table(title="Stier tbp bruker", show_header=True)
    table.add_column("Hva")
    table.add_column("Sti", overflow="fold")
    table.add_column("Finnes")
    for key, path in where.items():
        table.add_row(labels[key], escape(str(path)), "ja" if path.exists() else "nei ennå")
    console.print(table)
    folder = paths.profile_dir(root, profile)
    aside = sorted(folder.glob(f"{paths.PROGRESS_FILE_NAME}.corrupt-*")) if folder.is_dir() else []
    for path in aside:
        console.print(escape(f"Skadet fil som er lagt til side: {path}"))
    console.print(
        "Sikkerhetsplanen skriver ingenting til disk; den lagres bare hvis du selv eksporterer "
        "den til en fil du velger."
    )
    console.print("Med --guest skrives ingenting i det hele tatt.")
    return EXIT_OK


def cmd_forget(
    data_dir: Path | None,
    profile: str,
    yes: bool,
    console: Console,
    input_fn: Callable[[str], str] = input,
    *,
    stdin_isatty: Callable[[], bool] | None = None,
) -> int:
    """Delete a profile's data after the learner types "ja" (or with ``--yes``)."""
    problem = paths.validate_profile_name(profile)
    if problem is not None:
        console.print(f"[bold]tbp:[/] {escape(problem)}")
        return EXIT_REFUSED
    folder = paths.profile_dir(_data_dir(data_dir), profile)
    if not folder.is_dir():
        console.print(escape(f"Det finnes ingen lagrede data for profilen «{profile}»."))
        return EXIT_OK
    if not yes:
        is_tty = stdin_isatty() if stdin_isatty is not None else sys.stdin.isatty()
        if not is_tty:
            console.print(
                "tbp: kan ikke spørre om bekreftelse uten terminal. "
                "Bruk --yes for å slette uten spørsmål. Ingenting er slettet."
            )
            return EXIT_REFUSED
        try:
            answer = input_fn(
                f"Skriv ja for å slette alle data for profilen «{profile}» i {folder}: "
            )
        except EOFError:
            answer = ""
        if answer.strip().casefold() != "ja":
            console.print("Ingenting er slettet.")
            return EXIT_FAILED
    try:
        removed = forget_profile(data_dir, profile)
    except (UnsafeDataDir, InvalidProfileName) as exc:
        console.print(f"[bold]tbp:[/] {escape(exc.message)}")
        return EXIT_REFUSED
    except OSError as exc:
        console.print(escape(f"Kunne ikke slette {folder}: {describe_os_error(exc)}."))
        return EXIT_FAILED
    if removed:
        console.print(escape(f"Slettet alle data for profilen «{profile}» ({folder})."))
    else:
        console.print(escape(f"Det finnes ingen lagrede data for profilen «{profile}»."))
    return EXIT_OK
