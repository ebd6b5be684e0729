"""Textual's styles as the start before worked them out, kept for the next start (issue 22).

Textual works out its styles from text on every start: the theme's CSS variables from its nine
colours (about 7 M instructions), those variables tokenized (about 5 M), and every stylesheet
parsed, tbp's .tcss files and each widget class's DEFAULT_CSS (about 25 M), while reading back
all of it takes about 6 M. `StyleCache` is what tbp's app and Textual's stylesheets ask first
(`TbpAppBase.get_css_variables`, `compat.keep_parsed_rules`): the same theme gets the kept
variables, a source whose text, place, kind and scope are those of a kept one, under the same
variables, gets the kept rules; anything else is worked out as before and kept for next time.

The file holds one theme's styles (nothing a learner wrote), written atomically (0600) by the
files layer in a thread once the first frame is out, and again on quitting when more was
worked out since (another screen's styles, another theme). Its header is a key over what
everything in it depends on besides the sources and the theme: Textual's and Rich's versions
(their install folders' names), Python's and tbp's. A pickle is only read from a file this
user owns that nobody else can write, in a private folder (`files.open_own_file`); a wrong key
or a damaged, foreign or odd file means working the styles out as before, and a new copy
replaces it. Where the file lives is the caller's to say (the CLI gives the data folder's
cache folder).
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tbp_tui.files import open_own_file
from tbp_tui.files.atomic import atomic_write, ensure_private_dir
from tbp_tui.files.folders import unsafe_folder
from tbp_tui.files.kept import KEY_BYTES, key_hash
from tbp_tui.ui.compat import RulesKey

__all__ = ["FILE_NAME", "MAX_BYTES", "MAX_ENTRIES", "StyleCache", "versions"]

FILE_NAME = "styles.pickle"
MAX_BYTES = 4_000_000
"""A larger file is not read (the app's styles with every screen opened: about 0.1 MB)."""
MAX_ENTRIES = 400
"""Sources kept at most; past it only those this start used are written (edited .tcss files
would otherwise pile up their old texts)."""


def versions() -> str:
    """Textual's and Rich's installed versions, from their dist-info folders' names (cheap, unlike
    importlib.metadata); empty when they cannot be told, and then nothing is kept or read."""
    import rich
    import textual

    folders = [Path(package.__file__ or "").parent for package in (textual, rich)]
    listed: dict[Path, list[str]] = {}
    names: list[str] = []
    for folder in folders:
        try:  # one listing when both are in the same site-packages, as they are installed
            entries = listed.get(folder.parent) or listed.setdefault(folder.parent, os.listdir(folder.parent))
        except OSError:
            return ""
        prefix = f"{folder.name}-"
        found = [n for n in entries if n.startswith(prefix) and n.endswith(".dist-info")]
        if len(found) != 1:
            return ""
        names.append(f"{folder}\0{found[0]}")
    return "\0".join(names)


class _Group:
    """What is kept for one set of CSS variables: the rules parsed under them, the variables
    tokenized, and the theme they were worked out from (None: not through `css_variables`)."""

    def __init__(self, variables: Mapping[str, str], theme: str | None,
                 rules: dict[RulesKey, list[Any]] | None = None,
                 tokens: dict[str, list[Any]] | None = None) -> None:
        self.variables = variables
        self.theme = theme
        self.rules = rules or {}
        self.tokens = tokens
        self.on_disk: tuple[int, bool] | None = (len(self.rules), tokens is not None) if rules else None
        """What of it the file holds (rules, tokens), when it came from the file."""
        self.used: set[RulesKey] = set()

    def dirty(self) -> bool:
        return self.on_disk != (len(self.rules), self.tokens is not None)


class StyleCache:
    """The styles worked out by the start before in `folder`, and those this start works out.

    `keep` False (a guest) reads a kept copy but never writes one.
    """

    def __init__(self, folder: Path, *, keep: bool = True) -> None:
        self.file = folder / FILE_NAME
        self.keep = keep
        self._file: _Group | bool | None = False
        """The group the file holds: False until read, None when there is none to use."""
        self._group: _Group | None = None
        """The group the stylesheets ask about now."""
        self._themes: dict[str, dict[str, str]] = {}
        """The variables of each theme asked for, by the text naming it."""
        self._lock = threading.Lock()
        self._writer: threading.Thread | None = None

    # ---------------------------------------------------------------- what the app asks

    def css_variables(self, theme: str, make: Callable[[], dict[str, str]]) -> dict[str, str]:
        """The CSS variables of `theme` (a text naming everything they are worked out from), as
        kept when the file has them, else `make()`. Textual works them out from a theme's nine
        colours (its ColorSystem, about 7 M instructions)."""
        kept = self._read()
        if kept is not None and kept.theme == theme and isinstance(kept.variables, dict):
            variables = kept.variables
        else:
            variables = self._themes.get(theme) or make()
        self._themes[theme] = variables
        return variables

    # ---------------------------------------------------------------- what stylesheets ask

    def get(self, variables: Mapping[str, str], key: RulesKey) -> list[Any] | None:
        group = self._for(variables)
        rules = group.rules.get(key)
        if rules is not None:
            group.used.add(key)
        return rules

    def put(self, variables: Mapping[str, str], key: RulesKey, rules: list[Any]) -> None:
        group = self._for(variables)
        with self._lock:
            group.rules[key] = rules
            group.used.add(key)

    def tokens(self, variables: Mapping[str, str]) -> dict[str, list[Any]] | None:
        return self._for(variables).tokens

    def put_tokens(self, variables: Mapping[str, str], tokens: dict[str, list[Any]]) -> None:
        group = self._for(variables)
        with self._lock:
            group.tokens = tokens

    def _for(self, variables: Mapping[str, str]) -> _Group:
        """The group for these variables: the file's when they are its own, else a new one (the
        first ask, or a theme switch)."""
        group = self._group
        if group is not None and group.variables is variables:
            return group
        kept = self._read()
        if kept is not None and (kept.variables is variables or kept.variables == variables):
            group = kept
        else:
            theme = next((name for name, made in self._themes.items()
                          if made is variables or made == variables), None)
            group = _Group(variables, theme)
        group.variables = variables
        self._group = group
        return group

    @staticmethod
    def key() -> bytes:
        """What every kept style depends on besides its sources and the variables (Textual's,
        Rich's, Python's and tbp's versions); empty: keep nothing."""
        found = versions()
        if not found:
            return b""
        return key_hash(found).digest()

    def _read(self) -> _Group | None:
        """The group the file holds, read once; None when there is none this start may use."""
        if self._file is False:
            self._file = self._load()
        return self._file if isinstance(self._file, _Group) else None

    def _load(self) -> _Group | None:
        key = self.key()
        fd = open_own_file(self.file) if key else None
        if fd is None:
            return None
        try:
            data = os.read(fd, MAX_BYTES + 1)
            if len(data) > MAX_BYTES or data[:KEY_BYTES] != key:
                return None
            theme, variables, tokens, rules = pickle.loads(data[KEY_BYTES:])
            if (isinstance(theme, str | None) and isinstance(variables, dict) and isinstance(rules, dict)
                    and all(isinstance(v, list) for v in rules.values())
                    and (tokens is None or isinstance(tokens, dict))):
                return _Group(variables, theme, rules, tokens)
        except Exception:  # any damaged copy means: work them out again
            pass
        finally:
            os.close(fd)
        return None

    # ---------------------------------------------------------------- keeping them

    def dirty(self) -> bool:
        """Whether this start worked out styles the file does not hold yet."""
        group = self._group
        return self.keep and group is not None and group.dirty()

    def save(self) -> None:
        """Write the styles for the current variables, when there is anything new; any failure
        (a read-only or unsafe folder, a full disk) means simply no copy."""
        with self._lock:
            group = self._group
            if group is None or not self.dirty():
                return
            rules = dict(group.rules)
            if len(rules) > MAX_ENTRIES:
                rules = {k: v for k, v in rules.items() if k in group.used}
            kept = (group.theme, dict(group.variables), group.tokens, rules)
            was, group.on_disk = group.on_disk, (len(group.rules), group.tokens is not None)
        try:
            key = self.key()
            data = key + pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
            if not key or len(data) > MAX_BYTES or unsafe_folder(self.file.parent) is not None:
                return
            ensure_private_dir(self.file.parent)
            atomic_write(self.file, data)
        except Exception:  # no copy is the whole cost
            with self._lock:
                group.on_disk = was

    def save_in_background(self) -> None:
        """`save` in a thread of its own (no daemon: Python lets it finish before exiting)."""
        if not self.dirty():
            return
        self._writer = threading.Thread(target=self.save, name="tbp-keep-styles")
        self._writer.start()

    def save_now(self) -> None:
        """On quitting: what was parsed since the first frame, after the background write."""
        if self._writer is not None:
            self._writer.join()
        self.save()
