"""A participant's tbp on a shared machine, run as another uid by test_spool.py.

It uses the real runtime path: the store saves, the reporter hears it and drops the statements
into the spool named by the administrator's configuration. Then it plants a forged spool file
that claims to be someone else.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from tbp_tui.course import bundled_course_dir, load_course
from tbp_tui.progress import ProgressStore
from tbp_tui.report.config import load_config
from tbp_tui.report.reporter import start_reporting
from tbp_tui.report.spool import drop


def main() -> None:
    data_dir, module_id = Path(sys.argv[1]), sys.argv[2]
    course = load_course(bundled_course_dir())
    config = load_config(data_dir)
    assert config is not None and config.spool is not None
    store = ProgressStore.open(data_dir, "standard")
    reporter = start_reporting(config, course, store, "nb")
    module = course.module(module_id)
    assert module is not None
    for step in module.steps:
        store.mark_seen(module_id, step.id)
    store.save()
    reporter.stop(timeout=10)
    forged = {"event": ["completed", "kk5"], "statement": {
        "id": "00000000-0000-5000-8000-000000000000", "timestamp": "2026-12-03T08:00:00Z",
        "actor": {"objectType": "Agent", "account": {"homePage": "https://id.example.test", "name": "kari"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
        "object": {"objectType": "Activity", "id": "urn:tbp-tui/livet-skjer/kk5"}}}
    drop(config.spool, "standard", [forged])
    print(json.dumps({"uid": os.getuid(), "error": reporter.last_error}))


if __name__ == "__main__":
    main()
