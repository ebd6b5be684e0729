"""The `tbp` command as a user runs it: exit codes, messages, and never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tbp_tui import __version__
from tbp_tui.i18n import Catalog

from .course.conftest import FIXTURES, GOOD

ROOT = Path(__file__).resolve().parent.parent
LANG_VARS = ("TBP_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def _no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """No language asked for anywhere: the commands speak bokmål (tests/test_cli_language.py: en)."""
    for var in LANG_VARS:
        monkeypatch.delenv(var, raising=False)


def tbp(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tbp_tui", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=60)


def test_version_and_help():
    assert tbp("--version").stdout.strip() == f"tbp-tui {__version__}"
    out = tbp("--help").stdout
    assert "validate" in out and "--course" in out


def test_validate_good_course_exits_zero():
    r = tbp("validate", str(GOOD))
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"{GOOD}: gyldig — " in r.stdout and " moduler, " in r.stdout


def test_validate_bad_course_exits_one_with_located_problem(tmp_path):
    import shutil

    root = tmp_path / "kurs"
    shutil.copytree(GOOD, root)
    shutil.copy(FIXTURES / "bad/quiz-answer/kk.toml", root / "kk.toml")
    r = tbp("validate", str(root))
    assert r.returncode == 1
    assert f"{root / 'kk.toml'}:45: steps[4].correct[1]: answer 3 points at no option" in r.stdout
    assert f"{root}: 1 problem i 1 fil" in r.stderr  # the summary follows the language
    assert "Traceback" not in r.stderr


def test_validate_missing_path_exits_two():
    r = tbp("validate", "/finnes/ikke")
    assert r.returncode == 2 and "/finnes/ikke: finnes ikke (verken fil eller mappe)" in r.stderr
    assert "Traceback" not in r.stderr


def test_bad_option_is_a_usage_error():
    r = tbp("--lang", "sv")
    assert r.returncode == 2 and "ugyldig valg" in r.stderr


@pytest.mark.parametrize("argv", [[], ["--plain", "--guest"], ["--lang=en", "--no-color"],
                                  ["--choose-profile", "--facilitator", "--room=rom-1"], ["--theme=light"]])
def test_options_alone_parse_as_the_whole_parser_does(argv):
    """A plain `tbp` skips building the subcommands' parsers; the result must not differ."""
    from tbp_tui.cli import build_parser, parse_args

    assert vars(parse_args(argv)) == vars(build_parser(Catalog("nb")).parse_args(argv))


@pytest.mark.parametrize("argv", [["--lang=sv"], ["--bogus"], ["--room"], ["--he"], ["--theme=pink"]])
def test_option_mistakes_and_help_get_the_whole_parsers_words(argv, capsys):
    from tbp_tui.argtext import speaking
    from tbp_tui.cli import build_parser, parse_args

    t = Catalog("nb")
    with speaking(t), pytest.raises(SystemExit) as whole:
        build_parser(t).parse_args(argv)
    expected = capsys.readouterr()
    with pytest.raises(SystemExit) as ours:
        parse_args(argv)
    assert ours.value.code == whole.value.code
    assert capsys.readouterr() == expected and "KOMMANDO" in expected.out + expected.err


def test_theme_option_reaches_the_app_and_names_the_apps_themes():
    from tbp_tui.cli import options_from, parse_args
    from tbp_tui.options import THEME_CHOICES
    from tbp_tui.ui.themes import THEMES

    assert options_from(parse_args(["--theme", "ansi"])).theme == "ansi"
    assert options_from(parse_args([])).theme is None  # the stored choice, or the default
    assert tuple(THEMES) == THEME_CHOICES


def test_app_refuses_an_invalid_course_with_the_problems(tmp_path):
    r = tbp("--course", str(FIXTURES / "bad" / "syntax"))
    assert r.returncode == 1
    assert "no course.toml here" in r.stderr and "Traceback" not in r.stderr
    assert "Kjør «tbp validate" in r.stderr


def _env(data: Path) -> dict[str, str]:
    import os

    return {**os.environ, "TBP_DATA_DIR": str(data), "COLUMNS": "200"}


def test_progress_commands_use_tbp_data_dir(tmp_path):
    from tbp_tui.progress import ProgressStore

    data = tmp_path / "data"
    store = ProgressStore.open(data, "kari")
    store.set_reflection("kk", "refleksjon", "Mitt svar [bold]ikke fet[/bold]")
    store.mark_seen("kk", "tekst")
    assert store.save()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tbp_tui", "--course", str(GOOD), *args,
                               "--profile", "kari"], capture_output=True, text=True, cwd=ROOT,
                              env=_env(data), timeout=60)

    where = run("where")
    assert where.returncode == 0 and str(data / "profiles" / "kari") in where.stdout
    export = run("export")
    assert export.returncode == 0 and "Mitt svar [bold]ikke fet[/bold]" in export.stdout
    out = tmp_path / "mine.json"
    assert run("export", "--format", "json", "-o", str(out)).returncode == 0
    assert (out.stat().st_mode & 0o777) == 0o600 and "Mitt svar" in out.read_text()
    assert run("progress").returncode == 0
    forget = run("forget", "--yes")
    assert forget.returncode == 0 and not (data / "profiles" / "kari").exists()


def test_bad_profile_name_is_refused_cleanly(tmp_path):
    r = subprocess.run([sys.executable, "-m", "tbp_tui", "--profile", "../x", "where"],
                       capture_output=True, text=True, cwd=ROOT, env=_env(tmp_path), timeout=60)
    assert r.returncode == 2 and "Traceback" not in r.stderr
