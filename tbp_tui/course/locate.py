"""Find the line of every key in a TOML text, so problems point at real lines, not guesses.

tomllib returns values without positions. This scanner walks the same text and records where
each key path is written: `[[steps]]` headers, `key = value` lines, and keys inside inline
tables and arrays. It only runs on text that tomllib already parsed, so it can stay small.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
MAX_PARTS = 64
_STRINGS = (
    re.compile(r'"""((?:[^"\\]|\\.|"(?!""))*)""""{0,2}', re.S),
    re.compile(r"'''(.*?)''''{0,2}", re.S),
    re.compile(r'"((?:[^"\\\n]|\\.)*)"'),
    re.compile(r"'([^'\n]*)'"),
)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.line = 1
        self.lines: dict[Path, int] = {}
        self.aot_count: dict[Path, int] = {}

    # -- low-level -------------------------------------------------------------------------
    def peek(self, n: int = 1) -> str:
        return self.s[self.i : self.i + n]

    def advance(self, n: int = 1) -> None:
        self.line += self.s.count("\n", self.i, self.i + n)
        self.i += n

    def skip_ws(self, newlines: bool) -> None:
        while self.i < len(self.s):
            c = self.s[self.i]
            if c in " \t\r" or (newlines and c == "\n"):
                self.advance()
            elif c == "#":
                end = self.s.find("\n", self.i)
                self.advance((len(self.s) if end < 0 else end) - self.i)
            else:
                return

    def string(self) -> str:
        """Read a string at the cursor and return its raw content (escapes left alone)."""
        for pattern in _STRINGS:
            m = pattern.match(self.s, self.i)
            if m:
                break
        else:  # an unterminated string: tomllib would have refused the file
            m = re.compile(r".*", re.S).match(self.s, self.i)
            assert m is not None
        self.advance(m.end() - self.i)
        return m.group(1) if m.groups() else m.group()

    def key(self) -> list[str]:
        """A dotted key's parts; past MAX_PARTS they are read but dropped, so a hostile header of
        100 000 parts costs linear time (resolve and the line table work on short tuples)."""
        parts: list[str] = []
        while True:
            self.skip_ws(False)
            if self.peek() in ('"', "'"):
                part = self.string()
            else:
                m = _BARE.match(self.s, self.i)
                if not m:
                    return parts
                part = m.group()
                self.advance(m.end() - self.i)
            if len(parts) < MAX_PARTS:
                parts.append(part)
            self.skip_ws(False)
            if self.peek() != ".":
                return parts
            self.advance()

    # -- structure -------------------------------------------------------------------------
    def resolve(self, parts: list[str]) -> Path:
        """Turn header parts into a path, adding the current index of each array of tables."""
        path: Path = ()
        for part in parts:
            path = (*path, part)
            if path in self.aot_count:
                path = (*path, self.aot_count[path] - 1)
        return path

    def value(self, path: Path) -> None:
        c = self.peek()
        if c in ('"', "'"):
            self.string()
        elif c == "[":
            self.advance()
            index = 0
            while self.i < len(self.s):
                self.skip_ws(True)
                if self.peek() == "]":
                    self.advance()
                    return
                self.lines.setdefault((*path, index), self.line)
                self.value((*path, index))
                index += 1
                self.skip_ws(True)
                if self.peek() == ",":
                    self.advance()
        elif c == "{":
            self.advance()
            while self.i < len(self.s):
                self.skip_ws(True)
                if self.peek() == "}":
                    self.advance()
                    return
                self.assignment(path)
                self.skip_ws(True)
                if self.peek() == ",":
                    self.advance()
        else:
            while self.i < len(self.s) and self.s[self.i] not in ",]}\n#":
                self.advance()

    def assignment(self, table: Path) -> None:
        line = self.line
        parts = self.key()
        if not parts:  # not TOML we understand: skip the rest of the line
            end = self.s.find("\n", self.i)
            self.advance((len(self.s) if end < 0 else end) - self.i)
            return
        path = (*table, *parts)
        self.lines.setdefault(path, line)
        self.skip_ws(False)
        if self.peek() == "=":
            self.advance()
            self.skip_ws(False)
            self.value(path)

    def run(self) -> dict[Path, int]:
        table: Path = ()
        while self.i < len(self.s):
            self.skip_ws(True)
            if self.i >= len(self.s):
                break
            if self.peek(2) == "[[":
                line = self.line
                self.advance(2)
                parts = self.key()
                raw: Path = self.resolve(parts[:-1]) + tuple(parts[-1:])
                self.aot_count[raw] = self.aot_count.get(raw, 0) + 1
                table = (*raw, self.aot_count[raw] - 1)
                self.lines.setdefault(raw, line)
                self.lines[table] = line
                self.skip_ws(False)
                self.advance(2)
            elif self.peek() == "[":
                line = self.line
                self.advance()
                table = self.resolve(self.key())
                self.lines.setdefault(table, line)
                self.skip_ws(False)
                self.advance()
            else:
                self.assignment(table)
        return self.lines


def key_lines(text: str) -> dict[Path, int]:
    """Map each key path (list indices 0-based) to the 1-based line where it is written."""
    return _Scanner(text).run()


def line_of(lines: dict[Path, int], path: Path) -> int:
    """The line of `path`, or of its nearest written parent; 1 when nothing is known."""
    for n in range(len(path), 0, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return 1
