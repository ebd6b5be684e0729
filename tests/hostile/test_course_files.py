"""Items 5, 6 and 7 and the bounded-time items for course files: special files, sizes, nesting,
the emphasis regex and the dotted-key header. Each child process runs with a memory ceiling, so
the old behaviour (reading /dev/zero for ever) fails the test instead of eating the machine."""

from __future__ import annotations

import io
import os
import resource
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from tbp_tui.ui.widgets.prose import prose

from .hostile_course import FIXTURE

LIMIT_AS = 1 << 30  # 1 GiB of address space for each child


def _ceiling() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_AS, LIMIT_AS))


def run_tbp(home: Path, *args: str, timeout: float = 60) -> tuple[int, str, int]:
    """(exit status, stdout+stderr, peak memory in kB) of `tbp args`, stdin empty."""
    with subprocess.Popen([sys.executable, "-m", "tbp_tui", *args], stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=home,
                          preexec_fn=_ceiling, text=True) as child:
        try:
            out, _ = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            raise AssertionError(f"tbp {' '.join(args)} did not finish in {timeout} s") from None
        _, status, usage = os.wait4(child.pid, 0) if child.returncode is None else (0, 0, None)
    peak = usage.ru_maxrss if usage is not None else 0
    return child.returncode if child.returncode is not None else status, out, peak


def _course(tmp_path: Path) -> Path:
    root = tmp_path / "kurs"
    shutil.copytree(FIXTURE, root)
    return root


def _zero_device(folder: Path) -> Path:
    node = folder / "zero"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("mknod needs root")
    return node


@pytest.mark.parametrize("how", ["fifo", "zero-link"])
@pytest.mark.parametrize("listed", [True, False])
def test_special_toml_files_are_refused_not_read(home: Path, tmp_path: Path, how: str,
                                                 listed: bool) -> None:
    root = _course(tmp_path)
    name = "kk-test.toml" if listed else "ekstra.toml"
    (root / name).unlink(missing_ok=True)
    if how == "fifo":
        os.mkfifo(root / name)
    else:
        (root / name).symlink_to(_zero_device(tmp_path))
    code, out, _ = run_tbp(home, "validate", str(root), timeout=60)
    assert code == 1 and "Traceback" not in out
    for args in (("--plain", "--course", str(root)), ("--plain", "--guest", "--course", str(root))):
        code, out, _ = run_tbp(home, *args, timeout=60)
        assert code != 0 and "Traceback" not in out, out


def test_a_course_file_over_1_mb_is_refused_with_a_clear_message(home: Path, tmp_path: Path) -> None:
    root = _course(tmp_path)
    intro = root / "kort-intro.toml"
    intro.write_text(intro.read_text() + "\n# " + "x" * 1_100_000 + "\n")
    code, out, peak = run_tbp(home, "validate", str(root))
    assert code == 1 and "kort-intro.toml:1: (file): larger than 1 MB" in out
    assert peak < 200_000


def _with_body(root: Path, body: str) -> None:
    intro = root / "kort-intro.toml"
    text = intro.read_text()
    start = text.index('body = """')
    end = text.index('"""', start + 10) + 3
    intro.write_text(text[:start] + "body = '''\n" + body + "\n'''" + text[end:])


@pytest.mark.parametrize("body", [
    ">" * 300 + " dypt",
    "\n".join(" " * (2 * i) + "- nivå" for i in range(200)),
], ids=["300 quotes", "200 lists"])
def test_deep_nesting_in_a_body_is_refused_with_file_and_line(home: Path, tmp_path: Path,
                                                              body: str) -> None:
    root = _course(tmp_path)
    _with_body(root, body)
    code, out, _ = run_tbp(home, "validate", str(root))
    assert code == 1, out
    assert f"{root / 'kort-intro.toml'}:12: steps[1].body: nests quotes or lists" in out
    Console(file=io.StringIO(), width=80).print(prose(body))  # the renderer never crashes either


def test_a_body_too_large_to_render_in_time_is_refused(home: Path, tmp_path: Path) -> None:
    root = _course(tmp_path)
    _with_body(root, "*a " * 100_000)
    code, out, _ = run_tbp(home, "validate", str(root))
    assert code == 1 and "steps[1].body: is 300,00" in out and "characters long; at most 50,000" in out


def test_rendering_300_kb_of_emphasis_openers_finishes(tmp_path: Path) -> None:
    """Quadratic before (12 kB 0.43 s, 48 kB 6.6 s, 300 kB over 3 min); a hang guard, not a timing."""
    script = ("from tbp_tui.ui.widgets.prose import prose\n"
              "for body in ('*a ' * 100_000, '_a ' * 100_000, '[' * 300_000, '*' * 300_000):\n"
              "    prose(body)\n")
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)


def test_a_600_kb_dotted_key_header_validates_in_bounded_time(home: Path, tmp_path: Path) -> None:
    root = _course(tmp_path)
    header = "[" + ".".join(f"k{i}" for i in range(100_000)) + "]\nx = 1\n"
    assert len(header) > 600_000 - 100_000
    (root / "kort-intro.toml").write_text((root / "kort-intro.toml").read_text() + "\n" + header[:990_000])
    code, out, peak = run_tbp(home, "validate", str(root), timeout=60)
    assert code == 1 and "kort-intro.toml:" in out and "more than 64 dotted parts" in out
    assert peak < 200_000
