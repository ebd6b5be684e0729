"""What a statement may hold: walked over the whole bundled course, with a canary in every
place a learner can type."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from tbp_tui.course.model import ChecklistStep, Course, QuizStep, ReflectionStep
from tbp_tui.progress.model import ModuleProgress, Progress, QuizAttempt, Reflection
from tbp_tui.report.derive import Reporting
from tbp_tui.report.outbox import Outbox
from tbp_tui.report.statements import Actor, NotAllowed, check_allowed, iso_duration, make_statement

CANARY = "KANARI-7f3a-hemmelig-refleksjon"

#: The fields an organisation may receive, written out here independently of the code's own
#: list, so a field added to the code's list without thought fails this test.
EXPECTED_FIELDS = {
    "id", "timestamp", "actor.objectType", "actor.account.homePage", "actor.account.name",
    "verb.id", "verb.display.en-US", "object.objectType", "object.id", "object.definition.type",
    "object.definition.name.nb-NO", "result.completion", "result.success", "result.score.scaled",
    "result.duration", "context.registration", "context.platform", "context.language",
    "context.contextActivities.parent.objectType", "context.contextActivities.parent.id",
}


def leaves(value: object, prefix: str = "") -> set[str]:
    if isinstance(value, dict):
        return set().union(*(leaves(v, f"{prefix}.{k}" if prefix else k) for k, v in value.items()))
    if isinstance(value, list):
        return set().union(*(leaves(v, prefix) for v in value))
    return {prefix}


def everything_done(course: Course) -> Progress:
    """A learner who saw every step, wrote the canary everywhere and answered every quiz twice."""
    progress = Progress(approach="praksis")
    for module in course.modules:
        found = ModuleProgress(seen=[s.id for s in module.steps], seconds=1234.0)
        for step in module.steps:
            if isinstance(step, ReflectionStep):
                found.reflections[step.id] = Reflection(CANARY, "2026-12-03T09:00:00Z")
            if isinstance(step, QuizStep):
                wrong = next(i for i in range(1, len(step.options) + 1) if not step.is_correct(i))
                found.quiz[step.id] = [QuizAttempt([wrong], False, "2026-12-03T09:00:01Z"),
                                       QuizAttempt([min(step.correct)], True, "2026-12-03T09:00:02Z")]
        progress.modules[module.id] = found
    return progress


@pytest.fixture
def reporting(bundled: Course) -> Reporting:
    return Reporting(bundled, Actor("https://id.example.test", "ola"), "urn:tbp-tui", "nb")


def test_the_whole_course_yields_only_allowed_fields_and_never_the_canary(
        bundled: Course, reporting: Reporting, tmp_path: Path) -> None:
    entries = list(reporting.from_progress(everything_done(bundled), "2026-12-03T10:00:00Z"))
    entries.append(reporting.session("initialized", str(uuid.uuid4()), "2026-12-03T08:00:00Z"))
    entries.append(reporting.session("terminated", str(uuid.uuid4()), "2026-12-03T11:00:00Z", 3600))
    reported = {m.id for m in bundled.modules if m.kind in ("intro", "competency")}
    completed = {e.event[1] for e in entries if e.event[0] == "completed"}
    assert completed == reported
    quizzes = sum(isinstance(s, QuizStep) for m in bundled.modules if m.id in reported for s in m.steps)
    assert sum(e.event[0] == "answered" for e in entries) == 2 * quizzes
    for entry in entries:
        assert leaves(entry.statement) <= EXPECTED_FIELDS, entry.statement
        assert CANARY not in json.dumps(entry.statement)
    # the outbox file, the one thing reporting writes, holds no canary either
    Outbox(tmp_path).add(entries)
    assert CANARY.encode() not in (tmp_path / "report-outbox.json").read_bytes()


def test_the_checklist_the_guide_and_the_references_are_never_reported(
        bundled: Course, reporting: Reporting) -> None:
    entries = list(reporting.from_progress(everything_done(bundled), "2026-12-03T10:00:00Z"))
    silent = {m.id for m in bundled.modules if m.kind not in ("intro", "competency")}
    assert any(isinstance(s, ChecklistStep) for m in bundled.modules if m.id in silent for s in m.steps)
    assert not [e for e in entries if any(e.statement["object"]["id"].endswith(f"/{m}") or f"/{m}/" in
                                          e.statement["object"]["id"] for m in silent)]


def test_a_quiz_reports_success_and_score_only(bundled: Course, reporting: Reporting) -> None:
    entries = [e for e in reporting.from_progress(everything_done(bundled), "x") if e.event[0] == "answered"]
    assert {json.dumps(e.statement["result"], sort_keys=True) for e in entries} == {
        '{"score": {"scaled": 0.0}, "success": false}', '{"score": {"scaled": 1.0}, "success": true}'}


def test_a_module_is_complete_only_when_every_step_of_the_approach_is_seen_or_skipped(
        bundled: Course, reporting: Reporting) -> None:
    module = bundled.module("kk1")
    assert module is not None
    shown = [s.id for s in module.steps_for("praksis")]
    progress = Progress(approach="praksis")
    progress.modules["kk1"] = ModuleProgress(seen=shown[:-1])
    assert not [e for e in reporting.from_progress(progress, "x") if e.event[0] == "completed"]
    progress.modules["kk1"].skipped.append(shown[-1])
    assert [e.event for e in reporting.from_progress(progress, "x") if e.event[0] == "completed"] == [
        ("completed", "kk1")]


def test_ids_are_the_same_for_the_same_event_and_differ_between_people(reporting: Reporting) -> None:
    a = reporting.session("initialized", "s1", "2026-12-03T08:00:00Z")
    again = reporting.session("initialized", "s1", "2026-12-03T09:00:00Z")
    other = Reporting(reporting.course, Actor("https://id.example.test", "kari"), "urn:tbp-tui", "nb")
    someone_else = other.session("initialized", "s1", "t").statement["id"]
    assert a.statement["id"] == again.statement["id"] != someone_else
    assert str(uuid.UUID(a.statement["id"])) == a.statement["id"]


def test_a_free_text_field_is_refused_before_it_can_be_queued() -> None:
    with pytest.raises(NotAllowed, match=r"result\.response"):
        make_statement(actor=Actor("h", "n"), verb="answered", object_id="urn:x", object_type="question",
                       object_name="q", language="nb", course_iri=None, timestamp="t", sid="i",
                       result={"response": CANARY})
    with pytest.raises(NotAllowed):
        check_allowed({"id": "x", "result": {"extensions": {"urn:notes": CANARY}}})


def test_profile_names_on_a_shared_account_never_leave_the_machine() -> None:
    plain = Actor.for_account("https://h", "deltaker07", "Kari Nordmann", None)
    keyed = Actor.for_account("https://h", "deltaker07", "Kari Nordmann", b"org-key")
    assert "Kari" not in plain.name and "Kari" not in keyed.name and "deltaker07" not in keyed.name
    assert plain != Actor.for_account("https://h", "deltaker07", "Ola", None)
    assert Actor.for_account("https://h", "ola", "standard", None).name == "ola"


@pytest.mark.parametrize(("seconds", "text"), [(0, "PT0S"), (59.6, "PT1M"), (3725, "PT1H2M5S"), (-3, "PT0S")])
def test_durations_are_iso_8601(seconds: float, text: str) -> None:
    assert iso_duration(seconds) == text


def test_an_outbox_that_is_a_fifo_is_set_aside_not_read(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "report-outbox.json")  # a read would block for ever
    assert Outbox(tmp_path).read().pending == []
    assert len(list(tmp_path.glob("report-outbox.json.corrupt-*"))) == 1
