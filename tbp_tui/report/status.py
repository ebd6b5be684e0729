"""What reporting does for this learner, in sentences: one source for `tbp report status` and
Dine data, so both front-ends say the same thing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tbp_tui.course.model import Course
from tbp_tui.progress.paths import profile_dir
from tbp_tui.textsafe import visible
from tbp_tui.translate import Translate

from .config import ConfigProblem, config_paths, load_config
from .outbox import Outbox

__all__ = ["ReportStatus", "report_status"]


@dataclass
class ReportStatus:
    lines: list[str]
    waiting: list[str] = field(default_factory=list)
    """The exact statements waiting, as JSON, for the learner to read."""


def report_status(data_dir: Path, profile: str, course: Course, lang: str, t: Translate) -> ReportStatus:
    from .reporter import reporting_for  # urllib and threads only when reporting is on

    system, own = config_paths(data_dir)
    try:
        config = load_config(data_dir)
    except ConfigProblem as exc:
        return ReportStatus([t("report.bad_config", where=visible(exc.where), what=exc.what)])
    if config is None:
        return ReportStatus([t("report.off", system=visible(str(system)), own=visible(str(own)))])
    state = Outbox(profile_dir(data_dir, profile)).read()
    try:
        actor = reporting_for(config, course, profile, lang).actor
    except ConfigProblem as exc:
        return ReportStatus([t("report.bad_config", where=visible(exc.where), what=exc.what)])
    lines = [t("report.on", source=visible(str(config.source)), endpoint=visible(config.endpoint)),
             t("report.actor", name=visible(actor.name), home=visible(actor.home_page))]
    if config.spool is not None:
        lines.append(t("report.spool_mode", spool=visible(str(config.spool))))
    lines.append(t("report.counts", waiting=len(state.pending), sent=state.sent_count))
    if state.dropped:
        lines.append(t("report.dropped", n=state.dropped))
    if state.last_error:
        lines.append(t("report.last_error", reason=visible(state.last_error), next=state.next_try or "-"))
    lines.append(t("report.never"))
    waiting = [visible(json.dumps(r["statement"], ensure_ascii=False, sort_keys=True)) for r in state.pending]
    return ReportStatus(lines, waiting)
