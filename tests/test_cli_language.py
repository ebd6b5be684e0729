"""The commands speak the language the app would: --lang, else TBP_LANG/LC_ALL/LC_MESSAGES/LANG.

Most runs go through ``cli.main`` in-process (the environment is read at call time); two run the
real command in a fresh interpreter. The course validator's own problem lines stay English.
"""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tbp_tui.cli import main
from tbp_tui.course import validate_course
from tbp_tui.progress import ProgressStore

from .course.conftest import FIXTURES, GOOD

ROOT = Path(__file__).resolve().parent.parent
LANG_VARS = ("TBP_LANG", "LC_ALL", "LC_MESSAGES", "LANG")

#: (id, extra argv, environment, language expected)
MODES = [
    pytest.param(["--lang", "en"], {}, "en", id="flag-en"),
    pytest.param([], {"LANG": "en_US.UTF-8"}, "en", id="LANG-en"),
    pytest.param([], {"LANG": "C"}, "nb", id="LANG-C"),
    pytest.param([], {}, "nb", id="no-locale"),
    pytest.param(["--lang", "nb"], {"LC_ALL": "en_GB.UTF-8"}, "nb", id="flag-beats-locale"),
]

#: Words from the bokmål strings; each must show up in the bokmål runs of `_everything`.
BOKMAL_WORDS = ("ikke", "rommet", "mappe", "finnes", "slettet", "gruppa", "profilen", "kjør",
                "ingenting", "deltakerne", "skriv", "profilnavnet", "skråstrek", "brukere", "skadet",
                "skal", "være", "privat")
#: And the other way round.
ENGLISH_WORDS = ("the", "does", "nothing", "deleted", "folder", "participant", "type", "cannot",
                 "slash", "users", "damaged", "should", "private")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        """stdout and stderr with Rich's wrapping undone, for phrase checks."""
        return " ".join((self.out + "\n" + self.err).split())


class _Tty(io.StringIO):
    """Typed answers on a stdin that says it is a terminal (forget asks only on one)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Set the locale variables for one run; data and rooms go to tmp_path."""
    for var in LANG_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TBP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TBP_ROOM_ROOT", str(tmp_path / "rooms"))
    (tmp_path / "rooms").mkdir(mode=0o755, exist_ok=True)  # tbp never makes a room root itself
    monkeypatch.setenv("COLUMNS", "200")

    def set_env(values: dict[str, str]) -> None:
        for key, value in values.items():
            monkeypatch.setenv(key, value)

    return set_env


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    def do(argv: list[str], stdin: str | None = None) -> Run:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", _Tty(stdin))
        code = main(argv)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return do


def _profile(tmp_path: Path, name: str = "kari") -> Path:
    store = ProgressStore.open(tmp_path / "data", name)
    store.mark_seen("m", "s")
    assert store.save()
    return tmp_path / "data" / "profiles" / name


def _words(text: str, words: tuple[str, ...]) -> set[str]:
    return {w for w in words if re.search(rf"\b{w}\b", text, re.IGNORECASE)}


# ------------------------------------------------------------------ the course and the app


@pytest.mark.parametrize(("flag", "environ", "lang"), MODES)
def test_a_missing_course_folder(flag, environ, lang, env, run, tmp_path):
    env(environ)
    missing = tmp_path / "nope"
    r = run(["--course", str(missing), *flag])
    assert r.code == 1 and r.out == ""
    if lang == "en":
        assert r.err == f"tbp: the course folder {missing} does not exist\n"
    else:
        assert r.err == f"tbp: kursmappa {missing} finnes ikke\n"


@pytest.mark.parametrize(("flag", "environ", "lang"), MODES)
def test_a_bad_room_name(flag, environ, lang, env, run):
    env(environ)
    r = run(["--course", str(GOOD), "--guest", "--room", "Kurs Mandag!", *flag])
    assert r.code == 2
    said = {"en": "tbp: --room 'Kurs Mandag!': a room name is 1-32 characters a-z, 0-9",
            "nb": "tbp: --room 'Kurs Mandag!': et romnavn har 1-32 tegn a-z, 0-9"}[lang]
    assert said in r.err
    r = run(["room", "open", "Kurs Mandag!", *flag])
    assert r.code == 2 and r.out == ""
    said = {"en": "tbp room: The room name «Kurs Mandag!» cannot be used: use 1–32 characters",
            "nb": "tbp room: Romnavnet «Kurs Mandag!» kan ikke brukes: bruk 1–32 tegn"}[lang]
    assert r.err.startswith(said)


@pytest.mark.parametrize(("flag", "environ", "lang"), MODES)
def test_validate_summary_lines(flag, environ, lang, env, run, tmp_path):
    env(environ)
    course, _ = validate_course(GOOD)
    assert course is not None
    r = run(["validate", str(GOOD), *flag])
    assert r.code == 0
    modules = len(course.modules)
    word = {"en": "valid", "nb": "gyldig"}[lang]
    noun = {"en": "modules", "nb": "moduler"}[lang]
    assert r.out.startswith(f"{GOOD}: {word} — {modules} {noun}, ")
    bad = tmp_path / "kurs"
    shutil.copytree(GOOD, bad)
    shutil.copy(FIXTURES / "bad/quiz-answer/kk.toml", bad / "kk.toml")
    r = run(["validate", str(bad), *flag])
    assert r.code == 1
    assert "answer 3 points at no option" in r.out  # the validator's own line: English for authors
    assert r.err == {"en": f"{bad}: 1 problem in 1 file\n", "nb": f"{bad}: 1 problem i 1 fil\n"}[lang]
    r = run(["--course", str(bad), "--guest", *flag])
    assert r.code == 1
    tail = {"en": f"tbp: the course in {bad} has 1 problem; run «tbp validate {bad}» after fixing it.",
            "nb": f"tbp: kurset i {bad} har 1 problem. Kjør «tbp validate {bad}» når du har rettet det."}
    assert r.err.splitlines()[-1] == tail[lang]


@pytest.mark.parametrize(("flag", "environ", "lang"), MODES)
def test_checklist_without_print_explains(flag, environ, lang, env, run):
    env(environ)
    r = run(["checklist", *flag])
    assert r.code == 2 and r.out == ""
    said = {"en": "tbp checklist: use --print for a blank checklist on paper",
            "nb": "tbp checklist: bruk --print for å få en tom sjekkliste på papir"}[lang]
    assert r.err.startswith(said)


# ------------------------------------------------------------------ where, forget, progress


@pytest.mark.parametrize(("flag", "environ", "lang"), MODES)
def test_where(flag, environ, lang, env, run, tmp_path):
    env(environ)
    r = run(["where", "--profile", "kari", *flag])
    assert r.code == 0
    assert str(tmp_path / "data" / "profiles" / "kari") in r.out
    phrases = {"en": ["Paths tbp uses", "Data folder", "The profile «kari»", "not yet",
                      "With --guest nothing is written at all."],
               "nb": ["Stier tbp bruker", "Datamappe", "Profilen «kari»", "nei ennå",
                      "Med --guest skrives ingenting i det hele tatt."]}[lang]
    for phrase in phrases:
        assert phrase in r.text


def test_lang_before_the_command_works_too(env, run):
    env({"LANG": "nb_NO.UTF-8"})
    assert "Paths tbp uses" in run(["--lang", "en", "where"]).text


@pytest.mark.parametrize(("flag", "environ", "lang"), MODES)
def test_forget_declined_then_confirmed(flag, environ, lang, env, run, tmp_path):
    env(environ)
    folder = _profile(tmp_path)
    no, yes = {"en": ("no", "yes"), "nb": ("nei", "ja")}[lang]
    r = run(["forget", "--profile", "kari", *flag], stdin=f"{no}\n")
    assert r.code == 1 and folder.is_dir()
    ask = {"en": f"Type yes to delete all data for the profile «kari» in {folder}: ",
           "nb": f"Skriv ja for å slette alle data for profilen «kari» i {folder}: "}[lang]
    assert r.out == ask
    assert r.text.endswith({"en": "Nothing was deleted.", "nb": "Ingenting er slettet."}[lang])
    r = run(["forget", "--profile", "kari", *flag], stdin=f" {yes.upper()} \n")
    assert r.code == 0 and not folder.exists()
    done = {"en": f"Deleted all data for the profile «kari» ({folder}).",
            "nb": f"Slettet alle data for profilen «kari» ({folder})."}[lang]
    assert done in r.text


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_forget_takes_either_languages_word_but_no_single_letter(lang, env, run, tmp_path):
    env({})
    folder = _profile(tmp_path)
    other = {"en": "ja", "nb": "yes"}[lang]
    assert run(["forget", "--profile", "kari", "--lang", lang], stdin="y\n").code == 1
    assert run(["forget", "--profile", "kari", "--lang", lang], stdin="j\n").code == 1
    assert folder.is_dir()
    assert run(["forget", "--profile", "kari", "--lang", lang], stdin=f"{other}\n").code == 0
    assert not folder.exists()


def test_forget_without_a_terminal_says_so_in_english(env, run, tmp_path, monkeypatch):
    env({})
    folder = _profile(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO("yes\n"))  # not a terminal: never asks
    r = run(["forget", "--profile", "kari", "--lang", "en"])
    assert r.code == 2 and folder.is_dir()
    assert "tbp: cannot ask for confirmation without a terminal. Use --yes" in r.text


def test_progress_and_export_in_english(env, run, tmp_path):
    env({"LC_MESSAGES": "en_US.UTF-8"})
    course, _ = validate_course(GOOD)
    assert course is not None
    module = course.modules[0]
    store = ProgressStore.open(tmp_path / "data", "kari")
    store.mark_seen(module.id, module.steps[0].id)
    store.add_time(module.id, 3725)
    assert store.save()
    r = run(["progress", "--course", str(GOOD), "--profile", "kari"])
    assert r.code == 0
    for phrase in ("– profile kari", "Module", "Steps explored", "Reflections", "Time", "1 h 2 min",
                   f"1 / {len(module.steps)}"):
        assert phrase in r.out
    target = tmp_path / "out" / "mine.md"
    target.parent.mkdir()  # an export creates no folder
    r = run(["export", "--course", str(GOOD), "--profile", "kari", "-o", str(target)])
    assert r.code == 0 and f"Exported to {target} (only you can read the file)." in r.text
    r = run(["export", "--course", str(GOOD), "--profile", "kari", "--format", "json", "-o",
             str(tmp_path / "out")])  # a folder: cannot be written
    assert r.code == 1 and f"Could not write {tmp_path / 'out'}: " in r.text
    assert "Nothing was exported." in r.text


def test_a_bad_profile_name_in_english(env, run):
    env({})
    r = run(["where", "--profile", "../x", "--lang", "en"])
    assert r.code == 2
    assert "tbp: «../x» cannot be used as a profile name. The profile name cannot contain a slash " \
        "(/ or \\)." in r.text


#: A refused profile name, the reason in bokmål and in English.
BAD_NAMES = [
    ("../x", "Profilnavnet kan ikke inneholde skråstrek (/ eller \\).",
     "The profile name cannot contain a slash (/ or \\)."),
    (".skjult", "Profilnavnet kan ikke begynne med punktum.", "The profile name cannot start with a dot."),
    ("x" * 41, "Profilnavnet kan være høyst 40 tegn langt.",
     "The profile name can be at most 40 characters long."),
    ("bak ", "Profilnavnet kan ikke begynne eller slutte med mellomrom.",
     "The profile name cannot start or end with a space."),
]


@pytest.mark.parametrize(("flag", "environ", "lang"), MODES)
@pytest.mark.parametrize(("name", "nb", "en"), BAD_NAMES, ids=["slash", "dot", "long", "space"])
def test_a_bad_profile_name_names_the_actual_reason(flag, environ, lang, name, nb, en, env, run):
    env(environ)
    said = {"nb": f"tbp: {nb}", "en": f"tbp: «{name}» cannot be used as a profile name. {en}"}[lang]
    r = run(["--course", str(GOOD), "--profile", name, *flag])  # the app itself
    assert r.code == 2 and r.out == "" and r.err == said + "\n"
    for argv in (["where", "--profile", name],
                 ["progress", "--course", str(GOOD), "--profile", name],
                 ["export", "--course", str(GOOD), "--profile", name],
                 ["forget", "--profile", name, "--yes"]):
        r = run([*argv, *flag])
        assert r.code == 2 and said in r.text, (argv, r)


def _shared_folder(tmp_path: Path) -> Path:
    """A folder every user may write to (no sticky bit), as on a badly set-up shared disk."""
    shared = tmp_path / "felles"
    shared.mkdir()
    shared.chmod(0o777)
    return shared


@pytest.mark.parametrize(("flag", "environ", "lang"), MODES)
def test_an_unsafe_data_folder_is_named_with_the_reason(flag, environ, lang, env, run, tmp_path):
    env(environ)
    shared = _shared_folder(tmp_path)
    said = {"en": f"tbp: The folder {shared} can be written by all users, so others could read or "
                  "change your progress. Use a private folder (chmod 700) with --data-dir or "
                  "TBP_DATA_DIR.",
            "nb": f"tbp: Mappa {shared} kan skrives til av alle brukere, så andre kunne lese eller "
                  "endre framgangen din. Bruk en privat mappe (chmod 700) med --data-dir eller "
                  "TBP_DATA_DIR."}[lang]
    data = ["--data-dir", str(shared / "data")]
    r = run(["--course", str(GOOD), *data, *flag])
    assert r.code == 2 and r.out == "" and r.err == said + "\n"
    r = run(["progress", "--course", str(GOOD), *data, *flag])
    assert r.code == 2 and said in r.text
    assert list(shared.iterdir()) == []  # refused before anything was created


@pytest.mark.parametrize(("flag", "environ", "lang"), MODES)
def test_a_damaged_progress_file_in_tbp_progress(flag, environ, lang, env, run, tmp_path):
    env(environ)
    file = _profile(tmp_path) / "progress.toml"
    damaged = b'schema_version = 1\nfirst_run_done = "ja"\n'
    file.write_bytes(damaged)
    r = run(["progress", "--course", str(GOOD), "--profile", "kari", *flag])
    assert r.code == 0
    said = {"en": f"The progress file {file} is damaged (first_run_done should be true or false).",
            "nb": f"Framgangsfilen {file} er skadet (first_run_done skal være true eller false)."}
    assert said[lang] in r.text
    assert file.read_bytes() == damaged  # tbp progress only reads


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_forget_that_fails_says_why(lang, env, run, tmp_path, monkeypatch):
    env({})
    folder = _profile(tmp_path)

    def refuse(data_dir: Path | None, profile: str, seal: object = None) -> bool:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("tbp_tui.progress.commands.forget_profile", refuse)
    r = run(["forget", "--profile", "kari", "--yes", "--lang", lang])
    assert r.code == 1 and folder.is_dir()
    said = {"en": f"Could not delete {folder}: the folder is read-only.",
            "nb": f"Kunne ikke slette {folder}: mappa er skrivebeskyttet."}[lang]
    assert said in r.text


# ------------------------------------------------------------------ rooms


@pytest.mark.parametrize(("flag", "environ", "lang"), MODES)
def test_room_accounts_comments_follow_the_language(flag, environ, lang, env, run):
    env(environ)
    r = run(["room", "accounts", "2", *flag])
    assert r.code == 0
    comments = [line for line in r.out.splitlines() if line.startswith("#")]
    first = {"en": "# 2 participant accounts in the group tbp-rom. tbp runs nothing itself",
             "nb": "# 2 deltakerkontoer i gruppa tbp-rom. tbp kjører ingenting selv"}[lang]
    assert comments[0].startswith(first)
    assert any("passwd deltaker01" in line for line in comments)


def test_room_accounts_commands_are_the_same_in_both_languages(env, run):
    env({})
    argv = ["room", "accounts", "3", "--group", "kurs-rom", "--prefix", "elev"]
    en, nb = run([*argv, "--lang", "en"]), run([*argv, "--lang", "nb"])

    def commands(out: str) -> list[str]:
        return [line for line in out.splitlines() if not line.startswith("#")]

    users = [c for c in commands(en.out) if c.startswith("useradd")]
    assert commands(en.out) == commands(nb.out) and len(users) == 4  # the facilitator's and 3
    assert en.out != nb.out
    assert run(["room", "accounts", "0", "--lang", "en"]).err.startswith(
        "tbp room accounts: COUNT must be a whole number from 1 to 200, not «0».")


@pytest.mark.parametrize(("flag", "environ", "lang"), MODES)
def test_room_open_says_it_is_open(flag, environ, lang, env, run, tmp_path):
    env(environ)
    r = run(["room", "open", "mandag", *flag])
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == {"en": "The room «mandag» is open.", "nb": "Rommet «mandag» er åpnet."}[lang]
    label = {"en": "folder:", "nb": "mappe:"}[lang]
    assert lines[1].split() == [label, str(tmp_path / "rooms" / "mandag")]
    assert lines[-1] == {"en": "Close it afterwards with «tbp room close mandag».",
                         "nb": "Lukk det etterpå med «tbp room close mandag»."}[lang]
    again = run(["room", "open", "mandag", *flag])
    assert again.code == 1
    exists = {"en": "tbp room: The room «mandag» already exists at",
              "nb": "tbp room: Rommet «mandag» finnes allerede i"}[lang]
    assert again.err.startswith(exists)


def test_room_status_and_close_in_english(env, run, tmp_path):
    env({"TBP_LANG": "en"})
    assert run(["room", "open", "fredag"]).code == 0
    status = run(["room", "status", "fredag"])
    assert status.code == 0
    assert status.out.startswith(f"Room «fredag» – {tmp_path / 'rooms' / 'fredag'} – group ")
    assert status.out.splitlines()[1].split() == ["profile", "module", "step", "following", "last",
                                                 "seen"]
    assert "0 participants present" in status.out
    closed = run(["room", "close", "fredag"])
    assert closed.code == 0 and closed.out.startswith("The room «fredag» is closed")
    missing = run(["room", "close", "fredag"])
    assert missing.code == 1
    assert missing.err == f"tbp room: There is no room at {tmp_path / 'rooms' / 'fredag'}. Check " \
        "the name, and --room-root or TBP_ROOM_ROOT.\n"


# ------------------------------------------------------------------ nothing leaks across


def _everything(lang: str, run, tmp_path: Path) -> list[str]:
    """Every command above once, in one language; all lines of stdout and stderr."""
    flag = ["--lang", lang]
    folder = _profile(tmp_path)
    data = ["--profile", "kari", "--data-dir", str(tmp_path / "data"), *flag]
    rooms = ["--room-root", str(tmp_path / "rooms"), *flag]
    unsafe = ["--data-dir", str(_shared_folder(tmp_path) / "data"), *flag]
    damaged = _profile(tmp_path, "ola") / "progress.toml"
    damaged.write_bytes(b'schema_version = 1\nfirst_run_done = "ja"\n')
    runs = [
        run(["--course", str(GOOD), "--profile", "../x", *flag]),
        run(["where", "--profile", ".x", *flag]),
        run(["--course", str(GOOD), *unsafe]),
        run(["progress", "--course", str(GOOD), *unsafe]),
        run(["progress", "--course", str(GOOD), "--profile", "ola", "--data-dir", str(tmp_path / "data"),
             *flag]),
        run(["--course", str(tmp_path / "nope"), *flag]),
        run(["--course", str(GOOD), "--guest", "--room", "Kurs Mandag!", *flag]),
        run(["room", "open", "Bad", *rooms]),
        run(["validate", str(GOOD), *flag]),
        run(["where", *data]),
        run(["forget", *data], stdin="nei\n"),
        run(["forget", *data], stdin={"en": "yes\n", "nb": "ja\n"}[lang]),
        run(["room", "accounts", "2", *flag]),
        run(["room", "open", "mandag", *rooms]),
        run(["room", "open", "mandag", *rooms]),
        run(["room", "status", "mandag", *rooms]),
        run(["room", "close", "mandag", *rooms]),
    ]
    assert not folder.exists()
    lines: list[str] = []
    for r in runs:
        lines += (r.out + "\n" + r.err).splitlines()
    return [line for line in lines if line.strip()]


def test_no_bokmal_in_english_and_no_english_in_bokmal(env, run, tmp_path):
    env({})
    nb = _everything("nb", run, tmp_path / "nb")
    en = _everything("en", run, tmp_path / "en")
    nb_text = "\n".join(nb)
    assert _words(nb_text, BOKMAL_WORDS) == set(BOKMAL_WORDS)  # the words really are in nb output
    assert _words("\n".join(en), ENGLISH_WORDS) == set(ENGLISH_WORDS)
    leaks = [line for line in en if _words(line, BOKMAL_WORDS)]
    assert not leaks
    leaks = [line for line in nb if _words(line, ENGLISH_WORDS)]
    assert not leaks


# ------------------------------------------------------------------ the real command


def _real(*argv: str, **environ: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in LANG_VARS}
    return subprocess.run([sys.executable, "-m", "tbp_tui", *argv], capture_output=True, text=True,
                          cwd=ROOT, env={**base, **environ}, timeout=60, check=False)


def test_the_real_command_follows_lang_from_the_environment(tmp_path):
    r = _real("--course", str(tmp_path / "nope"), LANG="en_US.UTF-8")
    assert r.returncode == 1 and r.stderr == f"tbp: the course folder {tmp_path / 'nope'} does not exist\n"
    r = _real("--course", str(tmp_path / "nope"), LANG="C")
    assert r.returncode == 1 and r.stderr == f"tbp: kursmappa {tmp_path / 'nope'} finnes ikke\n"
    r = _real("where", "--lang", "en", TBP_DATA_DIR=str(tmp_path / "data"), COLUMNS="200")
    assert r.returncode == 0 and "Paths tbp uses" in r.stdout and "Stier" not in r.stdout
