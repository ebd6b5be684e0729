"""What reading the course costs, counted rather than timed: which slow walks a clean course skips.

The cheap checks in front of the slow ones must never change an answer, so each is also compared
with the slow one alone on the cases at its boundary.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import tbp_tui.files
from tbp_tui.course import bundled_course_dir, limits, loader, validate_course
from tbp_tui.files import MAX_KEY_PARTS, long_dotted_key


def _counting(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[Any]:
    """Replace owner.name by a wrapper that records each call's first argument."""
    calls: list[Any] = []
    real = getattr(owner, name)

    if isinstance(real, re.Pattern):
        class Counted:
            def search(self, text: str) -> re.Match[str] | None:
                calls.append(text)
                return real.search(text)

        monkeypatch.setattr(owner, name, Counted())
    else:
        def counted(value: Any, *args: Any) -> Any:
            calls.append(value)
            return real(value, *args)

        monkeypatch.setattr(owner, name, counted)
    return calls


def test_the_bundled_course_never_needs_the_full_dotted_key_search(monkeypatch: pytest.MonkeyPatch) -> None:
    searched = _counting(monkeypatch, tbp_tui.files, "_LONG_KEY")
    course, problems = validate_course(bundled_course_dir())
    assert course is not None, problems
    assert searched == []


def test_the_bundled_course_never_needs_the_line_by_line_nesting_walk(
        monkeypatch: pytest.MonkeyPatch) -> None:
    walked = _counting(monkeypatch, limits, "nesting")
    monkeypatch.setattr(loader, "nesting", limits.nesting, raising=False)  # a loader that imports it
    course, problems = validate_course(bundled_course_dir())
    assert course is not None, problems
    assert walked == []


def _key(parts: int, dot: str = ".", part: Callable[[int], str] = lambda i: f"k{i}") -> str:
    return dot.join(part(i) for i in range(parts))


DOTTED = {
    "64 parts": f"{_key(MAX_KEY_PARTS)} = 1\n",
    "65 parts": f"{_key(MAX_KEY_PARTS + 1)} = 1\n",
    "65 parts, spaced dots": f"{_key(MAX_KEY_PARTS + 1, ' . ')} = 1\n",
    "65 parts, quoted": f"{_key(MAX_KEY_PARTS + 1, part=lambda i: repr(f'k{i}'))} = 1\n",
    "header, line 3": f"a = 1\n\n[{_key(MAX_KEY_PARTS + 1)}]\nx = 1\n",
    "array header, CRLF": f"a = 1\r\n[[ {_key(MAX_KEY_PARTS + 1)} ]]\r\nx = 1\r\n",
    "tabs, after ø": f"ø = 'æ'\n\t{_key(MAX_KEY_PARTS + 1, chr(9) + '.')} = 1\n",
    "65 parts split by a newline": f"{_key(40)}\n.{_key(30)} = 1\n",
    "200 dots of prose on a line": "body = '" + "Ja. " * 200 + "'\n",
    "a lone surrogate": "\ud800 = 1\n" + f"{_key(MAX_KEY_PARTS + 1)} = 1\n",
    "no dots": "a = 1\n" * 100,
}


@pytest.mark.parametrize("text", DOTTED.values(), ids=DOTTED.keys())
def test_long_dotted_key_answers_as_the_full_search_alone(text: str) -> None:
    found = tbp_tui.files._LONG_KEY.search(text)
    alone = None if found is None else text.count("\n", 0, found.start()) + 1
    assert long_dotted_key(text) == alone
    assert long_dotted_key(text, text.encode("utf-8", "surrogatepass")) == alone


def test_long_dotted_key_still_finds_the_long_keys() -> None:
    assert [long_dotted_key(DOTTED[k]) for k in ("64 parts", "65 parts", "header, line 3")] == [None, 1, 3]


NESTED = {
    "8 quotes": ">" * 8 + " dypt",
    "9 quotes": ">" * 9 + " dypt",
    "spaced quotes": "tekst\n" + "> " * 9 + "dypt",
    "list 8 deep": "\n".join(" " * (2 * i) + "- nivå" for i in range(8)),
    "list 9 deep": "\n".join(" " * (2 * i) + "- nivå" for i in range(9)),
    "quotes and a list": "> > > > > >   - nivå",
    "quotes and a deeper list": "> > > > > >     - nivå",
    "tab-indented list": "\n".join("\t" * i + "- nivå" for i in range(6)),
    "after a form feed": "a\x0c" + ">" * 9 + " dypt",
    "numbered items": "\n".join(" " * (3 * i) + "1. nivå" for i in range(9)),
    "flat prose": "Et avsnitt.\n\nEt til, med - og > inni.",
}


@pytest.mark.parametrize("body", NESTED.values(), ids=NESTED.keys())
def test_too_deep_answers_as_the_line_by_line_walk(body: str) -> None:
    depth, line = limits.nesting(body)
    assert limits.too_deep(body) == ((depth, line) if depth > limits.MAX_NESTING else None)


def test_too_deep_finds_the_deep_bodies() -> None:
    found = {name for name, body in NESTED.items() if limits.too_deep(body) is not None}
    assert found == {"9 quotes", "spaced quotes", "list 9 deep", "quotes and a deeper list",
                     "tab-indented list", "after a form feed", "numbered items"}



def test_reading_a_good_course_imports_nothing_that_only_problems_need() -> None:
    """The key locator (five regexes) and the Problem dataclass are 1-2 ms of a first start."""
    script = ("import sys\n"
              "from tbp_tui.course import bundled_course_dir, validate_course\n"
              "course, problems = validate_course(bundled_course_dir())\n"
              "assert course is not None, problems\n"
              "print(' '.join(m for m in ('tbp_tui.course.locate', 'tbp_tui.course.problems')"
              " if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         timeout=60)
    assert out.stdout.split() == []


def test_the_long_key_pattern_is_compiled_only_when_a_line_has_that_many_dots(tmp_path: Path) -> None:
    """Compiling it cost every start about 2 M instructions; no ordinary file needs it."""
    probe = ("import sys, tbp_tui.files as f\n"
             "f.long_dotted_key(open(sys.argv[1], encoding='utf-8').read())\n"
             "print('_LONG_KEY' in vars(f))\n"
             "f.long_dotted_key('k' + '.k' * 70 + ' = 1')\n"
             "print('_LONG_KEY' in vars(f))\n")
    ordinary = bundled_course_dir() / "course.toml"
    done = subprocess.run([sys.executable, "-c", probe, str(ordinary)], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.split() == ["False", "True"]
