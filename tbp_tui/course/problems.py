"""A problem in a course file, said the way an author can act on it."""

from __future__ import annotations

from dataclasses import dataclass

from tbp_tui.course.locate import Path
from tbp_tui.textsafe import visible


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        """One line for a terminal: ids, keys and file names from the course shown inert."""
        return visible(f"{self.file}:{self.line}: {self.key}: {self.message}")


def format_path(path: Path) -> str:
    """`("steps", 2, "minutes")` → `steps[3].minutes`: list positions are shown 1-based."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            bare = part.isascii() and part.replace("_", "").replace("-", "").isalnum()
            shown = part if bare else f'"{part}"'
            out += f".{shown}" if out else shown
    return out or "(file)"


class CourseInvalid(Exception):
    """The course has problems; `problems` lists every one, sorted by file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
