"""The bundled course and the format documentation's example both validate cleanly."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

from tbp_tui.course import bundled_course_dir, validate_course

ROOT = Path(__file__).resolve().parents[2]


def test_bundled_course_is_valid():
    course, problems = validate_course(ROOT / "course")
    assert problems == [], "\n".join(str(p) for p in problems)
    assert course is not None and len(course.modules) == 10


def test_bundled_course_dir_in_a_checkout_is_the_course_folder():
    assert bundled_course_dir() == ROOT / "course"


def test_format_doc_example_is_a_valid_course(tmp_path):
    doc = (ROOT / "docs" / "course-format.md").read_text()
    blocks = re.findall(r"^`([\w.-]+\.toml)`:\n\n```toml\n(.*?)```", doc, re.M | re.S)
    names = {name for name, _ in blocks}
    assert {"course.toml", "kk-eksempel.toml", "referanser.toml", "begrepsliste.toml",
            "hjelpenumre.toml"} <= names
    for name, body in blocks:
        (tmp_path / name).write_text(body)
    course, problems = validate_course(tmp_path)
    assert problems == [], "\n".join(str(p) for p in problems)
    assert course is not None
    assert {s.kind for s in course.modules[0].steps} == {
        "text", "reflection", "exercise", "quiz", "checklist"}


def test_wheel_ships_the_course_and_finds_it_without_a_checkout(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("tbp_tui-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        course_files = {f"tbp_tui/_course/{p.name}" for p in (ROOT / "course").glob("*.toml")}
        assert course_files <= names
        zf.extractall(tmp_path / "site")
    code = (f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); "
            "from tbp_tui.course import bundled_course_dir, validate_course; "
            "d = bundled_course_dir(); c, p = validate_course(d); print(d); print(len(p))")
    out = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True,
                         cwd=tmp_path, check=True)
    where, count = out.stdout.split()
    assert Path(where) == tmp_path / "site" / "tbp_tui" / "_course"
    assert count == "0"
