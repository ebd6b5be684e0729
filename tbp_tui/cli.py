"""The `tbp` command: parse arguments, build the finished models, then hand them to the app.

Heavy imports (Textual, Rich) happen only in the branch that needs them, so `tbp validate`
and `tbp --help` start fast and work where the full-screen app cannot. What the commands print
comes from the app's string catalog, in the language chosen like the app's (`--lang`, else the
locale); the course validator's own problem lines stay English, for course authors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tbp_tui import __version__
from tbp_tui.course import bundled_course_dir
from tbp_tui.i18n import Catalog
from tbp_tui.options import THEME_CHOICES, AppOptions, Lang
from tbp_tui.textsafe import visible
from tbp_tui.translate import counted

if TYPE_CHECKING:
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


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """Options that may stand before or after a subcommand."""
    d: dict[str, Any] = {"default": argparse.SUPPRESS} if suppress else {}
    parser.add_argument("--course", metavar="DIR", type=Path, help="use another course folder",
                        **d)
    parser.add_argument("--data-dir", metavar="DIR", type=Path,
                        help="where progress is kept (also TBP_DATA_DIR)", **d)
    parser.add_argument("--profile", metavar="NAME", help="learner profile on a shared account", **d)
    parser.add_argument("--guest", action="store_true", help="write nothing at all", **d)
    parser.add_argument("--lang", choices=("nb", "en"), help="language of the app (default: nb)",
                        **d)
    parser.add_argument("--no-color", action="store_true", help="monochrome (like NO_COLOR)", **d)


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole `tbp` parser; without `commands`, only the options of the app itself.

    The subcommands' parsers take about 8 ms to build, so a plain `tbp` does without them
    (see `parse_args`).
    """
    parser = argparse.ArgumentParser(
        prog="tbp",
        description="Livet skjer med oss alle – kurs i traumebevisst praksis i terminalen.",
        epilog="Uten kommando starter kurset. Se README.md og docs/ for mer.",
        exit_on_error=commands,
        allow_abbrev=commands,  # "--he" must reach the whole parser's help
    )
    parser.add_argument("--version", action="version", version=f"tbp-tui {__version__}")
    parser.add_argument("--plain", action="store_true",
                        help="the course as a line-by-line text dialogue (screen readers, TERM=dumb)")
    parser.add_argument("--choose-profile", action="store_true",
                        help="pick or create a profile first (also TBP_CHOOSE_PROFILE=1)")
    _common(parser, suppress=False)
    parser.add_argument("--theme", choices=THEME_CHOICES,
                        help="colours for this run: standard (calm, dark), light, or ansi (the terminal's "
                             "own); c on the home screen changes and keeps them")
    parser.add_argument("--facilitator", action="store_true",
                        help="facilitator mode: manus, session plan and a large timer beside each step")
    parser.add_argument("--room", metavar="NAME",
                        help="join a workshop room (with --facilitator: lead it; 'tbp room open' opens one)")
    parser.add_argument("--room-from-ssh", action="store_true",
                        help="join the room named after the host in 'ssh -t HOST NAME', else the only "
                             "room open (for sshd's ForceCommand)")
    parser.add_argument("--room-root", metavar="DIR", type=Path,
                        help="where rooms live (also TBP_ROOM_ROOT; default: /var/lib/tbp-rooms)")
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = sub.add_parser("validate", help="check course folders and report every problem")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                          help="course folders or course.toml files (default: the course in use)")
    _common(validate, suppress=True)
    checklist = sub.add_parser("checklist", help="the safety-plan checklist")
    checklist.add_argument("--print", action="store_true", dest="print_blank",
                           help="write the blank checklist as Markdown to stdout, for paper")
    _common(checklist, suppress=True)
    progress = sub.add_parser("progress", help="what you have explored, module by module")
    _common(progress, suppress=True)
    export = sub.add_parser("export", help="your own reflections and progress")
    export.add_argument("--format", choices=("md", "json"), default="md")
    export.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write to FILE (created 0600; '-' is stdout) instead of stdout; "
                             "never over a link or a device, never into a missing folder")
    export.add_argument("--force", action="store_true",
                        help="replace FILE if it exists (otherwise: asked at a terminal, else refused)")
    _common(export, suppress=True)
    where = sub.add_parser("where", help="every path tbp uses")
    _common(where, suppress=True)
    forget = sub.add_parser("forget", help="delete a profile's data after confirmation")
    forget.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    _common(forget, suppress=True)
    _room_parsers(sub)
    serve = sub.add_parser("serve", help="the course in a browser, one guest app per tab "
                                        "(needs: pip install 'tbp-tui[web]')")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1; anything else belongs behind "
                            "a reverse proxy with TLS and a login, see docs/serve.md)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--max-sessions", type=int, default=40, metavar="N",
                       help="at most N tabs at once (default 40)")
    serve.add_argument("--idle-minutes", type=float, default=30, metavar="M",
                       help="end a tab after M minutes without a key (default 30)")
    serve.add_argument("--public-url", metavar="URL",
                       help="the address participants use, e.g. https://kurs.example.no behind a proxy")
    serve.add_argument("--room", metavar="NAME",
                       help="each tab joins this workshop room under a display name it is asked for")
    serve.add_argument("--room-root", metavar="DIR", type=Path,
                       help="where rooms live (also TBP_ROOM_ROOT; default: /var/lib/tbp-rooms)")
    _common(serve, suppress=True)
    report = sub.add_parser("report", help="completion reporting (xAPI): status, flush, test, csv")
    report.add_argument("report_action", choices=("status", "flush", "test", "csv"), metavar="ACTION",
                        help="status: on or off, to whom, what waits; flush: send now; test: reach "
                        "the LRS; csv: one row per completed module")
    report.add_argument("--show", action="store_true", help="with status: print the waiting statements")
    report.add_argument("--spool", action="store_true",
                        help="with flush: send the shared machine's spool (run as the service account)")
    report.add_argument("--from-lrs", action="store_true", help="with csv: read the LRS, not this profile")
    _common(report, suppress=True)
    return parser


def _room_parsers(sub: Any) -> None:
    """``tbp room open|close|status|accounts``; the work is done in tbp_tui/room/commands.py."""
    room = sub.add_parser("room", help="workshop rooms: open, close, status, accounts")
    actions = room.add_subparsers(dest="room_action", metavar="ACTION", required=True)
    root_help = "where rooms live (also TBP_ROOM_ROOT; default: /var/lib/tbp-rooms)"
    lang_help = "language of the messages (default: nb)"
    for action, text in (("open", "open a room for your group (you lead it)"),
                         ("close", "close a room you opened and remove its folder"),
                         ("status", "the room's seat table: profile, module, step, last seen")):
        p = actions.add_parser(action, help=text)
        p.add_argument("name", metavar="NAME", help="room name: a-z, 0-9 and -, at most 32")
        if action == "open":
            p.add_argument("--group", metavar="G", help="the participants' group (default: yours)")
        p.add_argument("--room-root", metavar="DIR", type=Path, default=argparse.SUPPRESS,
                       help=root_help)
        p.add_argument("--lang", choices=("nb", "en"), default=argparse.SUPPRESS, help=lang_help)
    accounts = actions.add_parser("accounts", help="print (never run) useradd lines for COUNT accounts")
    accounts.add_argument("count", metavar="COUNT", help="how many participant accounts (1-200)")
    accounts.add_argument("--prefix", default="deltaker", help="user names: PREFIX01, PREFIX02, …")
    accounts.add_argument("--group", metavar="G", default="tbp-rom", help="their group (default tbp-rom)")
    accounts.add_argument("--shell", default="/bin/sh", help="login shell (default /bin/sh)")
    accounts.add_argument("--facilitator", metavar="USER", default="kursleder",
                          help="the facilitator's account (default kursleder)")
    accounts.add_argument("--room-root", metavar="DIR", type=Path, default=argparse.SUPPRESS,
                          help=root_help)
    accounts.add_argument("--lang", choices=("nb", "en"), default=argparse.SUPPRESS, help=lang_help)


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
                   t: Catalog | None = None) -> Course | None:
    """The course, or None after printing why it cannot be used (in `t`'s language; default: locale).

    With `data_dir`, a copy kept by an earlier start is used when the course has not changed
    since (course/cache.py); `keep` writes one for the next start (not in guest mode).
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
        key = cache.fingerprint(course_dir)
        kept = cache.load_cached(folder, course_dir, key) if key is not None else None
        if kept is not None:
            return kept
    from tbp_tui.course import loader

    course, problems = loader.validate_course(course_dir)
    if course is not None and key is not None and keep:
        cache.save_cached(folder, course_dir, key, course)
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
    given = options_from(args)
    t = Catalog(given.lang)
    course = load_or_report(_course_dir(args), given.data_dir, keep=not given.guest, t=t)
    if course is None:
        return EXIT_INVALID
    if getattr(args, "room", None) is not None:
        from tbp_tui.room import valid_room_name

        if not valid_room_name(args.room):
            _say(f"tbp: {t('cli.bad_room', name=repr(args.room))}", err=True)
            return EXIT_USAGE
    from tbp_tui.plain import needs_plain, run_plain
    from tbp_tui.profile_choice import choose_profile
    from tbp_tui.progress import InvalidProfileName, ProgressStore, UnsafeDataDir
    from tbp_tui.progress.sealed import ProfileLocked

    reason = needs_plain(sys.stdin, sys.stdout, os.environ.get("TERM"))
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
            return run_plain(course, store, options)
        from tbp_tui.ui.app import run_app  # Textual is imported only here

        return run_app(course, store, options)
    finally:
        if reporter is not None:
            reporter.stop()


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


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Options alone start the app: they are parsed without building the subcommands' parsers.

    A word (a command, an option's value), help or any error goes to the whole parser, so what
    it prints is the same either way.
    """
    if all(a.startswith("-") and a not in ("-h", "--help") for a in argv):
        try:
            args, rest = build_parser(commands=False).parse_known_args(argv)
        except argparse.ArgumentError:
            pass
        else:
            if not rest:
                return args
    return build_parser().parse_args(argv)


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
