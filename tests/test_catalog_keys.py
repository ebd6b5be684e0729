"""Every catalog key the package uses exists, in the whole package (not only ui/), including the
keys built at run time (`f"plain.reason.{reason}"`), whose every member is listed here."""

from __future__ import annotations

import ast
import os
import re
import typing
from pathlib import Path

import pytest

import tbp_tui
from tbp_tui.course.model import APPROACHES
from tbp_tui.files import RefusalCode
from tbp_tui.i18n import EN, NB, Catalog, MissingKey
from tbp_tui.progress import messages
from tbp_tui.progress.paths import profile_paths
from tbp_tui.room.model import CommandKind
from tbp_tui.session.passphrase import NewProblem
from tbp_tui.session.personal import OpenProblem
from tbp_tui.ui.screens.damaged import PAGE_CODES
from tbp_tui.ui.widgets.countdown import State

PACKAGE = Path(tbp_tui.__file__).resolve().parent
SOURCES = {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))
           if p.parent.name != "i18n"}
NAMESPACES = {key.split(".")[0] for key in NB}
KEY = re.compile(r"[a-z_]+(\.[a-z0-9_-]+)+")
FILE_NAME = re.compile(r".*\.(tcss|toml|lock|md|json|pickle|py)")


def _binding_actions() -> set[int]:
    """ids of the action strings in Binding(...) (Textual actions like "app.pause", not keys)."""
    found: set[int] = set()
    for tree in SOURCES.values():
        for node in ast.walk(tree):
            binding = isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding"
            if binding and len(node.args) > 1:  # type: ignore[attr-defined]
                found.add(id(node.args[1]))
    return found


def _strings() -> tuple[list[tuple[str, int, str]], list[tuple[str, int, str]]]:
    """(file, line, text) of key-like constants, and of the constant heads of f-string keys."""
    actions = _binding_actions()
    keys, heads = [], []
    for path, tree in SOURCES.items():
        fstrings = [node for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)]
        in_fstring = {id(v) for node in fstrings for v in node.values}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            text = node.value
            if text.split(".")[0] not in NAMESPACES or id(node) in actions or FILE_NAME.fullmatch(text):
                continue
            where = (str(path.relative_to(PACKAGE)), node.lineno, text)
            if id(node) in in_fstring or text.endswith(("_", ".")):
                heads.append(where)
            elif KEY.fullmatch(text):
                keys.append(where)
    return keys, heads


KEYS, HEADS = _strings()


def test_the_scan_reaches_every_part_of_the_package():
    parts = {file.split("/")[0] for file, _, _ in KEYS}
    assert {"plain.py", "cli.py", "session", "ui", "progress"} <= parts
    assert len(KEYS) > 300 and len(HEADS) >= 5


def test_every_key_written_in_the_package_exists():
    families = {f"{cls.family}" for cls in vars(messages).values()
                if isinstance(cls, type) and issubclass(cls, messages.Message)}
    missing = [k for k in KEYS if k[2] not in NB and k[2] not in families]
    assert missing == []


def test_every_key_built_at_run_time_has_a_family_in_the_catalog():
    missing = [h for h in HEADS if not any(key.startswith(h[2]) for key in NB)]
    assert missing == []


#: Families only looked up after `t.has(key)`, with a fallback: Textual's own actions
#: (`a.<action>`) and room errors that have no words of their own (`room.err.<code>`).
GUARDED = {"a.", "room.err."}


def _calls(name: str) -> list[ast.Call]:
    return [node for tree in SOURCES.values() for node in ast.walk(tree)
            if isinstance(node, ast.Call) and (getattr(node.func, "id", None) == name
                                               or getattr(node.func, "attr", None) == name)]


def _constants(nodes: list[ast.expr]) -> set[object]:
    return {n.value for n in nodes if isinstance(n, ast.Constant)}


def _family_members() -> dict[str, set[str]]:
    """Each key built at run time, with every value its variable part can take."""
    nouns = _constants([c.args[1] for c in _calls("counted") if len(c.args) > 1])
    needs_plain = next(n for n in ast.walk(SOURCES[PACKAGE / "terminal.py"])
                       if isinstance(n, ast.FunctionDef) and n.name == "needs_plain")
    reasons = _constants([n.value for n in ast.walk(needs_plain) if isinstance(n, ast.Return) and n.value])
    room_codes = _constants([c.args[1] for c in _calls("RoomError") if len(c.args) > 1])
    room_codes |= _constants([k.value for c in _calls("RoomError") for k in c.keywords if k.arg == "code"])
    comments = _constants([c.args[0] for c in _calls("comment") if c.args])
    kinds = set(typing.get_args(CommandKind))
    where = {*profile_paths(Path("data"), "p"), "cache_dir"}  # what `tbp where` lists
    members = {
        "cli.where.": where,
        "timer.": set(typing.get_args(State)),
        "cli.n.": {f"{noun}.{form}" for noun in nouns for form in ("one", "other")},
        "approach.": {*APPROACHES, "all"},
        "plain.reason.": {str(r) for r in reasons if r is not None},
        "room.sent_": kinds,
        "fac.last_sent_": kinds,
        "pause.breathe_": {"in", "out"},
        "cli.room.err.": {str(c) for c in room_codes | {"io"}},
        "cli.room.accounts.": {str(n) for n in comments},
        "files.": set(typing.get_args(RefusalCode)),  # FileRefused.words
        "damaged.": set(PAGE_CODES),  # the damaged-file page
        "profiles.": set(typing.get_args(NewProblem)),  # a new passphrase that will not do
        "profiles.browser.": set(typing.get_args(OpenProblem)),  # a browser tab's profile refused
    }
    for cls in vars(messages).values():
        if isinstance(cls, type) and issubclass(cls, messages.Message) and cls is not messages.Message:
            code_type = typing.get_args(cls.__orig_bases__[0])[0]  # type: ignore[attr-defined]
            members[f"{cls.family}."] = set(typing.get_args(code_type))
    return members


def test_every_member_of_every_key_family_exists():
    members = _family_members()
    assert all(members.values()), {k: v for k, v in members.items() if not v}
    missing = sorted(f"{head}{m}" for head, ms in members.items() for m in ms if f"{head}{m}" not in NB)
    assert missing == []
    heads = {h[2] for h in HEADS} - GUARDED
    unlisted = sorted(h for h in heads if not any(h.startswith(f) or f.startswith(h) for f in members))
    assert unlisted == []  # a new key family: list its members above


def test_both_languages_have_the_same_keys():
    assert NB.keys() == EN.keys()


def test_strict_catalog_raises_on_a_missing_key(monkeypatch):
    assert os.environ.get("TBP_STRICT_CATALOG") == "1"  # set for the whole suite (tests/conftest.py)
    with pytest.raises(MissingKey, match=r"plain\.chose"):
        Catalog("en")("plain.chose")
    monkeypatch.delenv("TBP_STRICT_CATALOG")
    assert Catalog("en")("plain.chose") == "plain.chose"  # for learners: the gap is visible, no crash
