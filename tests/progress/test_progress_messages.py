"""The store's messages are codes and values; the catalog words every one in bokmål and English."""

from __future__ import annotations

import ast
import errno
import re
import string
from pathlib import Path
from typing import get_args

import pytest

from tbp_tui.i18n import EN, NB, Catalog
from tbp_tui.progress import messages
from tbp_tui.progress.messages import Notice, OsReason, os_reason
from tbp_tui.progress.model import SchemaError, loads

PROGRESS_DIR = Path(messages.__file__).resolve().parent

#: Every message family and the Literal listing its codes.
FAMILIES = [
    (messages.OsReason, messages.OsReasonCode),
    (messages.FileDamage, messages.DamageCode),
    (messages.NameProblem, messages.NameProblemCode),
    (messages.DirProblem, messages.DirProblemCode),
    (messages.Notice, messages.NoticeCode),
]
ALL_KEYS = [f"{cls.family}.{code}" for cls, codes in FAMILIES for code in get_args(codes)]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", ALL_KEYS)
def test_every_code_is_worded_in_both_languages_with_the_same_details(key: str) -> None:
    assert key in NB and key in EN
    assert NB[key] != EN[key] or NB[key] in ("{reason}", "{detail}")
    assert _placeholders(NB[key]) == _placeholders(EN[key])


def test_the_families_do_not_overlap_and_the_scan_found_them_all() -> None:
    assert len(ALL_KEYS) == len(set(ALL_KEYS)) >= 40
    in_catalog = {k for k in NB if k.startswith(("progress.os.", "progress.damaged.",
                                                 "progress.profile_name.", "progress.unsafe.",
                                                 "progress.notice."))}
    assert in_catalog == set(ALL_KEYS)  # no stale sentence left behind in the catalog


@pytest.mark.parametrize(
    ("number", "code", "nb", "en"),
    [
        (errno.EROFS, "read-only", "mappa er skrivebeskyttet", "the folder is read-only"),
        (errno.EACCES, "denied", "du har ikke tilgang til mappa", "you have no permission for the folder"),
        (errno.EPERM, "denied", "du har ikke tilgang til mappa", "you have no permission for the folder"),
        (errno.ENOSPC, "disk-full", "disken er full", "the disk is full"),
        (errno.EDQUOT, "disk-full", "disken er full", "the disk is full"),
        (errno.ENOENT, "no-folder", "mappa finnes ikke og kan ikke opprettes",
         "the folder does not exist and cannot be created"),
        (errno.ENOTDIR, "no-folder", "mappa finnes ikke og kan ikke opprettes",
         "the folder does not exist and cannot be created"),
    ],
)
def test_os_reasons_translate(number: int, code: str, nb: str, en: str) -> None:
    reason = os_reason(OSError(number, "whatever the system says"))
    assert reason == OsReason(code)
    notice = Notice("not-saving", {"folder": "/data/kari"}, reason)
    assert notice.words(Catalog("nb")) == f"Framgang blir ikke lagret: /data/kari ({nb})."
    assert notice.words(Catalog("en")) == f"Progress is not being saved: /data/kari ({en})."


def test_an_unusual_os_error_keeps_the_systems_own_words() -> None:
    reason = os_reason(OSError(errno.EIO, "Input/output error"))
    assert reason.code == "other"
    notice = Notice("unreadable", {"file": "/data/p.toml"}, reason)
    assert notice.words(Catalog("en")) == "Could not read /data/p.toml (Input/output error)."
    assert notice.words(Catalog("nb")) == "Kunne ikke lese /data/p.toml (Input/output error)."
    assert os_reason(OSError()).params == {"detail": "OSError"}  # no strerror at all


@pytest.mark.parametrize(
    ("content", "nb", "en"),
    [
        (b"", "filen er tom", "the file is empty"),
        (b"\xff\xfe", "filen er ikke gyldig UTF-8", "the file is not valid UTF-8"),
        (b"schema_version = 7\n", "filen er fra en nyere versjon av programmet (schema_version 7)",
         "the file is from a newer version of the program (schema_version 7)"),
        (b'schema_version = 1\nfirst_run_done = "ja"\n', "first_run_done skal være true eller false",
         "first_run_done should be true or false"),
        (b"schema_version = 1\n[modules.kk1]\nseconds = -4\n",
         "modules.kk1.seconds skal være et endelig tall ≥ 0",
         "modules.kk1.seconds should be a finite number ≥ 0"),
        (b"schema_version = 1\n[[modules.kk1.quiz.q]]\nchosen = [0]\ncorrect = true\n",
         "modules.kk1.quiz.q[0].chosen skal være en liste med heltall ≥ 1",
         "modules.kk1.quiz.q[0].chosen should be a list of whole numbers ≥ 1"),
        (b'schema_version = 1\n[settings]\nlanguage = "de"\n', "settings.language er ukjent: 'de'",
         "settings.language is unknown: 'de'"),
        (b"schema_version = 1\nmodules = 3\n", "modules skal være en tabell",
         "modules should be a table"),
    ],
)
def test_what_damaged_a_file_is_said_in_either_language(content: bytes, nb: str, en: str) -> None:
    with pytest.raises(SchemaError) as info:
        loads(content)
    assert info.value.damage.words(Catalog("nb")) == nb
    assert info.value.damage.words(Catalog("en")) == en


def test_invalid_toml_keeps_the_parsers_own_detail() -> None:
    with pytest.raises(SchemaError) as info:
        loads(b'schema_version = 1\n[modules.kk1]\nseen = ["a", ')
    damage = info.value.damage
    assert damage.code == "not-toml" and damage.params["detail"]
    assert damage.words(Catalog("en")) == f"the file is not valid TOML ({damage.params['detail']})"


def test_a_nested_reason_is_worded_in_the_same_language() -> None:
    damaged = Notice("set-aside-kept", {"target": "/d/p.toml.corrupt-1"},
                     messages.FileDamage("empty"))
    assert damaged.words(Catalog("en")) == (
        "The progress file was damaged (the file is empty) and has been moved to "
        "/d/p.toml.corrupt-1; the progress you have in this session has been saved again.")
    assert damaged.words(Catalog("nb")) == (
        "Framgangsfilen var skadet (filen er tom) og er flyttet til /d/p.toml.corrupt-1; "
        "framgangen du har i denne økta, er lagret på nytt.")


def _sentences(path: Path) -> list[tuple[int, str]]:
    """String constants of a module, docstrings left out (they may quote bokmål on purpose)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


BOKMAL = re.compile(r"[æøåÆØÅ]|\b(ikke|kan|er|og|til|av|med|mappa|fila|filen|skal)\b", re.IGNORECASE)


def test_the_progress_package_holds_no_sentences_of_its_own() -> None:
    """Every word the store says comes from the catalog, so none can stay bokmål in English."""
    files = sorted([*PROGRESS_DIR.glob("*.py"), *(PROGRESS_DIR.parent / "files").glob("*.py")])
    assert len(files) >= 8
    found = [(f.name, line, text) for f in files for line, text in _sentences(f) if BOKMAL.search(text)]
    assert found == []
    assert BOKMAL.search("Framgang blir ikke lagret")  # the pattern has teeth
