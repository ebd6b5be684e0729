"""Every string the app itself shows (full app, plain mode and the CLI), in bokmål (default) and English.

Course text is not here: it comes from the course files. Screens call `Catalog(lang)(key)`;
a key missing from a language is a bug that `tests/test_catalog_keys.py` catches. The strings
of each language are a data module of their own (`nb.py`, `en.py`), imported when a catalog in
that language is first made: a session uses one language, and the other's thousand strings
would be start-up time and memory of every session (issue 22). `NB` and `EN` are still here,
for the tests that compare the two.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from tbp_tui.options import Lang

if TYPE_CHECKING:
    NB: dict[str, str]
    EN: dict[str, str]


def strings(lang: str) -> dict[str, str]:
    """The strings of `lang` (bokmål for anything else); the data module is imported once."""
    if lang == "en":
        from tbp_tui.i18n.en import EN

        return EN
    from tbp_tui.i18n.nb import NB

    return NB


def __getattr__(name: str) -> dict[str, str]:
    """`NB` and `EN` on first use (PEP 562), so importing the catalog loads neither."""
    if name in ("NB", "EN"):
        return strings(name.lower())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class MissingKey(KeyError):
    """A key the catalog does not have (raised only in strict mode, which the tests use)."""


class Catalog:
    """Strings in one language; unknown keys come back as the key so a gap is visible.

    With ``TBP_STRICT_CATALOG=1`` (set for the whole test suite) a missing key raises instead,
    so a misspelt key anywhere fails the test that reaches it.
    """

    def __init__(self, lang: Lang = "nb") -> None:
        self.lang: Lang = lang
        self._strings = strings(lang)
        self._strict = os.environ.get("TBP_STRICT_CATALOG") == "1"

    def __call__(self, key: str, **values: object) -> str:
        text = self._strings.get(key) or (strings("nb").get(key) if self.lang != "nb" else None)
        if text is None:
            if self._strict:
                raise MissingKey(key)
            text = key
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self._strings

    def approach(self, value: str | None) -> str:
        return self("approach.all" if value is None else f"approach.{value}")
