"""Completion reporting: xAPI statements about what a learner completed, never what they wrote.

Off unless an administrator (``/etc/tbp-tui/report.toml``) or the learner (``report.toml`` in
the data folder) turns it on. Statements are derived from the stored progress (so a retry builds
the same statement with the same id), queued in a private outbox, and sent in the background; on
a shared workshop machine they are dropped into a spool that only a service account reads and
sends (docs/reporting.md). The package never imports Textual.
"""

from .config import ReportConfig, load_config

__all__ = ["ReportConfig", "load_config"]
