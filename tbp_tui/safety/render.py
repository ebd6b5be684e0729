"""The checklist as Markdown: blank for paper, or filled for an export the clinician asked for."""

from __future__ import annotations

from datetime import datetime

from tbp_tui.clock import shown_time
from tbp_tui.course.model import ChecklistStep, Module, ReflectionStep, TextStep
from tbp_tui.safety.form import ChecklistForm

NOTE_LINE = "_" * 60


def _render(module: Module, form: ChecklistForm | None, stamp: str | None) -> str:
    out = [f"# {module.title}", ""]
    if stamp:
        out += [f"Eksportert {stamp}. Inneholder helseopplysninger: oppbevar og del filen som det.", ""]
    elif module.summary:
        out += [module.summary, ""]
    reflections = []
    for step in module.steps:
        if isinstance(step, ChecklistStep):
            out += [f"## {step.title}", ""]
            if step.body and form is None:
                out += [step.body.strip(), ""]
            for item in step.items:
                key = (step.id, item.id)
                ticked = form is not None and key in form.ticks
                out.append(f"- [{'x' if ticked else ' '}] {item.text}")
                note = form.notes.get(key, "").strip() if form else ""
                if note:
                    out += [f"  Notat: {line}" if i == 0 else f"  {line}"
                            for i, line in enumerate(note.splitlines())]
                elif item.note and form is None:
                    out += [f"  Notat: {NOTE_LINE}"]
            out.append("")
        elif isinstance(step, TextStep) and form is None:
            out += [f"## {step.title}", "", step.body.strip(), ""]
        elif isinstance(step, ReflectionStep):
            reflections.append(step)
    if reflections and form is None:
        out += ["## Til egen refleksjon", ""]
        out += [f"- {r.prompt}" for r in reflections]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def blank_markdown(module: Module) -> str:
    """For paper: every item unticked, a line to write on where the item offers a note."""
    return _render(module, None, None)


def filled_markdown(form: ChecklistForm, when: datetime) -> str:
    """What the clinician ticked and wrote; only checklist steps, no course text around it."""
    return _render(form.module, form, shown_time(when))
