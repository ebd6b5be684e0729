"""The `tbp` command: parse arguments, build the finished models, then hand them to the app.

Heavy imports (Textual, Rich) happen only in the branch that needs them, so `tbp validate`
and `tbp --help` start fast and work where the full-screen app cannot. What the commands print
comes from the app's string catalog, in the language chosen like the app's (`--lang`, else the
locale); the course validator's own problem lines stay English, for course authors.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from tbp_tui import __version__, gcpause
from tbp_tui.course import bundled_course_dir
from tbp_tui.i18n import Catalog
from tbp_tui.options import THEME_CHOICES, AppOptions, Lang
from tbp_tui.textsafe import visible
from tbp_tui.translate import counted

if TYPE_CHECKING:
    import argparse

    from tbp_tui.course.model import Course
    from tbp_tui.progress import ProgressStore
    from tbp_tui.report.reporter import Reporter

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
DEFAULT_PROFILE = "standard"


def _lang_from_env(environ: os._Environ[str] | dict[str, str]) -> Lang:
    """English only when the locale asks for it; C/POSIX and anything else get bokmål."""
    for var in ("TBP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "nb"
    return "nb"


def catalog_for(args: argparse.Namespace) -> Catalog:
    """The catalog in the language the app would use: --lang, else the locale."""
    return Catalog(getattr(args, "lang", None) or _lang_from_env(os.environ))


def _common(parser: argparse.ArgumentParser, t: Catalog, suppress: bool) -> None:
    """Options that may stand before or after a subcommand."""
    import argparse
    d: dict[str, Any] = {"default": argparse.SUPPRESS} if suppress else {}
    parser.add_argument("--course", metavar=t("cli.meta.dir"), type=Path, help=t("cli.help.course"),
                        **d)
    parser.add_argument("--data-dir", metavar=t("cli.meta.dir"), type=Path,
                        help=t("cli.help.data_dir"), **d)
    parser.add_argument("--profile", metavar=t("cli.meta.name"), help=t("cli.help.profile"), **d)
    parser.add_argument("--guest", action="store_true", help=t("cli.help.guest"), **d)
    parser.add_argument("--lang", choices=("nb", "en"), help=t("cli.help.lang"), **d)
    parser.add_argument("--no-color", action="store_true", help=t("cli.help.no_color"), **d)


def build_parser(t: Catalog, *, commands: bool = True) -> argparse.ArgumentParser:
    """The whole `tbp` parser in `t`'s language; without `commands`, only the app's own options.

    Build and use it inside `argtext.speaking(t)` so argparse's own words match (`parse_args`).
    The subcommands' parsers take about 8 ms to build, so a plain `tbp` does without them.
    """
    import argparse
    parser = argparse.ArgumentParser(
        prog="tbp",
        description=t("cli.help.description"),
        epilog=t("cli.help.epilog"),
        exit_on_error=commands,
        allow_abbrev=commands,  # "--he" must reach the whole parser's help
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help=t("argparse.help"))
    parser.add_argument("--version", action="version", version=f"tbp-tui {__version__}",
                        help=t("cli.help.version"))
    parser.add_argument("--plain", action="store_true", help=t("cli.help.plain"))
    parser.add_argument("--choose-profile", action="store_true", help=t("cli.help.choose_profile"))
    _common(parser, t, suppress=False)
    parser.add_argument("--theme", choices=THEME_CHOICES, help=t("cli.help.theme"))
    parser.add_argument("--facilitator", action="store_true", help=t("cli.help.facilitator"))
    parser.add_argument("--room", metavar=t("cli.meta.name"), help=t("cli.help.room"))
    parser.add_argument("--room-from-ssh", action="store_true", help=t("cli.help.room_from_ssh"))
    parser.add_argument("--room-root", metavar=t("cli.meta.dir"), type=Path,
                        help=t("cli.help.room_root"))
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar=t("cli.meta.command"))

    def command(name: str, key: str) -> argparse.ArgumentParser:
        made: argparse.ArgumentParser = sub.add_parser(name, help=t(key))
        _common(made, t, suppress=True)
        return made

    validate = command("validate", "cli.help.validate")
    validate.add_argument("paths", nargs="*", type=Path, metavar=t("cli.meta.path"),
                          help=t("cli.help.validate_paths"))
    checklist = command("checklist", "cli.help.checklist")
    checklist.add_argument("--print", action="store_true", dest="print_blank",
                           help=t("cli.help.checklist_print"))
    command("progress", "cli.help.progress")
    export = command("export", "cli.help.export")
    export.add_argument("--format", choices=("md", "json"), default="md",
                        help=t("cli.help.export_format"))
    export.add_argument("-o", "--output", type=Path, metavar=t("cli.meta.file"),
                        help=t("cli.help.export_output"))
    export.add_argument("--force", action="store_true", help=t("cli.help.export_force"))
    command("where", "cli.help.where")
    forget = command("forget", "cli.help.forget")
    forget.add_argument("--yes", action="store_true", help=t("cli.help.forget_yes"))
    _room_parsers(sub, t)
    serve = command("serve", "cli.help.serve")
    serve.add_argument("--host", default="127.0.0.1", metavar=t("cli.meta.host"),
                       help=t("cli.help.serve_host"))
    serve.add_argument("--port", type=int, default=8000, help=t("cli.help.serve_port"))
    serve.add_argument("--max-sessions", type=int, default=40, metavar="N",
                       help=t("cli.help.serve_max_sessions"))
    serve.add_argument("--idle-minutes", type=float, default=30, metavar="M",
                       help=t("cli.help.serve_idle_minutes"))
    serve.add_argument("--public-url", metavar="URL", help=t("cli.help.serve_public_url"))
    serve.add_argument("--room", metavar=t("cli.meta.name"), help=t("cli.help.serve_room"))
    serve.add_argument("--room-root", metavar=t("cli.meta.dir"), type=Path, help=t("cli.help.room_root"))
    report = command("report", "cli.help.report")
    report.add_argument("report_action", choices=("status", "flush", "test", "csv"),
                        metavar=t("cli.meta.action"), help=t("cli.help.report_action"))
    report.add_argument("--show", action="store_true", help=t("cli.help.report_show"))
    report.add_argument("--spool", action="store_true", help=t("cli.help.report_spool"))
    report.add_argument("--from-lrs", action="store_true", help=t("cli.help.report_from_lrs"))
    return parser


def _room_parsers(sub: Any, t: Catalog) -> None:
    """``tbp room open|close|status|accounts``; the work is done in tbp_tui/room/commands.py."""
    import argparse
    room = sub.add_parser("room", help=t("cli.help.room_cmd"))
    actions = room.add_subparsers(dest="room_action", metavar=t("cli.meta.action"), required=True)

    def shared(p: argparse.ArgumentParser) -> None:
        p.add_argument("--room-root", metavar=t("cli.meta.dir"), type=Path, default=argparse.SUPPRESS,
                       help=t("cli.help.room_root"))
        p.add_argument("--lang", choices=("nb", "en"), default=argparse.SUPPRESS, help=t("cli.help.lang"))

    for action, key in (("open", "cli.help.room_open"), ("close", "cli.help.room_close"),
                        ("status", "cli.help.room_status")):
        p = actions.add_parser(action, help=t(key))
        p.add_argument("name", metavar=t("cli.meta.name"), help=t("cli.help.room_name"))
        if action == "open":
            p.add_argument("--group", metavar=t("cli.meta.group"), help=t("cli.help.room_group"))
        shared(p)
    accounts = actions.add_parser("accounts", help=t("cli.help.room_accounts"))
    accounts.add_argument("count", metavar=t("cli.meta.count"), help=t("cli.help.accounts_count"))
    accounts.add_argument("--prefix", default="deltaker", metavar=t("cli.meta.prefix"),
                          help=t("cli.help.accounts_prefix"))
    accounts.add_argument("--group", metavar=t("cli.meta.group"), default="tbp-rom",
                          help=t("cli.help.accounts_group"))
    accounts.add_argument("--shell", default="/bin/sh", metavar=t("cli.meta.shell"),
                          help=t("cli.help.accounts_shell"))
    accounts.add_argument("--facilitator", metavar=t("cli.meta.user"), default="kursleder",
                          help=t("cli.help.accounts_facilitator"))
    shared(accounts)


def cmd_room(args: argparse.Namespace) -> int:
    from tbp_tui.room.commands import RoomArgs
    from tbp_tui.room.commands import cmd_room as run

    return run(RoomArgs(action=args.room_action, name=getattr(args, "name", None),
                        root=getattr(args, "room_root", None), group=getattr(args, "group", None),
                        count=getattr(args, "count", None), prefix=getattr(args, "prefix", "deltaker"),
                        shell=getattr(args, "shell", "/bin/sh"),
                        facilitator=getattr(args, "facilitator", "kursleder")), sys.stdout, sys.stderr,
               t=catalog_for(args))


def cmd_serve(args: argparse.Namespace) -> int:
    from tbp_tui.web.command import ServeArgs, run

    t = catalog_for(args)
    return run(ServeArgs(host=args.host, port=args.port, max_sessions=args.max_sessions,
                         idle_minutes=args.idle_minutes, public_url=args.public_url,
                         course_dir=_course_dir(args), room=args.room, room_root=args.room_root), t,
               course_ok=lambda: load_or_report(_course_dir(args), t=t) is not None)


def cmd_report(args: argparse.Namespace) -> int:
    from tbp_tui.report.commands import cmd_report as run

    options = options_from(args)
    t = Catalog(options.lang)
    course = load_or_report(_course_dir(args), t=t)
    if course is None:
        return EXIT_INVALID
    assert options.data_dir is not None
    return run(args.report_action, course, options.data_dir, options.profile, options.lang,
               show=args.show, spool=args.spool, from_lrs=args.from_lrs, t=t)


def _course_dir(args: argparse.Namespace) -> Path:
    return args.course if args.course is not None else bundled_course_dir()


def _say(text: object, *, err: bool = False) -> None:
    """Print one line with anything that came from a file or an argument made inert."""
    print(visible(str(text)), file=sys.stderr if err else sys.stdout)


def cmd_validate(paths: Sequence[Path], out: object = None, *, t: Catalog | None = None) -> int:
    """Validate each path; print every problem as file:line: key: message."""
    from tbp_tui.course import loader

    t = t or Catalog(_lang_from_env(os.environ))
    status = EXIT_OK
    for path in paths:
        if not path.exists():
            _say(f"tbp: {t('cli.no_such_path', path=path)}", err=True)
            status = EXIT_USAGE
            continue
        course, problems = loader.validate_course(path)
        for problem in problems:
            _say(problem)
        if course is None:
            files = len({p.file for p in problems})
            _say(t("cli.validate.invalid", path=path, problems=counted(t, "problem", len(problems)),
                   files=counted(t, "file", files)), err=True)
            status = max(status, EXIT_INVALID)
        else:
            steps = sum(len(m.steps) for m in course.modules)
            _say(t("cli.validate.valid", path=path, modules=counted(t, "module", len(course.modules)),
                   steps=counted(t, "step", steps),
                   references=counted(t, "reference", len(course.references)),
                   terms=counted(t, "term", len(course.glossary))))
    return status


def cmd_checklist(args: argparse.Namespace) -> int:
    t = catalog_for(args)
    if not args.print_blank:
        print(f"tbp checklist: {t('cli.checklist.use_print')}", file=sys.stderr)
        return EXIT_USAGE
    course = load_or_report(_course_dir(args), t=t)
    if course is None:
        return EXIT_INVALID
    module = next((m for m in course.modules if m.kind == "checklist"), None)
    if module is None:
        _say(f"tbp: {t('cli.checklist.none', dir=_course_dir(args))}", err=True)
        return EXIT_INVALID
    from tbp_tui.safety import blank_markdown

    sys.stdout.write(visible(blank_markdown(module)))
    return EXIT_OK


def load_or_report(course_dir: Path, data_dir: Path | None = None, *, keep: bool = False,
                   t: Catalog | None = None, meanwhile: Callable[[], object] | None = None) -> Course | None:
    """The course, or None after printing why it cannot be used (in `t`'s language; default: locale).

    With `data_dir`, a copy kept by an earlier start is used when the course has not changed
    since (course/cache.py); `keep` writes one for the next start (not in guest mode): with no
    copy to use and `meanwhile` to do (the full app's imports), a child process reads the course
    and keeps it (course/aside.py) while this one does that; else this process reads it and
    keeps it in a thread.
    """
    t = t or Catalog(_lang_from_env(os.environ))
    if not course_dir.exists():
        _say(f"tbp: {t('cli.course_missing', dir=course_dir)}", err=True)
        return None
    key = None
    if data_dir is not None:
        from tbp_tui.course import cache
        from tbp_tui.progress.paths import cache_dir

        folder = cache_dir(data_dir)  # the data folder's layout is the store's to say
        quick = cache.stat_key(course_dir)  # taken first: the files unchanged since, unread
        kept = cache.load_cached(folder, course_dir, None, quick) if quick is not None else None
        if kept is not None:
            return kept
        if keep and quick is not None and meanwhile is not None:
            from tbp_tui.course.aside import read_aside

            collect = read_aside(folder, course_dir, quick)
            if collect is not None:
                meanwhile()
                kept = collect()
                if kept is not None:
                    return kept
        key = cache.fingerprint(course_dir)
        kept = cache.load_cached(folder, course_dir, key) if key is not None else None
        if kept is not None:
            return kept
    from tbp_tui.course import loader

    course, problems = loader.validate_course(course_dir)
    if course is not None and key is not None and keep:
        cache.keep_in_background(folder, course_dir, key, course, quick)  # home does not wait for it
    if course is None:
        for problem in problems:
            _say(problem, err=True)
        many = counted(t, "problem", len(problems))
        said = "cli.course_problem" if len(problems) == 1 else "cli.course_problems"
        _say(f"tbp: {t(said, dir=course_dir, problems=many)}", err=True)
    return course


def options_from(args: argparse.Namespace) -> AppOptions:
    from tbp_tui.progress import resolve_data_dir

    return AppOptions(
        lang=args.lang or _lang_from_env(os.environ),
        no_color=args.no_color or bool(os.environ.get("NO_COLOR")),
        theme=getattr(args, "theme", None),
        guest=args.guest,
        profile=args.profile or DEFAULT_PROFILE,
        data_dir=resolve_data_dir(args.data_dir, os.environ),
        course_dir=_course_dir(args),
        facilitator=bool(getattr(args, "facilitator", False)),
        room=_room(args),
        room_root=getattr(args, "room_root", None),
    )


def _room(args: argparse.Namespace) -> str | None:
    """--room, or with --room-from-ssh the room the SSH login asked for (or the only one open)."""
    if getattr(args, "room", None) is not None or not getattr(args, "room_from_ssh", False):
        return getattr(args, "room", None)
    from tbp_tui.room import default_room_root
    from tbp_tui.room.commands import room_from_ssh

    root = getattr(args, "room_root", None) or default_room_root(os.environ)
    return room_from_ssh(os.environ, root)


def cmd_progress_family(args: argparse.Namespace) -> int:
    from rich.console import Console

    from tbp_tui.progress import commands

    options = options_from(args)
    t = Catalog(options.lang)
    assert options.data_dir is not None
    if args.command == "where":
        return commands.cmd_where(options.data_dir, options.profile, Console(), t=t)
    from tbp_tui.profile_choice import seal_for_command

    go_on, seal = seal_for_command(options, t, sys.stdin, sys.stderr)  # a protected profile asks
    if not go_on:
        return EXIT_USAGE
    if args.command == "forget":
        return commands.cmd_forget(options.data_dir, options.profile, args.yes, Console(stderr=True),
                                   t=t, seal=seal)
    course = load_or_report(_course_dir(args), t=t)
    if course is None:
        return EXIT_INVALID
    if args.command == "progress":
        return commands.cmd_progress(course, options.data_dir, options.profile, Console(), t=t,
                                     seal=seal)
    return commands.cmd_export(course, options.data_dir, options.profile, args.format, args.output,
                               Console(), t=t, force=args.force, seal=seal)


def cmd_app(args: argparse.Namespace) -> int:
    gcpause.hold()  # no garbage collection on the way to the first paint (gcpause.py)
    try:
        return _app(args)
    finally:
        gcpause.release()  # the app released it at its first paint; any other way out, here


def _app(args: argparse.Namespace) -> int:
    given = options_from(args)
    t = Catalog(given.lang)
    from tbp_tui.terminal import needs_plain

    reason = needs_plain(sys.stdin, sys.stdout, os.environ.get("TERM"))
    course = load_or_report(_course_dir(args), given.data_dir, keep=not given.guest, t=t,
                            meanwhile=None if args.plain or reason else _import_app)
    if course is None:
        return EXIT_INVALID
    if getattr(args, "room", None) is not None:
        from tbp_tui.room import valid_room_name

        if not valid_room_name(args.room):
            _say(f"tbp: {t('cli.bad_room', name=repr(args.room))}", err=True)
            return EXIT_USAGE
    from tbp_tui.profile_choice import choose_profile
    from tbp_tui.progress import InvalidProfileName, ProgressStore, UnsafeDataDir
    from tbp_tui.progress.sealed import ProfileLocked

    chosen = choose_profile(given, profile_given=bool(args.profile), asked=args.choose_profile,
                            plain=bool(args.plain or reason), environ=os.environ, inp=sys.stdin,
                            out=sys.stdout)
    if chosen is None:
        return EXIT_OK
    options = chosen
    try:
        store = ProgressStore.open(options.data_dir, options.profile, guest=options.guest,
                                   seal=options.seal)
    except ProfileLocked:  # protected by another passphrase since it was asked for
        _say(f"tbp: {t('cli.locked', profile=visible(options.profile))}", err=True)
        return EXIT_USAGE
    except (UnsafeDataDir, InvalidProfileName) as exc:
        # The store gives codes and the folder; the words come from the catalog in the user's language.
        if isinstance(exc, InvalidProfileName):
            text = t("cli.bad_profile", reason=exc.problem.words(t), name=visible(options.profile))
        else:
            text = t("cli.unsafe_data_dir", reason=exc.problem.words(t))
        _say(f"tbp: {text}", err=True)
        return EXIT_USAGE
    reporter = None if options.guest else _start_reporting(course, store, options.lang)
    try:
        if args.plain or reason:
            if reason and not args.plain:
                t = Catalog(options.lang)
                why = t(f"plain.reason.{reason}", term=os.environ.get("TERM", ""))
                _say(t("plain.fallback", reason=why), err=True)
            if options.room is not None:  # plain mode has no room: say so rather than ignore it
                _say(f"tbp: {Catalog(options.lang)('plain.no_room', name=options.room)}", err=True)
            from tbp_tui.plain import run_plain  # not imported by the full app

            gcpause.release()  # plain mode is not timed to a first frame: just on again
            return run_plain(course, store, options)
        from tbp_tui.progress.paths import cache_dir
        from tbp_tui.ui.app import run_app  # Textual is imported only here

        styles = None if options.data_dir is None else cache_dir(options.data_dir)
        return run_app(course, store, options, styles=styles)
    finally:
        if reporter is not None:
            reporter.stop()


def _import_app() -> None:
    """Import the full app (Textual) while a child reads the course (`load_or_report`)."""
    import tbp_tui.ui.app  # noqa: F401


def _start_reporting(course: Course, store: ProgressStore, lang: Lang) -> Reporter | None:
    """Completion reporting, when an administrator or the learner turned it on; a broken
    configuration is said once and the course runs without it."""
    from tbp_tui.report.config import ConfigProblem, load_config

    try:
        config = load_config(store.data_dir)
        if config is None:
            return None
        from tbp_tui.report.reporter import start_reporting

        return start_reporting(config, course, store, lang)
    except ConfigProblem as exc:
        from tbp_tui.textsafe import visible

        print(f"tbp: {Catalog(lang)('report.bad_config', where=visible(exc.where), what=exc.what)}",
              file=sys.stderr)
        return None


def _lang_from_argv(argv: Sequence[str]) -> Lang | None:
    """The last `--lang nb|en` (or `--lang=…`, or an abbreviation such as `--la`) before `--`."""
    found: Lang | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        name, eq, value = arg.partition("=")
        if len(name) < 3 or not "--lang".startswith(name):
            continue
        if not eq:
            value = argv[i + 1] if i + 1 < len(argv) else ""
        if value in ("nb", "en"):
            found = "nb" if value == "nb" else "en"
    return found


BARE: dict[str, object] = {
    "plain": False, "choose_profile": False, "course": None, "data_dir": None, "profile": None,
    "guest": False, "lang": None, "no_color": False, "theme": None, "facilitator": False,
    "room": None, "room_from_ssh": False, "room_root": None, "command": None,
}
"""What the parser gives for no arguments at all (tests/test_cli.py holds the two equal).

A bare `tbp` then imports neither argparse nor gettext: about 2 ms and 0.3 MiB of every start."""


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The arguments, with help and mistakes worded in one language: --lang, else the locale.

    Options alone start the app: they are parsed without building the subcommands' parsers.
    A word (a command, an option's value), help or any error goes to the whole parser, so what
    it prints is the same either way.
    """
    if not argv:  # a bare `tbp`, as most learners start it: nothing to parse (see BARE)
        return cast("argparse.Namespace", SimpleNamespace(**BARE))
    import argparse

    from tbp_tui.argtext import speaking

    t = Catalog(_lang_from_argv(argv) or _lang_from_env(os.environ))
    with speaking(t):
        if all(a.startswith("-") and a not in ("-h", "--help") for a in argv):
            try:
                args, rest = build_parser(t, commands=False).parse_known_args(argv)
            except argparse.ArgumentError:
                pass
            else:
                if not rest:
                    return args
        return build_parser(t).parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if args.command == "validate":
            return cmd_validate(args.paths or [_course_dir(args)], t=catalog_for(args))
        if args.command == "checklist":
            return cmd_checklist(args)
        if args.command == "room":
            return cmd_room(args)
        if args.command == "serve":
            return cmd_serve(args)
        if args.command in ("progress", "export", "where", "forget"):
            return cmd_progress_family(args)
        if args.command == "report":
            return cmd_report(args)
        return cmd_app(args)
    except KeyboardInterrupt:
        return 130
    except RuntimeError as exc:  # pathlib's "Could not determine home directory": ~user, no HOME
        if "home directory" not in str(exc):
            raise
        _say(f"tbp: {catalog_for(args)('cli.no_home')}", err=True)
        return EXIT_USAGE
    except OSError as exc:  # a path the system refuses: a name over 255 bytes, no permission
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"tbp: {where}{exc.strerror or exc}", err=True)
        return EXIT_INVALID
