"""Export the learner's own progress and reflections (Markdown or JSON).

The course is duck-typed through small Protocols, so this module needs only ids, titles,
kinds and prompts and does not depend on the course loader. Progress for modules or steps the
course no longer has is still exported, under its own heading: it is the learner's text. The
Markdown is written in the language of the translator ``t`` it is handed (the app's or the
command's ``Catalog``); JSON has fixed keys for other tools.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from tbp_tui.clock import shown_time
from tbp_tui.translate import Translate

from .model import ModuleProgress, Progress, QuizAttempt, Reflection

__all__ = ["CourseLike", "ModuleLike", "StepLike", "format_duration", "to_json", "to_markdown"]


class StepLike(Protocol):
    """What export needs from a step (reflection steps also have ``prompt``)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def kind(self) -> str: ...


class ModuleLike(Protocol):
    """What export needs from a module."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def steps(self) -> Sequence[StepLike]: ...
    @property
    def kind(self) -> str: ...


class CourseLike(Protocol):
    """What export needs from the course."""

    @property
    def title(self) -> str: ...
    @property
    def modules(self) -> Sequence[ModuleLike]: ...


def format_duration(seconds: float, t: Translate) -> str:
    """Whole minutes, with hours when long: '0 min', '45 min', '2 t 5 min' ('2 h 5 min')."""
    hours, rest = divmod(int(seconds // 60), 60)
    return t("export_md.duration_hm", h=hours, m=rest) if hours else t("export_md.duration_m", m=rest)


@dataclass
class _StepInfo:
    id: str
    title: str | None
    prompt: str | None = None
    question: str | None = None
    options: tuple[str, ...] = ()


@dataclass
class _ModuleView:
    """One module's progress joined with the course's titles."""

    id: str
    title: str | None
    in_course: bool
    total_steps: int | None
    data: ModuleProgress
    steps: dict[str, _StepInfo] = field(default_factory=dict)

    def info(self, step_id: str) -> _StepInfo:
        return self.steps.get(step_id) or _StepInfo(step_id, None)

    def ordered(self, step_ids: Sequence[str]) -> list[str]:
        """Course order first, then ids the course no longer has, in stored order."""
        known = [s for s in self.steps if s in step_ids]
        return known + [s for s in step_ids if s not in self.steps]


def _step_info(step: StepLike) -> _StepInfo:
    prompt = getattr(step, "prompt", None)
    question = getattr(step, "question", None)
    options = getattr(step, "options", ())
    return _StepInfo(
        step.id,
        step.title,
        prompt if isinstance(prompt, str) else None,
        question if isinstance(question, str) else None,
        tuple(str(o) for o in options) if isinstance(options, (list, tuple)) else (),
    )


def _views(progress: Progress, course: CourseLike) -> list[_ModuleView]:
    """Course modules in course order, then stored modules the course does not have."""
    views: list[_ModuleView] = []
    for module in course.modules:
        data = progress.modules.get(module.id) or ModuleProgress()
        steps = {s.id: _step_info(s) for s in module.steps}
        views.append(_ModuleView(module.id, module.title, True, len(steps), data, steps))
    known = {m.id for m in course.modules}
    for module_id, data in progress.modules.items():
        if module_id not in known:
            views.append(_ModuleView(module_id, None, False, None, data))
    return views


def _written(view: _ModuleView) -> list[str]:
    """The steps with an answer, in course order; one erased back to blank is not exported."""
    return view.ordered([s for s, r in view.data.reflections.items() if r.written])


def _has_content(view: _ModuleView) -> bool:
    d = view.data
    return bool(d.seen or d.skipped or _written(view) or d.quiz or d.seconds)


def _attempt_text(attempt: QuizAttempt, info: _StepInfo, t: Translate) -> str:
    chosen = []
    for number in attempt.chosen:
        if 1 <= number <= len(info.options):
            chosen.append(f"{number} ({info.options[number - 1]})")
        else:
            chosen.append(str(number))
    verdict = t("export_md.matched" if attempt.correct else "export_md.not_matched")
    return t("export_md.attempt", at=shown_time(attempt.at),
             chosen=", ".join(chosen) or t("export_md.chose_nothing"), verdict=verdict)


def _quote(text: str) -> str:
    """The learner's text as a Markdown block quote, every line kept as written."""
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def _step_label(view: _ModuleView, step_id: str, t: Translate) -> str:
    info = view.info(step_id)
    if info.title is None:
        return t("export_md.step_gone", id=step_id)
    return info.title


def _kind_heading(key: str, view: _ModuleView, step_id: str, t: Translate) -> str:
    """"Refleksjon: Din erfaring"; a course title that already starts that way is not told twice."""
    label = _step_label(view, step_id, t)
    lead = t(key, step="").strip()
    return label if label.casefold().startswith(lead.casefold()) else t(key, step=label)


def _module_markdown(
    view: _ModuleView, heading: str, t: Translate, *, wrong_answers: bool = True
) -> list[str]:
    d = view.data
    lines = [f"{heading} {view.title or view.id}", ""]
    if view.total_steps is not None:
        known_seen = sum(1 for s in d.seen if s in view.steps)
        lines.append("- " + t("export_md.explored_of", n=known_seen, total=view.total_steps))
    else:
        lines.append("- " + t("export_md.module_id", id=view.id))
        lines.append("- " + t("export_md.explored", n=len(d.seen)))
    lines.append("- " + t("export_md.time", time=format_duration(d.seconds, t)))
    if d.seen:
        labels = [_step_label(view, s, t) for s in view.ordered(d.seen)]
        lines.append("- " + t("export_md.seen", steps="; ".join(labels)))
    if d.passed_over:
        labels = [_step_label(view, s, t) for s in view.ordered(d.passed_over)]
        lines.append("- " + t("export_md.skipped", steps="; ".join(labels)))
    lines.append("")
    for step_id in _written(view):
        reflection: Reflection = d.reflections[step_id]
        info = view.info(step_id)
        lines.append(f"{heading}# {_kind_heading('export_md.reflection', view, step_id, t)}")
        lines.append("")
        if info.prompt:
            lines.append(f"*{info.prompt}*")
            lines.append("")
        lines.append(_quote(reflection.text))
        lines.append("")
        lines.append(t("export_md.written", at=shown_time(reflection.written_at)))
        lines.append("")
    for step_id in view.ordered(list(d.quiz)):
        attempts = [a for a in d.quiz[step_id] if wrong_answers or a.correct]
        if not attempts:
            continue
        info = view.info(step_id)
        lines.append(f"{heading}# {_kind_heading('export_md.quiz', view, step_id, t)}")
        lines.append("")
        if info.question:
            lines.append(f"*{info.question}*")
            lines.append("")
        lines.extend(f"- {_attempt_text(a, info, t)}" for a in attempts)
        lines.append("")
    return lines


def to_markdown(progress: Progress, course: CourseLike, t: Translate, *, wrong_answers: bool = True) -> str:
    """A readable document of the learner's reflections and what they explored.

    `wrong_answers=False` leaves out quiz answers that were not right: the learner decides
    whether their tries go into a file that may be shown to others."""
    lines = [f"# {course.title}", "", t("export_md.intro"), ""]
    views = _views(progress, course)
    for view in views:
        if view.in_course and _has_content(view):
            lines.extend(_module_markdown(view, "##", t, wrong_answers=wrong_answers))
    gone = [v for v in views if not v.in_course and _has_content(v)]
    if gone:
        lines.extend([f"## {t('export_md.gone_heading')}", "", t("export_md.gone_note"), ""])
        for view in gone:
            lines.extend(_module_markdown(view, "###", t, wrong_answers=wrong_answers))
    if not any(_has_content(v) for v in views):
        lines.extend([t("export_md.nothing"), ""])
    return "\n".join(lines).rstrip("\n") + "\n"


def _step_ref(view: _ModuleView, step_id: str) -> dict[str, Any]:
    info = view.info(step_id)
    return {"id": step_id, "title": info.title, "in_course": info.title is not None}


def to_json(progress: Progress, course: CourseLike) -> str:
    """The same content as :func:`to_markdown`, as JSON for other tools (UTF-8, indented)."""
    modules = []
    for view in _views(progress, course):
        d = view.data
        if view.in_course and not _has_content(view):
            continue
        modules.append(
            {
                "id": view.id,
                "title": view.title,
                "in_course": view.in_course,
                "steps_total": view.total_steps,
                "seen": [_step_ref(view, s) for s in view.ordered(d.seen)],
                "skipped": [_step_ref(view, s) for s in view.ordered(d.passed_over)],
                "seconds": d.seconds,
                "reflections": [
                    {
                        **_step_ref(view, s),
                        "prompt": view.info(s).prompt,
                        "text": d.reflections[s].text,
                        "written_at": d.reflections[s].written_at,
                    }
                    for s in _written(view)
                ],
                "quiz": [
                    {
                        **_step_ref(view, s),
                        "question": view.info(s).question,
                        "attempts": [
                            {"chosen": list(a.chosen), "correct": a.correct, "at": a.at}
                            for a in d.quiz[s]
                        ],
                    }
                    for s in view.ordered(list(d.quiz))
                ],
            }
        )
    document = {
        "course": course.title,
        "approach": progress.approach,
        "current": (
            {"module": progress.current.module, "step": progress.current.step}
            if progress.current
            else None
        ),
        "modules": modules,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
