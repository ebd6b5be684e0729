"""The progress-related ``tbp`` commands: progress, export, where, forget.

Each returns an exit code (0 done, 1 could not do it, 2 refused: unsafe dir, bad profile
name, no confirmation possible) and prints through the Rich console it is given, so the CLI
decides where output goes and tests capture it. Learner text is never run through Rich markup.
Every sentence comes from the translator ``t`` that cli.py passes in (``Catalog(lang)`` of
tbp_tui/i18n/__init__.py): the domain never imports the UI, yet speaks the learner's language.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tbp_tui.files import FileRefused, check_export_target, export_target, write_export
from tbp_tui.textsafe import visible
from tbp_tui.translate import Translate

from . import paths
from .export import CourseLike, format_duration, to_json, to_markdown
from .messages import NameProblem, OsReason, os_reason
from .model import Progress
from .sealed import ProfileLocked, Seal
from .store import InvalidProfileName, LockTimeout, UnsafeDataDir, forget_profile, read_progress

__all__ = ["cmd_export", "cmd_forget", "cmd_progress", "cmd_where"]

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2
#: What confirms ``tbp forget`` in either language; whole words only, since it deletes for good.
YES_ANSWERS = frozenset({"ja", "yes"})


def inert(text: str) -> str:
    """Text for Rich: escape codes from files shown as symbols, markup characters escaped."""
    return escape(visible(text))


def _bad_profile(problem: NameProblem, profile: str, t: Translate) -> str:
    """Why ``profile`` is refused, in the translator's language, the name made visible."""
    return t("cli.bad_profile", reason=problem.words(t), name=visible(profile))


def _refusal(exc: UnsafeDataDir | InvalidProfileName, profile: str, t: Translate) -> str:
    """The domain's exceptions carry codes; the catalog words them, with the folder and reason."""
    if isinstance(exc, InvalidProfileName):
        return _bad_profile(exc.problem, profile, t)
    return t("cli.unsafe_data_dir", reason=exc.problem.words(t))


def _data_dir(data_dir: Path | None) -> Path:
    return paths.default_data_dir() if data_dir is None else Path(data_dir)


def _locked(profile: str, console: Console, t: Translate) -> None:
    """A protected profile without its passphrase: nothing of it is read, shown or deleted."""
    console.print(f"[bold]tbp:[/] {inert(t('cli.locked', profile=profile))}")


def _load(
    data_dir: Path | None, profile: str, console: Console, t: Translate, seal: Seal | None = None
) -> Progress | None:
    """The profile's progress, or None after printing why it cannot be read."""
    try:
        progress, notices = read_progress(data_dir, profile, seal)
    except (UnsafeDataDir, InvalidProfileName) as exc:
        console.print(f"[bold]tbp:[/] {inert(_refusal(exc, profile, t))}")
        return None
    except ProfileLocked:
        _locked(profile, console, t)
        return None
    for notice in notices:  # read_progress only reports an unreadable or damaged progress file
        console.print(inert(t("cli.progress.notice", notice=notice.words(t))))
    return progress


def cmd_progress(
    course: CourseLike, data_dir: Path | None, profile: str, console: Console, *, t: Translate,
    seal: Seal | None = None,
) -> int:
    """A table of what the learner has explored, module by module (no grading words)."""
    progress = _load(data_dir, profile, console, t, seal)
    if progress is None:
        return EXIT_REFUSED
    table = Table(title=inert(t("cli.progress.title", course=course.title, profile=profile)))
    table.add_column(t("cli.progress.col_module"))
    table.add_column(t("cli.progress.col_steps"), justify="right")
    table.add_column(t("cli.progress.col_reflections"), justify="right")
    table.add_column(t("cli.progress.col_time"), justify="right")
    for module in course.modules:
        data = progress.modules.get(module.id)
        step_ids = {s.id for s in module.steps}
        seen, written = progress.explored(module.id, step_ids)
        seconds = data.seconds if data else 0.0
        table.add_row(
            inert(module.title),
            # the checklist's ticks are never stored: a count there would suggest they are
            t("home.private") if module.kind == "checklist" else f"{seen} / {len(step_ids)}",
            str(written),
            format_duration(seconds, t),
        )
    console.print(table)
    known = {m.id for m in course.modules}
    gone = [m for m in progress.modules if m not in known]
    if gone:
        console.print(inert(t("cli.progress.gone", ids=", ".join(gone))))
    return EXIT_OK


def cmd_export(
    course: CourseLike,
    data_dir: Path | None,
    profile: str,
    fmt: str,
    output: Path | None,
    console: Console,
    *,
    t: Translate,
    force: bool = False,
    input_fn: Callable[[str], str] = input,
    stdin_isatty: Callable[[], bool] | None = None,
    seal: Seal | None = None,
) -> int:
    """Export to stdout (exactly, no wrapping or markup; also ``-o -``) or to a private file (0600).

    A file is written only where files.write_export allows it: never over a device, FIFO, socket
    or symlink, never into a missing folder, and over an existing file only with ``force`` or a
    "ja" typed at a terminal.
    """
    if fmt not in ("md", "json"):
        console.print(f"[bold]tbp:[/] {inert(t('cli.export.bad_format', fmt=fmt))}")
        return EXIT_REFUSED
    to_stdout = output is None or str(output) == "-"
    progress = _load(data_dir, profile, console if not to_stdout else Console(stderr=True), t, seal)
    if progress is None:
        return EXIT_REFUSED
    text = to_markdown(progress, course, t) if fmt == "md" else to_json(progress, course)
    if to_stdout:
        # exact in a pipe or a file; inert on a terminal, where a stranger's escape codes would act
        console.out(visible(text) if console.is_terminal else text, end="", highlight=False)
        return EXIT_OK
    try:
        target = export_target(str(output))
        replace = force
        if check_export_target(target) and not force:
            is_tty = stdin_isatty() if stdin_isatty is not None else sys.stdin.isatty()
            if not is_tty:
                console.print(inert(t("cli.export.exists", target=str(target))))
                return EXIT_REFUSED
            try:
                answer = input_fn(t("cli.export.replace", target=visible(str(target))))
            except EOFError:
                answer = ""
            if answer.strip().casefold() not in YES_ANSWERS:
                console.print(inert(t("cli.forget.kept")))
                return EXIT_REFUSED
            replace = True
        write_export(target, text.encode("utf-8"), replace=replace)
    except FileRefused as exc:
        console.print(inert(t("cli.export.refused", reason=exc.words(t))))
        return EXIT_REFUSED
    except OSError as exc:
        console.print(inert(t("cli.export.failed", target=str(output),
                               reason=os_reason(exc).words(t))))
        return EXIT_FAILED
    console.print(inert(t("cli.export.done", target=str(target))))
    return EXIT_OK


def cmd_where(data_dir: Path | None, profile: str, console: Console, *, t: Translate) -> int:
    """Every path tbp-tui uses for this profile, and whether it exists yet."""
    problem = paths.validate_profile_name(profile)
    if problem is not None:
        console.print(f"[bold]tbp:[/] {inert(_bad_profile(problem, profile, t))}")
        return EXIT_REFUSED
    root = _data_dir(data_dir)
    where = {**paths.profile_paths(root, profile), "unlock_file": paths.unlock_file(root, profile),
             "cache_dir": paths.cache_dir(root)}
    rows = [(t(f"cli.where.{key}", profile=profile), str(path),
             t("cli.where.yes") if path.exists() else t("cli.where.not_yet")) for key, path in where.items()]
    # Into a pipe or a file: one line per path, never broken, for `cut`, `grep` and copying.
    tty = console.is_terminal
    if tty:
        table = Table(title=t("cli.where.title"), show_header=True)
        table.add_column(t("cli.where.col_what"))
        table.add_column(t("cli.where.col_path"), overflow="fold")
        table.add_column(t("cli.where.col_exists"))
        for label, path_text, exists in rows:
            table.add_row(inert(label), inert(path_text), exists)
        console.print(table)
    else:
        console.print(t("cli.where.title"), markup=False, highlight=False, soft_wrap=True)
        for label, path_text, exists in rows:
            console.print(visible(f"{label}: {path_text} ({exists})"), markup=False, highlight=False,
                          soft_wrap=True)
    folder = paths.profile_dir(root, profile)
    aside = sorted(folder.glob(f"{paths.PROGRESS_FILE_NAME}.corrupt-*")) if folder.is_dir() else []
    for path in aside:
        console.print(visible(t("cli.where.set_aside", path=path)), markup=False, highlight=False,
                      soft_wrap=not tty)
    console.print(t("cli.where.checklist"), markup=False, highlight=False, soft_wrap=not tty)
    console.print(t("cli.where.guest"), markup=False, highlight=False, soft_wrap=not tty)
    return EXIT_OK


def cmd_forget(
    data_dir: Path | None,
    profile: str,
    yes: bool,
    console: Console,
    input_fn: Callable[[str], str] = input,
    *,
    t: Translate,
    stdin_isatty: Callable[[], bool] | None = None,
    seal: Seal | None = None,
) -> int:
    """Delete a profile's data after the learner types "ja" or "yes" (or with ``--yes``)."""
    problem = paths.validate_profile_name(profile)
    if problem is not None:
        console.print(f"[bold]tbp:[/] {inert(_bad_profile(problem, profile, t))}")
        return EXIT_REFUSED
    folder = paths.profile_dir(_data_dir(data_dir), profile)
    if not folder.is_dir() and not folder.is_symlink():
        console.print(inert(t("cli.forget.no_data", profile=profile)))
        return EXIT_OK
    if not yes:
        is_tty = stdin_isatty() if stdin_isatty is not None else sys.stdin.isatty()
        if not is_tty:
            console.print(inert(f"tbp: {t('cli.forget.no_terminal')}"))
            return EXIT_REFUSED
        try:
            answer = input_fn(visible(t("cli.forget.ask", profile=profile, folder=folder)))
        except EOFError:
            answer = ""
        if answer.strip().casefold() not in YES_ANSWERS:
            console.print(inert(t("cli.forget.kept")))
            return EXIT_FAILED
    try:
        removed = forget_profile(data_dir, profile, seal)
    except ProfileLocked:
        _locked(profile, console, t)
        return EXIT_REFUSED
    except (UnsafeDataDir, InvalidProfileName) as exc:
        console.print(f"[bold]tbp:[/] {inert(_refusal(exc, profile, t))}")
        return EXIT_REFUSED
    except LockTimeout:
        console.print(inert(t("cli.forget.failed", folder=folder, reason=OsReason("busy").words(t))))
        return EXIT_FAILED
    except OSError as exc:
        console.print(inert(t("cli.forget.failed", folder=folder,
                               reason=os_reason(exc).words(t))))
        return EXIT_FAILED
    if removed:
        console.print(inert(t("cli.forget.done", profile=profile, folder=folder)))
    else:
        console.print(inert(t("cli.forget.no_data", profile=profile)))
    return EXIT_OK
