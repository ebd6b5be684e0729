"""Run a bit of Python as another uid, with the groups a real account would have.

The room's trust rests on what the kernel lets each account do, and root may do anything, so
the hostile participant and the second facilitator must really be other uids (65531–65534).
"""

from __future__ import annotations

import os
import site
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import IS_ROOT
from .test_room_processes import REPO

FACILITATOR_GROUP = "staff"
"""The facilitators' group in these tests (an existing group: the kernel checks gids)."""
PARTICIPANT_GROUP = "users"
FACILITATOR_A, FACILITATOR_B = 65531, 65532
PARTICIPANT, ATTACKER = 65533, 65534

needs_other_uids = pytest.mark.skipif(not IS_ROOT, reason="needs root to run processes as other uids")


@dataclass(frozen=True)
class Machine:
    """A folder like /var/lib (only root writes it) holding the room root IT made."""

    base: Path
    root: Path
    python: str

    def run(self, uid: int, code: str, *args: str, groups: tuple[str, ...] = (PARTICIPANT_GROUP,),
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        full = {"PYTHONPATH": os.pathsep.join([str(REPO), *site.getsitepackages()]),
                "PYTHONDONTWRITEBYTECODE": "1", "HOME": str(self.base), "LANG": "C.UTF-8",
                "PATH": "/usr/bin:/bin", "TBP_ROOM_ROOT": str(self.root), **(env or {})}
        return subprocess.run([self.python, "-c", code, *args], user=uid, group=65534,
                              extra_groups=list(groups), env=full, cwd=self.base, capture_output=True,
                              text=True, timeout=60, check=False)

    def tbp(self, uid: int, *argv: str, groups: tuple[str, ...] = (PARTICIPANT_GROUP,),
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        code = "import sys; from tbp_tui.cli import main; sys.exit(main(sys.argv[1:]))"
        return self.run(uid, code, *argv, groups=groups, env=env)

    def make_root(self) -> None:
        """The line IT runs: install -d -o root -g <facilitators> -m 1775 <root>."""
        import grp

        self.root.mkdir()
        os.chown(self.root, 0, grp.getgrnam(FACILITATOR_GROUP).gr_gid)
        os.chmod(self.root, 0o1775)


LEADER_GROUPS = (FACILITATOR_GROUP, PARTICIPANT_GROUP)
