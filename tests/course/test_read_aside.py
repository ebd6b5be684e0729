"""On a first start (no kept copy) a child process reads the course and keeps the copy while this
one imports the app (course/aside.py); anything wrong with the child and this process reads the
course itself, as before, and says what is wrong with it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tbp_tui import cli
from tbp_tui.course import aside, cache, validate_course


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


_SETTLED_START = """
import sys
from pathlib import Path
from tbp_tui import cli
from tbp_tui.course import aside, cache
cache.RACY_SECONDS = 0.0
"""
"""What a first start in a fresh process begins with: course files count as settled at once."""


def _first_start(script: str, root: Path, data: Path) -> subprocess.CompletedProcess[str]:
    """`script` after `_SETTLED_START`, in a fresh process, with the course and data folders."""
    time.sleep(0.01)  # the files' ctime before the stat key's "settled" moment
    return subprocess.run([sys.executable, "-c", _SETTLED_START + script, str(root), str(data)],
                          capture_output=True, text=True, timeout=60, check=True)


_FIRST_START = """
import atexit
atexit.register(lambda: print("exit handler"))
print("before", end="")  # still in stdout's buffer at the fork: printed once, by this process
order = []
course = cli.load_or_report(Path(sys.argv[1]), Path(sys.argv[2]), keep=True,
                            meanwhile=lambda: order.append("meanwhile"))
order.append("course")
print()
print(order, "tbp_tui.course.loader" in sys.modules, course is not None)
"""


def test_a_first_start_reads_the_course_in_a_child(make_course, tmp_path: Path) -> None:
    root, data = make_course(), tmp_path / "data"
    done = _first_start(_FIRST_START, root, data)
    assert done.stderr == ""
    # this process never imported the loader: the course it got is the child's copy
    assert done.stdout.splitlines() == ["before", "['meanwhile', 'course'] False True", "exit handler"]
    key = cache.fingerprint(root)
    assert key is not None
    assert cache.load_cached(data / "cache", root, key) == validate_course(root)[0]


def test_the_copy_from_a_child_is_the_course(make_course, tmp_path: Path, settled: None) -> None:
    root, data = make_course(), tmp_path / "data"
    called: list[str] = []
    course = cli.load_or_report(root, data, keep=True, meanwhile=lambda: called.append("meanwhile"))
    assert called == ["meanwhile"]  # only when there was a child to wait for
    assert course == validate_course(root)[0]
    assert _no_children_left()
    again: list[str] = []
    assert cli.load_or_report(root, data, keep=True, meanwhile=lambda: again.append("x")) == course
    assert again == []  # the second start uses the copy: no child


def test_a_child_that_cannot_keep_a_copy_leaves_the_course_to_this_process(
        make_course, tmp_path: Path, settled: None) -> None:
    root, data = make_course(), tmp_path / "data"
    (data / "cache").mkdir(parents=True)
    os.chmod(data / "cache", 0o777)  # anyone may write there: no copy is kept in it
    called: list[str] = []
    course = cli.load_or_report(root, data, keep=True, meanwhile=lambda: called.append("meanwhile"))
    assert called == ["meanwhile"]
    assert course == validate_course(root)[0]
    assert list((data / "cache").iterdir()) == []
    assert _no_children_left()


def test_a_bad_course_is_reported_once_by_this_process(make_course, tmp_path: Path, settled: None,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = make_course("duplicate-step-id")
    assert cli.load_or_report(root) is None  # no data folder: no child
    said = capsys.readouterr()
    assert "duplicate" in said.err
    assert cli.load_or_report(root, tmp_path / "data", keep=True, meanwhile=lambda: None) is None
    assert capsys.readouterr() == said  # the same words, once: the child says nothing
    assert _no_children_left()


def test_a_child_that_hangs_is_stopped_and_the_course_read_here(
        make_course, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch) -> None:
    root, data = make_course(), tmp_path / "data"
    monkeypatch.setattr(aside, "TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(aside, "_read_and_keep", lambda *args: time.sleep(60))  # in the child only
    started = time.monotonic()
    course = cli.load_or_report(root, data, keep=True, meanwhile=lambda: None)
    assert time.monotonic() - started < 20
    assert course == validate_course(root)[0]
    assert _no_children_left()  # stopped and reaped, not left behind


def test_no_child_while_threads_run(make_course, tmp_path: Path, settled: None) -> None:
    """A fork would copy the other thread stopped, holding whatever lock it holds."""
    for writer in threading.enumerate():  # an earlier test's copy being written
        if writer.name == "tbp-keep-course":
            writer.join()
    root = make_course()
    quick = cache.stat_key(root)
    assert quick is not None
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert aside.read_aside(tmp_path / "cache", root, quick) is None
    finally:
        stop.set()
        other.join()
    collect = aside.read_aside(tmp_path / "cache", root, quick)
    assert collect is not None
    assert collect() == validate_course(root)[0]


def test_with_nothing_to_do_meanwhile_the_course_is_read_here(
        make_course, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain mode imports no app: a child would only add a fork and a copy to read back."""
    from tbp_tui.course import loader

    root, reads = make_course(), []
    monkeypatch.setattr(loader, "validate_course", lambda path: reads.append(path) or validate_course(path))
    assert cli.load_or_report(root, tmp_path / "data", keep=True) == validate_course(root)[0]
    assert reads == [root]  # in this process (a child's calls would not be counted here)
    assert _no_children_left()


_CHILD_SAYS = """
real = aside._read_and_keep

def noisy(*args):
    print("child on stdout", flush=True)
    print("child on stderr", file=sys.stderr, flush=True)
    return real(*args)

aside._read_and_keep = noisy
course = cli.load_or_report(Path(sys.argv[1]), Path(sys.argv[2]), keep=True, meanwhile=lambda: None)
print("parent", course is not None, "tbp_tui.course.loader" in sys.modules)
"""


def test_the_child_never_writes_to_the_terminal(make_course, tmp_path: Path) -> None:
    done = _first_start(_CHILD_SAYS, make_course(), tmp_path / "data")
    assert (done.stdout, done.stderr) == ("parent True False\n", "")
