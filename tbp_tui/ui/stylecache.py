"""Textual's parsed styles, kept for the next start (issue 22: first paint).

Textual parses every stylesheet from text on every start: tbp's .tcss files and each widget
class's DEFAULT_CSS, about 10 ms of the way to home's first frame, while reading back the rules
parsed by the start before takes about 1 ms. `StyleCache` is what Textual's stylesheets ask first
(through `compat.keep_parsed_rules`): a source whose text, place, kind and scope are those of a
kept one, under the same CSS variables (the theme), gets the kept rules; any other is parsed as
before and kept for next time. The variables themselves are kept tokenized too (Textual's markup
tokenizes all of them on first use, 1-2 ms, to resolve a ``$colour``).

The file is one pickle of styles only (nothing a learner wrote), written atomically (0600) by
the files layer in a thread once the first frame is out, and again on quitting when more was
parsed since. Its header is a key over everything the rules depend on besides the sources (each
entry carries its own CSS text): the CSS variables, Textual's and Rich's versions (their
install folders' names), Python's and tbp's. A pickle is only read from a file this user owns
that nobody else can write, in a private folder (`files.open_own_file`); a wrong key, a damaged,
foreign or odd file means parsing as before, and a new copy replaces it. Where the file lives is
the caller's to say (the CLI gives the data folder's cache folder).
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

try:  # CPython's own BLAKE2: hashlib would load OpenSSL first (see course/cache.py)
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

from tbp_tui import __version__
from tbp_tui.files import open_own_file
from tbp_tui.files.atomic import atomic_write, ensure_private_dir
from tbp_tui.files.folders import unsafe_folder
from tbp_tui.ui.compat import RulesKey

__all__ = ["FILE_NAME", "MAX_BYTES", "MAX_ENTRIES", "StyleCache", "versions"]

FILE_NAME = "styles.pickle"
MAX_BYTES = 4_000_000
"""A larger file is not read (the app's styles with every screen opened: about 0.1 MB)."""
MAX_ENTRIES = 400
"""Sources kept at most; past it only those this start used are written (edited .tcss files
would otherwise pile up their old texts)."""
_KEY_BYTES = 32


def versions() -> str:
    """Textual's and Rich's installed versions, from their dist-info folders' names (cheap, unlike
    importlib.metadata); empty when they cannot be told, and then nothing is kept or read."""
    import rich
    import textual

    names: list[str] = []
    for package in (textual, rich):
        folder = Path(package.__file__ or "").parent
        try:
            found = [n for n in os.listdir(folder.parent)
                     if n.startswith(f"{folder.name}-") and n.endswith(".dist-info")]
        except OSError:
            return ""
        if len(found) != 1:
            return ""
        names.append(f"{folder}\0{found[0]}")
    return "\0".join(names)


class StyleCache:
    """The rules parsed by earlier starts in `folder`, and those this start parses.

    `keep` False (a guest) reads a kept copy but never writes one.
    """

    def __init__(self, folder: Path, *, keep: bool = True) -> None:
        self.file = folder / FILE_NAME
        self.keep = keep
        self._variables: Mapping[str, str] | None = None
        self._key = b""
        self._kept: dict[RulesKey, list[Any]] = {}
        """Rules read from the file (when its key is `_key`), then those parsed, under `_key`."""
        self._tokens: dict[str, list[Any]] | None = None
        """The variables tokenized, as Textual's markup and parser use them."""
        self._on_disk: set[RulesKey] = set()
        self._tokens_on_disk = False
        self._used: set[RulesKey] = set()
        self._lock = threading.Lock()
        self._writer: threading.Thread | None = None

    # ---------------------------------------------------------------- what stylesheets ask

    def get(self, variables: Mapping[str, str], key: RulesKey) -> list[Any] | None:
        if variables is not self._variables:
            self._switch(variables)
        rules = self._kept.get(key)
        if rules is not None:
            self._used.add(key)
        return rules

    def put(self, variables: Mapping[str, str], key: RulesKey, rules: list[Any]) -> None:
        if variables is not self._variables:
            self._switch(variables)
        with self._lock:
            self._kept[key] = rules
            self._used.add(key)

    def tokens(self, variables: Mapping[str, str]) -> dict[str, list[Any]] | None:
        if variables is not self._variables:
            self._switch(variables)
        return self._tokens

    def put_tokens(self, variables: Mapping[str, str], tokens: dict[str, list[Any]]) -> None:
        if variables is not self._variables:
            self._switch(variables)
        with self._lock:
            self._tokens = tokens

    def _switch(self, variables: Mapping[str, str]) -> None:
        """Other CSS variables (the first ask, or a theme switch): the rules kept for them."""
        key = self.key(variables)
        self._variables = variables
        if key == self._key:
            return
        with self._lock:
            self._key = key
            self._kept, self._tokens = self._read(key) if key else ({}, None)
            self._on_disk = set(self._kept)
            self._tokens_on_disk = self._tokens is not None
            self._used = set()

    @staticmethod
    def key(variables: Mapping[str, str]) -> bytes:
        """Everything the rules depend on besides their sources; empty: keep nothing."""
        found = versions()
        if not found:
            return b""
        digest = blake2b(f"{__version__}\0{sys.version}\0{found}\0".encode(), digest_size=_KEY_BYTES)
        for name, value in sorted(variables.items()):
            digest.update(f"{name}\0{value}\0".encode())
        return digest.digest()

    def _read(self, key: bytes) -> tuple[dict[RulesKey, list[Any]], dict[str, list[Any]] | None]:
        """The kept rules and variable tokens when the file's key is `key`."""
        fd = open_own_file(self.file)
        if fd is None:
            return {}, None
        try:
            data = os.read(fd, MAX_BYTES + 1)
            if len(data) > MAX_BYTES or data[:_KEY_BYTES] != key:
                return {}, None
            kept, tokens = pickle.loads(data[_KEY_BYTES:])
            if (isinstance(kept, dict) and all(isinstance(v, list) for v in kept.values())
                    and (tokens is None or isinstance(tokens, dict))):
                return kept, tokens
        except Exception:  # any damaged copy means: parse again
            pass
        finally:
            os.close(fd)
        return {}, None

    # ---------------------------------------------------------------- keeping them

    def dirty(self) -> bool:
        """Whether this start parsed rules the file does not hold yet."""
        return self.keep and bool(self._key) and (not set(self._kept) <= self._on_disk
                                                  or self._tokens_on_disk != (self._tokens is not None))

    def save(self) -> None:
        """Write the rules for the current variables, when there is anything new; any failure
        (a read-only or unsafe folder, a full disk) means simply no copy."""
        with self._lock:
            if not self.dirty():
                return
            kept = dict(self._kept)
            if len(kept) > MAX_ENTRIES:
                kept = {k: v for k, v in kept.items() if k in self._used}
            key, tokens = self._key, self._tokens
            self._on_disk = set(self._kept)
            self._tokens_on_disk = tokens is not None
        try:
            data = key + pickle.dumps((kept, tokens), protocol=pickle.HIGHEST_PROTOCOL)
            if len(data) > MAX_BYTES:
                return
            if unsafe_folder(self.file.parent) is not None:
                return
            ensure_private_dir(self.file.parent)
            atomic_write(self.file, data)
        except Exception:  # no copy is the whole cost
            with self._lock:
                self._on_disk, self._tokens_on_disk = set(), False

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
