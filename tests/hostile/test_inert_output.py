"""Item 3: escape codes from files never reach the terminal, in plain mode, validate, start-up
errors and `tbp progress`."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import Run, no_traceback
from .hostile_course import ALL, FIXTURE, clean, hostile_course


def test_plain_mode_shows_course_text_inert(tbp: Run, tmp_path: Path) -> None:
    course = hostile_course(tmp_path)
    result = tbp("--plain", "--course", str(course), stdin="1\n\n\nm\nq\n")
    assert result.returncode == 0, result.stderr
    assert "testkurset" in result.stdout and "kommen" in result.stdout
    assert clean(result.stdout) and clean(result.stderr), repr(result.stdout[:2000])
    assert "␛]52;c;" in result.stdout  # shown as a visible symbol, not hidden


def _bad_course(tmp_path: Path) -> Path:
    root = tmp_path / "kurs"
    shutil.copytree(FIXTURE, root)
    course = root / "course.toml"
    text = course.read_text(encoding="utf-8").replace('id = "testkurs"', f'id = "x{ALL}"')
    course.write_text(text + f'\n"nøkkel{ALL}" = 1\n', encoding="utf-8")
    (root / "\x1b]0;fil\x07.toml").write_text('id = "x"\n')
    return root


def test_validate_prints_ids_keys_and_file_names_inert(tbp: Run, tmp_path: Path) -> None:
    result = tbp("validate", str(_bad_course(tmp_path)))
    assert result.returncode == 1
    assert "is not a valid id" in result.stdout and "unknown key" in result.stdout
    assert "fil" in result.stdout
    assert clean(result.stdout) and clean(result.stderr), repr(result.stdout)
    no_traceback(result)


def test_start_up_errors_are_inert(tbp: Run, tmp_path: Path) -> None:
    result = tbp("--plain", "--course", str(_bad_course(tmp_path)))
    assert result.returncode != 0 and "is not a valid id" in result.stderr
    assert clean(result.stdout) and clean(result.stderr), repr(result.stderr)
    missing = tbp("validate", str(tmp_path / "mangler\x1b[2J"))
    assert missing.returncode == 2 and clean(missing.stderr)


def test_progress_prints_planted_module_ids_and_course_titles_inert(
    tbp: Run, tmp_path: Path, home: Path
) -> None:
    profile = home / "data" / "profiles" / "standard"
    profile.mkdir(parents=True, mode=0o700)
    (home / "data").chmod(0o700)
    (home / "data" / "profiles").chmod(0o700)
    (profile / "progress.toml").write_text(
        f'schema_version = 1\n[modules."gammel{ALL}"]\nseen = ["a"]\nseconds = 1.0\n', encoding="utf-8")
    result = tbp("progress", "--course", str(hostile_course(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert "gammel" in result.stdout and "introduksjon" in result.stdout
    assert clean(result.stdout) and clean(result.stderr), repr(result.stdout)
