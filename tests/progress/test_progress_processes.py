"""Real processes: SIGKILL during saves, two writers on one profile, import hygiene."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from progress_testkit import child_env, run_python

from tbp_tui.progress.store import ProgressStore

KILLS = 300

SAVER = """
import sys
from pathlib import Path
from tbp_tui.progress.store import ProgressStore

store = ProgressStore.open(Path(sys.argv[1]), "standard")
module = store.progress.modules.get("m")
n = int(module.reflections["teller"].text.split()[0]) if module else 0
print(f"klar {n}", flush=True)
while True:
    n += 1
    store.set_reflection("m", "teller", f"{n} " + "x" * (n % 50))
    store.set_reflection("m", "speil", str(n))
    store.mark_seen("m", f"steg-{n % 64}")
    store.add_time("m", 1.0)
    if not store.save():
        print("feil", store.notices, file=sys.stderr, flush=True)
        sys.exit(3)
    print(n, flush=True)
"""


def expected_state(n: int) -> dict[str, object]:
    """What the module must look like after exactly n saves by the saver above."""
    return {
        "teller": f"{n} " + "x" * (n % 50),
        "speil": str(n),
        "seen": [f"steg-{k % 64}" for k in range(1, min(n, 64) + 1)],
        "seconds": float(n),
    }


def state_on_disk(file: Path) -> tuple[int, dict[str, object]]:
    raw = tomllib.loads(file.read_text(encoding="utf-8"))  # must always parse
    m = raw["modules"]["m"]
    teller = m["reflections"]["teller"]["text"]
    found = {
        "teller": teller,
        "speil": m["reflections"]["speil"]["text"],
        "seen": m["seen"],
        "seconds": m["seconds"],
    }
    return int(teller.split()[0]), found


def kill_loop(root: Path, kills: int, seed: int) -> tuple[int, int]:
    """Start the saver, SIGKILL it after 5–40 ms, verify the file; ``kills`` times.

    Returns (saves seen, kills that landed between a finished write and its print).
    """
    root.mkdir()
    script = root / "saver.py"
    script.write_text(SAVER)
    data = root / "data"
    file = data / "profiles" / "standard" / "progress.toml"
    errors = root / "stderr.txt"
    env = child_env()
    rng = random.Random(seed)
    last = 0
    saves_total = 0
    between = 0
    for kill in range(kills):
        with open(errors, "w") as err_file:
            child = subprocess.Popen(
                [sys.executable, str(script), str(data)],
                stdout=subprocess.PIPE,
                stderr=err_file,
                env=env,
                text=True,
            )
        assert child.stdout is not None
        ready = child.stdout.readline().split()
        assert ready[:1] == ["klar"], (ready, errors.read_text())
        assert int(ready[1]) == last  # the child starts from exactly what we verified
        time.sleep(rng.uniform(0.005, 0.040))
        os.kill(child.pid, signal.SIGKILL)
        out = child.stdout.read()  # same buffered reader as readline(): nothing is skipped
        child.stdout.close()
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL, errors.read_text()
        printed = [int(x) for x in out.split()]
        assert printed == list(range(last + 1, last + 1 + len(printed)))
        last_printed = printed[-1] if printed else last
        saves_total += len(printed)

        n, found = state_on_disk(file) if file.exists() else (0, expected_state(0))
        assert n in (last_printed, last_printed + 1), (kill, n, last_printed)
        assert found == expected_state(n), (kill, n)  # the whole file is one consistent state
        between += n == last_printed + 1
        last = n
    # Left-over temp files from kills mid-write are cleaned up by the next open.
    store = ProgressStore.open(data, "standard")
    names = sorted(p.name for p in store.paths["profile_dir"].iterdir())
    assert names == ["progress.lock", "progress.toml"]
    return saves_total, between


def test_sigkill_during_saves_never_leaves_a_broken_or_mixed_file(tmp_path: Path) -> None:
    """≥300 SIGKILLs at random moments; two independent lanes in parallel to use 2 cores."""
    started = time.monotonic()
    lanes = 2
    with ThreadPoolExecutor(lanes) as pool:
        futures = [
            pool.submit(kill_loop, tmp_path / f"lane{i}", KILLS // lanes, 20260101 + i)
            for i in range(lanes)
        ]
        results = [f.result() for f in futures]
    saves_total = sum(r[0] for r in results)
    between = sum(r[1] for r in results)
    # Sanity: the kills really landed in a busy save loop, not before it started.
    assert saves_total > KILLS, saves_total
    print(f"{KILLS} kills, {saves_total} saves, {between} kills between write and print, "
          f"{time.monotonic() - started:.1f} s")


WRITER = """
import sys
from pathlib import Path
from tbp_tui.progress.store import ProgressStore

name = sys.argv[2]
store = ProgressStore.open(Path(sys.argv[1]), "kari")
print("klar", flush=True)
sys.stdin.readline()
for i in range(200):
    step = f"{name}-{i}"
    store.mark_seen("felles", step)
    store.set_reflection("felles", step, f"{name} skrev {i}")
    store.record_quiz("felles", f"quiz-{name}", [i + 1], i % 2 == 0)
    store.add_time("felles", 1.0)
    store.set_setting(f"teller_{name}", i)
    if not store.save():
        print("feil", store.notices, file=sys.stderr, flush=True)
        sys.exit(3)
print("ferdig", flush=True)
"""


def test_two_processes_on_one_profile_lose_no_update(tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    data = tmp_path / "data"
    children = [
        subprocess.Popen(
            [sys.executable, str(script), str(data), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(),
            text=True,
        )
        for name in ("a", "b")
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline() == "klar\n"
    for child in children:  # start both at once
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert out.strip() == "ferdig"

    progress = ProgressStore.open(data, "kari").progress
    m = progress.modules["felles"]
    wanted = {f"{n}-{i}" for n in "ab" for i in range(200)}
    assert set(m.seen) == wanted and len(m.seen) == 400
    assert {k: r.text for k, r in m.reflections.items()} == {
        f"{n}-{i}": f"{n} skrev {i}" for n in "ab" for i in range(200)
    }
    for n in "ab":
        attempts = m.quiz[f"quiz-{n}"]
        assert [a.chosen for a in attempts] == [[i + 1] for i in range(200)]
        assert [a.correct for a in attempts] == [i % 2 == 0 for i in range(200)]
        assert progress.settings.extra[f"teller_{n}"] == 199
        own = [s for s in m.seen if s.startswith(f"{n}-")]
        assert own == [f"{n}-{i}" for i in range(200)]  # each writer's order is kept
    assert m.seconds == 400.0
    # The writers really interleaved (otherwise this test would prove nothing about merging).
    switches = sum(1 for x, y in zip(m.seen, m.seen[1:], strict=False) if x[0] != y[0])
    assert switches > 1


def test_progress_package_never_imports_textual_and_only_commands_imports_rich() -> None:
    code = (
        "import sys\n"
        "import tbp_tui.progress, tbp_tui.progress.store, tbp_tui.progress.export\n"
        "import tbp_tui.progress.model, tbp_tui.progress.paths, tbp_tui.files.atomic\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))\n"
        "import tbp_tui.progress.commands\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["[]", "['rich']"]
