"""Item 11: while the safety checklist is open the process is not dumpable and has no core limit.

This kernel's /proc/self/status has no Dumpable line, so the flag is read with prctl(PR_GET_DUMPABLE)
(tbp_tui.safety.nodump.dumpable), in a child process so the test runner itself is never changed.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import resource
from tbp_tui.safety.nodump import dumpable, forbid_core_dumps
hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
soft = 1 << 20 if hard == resource.RLIM_INFINITY else min(1 << 20, hard)
resource.setrlimit(resource.RLIMIT_CORE, (soft, hard))
def state():
    return dumpable(), resource.getrlimit(resource.RLIMIT_CORE)[0]
before = state()
restore = forbid_core_dumps()
during = state()
restore()
print(before, during, state())
"""


def test_forbid_core_dumps_in_a_child_process_and_restore() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "(1, 1048576) (0, 0) (1, 1048576)"
