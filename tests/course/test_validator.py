"""Each error class has a bad fixture; the problem must name the exact file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tbp_tui.course import CourseInvalid, load_course, validate_course
from tbp_tui.course.model import ChecklistStep, ExerciseStep, QuizStep, ReflectionStep, TextStep

from .conftest import FIXTURES, GOOD

# (fixture, file, line, key, words the message must contain)
CASES = [
    ("syntax", "kk.toml", 34, "(syntax)", "TOML syntax error"),
    ("unknown-key", "kk.toml", 43, "steps[4].questoin", "did you mean 'question'"),
    ("missing-key", "kk.toml", 20, "steps[2].title", "missing required key 'title'"),
    ("wrong-type", "kk.toml", 4, "minutes", "must be a whole number, not text"),
    ("duplicate-step-id", "kk.toml", 38, "steps[4].id", "duplicate step id 'tekst'"),
    ("duplicate-module-id", "course.toml", 5, "modules[4]", "duplicate module id 'kk'"),
    ("module-missing", "course.toml", 5, "modules[4]", "kk9.toml does not exist"),
    ("module-unlisted", "ekstra.toml", 1, "(file)", 'add "ekstra" to modules'),
    ("timer-not-positive", "kk.toml", 34, "steps[3].timer_seconds", "positive number of seconds"),
    ("timer-absurd", "kk.toml", 34, "steps[3].timer_seconds", "over 4 hours"),
    ("quiz-answer", "kk.toml", 45, "steps[4].correct[1]", "answer 3 points at no option"),
    ("empty-text", "kk.toml", 26, "steps[2].prompt", "is empty"),
    ("unknown-approach", "kk.toml", 32, "steps[3].approaches[1]", "did you mean 'kunnskap'"),
    ("format-version", "course.toml", 1, "format_version", "upgrade tbp-tui"),
    ("not-utf8", "intro.toml", 11, "(file)", "not UTF-8: byte 0xD8"),
    ("minutes-sum", "kk.toml", 4, "minutes", "'erfaring' add up to 30 min"),
    ("unknown-source", "kk.toml", 15, "steps[1].sources[1]", "'kilde-b' is not in the reference"),
    ("id-mismatch", "intro.toml", 1, "id", "must match the file name"),
    ("key-of-other-kind", "kk.toml", 16, "steps[1].timer_seconds", "belongs to exercise steps"),
    ("invalid-id", "kk.toml", 29, "steps[3].id", "for example 'ovelse'"),
    ("checklist-item", "kk.toml", 57, "steps[5].items[2].id", "duplicate item id 'en'"),
    ("checklist-item", "kk.toml", 57, "steps[5].items[2].note", "must be true or false"),
]


@pytest.mark.parametrize(("fixture", "file", "line", "key", "words"), CASES,
                         ids=[f"{c[0]}:{c[3]}" for c in CASES])
def test_bad_fixture_reports_exact_place(make_course, fixture, file, line, key, words):
    course, problems = validate_course(make_course(fixture))
    assert course is None
    hits = [p for p in problems if Path(p.file).name == file and p.key == key]
    assert hits, f"no problem at {file} {key}; got: {[str(p) for p in problems]}"
    assert any(p.line == line and words in p.message for p in hits), [str(p) for p in hits]


def test_every_bad_fixture_has_a_case():
    assert {c[0] for c in CASES} == {d.name for d in (FIXTURES / "bad").iterdir()}


def test_problem_renders_as_file_line_key_message(make_course):
    _, problems = validate_course(make_course("timer-absurd"))
    (problem,) = problems
    assert str(problem).startswith(f"{problem.file}:34: steps[3].timer_seconds: is 20000 s")


def test_all_problems_reported_in_one_run(make_course, tmp_path):
    root = make_course("quiz-answer")
    (root / "intro.toml").write_text((FIXTURES / "bad/id-mismatch/intro.toml").read_text())
    _, problems = validate_course(root)
    assert {(Path(p.file).name, p.key) for p in problems} >= {
        ("kk.toml", "steps[4].correct[1]"), ("intro.toml", "id")}


def test_good_fixture_builds_the_model():
    course = load_course(GOOD)
    assert [m.id for m in course.modules] == ["intro", "kk", "kilder"]
    kk = course.module("kk")
    assert kk is not None
    kinds = [type(s) for s in kk.steps]
    assert kinds == [TextStep, ReflectionStep, ExerciseStep, QuizStep, ChecklistStep]
    quiz = kk.step("quiz")
    assert isinstance(quiz, QuizStep) and quiz.is_correct(2) and not quiz.is_correct(1)
    assert [s.id for s in kk.steps_for("erfaring")] == ["tekst", "refleksjon"]
    assert [s.id for s in kk.steps_for(None)] == [s.id for s in kk.steps]
    sjekk = kk.step("sjekk")
    assert isinstance(sjekk, ChecklistStep) and [i.note for i in sjekk.items] == [False, True]
    assert course.references[0].id == "kilde-a"
    assert course.help_numbers is not None and course.help_numbers.numbers[0].contact == "112"
    assert course.glossary[0].term == "Traume"


def test_load_course_raises_with_all_problems(make_course):
    with pytest.raises(CourseInvalid) as info:
        load_course(make_course("unknown-key"))
    assert len(info.value.problems) >= 2  # the unknown key and the missing 'question'


def test_missing_folder_is_a_problem_not_an_exception(tmp_path):
    course, problems = validate_course(tmp_path / "finnes-ikke")
    assert course is None and "no course.toml" in problems[0].message


def test_plain_text_is_one_paragraph_but_markdown_keeps_lines(make_course):
    root = make_course()
    kk = (root / "kk.toml").read_text()
    kk = kk.replace('prompt = "Hva tenker du?"', 'prompt = """Hva tenker\ndu?"""')
    (root / "kk.toml").write_text(kk)
    module = load_course(root).module("kk")
    assert module is not None
    assert module.step("refleksjon").prompt == "Hva tenker du?"  # type: ignore[union-attr]
    assert module.step("tekst").body == "Et **avsnitt**.\n"  # type: ignore[union-attr]


def test_an_undeclared_glossary_file_is_reported_as_unlisted(make_course):
    root = make_course()
    course_toml = (root / "course.toml").read_text().replace('glossary = "begreper.toml"\n', "")
    (root / "course.toml").write_text(course_toml)
    _, problems = validate_course(root)
    assert [(Path(p.file).name, p.line, p.key) for p in problems] == [("begreper.toml", 1, "(file)")]


def _item_key_lines(text: str) -> list[tuple[int, str]]:
    """(line, key) of every key written under a nested [[steps.items]] header."""
    found, inside = [], False
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("["):
            inside = line.strip() == "[[steps.items]]"
        elif inside and (key := line.partition(" = ")[0]) in ("id", "text", "note", "detail"):
            found.append((n, key))
            inside = key == "id"  # its id and the next key: enough, and quick
    return found


def test_problems_in_nested_checklist_items_point_at_their_own_line(tmp_path):
    """Every key of every [[steps.items]] of the bundled safety plan, made wrong one at a time:
    the problem names that key's line, not the step's or the file's first line."""
    from shutil import copytree

    from tbp_tui.course import bundled_course_dir

    course = copytree(bundled_course_dir(), tmp_path / "course")
    plan = course / "sikkerhetsplan.toml"
    original = plan.read_text(encoding="utf-8")
    cases = _item_key_lines(original)
    assert len(cases) >= 40 and {key for _, key in cases} == {"id", "text"}
    wrong = []
    for n, key in cases:
        lines = original.splitlines()
        lines[n - 1] = f"{key} = []"
        plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
        problems = [p for p in validate_course(course)[1] if p.file.endswith("sikkerhetsplan.toml")]
        if [p.line for p in problems] != [n] or not problems[0].key.endswith(f"].{key}"):
            wrong.append((n, key, [(p.line, p.key) for p in problems]))
    assert wrong == []


def _reference_with(root: Path, extra: str) -> Path:
    kilder = (root / "kilder.toml").read_text()
    (root / "kilder.toml").write_text(kilder.rstrip("\n") + "\n" + extra)
    return root


def test_a_reference_may_say_why_it_has_no_link(make_course):
    root = _reference_with(make_course(), 'no_link = "Trykt bok; ingen nettutgave."\n')
    (ref,) = load_course(root).references
    assert ref.no_link == "Trykt bok; ingen nettutgave." and ref.url is None


def test_a_reference_with_a_link_cannot_also_say_it_has_none(make_course):
    root = _reference_with(make_course(), 'url = "https://example.org/"\nno_link = "Trykt bok."\n')
    _, problems = validate_course(root)
    (problem,) = [p for p in problems if p.key == "references[1].no_link"]
    assert Path(problem.file).name == "kilder.toml" and "has a url" in problem.message


@pytest.mark.parametrize("kind", ["text ", " text", "te xt", "\ttext"])
def test_a_step_kind_with_stray_spaces_never_drops_its_module_unsaid(make_course, kind):
    """Such a kind was neither refused nor read: its module left the course with no problem."""
    root = make_course()
    intro = root / "intro.toml"
    intro.write_text(intro.read_text(encoding="utf-8").replace('kind = "text"', f'kind = "{kind}"', 1),
                     encoding="utf-8")
    course, problems = validate_course(root)
    if course is None:
        assert any(p.key.endswith(".kind") and Path(p.file).name == "intro.toml" for p in problems), problems
    else:
        assert [m.id for m in course.modules] == [m.id for m in load_course(GOOD).modules]
        assert isinstance(course.module("intro").steps[0], TextStep)
