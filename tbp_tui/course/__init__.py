"""The course: model, loader and validator. Plain Python; never imports Textual.

The loader (and tomllib) is imported on first use, not with the package: a start that finds its
kept copy of the course (course/cache.py) never needs it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from tbp_tui.course.bundled import bundled_course_dir

if TYPE_CHECKING:
    from tbp_tui.course.loader import FORMAT_VERSION, load_course, validate_course
    from tbp_tui.course.problems import CourseInvalid, Problem

__all__ = [
    "FORMAT_VERSION",
    "CourseInvalid",
    "Problem",
    "bundled_course_dir",
    "load_course",
    "validate_course",
]

_LAZY = {
    "FORMAT_VERSION": "tbp_tui.course.loader",
    "load_course": "tbp_tui.course.loader",
    "validate_course": "tbp_tui.course.loader",
    "CourseInvalid": "tbp_tui.course.problems",
    "Problem": "tbp_tui.course.problems",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
