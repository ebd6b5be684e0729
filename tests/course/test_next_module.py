"""What comes next after a module (issue 20): the course's path, one introduction, then the end."""

from __future__ import annotations

from tbp_tui.course.model import Course, Module, TextStep, module_done, next_module


def _module(mid: str, kind: str) -> Module:
    steps = (TextStep(id="a", title="A", body="x"),
             TextStep(id="b", title="B", body="y", approaches=("praksis",)))
    return Module(id=mid, title=mid.upper(), kind=kind, minutes=10, steps=steps)  # type: ignore[arg-type]


COURSE = Course(
    id="c",
    title="C",
    language="nb",
    modules=tuple(
        _module(mid, kind)
        for mid, kind in [
            ("kort", "intro"), ("lang", "intro"), ("kk1", "competency"), ("kk2", "competency"),
            ("guide", "guide"), ("refs", "references"), ("plan", "checklist"),
        ]
    ),
)


def _next(after: str, *done: str) -> str | None:
    found = next_module(COURSE, after, set(done))
    return None if found is None else found.id


def test_after_either_introduction_the_first_competency_module_comes_next():
    assert _next("kort", "kort") == "kk1"
    assert _next("lang", "lang") == "kk1"


def test_the_path_goes_on_in_course_order_and_skips_what_is_done():
    assert _next("kk1", "kort", "kk1") == "kk2"
    assert _next("kort", "kort", "kk1") == "kk2"


def test_after_the_last_module_an_earlier_one_not_done_comes_next():
    assert _next("kk2", "kk2") == "kort"  # no introduction done yet: the first one
    assert _next("kk2", "lang", "kk2") == "kk1"


def test_the_end_of_the_course_is_none():
    assert _next("kk2", "kort", "kk1", "kk2") is None


def test_from_the_guide_the_first_module_not_done_comes_next():
    assert _next("guide", "guide", "kort") == "kk1"
    assert _next("refs", "kort", "kk1", "kk2") is None


def test_a_module_is_done_when_every_step_shown_for_the_approach_was_passed():
    module = COURSE.modules[0]
    assert module_done(module, "kunnskap", {"a"})
    assert not module_done(module, "praksis", {"a"})
    assert module_done(module, None, {"a", "b"})
    assert not module_done(module, None, set())
