"""What one browser tab runs: the full app as a guest, whatever the pipes look like.

`tbp serve` starts `python -m tbp_tui.web.tab` once per tab. Under textual-serve stdin and stdout
are pipes (Textual's web driver speaks over them), so `tbp`'s own start-up would fall back to
plain mode; this entry point goes straight to the full app. A tab starts as a guest: many
participants share the server's Unix user, so nothing one of them types is written to its disk
unless they open a personal profile, which must have a passphrase (`ui/personal.py`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tbp_tui.cli import EXIT_INVALID, load_or_report
from tbp_tui.i18n import Catalog
from tbp_tui.options import AppOptions, Lang


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tbp-web-tab")
    parser.add_argument("--lang", choices=("nb", "en"), default="nb")
    parser.add_argument("--course", type=Path, required=True)
    parser.add_argument("--room")
    parser.add_argument("--room-root", type=Path)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    lang: Lang = args.lang
    course = load_or_report(args.course, t=Catalog(lang))
    if course is None:
        return EXIT_INVALID
    from tbp_tui.progress import ProgressStore, resolve_data_dir

    data_dir = resolve_data_dir(None, os.environ)
    options = AppOptions(lang=lang, no_color=False, theme=None, guest=True, profile="guest", browser=True,
                         room=args.room, room_root=args.room_root,
                         data_dir=data_dir, course_dir=args.course)
    store = ProgressStore.open(data_dir, options.profile, guest=True)
    from tbp_tui.ui.app import run_app

    return run_app(course, store, options)


if __name__ == "__main__":
    sys.exit(main())
