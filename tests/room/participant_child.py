"""One participant process for the multi-process room test (run as a script, maybe as another uid).

It joins the room, keeps its own progress store (with a reflection in it), and runs the same
follow loop the app uses (``run_follow``, real clock, 1 s). Every event goes to stdout as one
JSON line. On the first command it also tries what a hostile participant might: write the
facilitator's state.toml, replace or delete another participant's seat, and read another
participant's progress file. The results are reported back, not asserted here.
Stops when stdin closes.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

from tbp_tui.clock import SystemClock
from tbp_tui.files.atomic import atomic_write
from tbp_tui.progress import ProgressStore
from tbp_tui.progress.paths import progress_file
from tbp_tui.room import Command, ParticipantLink, RoomError, run_follow


def say(**event: object) -> None:
    print(json.dumps(event), flush=True)


def attempt(action: object) -> str:
    try:
        action()  # type: ignore[operator]
    except OSError as exc:
        return type(exc).__name__
    return "allowed"


def main() -> int:
    root, name, profile, data_root = Path(sys.argv[1]), sys.argv[2], sys.argv[3], Path(sys.argv[4])
    hostile = sys.argv[5] == "probe"  # only when each participant is its own uid
    store = ProgressStore.open(data_root / profile, profile)
    store.set_position("m1", "s1")
    store.set_reflection("m1", "s1", f"HEMMELIG-REFLEKSJON-{profile}")
    if not store.save():
        say(event="error", message=str(store.notices))
        return 1
    try:
        link = ParticipantLink.join(root, name, profile, SystemClock().now)
    except RoomError as exc:
        say(event="error", message=exc.message)
        return 1
    room = root / name
    own = link._seat.path.name
    where = {"module": "m1", "step": "s1"}
    probed = threading.Event()

    def probe() -> None:
        others = sorted(p for p in (room / "seats").iterdir()
                        if p.name != own and p.name.startswith("seat-") and p.stat().st_uid != 0)
        other = others[0]
        other_store = next(p for p in data_root.iterdir() if p.name != profile)
        say(event="probe", uid=os.geteuid(), other_seat_uid=other.stat().st_uid,
            state_open=attempt(lambda: open(room / "state.toml", "ab").close()),
            state_replace=attempt(lambda: atomic_write(room / "state.toml", b"forged", 0o640)),
            seat_replace=attempt(lambda: atomic_write(other, b"forged", 0o640)),
            seat_unlink=attempt(lambda: os.unlink(other)),
            read_other_progress=attempt(
                lambda: progress_file(other_store, other_store.name).read_bytes()))

    def on_command(command: Command) -> None:
        where.update(module=command.module, step=command.step)
        say(event="command", seq=command.seq, kind=command.kind, step=command.step)
        if hostile and not probed.is_set():
            probed.set()
            probe()

    stop = threading.Event()

    def wait_for_eof() -> None:
        sys.stdin.read()
        stop.set()

    threading.Thread(target=wait_for_eof, daemon=True).start()
    say(event="joined", uid=os.geteuid())
    errors: list[RoomError] = []
    run_follow(link, lambda: (where["module"], where["step"], True), on_command, stop,
               on_error=errors.append)
    link.leave()
    say(event="left", error=errors[0].message if errors else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
