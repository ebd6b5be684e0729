"""One clock rule (issue 20): every time the learner reads (the export, the checklist export,
the names the exports are offered under) is local time with its offset from UTC; the stored
stamps and the JSON export stay UTC and say so with their «Z»."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from progress_testkit import sample_course

from tbp_tui.clock import FakeClock, file_stamp, shown_time
from tbp_tui.course import bundled_course_dir, load_course
from tbp_tui.i18n import Catalog
from tbp_tui.progress.export import to_json, to_markdown
from tbp_tui.progress.store import ProgressStore
from tbp_tui.safety import ChecklistForm, filled_markdown
from tbp_tui.safety.export import default_export_name

WINTER = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def zone() -> Iterator[object]:
    """Set the process's time zone (TZ) for one test, and put it back."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.parametrize(("name", "moment", "said"), [
    ("Europe/Oslo", WINTER, "2026-01-01 10:00 (UTC+01:00)"),
    ("Europe/Oslo", datetime(2026, 7, 1, 9, 0, tzinfo=UTC), "2026-07-01 11:00 (UTC+02:00)"),
    ("America/St_Johns", WINTER, "2026-01-01 05:30 (UTC-03:30)"),
    ("UTC", WINTER, "2026-01-01 09:00 (UTC+00:00)"),
])
def test_a_moment_is_shown_in_local_time_with_its_offset(zone, name, moment, said):
    zone(name)
    assert shown_time(moment) == said
    assert shown_time(moment.strftime("%Y-%m-%dT%H:%M:%SZ")) == said  # as the store keeps it


def test_a_stamp_that_is_not_a_time_is_shown_as_written():
    assert shown_time("i går") == "i går"


def test_the_export_and_the_checklist_say_the_same_time_the_same_way(zone, data_dir: Path):
    zone("Europe/Oslo")
    clock = FakeClock(wall=WINTER)
    store = ProgressStore.open(data_dir, "kari", clock=clock.now)
    store.mark_seen("kk1", "egen-erfaring")
    store.set_reflection("kk1", "egen-erfaring", "Et svar")
    store.record_quiz("kk1", "sjekk", [2], True)
    md = to_markdown(store.progress, sample_course(), Catalog("nb"))
    assert "Skrevet 2026-01-01 10:00 (UTC+01:00)" in md, md
    assert "- 2026-01-01 10:00 (UTC+01:00): valgte 2" in md, md
    assert "T09:00:00Z" not in md
    data = json.loads(to_json(store.progress, sample_course()))
    assert "2026-01-01T09:00:00Z" in json.dumps(data)  # for machines: UTC, and it says so

    course = load_course(bundled_course_dir())
    checklist = next(m for m in course.modules if m.kind == "checklist")
    paper = filled_markdown(ChecklistForm(checklist), clock.now())
    assert "2026-01-01 10:00 (UTC+01:00)" in paper, paper[:400]


def test_the_export_names_use_the_same_local_time(zone):
    zone("Europe/Oslo")
    assert file_stamp(WINTER) == "20260101-1000"
    assert default_export_name(WINTER) == "sikkerhetsplan-20260101-1000.md"
    assert Catalog("nb")("data.export_file", when=file_stamp(WINTER)) == "tbp-refleksjoner-20260101-1000.md"
