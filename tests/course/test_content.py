"""The bundled course has the shape issues 4 and 21 ask for, and keeps the rules in docs/course-format.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from tbp_tui.course import load_course
from tbp_tui.course.model import APPROACHES, ExerciseStep, QuizStep, ReflectionStep, Step, TextStep

from .course_stats import GROUP_KINDS, overlap

ROOT = Path(__file__).resolve().parents[2]
COURSE = load_course(ROOT / "course")
COMPETENCIES = [m for m in COURSE.modules if m.kind == "competency"]
GROUP_MODULES = [m for m in COURSE.modules if m.kind in GROUP_KINDS]


def test_course_has_every_module_in_order():
    assert [m.id for m in COURSE.modules] == [
        "kort-intro", "lang-intro", "kk1", "kk2", "kk3", "kk4", "kk5",
        "brukerveiledning", "referanser", "sikkerhetsplan"]
    assert [m.kind for m in COURSE.modules[:2]] == ["intro", "intro"]
    assert len(COMPETENCIES) == 5


def test_intro_lengths_match_the_package():
    assert COURSE.module("kort-intro").minutes == 25  # type: ignore[union-attr]
    assert 120 <= COURSE.module("lang-intro").minutes <= 150  # type: ignore[union-attr]


@pytest.mark.parametrize("module", COMPETENCIES, ids=lambda m: m.id)
def test_competency_shape(module):
    assert module.learning_goals and module.skill and module.outline
    assert len(module.steps) >= 15
    kinds = [type(s) for s in module.steps]
    assert kinds.count(ReflectionStep) >= 4
    assert sum(1 for s in module.steps if isinstance(s, ExerciseStep) and s.timer_seconds) >= 2
    assert kinds.count(QuizStep) >= 2
    for approach in APPROACHES:
        only = [s for s in module.steps if s.approaches == (approach,)]
        assert only, f"{module.id} has no step only for {approach}"


@pytest.mark.parametrize("module", GROUP_MODULES, ids=lambda m: m.id)
def test_group_steps_have_manus(module):
    missing = [s.id for s in module.steps if not s.manus]
    assert missing == []


LEARNER_FIELDS = ("body", "prompt", "instructions", "question", "explanation")


def learner_text(step: Step) -> str:
    return " ".join(str(getattr(step, f, "") or "") for f in LEARNER_FIELDS)


@pytest.mark.parametrize("module", COURSE.modules, ids=lambda m: m.id)
def test_content_notes_on_at_most_one_step_in_three(module):
    """Notes only where a step is concretely distressing (docs/course-format.md), so few."""
    notes = [s.id for s in module.steps if s.innholdsnotis]
    steps = len(module.steps)
    assert 3 * len(notes) <= steps, f"{len(notes)} notes in {steps} steps: {notes}"


@pytest.mark.parametrize("module", GROUP_MODULES, ids=lambda m: m.id)
def test_first_step_says_f2_pauses(module):
    assert "F2" in learner_text(module.steps[0])


@pytest.mark.parametrize("module", GROUP_MODULES, ids=lambda m: m.id)
def test_every_approach_ends_with_a_short_step_naming_f2_and_f3(module):
    wrong = []
    for approach in APPROACHES:
        last = module.steps_for(approach)[-1]
        text = learner_text(last)
        if not (1 <= (last.minutes or 0) <= 3 and "F2" in text and "F3" in text):
            wrong.append(f"{approach}: {last.id} ({last.minutes} min)")
    assert wrong == []


@pytest.mark.parametrize("module", [m for m in GROUP_MODULES if m.minutes >= 90], ids=lambda m: m.id)
def test_long_modules_have_a_break_for_everyone(module):
    breaks = [s for s in module.steps if isinstance(s, TextStep) and s.id.startswith("pause")
              and s.title.startswith("Pause") and 5 <= (s.minutes or 0) <= 10
              and set(s.approaches) == set(APPROACHES)]
    assert breaks, f"{module.id} ({module.minutes} min) has no break step"


@pytest.mark.parametrize("module", GROUP_MODULES, ids=lambda m: m.id)
def test_approaches_share_at_most_40_percent(module):
    shares = {a: round(overlap(module, a), 2) for a in APPROACHES}
    assert max(shares.values()) <= 0.40, shares


def test_every_quiz_title_says_check_your_understanding():
    wrong = [f"{m.id} › {s.id}: {s.title}" for m in COURSE.modules for s in m.steps
             if isinstance(s, QuizStep) and not s.title.startswith("Sjekk forståelsen: ")]
    assert wrong == []


def test_references_cited_and_listed_both_ways():
    listed = {r.id for r in COURSE.references}
    cited = {src for m in COURSE.modules for s in m.steps for src in s.sources}
    assert cited - listed == set(), "cited but not in Referanseliste"
    assert listed - cited == set(), "in Referanseliste but never cited"


def test_glossary_has_the_required_terms():
    terms = {t.term.casefold() for t in COURSE.glossary}
    required = ["traume", "livsbelastning", "traumebevisst praksis", "traumespesifikk tilnærming",
                "toleransevindu", "toksisk stress", "resiliens", "sekundærtraumatisering",
                "stedfortredende traumatisering", "omsorgstretthet", "traumeinformert",
                "robust arbeidsmiljø"]
    assert [t for t in required if t not in terms] == []


def test_help_numbers_are_only_verified_ones():
    numbers = COURSE.help_numbers
    assert numbers is not None
    contacts = " ".join(n.contact for n in numbers.numbers)
    for unverified in ("800 57 000", "800 333 21"):
        assert unverified not in contacts
    for verified in ("112", "113", "116 117", "116 006", "116 111", "116 123", "22 40 00 40"):
        assert verified in contacts
    assert "lokal" in numbers.note.lower()


def test_no_paragraph_is_repeated():
    seen: dict[str, str] = {}
    repeated = []
    for module in COURSE.modules:
        for step in module.steps:
            for field in ("body", "instructions", "explanation"):
                for para in str(getattr(step, field, "") or "").split("\n\n"):
                    key = " ".join(para.split())
                    if len(key) > 80:
                        if key in seen:
                            repeated.append((seen[key], f"{module.id}/{step.id}"))
                        seen.setdefault(key, f"{module.id}/{step.id}")
    assert repeated == []


@pytest.mark.parametrize(("name", "english"), [("tre E-ene", ("event", "experience", "effect")),
                                               ("fire R-ene", ("realize", "recognize", "respond",
                                                               "resist re-traumatization"))])
def test_modules_naming_the_e_or_r_model_give_the_english_words(name, english):
    missing = []
    for module in COURSE.modules:
        text = " ".join(learner_text(s) for s in module.steps)
        if name.casefold() in text.casefold():
            missing += [f"{module.id}: {w}" for w in english if w not in text]
    assert missing == []
