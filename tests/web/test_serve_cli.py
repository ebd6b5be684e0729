"""`tbp serve`'s command line: without the extra, and with options that are wrong."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tbp_tui.web.command import is_loopback


def run_tbp(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})


def test_without_the_web_extra_it_says_how_to_get_it():
    # sys.modules[name] = None makes `import name` fail, as on a machine without the extra.
    done = run_tbp("import sys; sys.modules['textual_serve'] = None\n"
                   "from tbp_tui.cli import main; sys.exit(main(['serve']))")
    assert done.returncode == 2
    assert "pip install 'tbp-tui[web]'" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


@pytest.mark.parametrize(("args", "words"), [
    (["--port", "0"], "--port må være et tall fra 1 til 65535, ikke 0."),
    (["--max-sessions", "0"], "--max-sessions må være fra 1 til 500, ikke 0."),
    (["--idle-minutes", "-1"], "--idle-minutes må være mer enn 0"),
    (["--public-url", "kurs.example.no"], "--public-url må begynne med http:// eller https://"),
])
def test_wrong_options_are_named_and_nothing_starts(args, words):
    pytest.importorskip("textual_serve", reason="the web extra is not installed")
    done = run_tbp(f"import sys; from tbp_tui.cli import main; sys.exit(main(['serve', *{args!r}]))")
    assert done.returncode == 2
    assert words in done.stderr
    assert "Traceback" not in done.stderr
    assert "tbp serve: http" not in done.stdout


def test_a_port_in_use_is_a_message_not_a_traceback():
    pytest.importorskip("textual_serve", reason="the web extra is not installed")
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_tbp("import sys; from tbp_tui.cli import main; "
                       f"sys.exit(main(['serve', '--port', '{port}']))")
    assert done.returncode == 2
    assert f"Kan ikke lytte på 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.10", False), ("kurs.example.no", False),
])
def test_only_loopback_addresses_count_as_this_machine_only(host, loopback):
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("module", ["tbp_tui.web.command", "tbp_tui.web.server"])
def test_the_server_itself_never_loads_textual(module):
    """The server only relays bytes: Textual runs in each tab's own process, not in the server."""
    pytest.importorskip("textual_serve", reason="the web extra is not installed")
    done = run_tbp(f"import sys, importlib; importlib.import_module({module!r}); "
                   "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_missing_course_is_reported_before_anything_listens(tmp_path):
    pytest.importorskip("textual_serve", reason="the web extra is not installed")
    missing = tmp_path / "ikke-her"
    done = run_tbp("import sys; from tbp_tui.cli import main; "
                   f"sys.exit(main(['serve', '--course', {str(missing)!r}]))")
    assert done.returncode == 1
    assert str(missing) in done.stderr
    assert "tbp serve: http" not in done.stdout
    assert "Traceback" not in done.stderr
