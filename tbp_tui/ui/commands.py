"""Command palette: every module by name, plus the app's own commands in the learner's language."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from tbp_tui.ui.app import TbpApp


class ModuleCommands(Provider):
    """Open any module from anywhere."""

    @property
    def tbp(self) -> TbpApp:
        return cast("TbpApp", self.app)

    def _entries(self) -> list[tuple[str, str]]:
        return [(m.title, m.id) for m in self.tbp.course.modules]

    async def discover(self) -> Hits:
        help_text = self.tbp.t("palette.open_module")
        for title, module_id in self._entries():
            yield DiscoveryHit(title, partial(self.tbp.open_module, module_id), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        help_text = self.tbp.t("palette.open_module")
        for title, module_id in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.tbp.open_module, module_id),
                    help=help_text,
                )
