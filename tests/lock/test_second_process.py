"""A second process on the same account, without the passphrase, gets nothing through tbp.

Real processes: plain mode through a pipe, the commands without a terminal, and the commands at
a real pty where the passphrase is typed without echo.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tbp_tui.progress.sealed import new_seal
from tests.integration.pty_driver import PtySession

from .conftest import CANARY, PASSPHRASE, every_byte, protected_profile

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_COURSE = ROOT / "tests" / "ui" / "fixtures" / "course"


def tbp(data: Path, *args: str, script: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TBP_DATA_DIR": str(data), "TERM": "dumb"}
    return subprocess.run([sys.executable, "-m", "tbp_tui", "--course", str(FIXTURE_COURSE), *args],
                          input=script, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def test_without_the_passphrase_no_command_shows_exports_or_deletes(data, tmp_path):
    protected_profile(data, seal=new_seal(PASSPHRASE))
    before = every_byte(data / "profiles")
    target = tmp_path / "ut.md"
    runs = {
        "app by name": tbp(data, "--plain", "--profile", "anna", script="gjetting1\ngjetting2\n"),
        "picker": tbp(data, "--plain", "--choose-profile", script="anna\nfeil frase\n"),
        "progress": tbp(data, "progress", "--profile", "anna"),
        "export": tbp(data, "export", "--profile", "anna", "-o", str(target)),
        "export to stdout": tbp(data, "export", "--profile", "anna", "--format", "json"),
        "forget": tbp(data, "forget", "--profile", "anna", "--yes"),
    }
    for what, run in runs.items():
        assert CANARY not in run.stdout + run.stderr, what
        assert "Traceback" not in run.stderr, what
    for what in ("progress", "export", "export to stdout", "forget"):
        assert runs[what].returncode == 2, what
        assert "beskyttet med passordfrase" in runs[what].stderr, what
    assert "Feil passordfrase" in runs["picker"].stdout
    assert not target.exists()
    # the wrong tries are counted for every process (progress/attempts.py); nothing else changed
    record = data / "profiles" / "anna" / "unlock.toml"
    assert "failures = 3" in record.read_text()
    record.unlink()
    assert every_byte(data / "profiles") == before  # nothing deleted, nothing rewritten


def test_the_right_passphrase_restores_the_reflection_in_a_new_process(data):
    protected_profile(data, seal=new_seal(PASSPHRASE))
    # module 2 is kk-test; Enter past its first step shows the stored answer
    run = tbp(data, "--plain", "--choose-profile", script=f"anna\n{PASSPHRASE}\n2\n\nq\n")
    assert run.returncode == 0, run.stderr
    assert CANARY in run.stdout
    assert "anna" not in run.stdout.split("Passordfrasen for")[0].replace("Velg profil", "")


def test_a_profile_created_with_a_passphrase_in_plain_mode_is_sealed_and_reopens(data):
    create = tbp(data, "--plain", "--choose-profile",
                 script=f"kari\nj\n{PASSPHRASE}\n{PASSPHRASE}\nq\n")
    assert create.returncode == 0, create.stderr
    assert "Glemmer du passordfrasen, kan ingen lese refleksjonene" in create.stdout
    assert "beskyttet med passordfrase" in create.stdout
    text = (data / "profiles" / "kari" / "progress.toml").read_text()
    assert "[seal]" in text
    again = tbp(data, "--plain", "--choose-profile", script="kari\nikke frasen\n")
    assert "Feil passordfrase" in again.stdout and "Moduler" not in again.stdout


def test_at_a_terminal_the_commands_ask_without_echo(data, tmp_path):
    protected_profile(data, seal=new_seal(PASSPHRASE))
    env = {**os.environ, "TBP_DATA_DIR": str(data), "TERM": "xterm", "LANG": "C.UTF-8"}
    argv = [sys.executable, "-m", "tbp_tui", "--course", str(FIXTURE_COURSE), "export",
            "--profile", "anna", "--format", "json"]
    with PtySession(argv, env, cwd=ROOT) as session:
        session.wait_for("Passordfrasen for «anna»:")
        session.send(PASSPHRASE + "\r")
        session.wait_for("nattevakt")
        assert session.wait_exit() == 0
        shown = session.text()
    assert "hest" not in shown  # the passphrase was not echoed
    forget = [*argv[:-5], "forget", "--profile", "anna", "--yes"]
    with PtySession(forget, env, cwd=ROOT) as session:
        session.wait_for("Passordfrasen for «anna»:")
        session.send("feil frase\r")
        session.wait_for("Feil passordfrase")
        session.send(PASSPHRASE + "\r")
        assert session.wait_exit() == 0
    assert not (data / "profiles" / "anna").exists()


def test_your_data_says_what_is_encrypted_and_what_is_not(data):
    protected_profile(data, seal=new_seal(PASSPHRASE))
    run = tbp(data, "--plain", "--choose-profile", script=f"anna\n{PASSPHRASE}\nd\n\nq\n")
    assert run.returncode == 0, run.stderr
    assert "refleksjonene er kryptert i filen" in run.stdout
    assert "Steg-id-er, hvilke steg du har sett eller hoppet over, quizsvar, tid og innstillinger " \
           "står ukryptert" in run.stdout
    plain_profile = tbp(data, "--plain", "--profile", "bo", script="d\n\nq\n")
    assert "kryptert" not in plain_profile.stdout  # an unprotected profile is not told it is
