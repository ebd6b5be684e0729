"""The course: model, loader and validator. Plain Python; never imports Textual."""

from tbp_tui.course.bundled import bundled_course_dir
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
