"""tbp_tui/record.py: dataclass behaviour without compiling code at import (issue 22).

The import guard counts, in a fresh interpreter, the source texts compiled while a module of
Records is imported: dataclasses compiles up to six methods per class, which cost 8-14 ms for
the course model alone before every first paint. Counted, not timed.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from dataclasses import FrozenInstanceError

import pytest

from tbp_tui.course.model import APPROACHES, Module, QuizStep, ReflectionStep, Step, TextStep
from tbp_tui.record import fields, replace

COUNT_COMPILES = r"""
import builtins, sys
import dataclasses, typing, collections.abc, pathlib, importlib  # loaded first: not ours
texts = []
real_exec, real_compile = builtins.exec, builtins.compile
def exec_(source, *args, **kwargs):
    if isinstance(source, str):
        texts.append(source)
    return real_exec(source, *args, **kwargs)
def compile_(source, *args, **kwargs):
    if isinstance(source, str):
        texts.append(source)
    return real_compile(source, *args, **kwargs)
builtins.exec, builtins.compile = exec_, compile_
import importlib
importlib.import_module(sys.argv[1])
builtins.exec, builtins.compile = real_exec, real_compile
print(len(texts))
"""


@pytest.mark.parametrize("module", ["tbp_tui.course.model", "tbp_tui.options"])
def test_importing_records_compiles_no_generated_code(module: str):
    out = subprocess.run([sys.executable, "-c", COUNT_COMPILES, module], capture_output=True,
                         text=True, check=True, timeout=60)
    assert out.stdout.strip() == "0", out.stdout + out.stderr


def _step(**changes: object) -> TextStep:
    values: dict[str, object] = {"id": "a", "title": "Tittel", "body": "Tekst"}
    values.update(changes)
    return TextStep(**values)  # type: ignore[arg-type]


def test_keywords_defaults_and_inherited_fields():
    step = _step()
    assert (step.id, step.title, step.body) == ("a", "Tittel", "Tekst")
    assert (step.approaches, step.minutes, step.sources) == (APPROACHES, None, ())
    assert fields(step) == ("id", "title", "approaches", "minutes", "manus", "innholdsnotis",
                            "sources", "body")
    assert fields(ReflectionStep(id="r", title="t", prompt="p"))[-2:] == ("prompt", "body")
    assert ReflectionStep(id="r", title="t", prompt="p").body is None
    assert TextStep.kind == "text" and "kind" not in fields(step)  # a ClassVar is no field


@pytest.mark.parametrize("values", [
    {"id": "a", "title": "t"},  # body missing
    {"id": "a", "title": "t", "body": "b", "colour": "red"},  # no such field
])
def test_missing_or_unknown_fields_are_refused(values: dict[str, object]):
    with pytest.raises(TypeError, match="TextStep"):
        TextStep(**values)  # type: ignore[arg-type]


def test_positional_arguments_are_refused():
    with pytest.raises(TypeError):
        TextStep("a", "t", "b")  # type: ignore[misc]


def test_frozen():
    step = _step()
    with pytest.raises(FrozenInstanceError):
        step.title = "Annen"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del step.title  # type: ignore[misc]
    assert step.title == "Tittel"


def test_equality_and_hash_follow_the_fields_and_the_class():
    assert _step() == _step() and hash(_step()) == hash(_step())
    assert _step() != _step(title="Annen")
    assert _step() != ReflectionStep(id="a", title="Tittel", prompt="Tekst")
    assert len({_step(), _step(), _step(minutes=2.0)}) == 2
    quiz = QuizStep(id="q", title="t", question="?", options=("a", "b"), correct=frozenset({1}),
                    explanation="e")
    assert quiz == replace(quiz) and quiz.is_correct(1) and not quiz.is_correct(2)


def test_repr_names_every_field():
    assert repr(_step()) == ("TextStep(id='a', title='Tittel', approaches=('kunnskap', 'praksis', "
                             "'erfaring'), minutes=None, manus=None, innholdsnotis=None, sources=(), "
                             "body='Tekst')")


def test_replace_checks_like_a_new_record():
    step = _step()
    changed = replace(step, title="Annen")
    assert changed.title == "Annen" and changed.body == "Tekst" and step.title == "Tittel"
    with pytest.raises(TypeError):
        replace(step, colour="red")


def test_pickle_round_trip_keeps_type_and_values():
    module = Module(id="m", title="M", kind="intro", minutes=5, steps=(_step(), _step(id="b")))
    again = pickle.loads(pickle.dumps(module, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == module and type(again.steps[0]) is TextStep
    with pytest.raises(FrozenInstanceError):
        again.title = "x"  # type: ignore[misc]


def test_a_base_class_is_not_a_subclass():
    assert not isinstance(_step(), QuizStep) and isinstance(_step(), Step)
