"""``tbp report status|flush|test|csv``: what is reported, to whom, and sending it now.

Exit codes: 0 done, 1 could not (LRS unreachable, statements still waiting), 2 refused (bad
configuration, reporting off where it is needed). Every sentence comes from the translator.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TextIO

from tbp_tui.course.model import Course
from tbp_tui.progress.paths import profile_dir
from tbp_tui.progress.store import read_progress
from tbp_tui.textsafe import visible
from tbp_tui.translate import Translate

from .config import DEFAULT_ACTIVITY_BASE, ConfigProblem, ReportConfig, load_config, read_secret
from .derive import Reporting
from .lrs import LrsClient, SendError
from .outbox import Outbox
from .reporter import flush_outbox, local_account, reporting_for
from .spool import collect
from .statements import VERBS, Actor
from .status import report_status

__all__ = ["cmd_report"]

EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2


def _config(data_dir: Path, t: Translate, err: TextIO) -> tuple[ReportConfig | None, int]:
    try:
        return load_config(data_dir), EXIT_OK
    except ConfigProblem as exc:
        print(f"tbp: {t('report.bad_config', where=visible(exc.where), what=exc.what)}", file=err)
        return None, EXIT_REFUSED


def _status(data_dir: Path, profile: str, course: Course, lang: str, show: bool, t: Translate,
            out: TextIO) -> int:
    status = report_status(data_dir, profile, course, lang, t)
    for line in status.lines:
        print(line, file=out)
    if show:
        for statement in status.waiting:
            print(statement, file=out)
    return EXIT_OK


def _flush_spool(config: ReportConfig, t: Translate, out: TextIO, err: TextIO) -> int:
    if config.spool is None:
        print(f"tbp: {t('report.no_spool', source=visible(str(config.source)))}", file=err)
        return EXIT_REFUSED
    key = read_secret(config.actor_key_file) if config.actor_key_file else None
    password = read_secret(config.password_file) if config.password_file else None
    client = LrsClient(config, password)
    sent = skipped = 0
    for found in collect(config.spool, config.home_page, key):
        if found.problem is not None:
            print(t("report.spool_bad", file=visible(found.path.name), account=visible(found.account),
                    problem=found.problem), file=err)
            found.path.unlink(missing_ok=True)
            skipped += 1
            continue
        try:
            client.send(found.statements)
        except SendError as exc:
            print(f"tbp: {t('report.send_failed', reason=visible(exc.reason))}", file=err)
            print(t("report.flushed", n=sent), file=out)
            return EXIT_FAILED
        found.path.unlink(missing_ok=True)
        sent += len(found.statements)
    print(t("report.flushed", n=sent), file=out)
    return EXIT_OK


def _csv(config: ReportConfig | None, reporting: Reporting, data_dir: Path, profile: str,
         from_lrs: bool, t: Translate, out: TextIO, err: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(["actor", "module", "title", "completed_at", "duration"])
    if from_lrs:
        if config is None:
            print(f"tbp: {t('report.off_short')}", file=err)
            return EXIT_REFUSED
        password = read_secret(config.password_file) if config.password_file else None
        client = LrsClient(config, password)
        try:
            # filtered here, not with the LRS's verb= query: Ralph 5.1.0's file backend
            # answers that with nothing
            for s in client.statements():
                if s.get("verb", {}).get("id") != VERBS["completed"]:
                    continue
                names = s["object"].get("definition", {}).get("name", {})
                writer.writerow([s["actor"].get("account", {}).get("name", ""),
                                 s["object"]["id"].rsplit("/", 1)[-1], next(iter(names.values()), ""),
                                 s.get("timestamp", ""), s.get("result", {}).get("duration", "")])
        except SendError as exc:
            print(f"tbp: {t('report.send_failed', reason=visible(exc.reason))}", file=err)
            return EXIT_FAILED
        return EXIT_OK
    progress, _ = read_progress(data_dir, profile)
    sent_at = Outbox(profile_dir(data_dir, profile)).read().done
    for entry in reporting.from_progress(progress, ""):
        s = entry.statement
        if entry.event[0] == "completed":
            writer.writerow([s["actor"]["account"]["name"], entry.event[1],
                             next(iter(s["object"]["definition"]["name"].values())),
                             sent_at.get(entry.key, ""), s["result"]["duration"]])
    return EXIT_OK


def cmd_report(action: str, course: Course, data_dir: Path, profile: str, lang: str, *,
               show: bool = False, spool: bool = False, from_lrs: bool = False, t: Translate,
               out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    config, code = _config(data_dir, t, err)
    if code:
        return code
    try:
        if action == "status":
            return _status(data_dir, profile, course, lang, show, t, out)
        if action == "csv":
            if config is not None:
                reporting = reporting_for(config, course, profile, lang)
            else:  # reporting off: the same rows, named by the account, for a learner's own records
                actor = Actor.for_account("", local_account(), profile, None)
                reporting = Reporting(course, actor, DEFAULT_ACTIVITY_BASE, lang)
            return _csv(config, reporting, data_dir, profile, from_lrs, t, out, err)
        if config is None:
            print(f"tbp: {t('report.off_short')}", file=err)
            return EXIT_REFUSED
        if action == "flush" and spool:
            return _flush_spool(config, t, out, err)
        if action == "flush":
            outbox = Outbox(profile_dir(data_dir, profile))
            sent, problem = flush_outbox(outbox, config, profile)
            print(t("report.flushed", n=sent), file=out)
            if problem is not None:
                print(f"tbp: {t('report.send_failed', reason=visible(problem))}", file=err)
                return EXIT_FAILED
            return EXIT_OK
        # test
        password = read_secret(config.password_file) if config.password_file else None
        status = LrsClient(config, password).check()
        print(t("report.test", endpoint=visible(config.endpoint), status=status), file=out)
        return EXIT_OK if status == 200 else EXIT_FAILED
    except ConfigProblem as exc:
        print(f"tbp: {t('report.bad_config', where=visible(exc.where), what=exc.what)}", file=err)
        return EXIT_REFUSED
    except SendError as exc:
        print(f"tbp: {t('report.send_failed', reason=visible(exc.reason))}", file=err)
        return EXIT_FAILED
