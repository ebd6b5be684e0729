"""`tbp report status|flush|test|csv` as a user and an LMS administrator meet them."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from tbp_tui.course.model import Course
from tbp_tui.i18n import Catalog
from tbp_tui.progress import ProgressStore
from tbp_tui.report.commands import cmd_report
from tbp_tui.report.config import load_config
from tbp_tui.report.reporter import start_reporting

from .conftest import write_config
from .lrs_server import Lrs

ROOT = Path(__file__).resolve().parents[2]


def complete(data_dir: Path, course: Course, module_id: str) -> None:
    store = ProgressStore.open(data_dir, "standard")
    module = course.module(module_id)
    assert module is not None
    for step in module.steps:
        store.mark_seen(module_id, step.id)
    store.add_time(module_id, 754)
    assert store.save()


def run(action: str, course: Course, data_dir: Path, **flags: bool) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cmd_report(action, course, data_dir, "standard", "en", t=Catalog("en"), out=out, err=err, **flags)
    return code, out.getvalue(), err.getvalue()


def test_csv_gives_one_row_per_completed_module_from_the_profile_and_from_the_lrs(
        bundled: Course, lrs: Lrs, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    complete(data_dir, bundled, "kk1")
    code, out, _ = run("csv", bundled, data_dir)  # reporting off: the learner's own record
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["actor", "module", "title", "completed_at", "duration"]
    assert [r[1:2] + r[4:] for r in rows[1:]] == [["kk1", "PT12M34S"]]
    write_config(data_dir, lrs.endpoint)
    config = load_config(data_dir)
    assert config is not None
    store = ProgressStore.open(data_dir, "standard")
    reporter = start_reporting(config, bundled, store, "en")
    store.mark_seen("kk2", "velkommen")  # any save: the reporter derives kk1's completion from it
    assert store.save()
    reporter.stop(timeout=15)
    code, out, _ = run("csv", bundled, data_dir, from_lrs=True)
    rows = list(csv.reader(io.StringIO(out)))
    module = bundled.module("kk1")
    assert module is not None
    assert code == 0 and [r[1:3] + r[4:] for r in rows[1:]] == [["kk1", module.title, "PT12M34S"]]


def test_status_test_and_flush_say_what_is_wrong_without_a_traceback(bundled: Course, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    code, out, _ = run("status", bundled, data_dir)
    assert code == 0 and "Reporting is off" in out
    assert run("flush", bundled, data_dir)[0] == 2  # off: nothing to flush to
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "report.toml").write_text('[report]\nenabled = true\nendpont = "https://x"\n')
    code, _, err = run("status", bundled, data_dir)
    assert code == 2 and "report.endpont: unknown key" in err
    write_config(data_dir, "http://127.0.0.1:9/xAPI", timeout=1)  # nothing listens on port 9
    code, _, err = run("test", bundled, data_dir)
    assert code == 1 and "could not send" in err
    env = {**os.environ, "TBP_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tbp_tui", "report", "test", "--lang", "en"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "could not send" in done.stderr
