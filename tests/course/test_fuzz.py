"""Mutated courses either load or report problems; the loader never raises anything else."""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tbp_tui.course import Problem, validate_course
from tbp_tui.course.loader import SourceFile, Table

from .conftest import GOOD

FILES = sorted(p.name for p in GOOD.glob("*.toml"))
SCALARS = st.one_of(st.integers(-(2**40), 2**40), st.floats(allow_nan=False), st.booleans(),
                    st.text(max_size=20), st.lists(st.integers(-5, 5), max_size=3),
                    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(data: dict[str, Any], path: tuple[Any, ...], new: Any, drop: bool) -> None:
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    if drop:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(FILES))
    raw = (GOOD / name).read_bytes()
    how = draw(st.sampled_from(["truncate", "garbage", "drop", "retype"]))
    if how == "truncate":
        return name, raw[: draw(st.integers(0, len(raw)))]
    if how == "garbage":
        at = draw(st.integers(0, len(raw)))
        return name, raw[:at] + draw(st.binary(min_size=1, max_size=12)) + raw[at:]
    data = tomllib.loads(raw.decode())
    path = draw(st.sampled_from(_paths(data)))
    _mutate(data, path, draw(SCALARS), drop=how == "drop")
    return name, tomli_w.dumps(data).encode()


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_mutated_course_loads_or_reports(mutation: tuple[str, bytes]) -> None:
    name, content = mutation
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "kurs"
        shutil.copytree(GOOD, root)
        (root / name).write_bytes(content)
        course, problems = validate_course(root)
    if course is None:
        assert problems and all(isinstance(p, Problem) and p.line >= 1 for p in problems)
        assert all(str(p).count(":") >= 3 for p in problems)
    else:
        assert problems == []


@given(st.text(min_size=1, max_size=40))
@settings(max_examples=400, deadline=None)
def test_a_one_paragraph_text_is_its_words_joined_by_single_spaces(value: str) -> None:
    """`Table.text` returns most texts as they are (no split and join): never differently."""
    problems: list[Problem] = []
    table = Table(SourceFile("x.toml", problems), {"title": value}, (), ("title",), "a test")
    got = table.text("title")
    assert got == (" ".join(value.split()) if value.strip() else None)
