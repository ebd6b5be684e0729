"""`tbp --help`, every command's help and argparse's own errors speak one language (issue 20).

Bokmål unless `--lang en` or an English locale asks for English, like every other command. Runs
go through ``cli.main`` in-process (argparse prints and exits); one runs the real command.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tbp_tui.argtext import MESSAGES, PROGRAMMER_ERRORS, speaking
from tbp_tui.cli import build_parser, main
from tbp_tui.i18n import EN, NB, Catalog

ROOT = Path(__file__).resolve().parent.parent
LANG_VARS = ("TBP_LANG", "LC_ALL", "LC_MESSAGES", "LANG")

HELPS = [[], ["validate"], ["checklist"], ["progress"], ["export"], ["where"], ["forget"],
         ["room"], ["room", "open"], ["room", "close"], ["room", "status"], ["room", "accounts"],
         ["serve"], ["report"]]
MISTAKES = [["--lang", "sv"], ["--bogus"], ["--room"], ["room"], ["room", "open"],
            ["serve", "--port", "x"], ["export", "--format", "pdf"], ["report", "send"],
            ["validate", "--nope"], ["nosuchcommand"]]
#: (extra argv, environment, language expected)
MODES = [
    pytest.param([], {}, "nb", id="no-locale"),
    pytest.param([], {"LANG": "C"}, "nb", id="LANG-C"),
    pytest.param(["--lang", "en"], {}, "en", id="flag-en"),
    pytest.param(["--lang=en"], {"LANG": "nb_NO.UTF-8"}, "en", id="flag-beats-locale"),
    pytest.param([], {"LANG": "en_GB.UTF-8"}, "en", id="LANG-en"),
    pytest.param(["--lang", "nb"], {"LC_ALL": "en_US.UTF-8"}, "nb", id="flag-nb"),
]
#: Words that give English away in a bokmål text (argparse's own among them), and the other way.
ENGLISH = {"usage", "options", "positional", "arguments", "show", "this", "message", "exit", "the",
           "of", "and", "to", "with", "your", "is", "or", "use", "not", "never", "folder", "default",
           "each", "every", "what", "without", "error", "invalid", "choice", "choose", "from",
           "following", "required", "expected", "argument", "unrecognized", "value"}
NORWEGIAN = {"bruk", "valg", "argumenter", "vis", "og", "ikke", "eller", "hvor", "uten", "kurset",
             "med", "til", "av", "som", "feil", "denne", "mappe", "ugyldig", "velg", "blant", "disse",
             "mangler", "ukjente", "verdi", "tall", "trenger", "hjelpen", "avslutt", "når"}
COURSE_NAME = "Livet skjer med oss alle"


@pytest.fixture
def speak(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run `tbp ARGV` in-process with the locale variables given; (exit code, stdout + stderr)."""
    monkeypatch.setenv("COLUMNS", "80")

    def run(argv: list[str], environ: dict[str, str]) -> tuple[int, str]:
        for var in LANG_VARS:
            monkeypatch.delenv(var, raising=False)
        for key, value in environ.items():
            monkeypatch.setenv(key, value)
        with pytest.raises(SystemExit) as stop:
            main(argv)
        out = capsys.readouterr()
        return int(stop.value.code or 0), out.out + out.err

    return run


def _foreign_words(text: str, lang: str) -> set[str]:
    """Words of the other language, leaving out option names, NAMES and the course's own name."""
    text = re.sub(r"(?<!\w)-[-\w]+|\b[A-Z_]{2,}\b", " ", text.replace(COURSE_NAME, ""))
    words = set(re.findall(r"[a-zæøå]+", text.lower()))
    return words & (ENGLISH if lang == "nb" else NORWEGIAN)


@pytest.mark.parametrize("command", HELPS, ids=lambda c: " ".join(c) or "tbp")
@pytest.mark.parametrize(("flag", "environ", "lang"), MODES)
def test_help_is_in_one_language(command, flag, environ, lang, speak):
    code, text = speak([*command, "--help", *flag], environ)
    assert code == 0
    assert _foreign_words(text, lang) == set(), text
    assert text.startswith({"nb": "bruk: tbp", "en": "usage: tbp"}[lang]), text
    assert {"nb": "\nvalg:\n", "en": "\noptions:\n"}[lang] in text
    assert "README" not in text and "docs/" not in text and ".md" not in text, text


@pytest.mark.parametrize("mistake", MISTAKES, ids=" ".join)
@pytest.mark.parametrize(("flag", "environ", "lang"), MODES)
def test_argparse_errors_are_in_the_same_language(mistake, flag, environ, lang, speak):
    code, text = speak([*mistake, *flag], environ)
    assert code == 2
    last = text.splitlines()[-1]
    assert {"nb": ": feil: ", "en": ": error: "}[lang] in last, text
    assert _foreign_words(text, lang) == set(), text


def test_the_main_help_says_where_to_look_instead_of_files_an_installed_user_lacks(speak):
    for lang, said in (("nb", "«tbp where» viser hvor framgangen din lagres"),
                       ("en", "«tbp where» shows where your progress is kept")):
        _, text = speak(["--help", "--lang", lang], {})
        assert said in " ".join(text.split())
        assert "F1" in text and "F2" in text


def test_the_real_command_speaks_bokmal_without_a_locale():
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "80"}
    r = subprocess.run([sys.executable, "-m", "tbp_tui", "room", "open"], capture_output=True,
                       text=True, cwd=ROOT, env=env, timeout=60)
    assert r.returncode == 2
    assert r.stderr.splitlines()[-1] == "tbp room open: feil: disse argumentene mangler: NAVN"


def _argparse_message_ids() -> set[str]:
    """Every message argparse words through gettext in the running Python."""
    tree = ast.parse(inspect.getsource(argparse))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext"):
            found |= {a.value for a in node.args if isinstance(a, ast.Constant)}
    return found


def test_every_message_argparse_can_say_is_worded_or_known_to_be_ours_to_avoid():
    ids = _argparse_message_ids()
    assert len(ids) > 20
    assert ids - set(MESSAGES) - PROGRAMMER_ERRORS == set()


@pytest.mark.parametrize("catalog", [NB, EN], ids=["nb", "en"])
def test_each_translation_fills_in_what_argparse_gives_it(catalog):
    """argparse formats with `%`: a placeholder it does not give would raise at the user."""
    for message, key in MESSAGES.items():
        given = set(re.findall(r"%\((\w+)\)", message))
        used = set(re.findall(r"%\((\w+)\)", catalog[key]))
        assert used <= given, key
        assert catalog[key].count("%s") + catalog[key].count("%r") <= 1
        if given:
            assert dict.fromkeys(given, "x") and catalog[key] % dict.fromkeys(given, "x")


def test_a_bad_value_can_only_be_a_number():
    """«must be a number» is what argparse's «invalid value» says: only number types can fail."""
    t = Catalog("nb")
    with speaking(t):
        parser = build_parser(t)
    types = set()
    stack = [parser]
    while stack:
        p = stack.pop()
        for action in p._actions:
            types.add(action.type)
            if isinstance(action, argparse._SubParsersAction):
                stack.extend(action.choices.values())
    assert types <= {None, int, float, Path}


def test_argparse_speaks_english_again_outside(speak):
    speak(["--help"], {})
    parser = argparse.ArgumentParser(prog="x")
    assert "usage: x" in parser.format_usage() and "show this help message" in parser.format_help()
