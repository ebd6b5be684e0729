"""Cost of passphrase-protected profiles, as ratios against an unprotected one in the same run.

    .venv/bin/python bench/sealed_store.py [--runs 7]

Prints medians: the scrypt derivation that opening or creating a protected profile costs
(n = 2**15, r = 8, p = 1), and, for a full profile (15 modules, 40 reflections of 2 kB), the
first save, a save after one changed reflection, and a load, protected against unprotected.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tbp_tui.progress.sealed import Seal, new_seal
from tbp_tui.progress.store import ProgressStore


def timed(fn: Callable[[], object], runs: int) -> float:
    """Median wall time in ms."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def full_store(data: Path, name: str, seal: Seal | None) -> ProgressStore:
    store = ProgressStore.open(data, name, seal=seal)
    for m in range(15):
        store.mark_seen(f"kk{m}", "a")
        for r in range(40 // 15 + (1 if m < 40 % 15 else 0)):
            store.set_reflection(f"kk{m}", f"r{r}", "æøå refleksjon " * 128)
    return store


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    print(f"load average before: {os.getloadavg()}")
    seal = new_seal("benk passordfrase")
    derive = timed(lambda: new_seal("benk passordfrase"), runs)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        results: dict[str, dict[str, float]] = {}
        for label, s in (("unprotected", None), ("protected", seal)):
            counter = iter(range(10**6))

            def first_save(s: Seal | None = s, label: str = label) -> None:
                full_store(data, f"{label}-{next(counter)}", s).save()  # noqa: B023

            store = full_store(data, label, s)
            store.save()

            def one_change(store: ProgressStore = store) -> None:
                store.set_reflection("kk0", "r0", f"endret {time.perf_counter()}")
                store.save()

            results[label] = {
                "first save": timed(first_save, runs),
                "save after one change": timed(one_change, runs),
                "load": timed(lambda s=s, label=label: ProgressStore.open(data, label, seal=s), runs),
            }
        for what in results["unprotected"]:
            base, sealed = results["unprotected"][what], results["protected"][what]
            rows.append(f"| {what} | {base:.1f} | {sealed:.1f} | {sealed / base:.2f} |")
    print(f"scrypt (n=2**15, r=8, p=1), median of {runs}: {derive:.0f} ms")
    print("| full profile | unprotected ms | protected ms | ratio |")
    print("|---|---|---|---|")
    print("\n".join(rows))
    print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
