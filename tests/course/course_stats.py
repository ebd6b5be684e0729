"""Figures per module for the issue note: words, minutes, approach overlap, notes, references.

Run from a worktree: `.venv/bin/python tests/course/course_stats.py [COURSE_DIR]` (default: the
course folder next to this file's repository). The content tests import `overlap()` from here so
the rule and the figures are computed in one place.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tbp_tui` importable from the worktree
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tbp_tui.course import CourseInvalid, load_course
from tbp_tui.course.model import APPROACHES, Approach, ChecklistStep, Module, QuizStep, Step

ROOT = Path(__file__).resolve().parents[2]
LEARNER_FIELDS = ("title", "body", "prompt", "instructions", "question", "explanation", "innholdsnotis")
GROUP_KINDS = ("intro", "competency")
WORD = re.compile(r"\w+(?:[-']\w+)*")


def words(text: str | None) -> int:
    return len(WORD.findall(text or ""))


def learner_words(step: Step) -> int:
    """Every word the learner sees in the step (manus is the facilitator's)."""
    n = sum(words(getattr(step, f, None)) for f in LEARNER_FIELDS)
    if isinstance(step, QuizStep):
        n += sum(words(o) for o in step.options)
    if isinstance(step, ChecklistStep):
        n += sum(words(i.text) + words(i.detail) for i in step.items)
    return n


def shared_minutes(module: Module) -> float:
    """Minutes of the steps shown to all three approaches."""
    return sum(s.minutes or 0 for s in module.steps if set(s.approaches) == set(APPROACHES))


def overlap(module: Module, approach: Approach) -> float:
    """Share of an approach's minutes spent on steps every approach sees (course.md §2)."""
    own = module.minutes_for(approach)
    return shared_minutes(module) / own if own else 0.0


def rows(course_dir: Path) -> list[list[str]]:
    course = load_course(course_dir)
    out = []
    for m in course.modules:
        group = m.kind in GROUP_KINDS
        learner = sum(learner_words(s) for s in m.steps)
        manus = sum(words(s.manus) for s in m.steps)
        minutes = "/".join(f"{m.minutes_for(a):g}" for a in APPROACHES) if group else f"{m.minutes}"
        ov = "/".join(f"{overlap(m, a):.0%}" for a in APPROACHES) if group else "–"
        notes = sum(1 for s in m.steps if s.innholdsnotis)
        cited = len({src for s in m.steps for src in s.sources})
        out.append([m.id, f"{m.minutes}", f"{learner} / {manus}", minutes, ov,
                    f"{notes}/{len(m.steps)}", f"{cited}"])
    return out


HEADER = ["module", "min", "words learner / manus", "min K/P/E", "overlap K/P/E",
          "notes/steps", "refs cited"]


def table(course_dir: Path) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r) + " |" for r in rows(course_dir)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    course_dir = Path(args[0]) if args else ROOT / "course"
    try:
        print(table(course_dir))
    except CourseInvalid as e:
        print(f"{course_dir} does not validate:\n{e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
