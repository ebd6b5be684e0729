"""Where the bundled course lives: inside the installed wheel, or beside the package in a checkout."""

from __future__ import annotations

from pathlib import Path


def bundled_course_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    installed = package / "_course"
    if (installed / "course.toml").is_file():
        return installed
    return package.parent / "course"
