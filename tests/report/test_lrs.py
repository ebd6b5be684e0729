"""Against a real Ralph LRS on 127.0.0.1: the learner's flow, idempotent retries, and faults."""

from __future__ import annotations

import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tbp_tui.clock import FakeClock
from tbp_tui.course.model import Course, QuizStep
from tbp_tui.options import AppOptions
from tbp_tui.progress import ProgressStore
from tbp_tui.report.config import load_config
from tbp_tui.report.derive import Entry, Reporting
from tbp_tui.report.outbox import Outbox
from tbp_tui.report.reporter import flush_outbox, local_account, start_reporting
from tbp_tui.report.statements import Actor

from .conftest import write_config
from .lrs_server import Lrs

ROOT = Path(__file__).resolve().parents[2]


def verbs(statements: list[dict[str, object]]) -> Counter[str]:
    return Counter(str(s["verb"]["id"]).rsplit("/", 1)[-1] for s in statements)  # type: ignore[index]


async def walk_module(course: Course, store: ProgressStore, data_dir: Path, module_id: str) -> int:
    """Open the module in the full app and go through every step, answering each quiz once."""
    from tbp_tui.ui.app import TbpApp
    from tbp_tui.ui.screens.module import ModuleScreen
    from tbp_tui.ui.widgets.content_note import ContentNote
    from tbp_tui.ui.widgets.steps import QuizView

    app = TbpApp(course, store, AppOptions(data_dir=data_dir), FakeClock())
    answered = 0
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_module(module_id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ModuleScreen)
        for _ in range(len(screen.steps) + 2):
            if isinstance(screen.view, ContentNote):
                await screen.note_chosen("continue")
                await pilot.pause()
            if isinstance(screen.view, QuizView):
                screen.action_answer(1)
                answered += 1
                await pilot.pause()
            await screen.action_next()
            await pilot.pause()
        app.save_now()
    return answered


def quiz_count(course: Course, module_id: str) -> int:
    module = course.module(module_id)
    assert module is not None
    return sum(isinstance(s, QuizStep) for s in module.steps)


async def test_a_learner_finishes_kort_intro_and_the_lrs_holds_exactly_that_twice_over(
        bundled: Course, lrs: Lrs, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    write_config(data_dir, lrs.endpoint)
    config = load_config(data_dir)
    assert config is not None
    for run in (1, 2):
        store = ProgressStore.open(data_dir, "standard")
        reporter = start_reporting(config, bundled, store, "nb")
        answered = await walk_module(bundled, store, data_dir, "kort-intro")
        reporter.stop(timeout=15)
        assert reporter.last_error is None
        assert answered == quiz_count(bundled, "kort-intro") > 0
        found = lrs.statements()
        assert verbs(found) == {"initialized": run, "terminated": run, "completed": 1,
                                "answered": run * answered}, found
    assert len({s["id"] for s in found}) == len(found)
    completed = next(s for s in found if str(s["verb"]["id"]).endswith("completed"))  # type: ignore[index]
    assert completed["actor"]["account"] == {"homePage": "https://id.example.test",  # type: ignore[index]
                                             "name": local_account()}
    assert completed["object"]["id"] == "urn:tbp-tui/livet-skjer/kort-intro"  # type: ignore[index]
    assert Outbox(data_dir / "profiles" / "standard").read().pending == []


def entries_for(course: Course, n: int, who: str = "ola") -> list[Entry]:
    reporting = Reporting(course, Actor("https://id.example.test", who), "urn:tbp-tui", "nb")
    return [reporting.session("initialized", f"session-{i}", "2026-12-03T08:00:00Z") for i in range(n)]


def test_an_outbox_whose_event_is_lost_is_sent_again_without_a_duplicate(
        bundled: Course, lrs: Lrs, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    write_config(data_dir, lrs.endpoint)
    config = load_config(data_dir)
    assert config is not None
    reporting = Reporting(bundled, Actor("https://id.example.test", "ola"), "urn:tbp-tui", "nb")
    first = reporting.entry(("completed", "kk1"), verb="completed", object_id="urn:tbp-tui/livet-skjer/kk1",
                            object_type="module", object_name="KK1", timestamp="2026-12-03T08:00:00Z",
                            result={"completion": True, "duration": "PT10M"})
    outbox = Outbox(tmp_path / "a")
    outbox.add([first, *entries_for(bundled, 3)])
    assert flush_outbox(outbox, config, "standard") == (4, None)
    # the outbox file is lost; the completion is derived anew, later, with another timestamp
    again = reporting.entry(("completed", "kk1"), verb="completed", object_id="urn:tbp-tui/livet-skjer/kk1",
                            object_type="module", object_name="KK1", timestamp="2026-12-04T08:00:00Z",
                            result={"completion": True, "duration": "PT10M"})
    fresh = Outbox(tmp_path / "b")
    fresh.add([again, *entries_for(bundled, 5)])
    assert flush_outbox(fresh, config, "standard") == (6, None)
    assert verbs(lrs.statements()) == {"completed": 1, "initialized": 5}


class _Fault(http.server.BaseHTTPRequestHandler):
    mode = "500"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.mode == "slow":
            time.sleep(4)
        self.send_response(500)
        self.end_headers()

    do_PUT = do_POST

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fault_server() -> Iterator[http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Fault)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.mark.parametrize("fault", ["stopped", "500", "slow"])
def test_statements_survive_a_fault_and_arrive_exactly_once(
        fault: str, bundled: Course, lrs: Lrs, tmp_path: Path,
        fault_server: http.server.ThreadingHTTPServer) -> None:
    _Fault.mode = fault
    data_dir = tmp_path / "data"
    if fault == "stopped":
        lrs.stop()
        endpoint = lrs.endpoint
    else:
        endpoint = f"http://127.0.0.1:{fault_server.server_address[1]}/xAPI"
    write_config(data_dir, endpoint, timeout=1)
    broken = load_config(data_dir)
    assert broken is not None
    outbox = Outbox(tmp_path / "profile")
    outbox.add(entries_for(bundled, 12))
    started = time.monotonic()
    sent, problem = flush_outbox(outbox, broken, "standard")
    assert (sent, problem is not None) == (0, True)
    assert time.monotonic() - started < 3.5  # the timeout bounds a slow LRS
    state = outbox.read()
    assert len(state.pending) == 12 and state.failures == 1 and state.next_try is not None
    assert not outbox.due()  # backing off
    if fault == "stopped":
        lrs.start()
    write_config(data_dir, lrs.endpoint)
    working = load_config(data_dir)
    assert working is not None
    assert flush_outbox(outbox, working, "standard") == (12, None)
    found = lrs.statements()
    assert len(found) == 12 == len({s["id"] for s in found})


def test_tbp_killed_mid_flush_loses_nothing_and_duplicates_nothing(
        bundled: Course, lrs: Lrs, tmp_path: Path) -> None:
    """A proxy lets Ralph store the second batch, then holds its answer; tbp is SIGKILLed there."""
    upstream = lrs.port
    seen = threading.Event()
    hold = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))
    proxy_port = listener.getsockname()[1]
    requests = 0

    def serve() -> None:
        nonlocal requests
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            requests += 1
            with client, socket.create_connection(("127.0.0.1", upstream)) as server:
                data = b""
                while b"\r\n\r\n" not in data:
                    data += client.recv(65536)
                head, _, body = data.partition(b"\r\n\r\n")
                length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                                  if line.lower().startswith(b"content-length")))
                while len(body) < length:
                    body += client.recv(65536)
                server.sendall(head.replace(b"Connection: close", b"Connection: close") + b"\r\n\r\n" + body)
                answer = b""
                server.settimeout(10)
                while chunk := server.recv(65536):
                    answer += chunk
                    if b"\r\n\r\n" in answer:
                        break
                if requests == 2:
                    seen.set()
                    hold.wait(30)
                    return
                client.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    data_dir = tmp_path / "data"
    write_config(data_dir, f"http://127.0.0.1:{proxy_port}/xAPI", batch=10, timeout=20)
    outbox = Outbox(data_dir / "profiles" / "standard")
    outbox.add(entries_for(bundled, 25))
    env = {**os.environ, "TBP_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "tbp_tui", "report", "flush"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert seen.wait(30), process.communicate(timeout=5)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        hold.set()
        listener.close()
    assert len(lrs.statements()) == 20  # two batches stored; the second was never confirmed
    assert len(outbox.read().pending) == 25  # marked sent only once the whole slice went
    write_config(data_dir, lrs.endpoint, batch=10)
    config = load_config(data_dir)
    assert config is not None
    assert flush_outbox(outbox, config, "standard") == (25, None)
    found = lrs.statements()
    assert len(found) == 25 == len({s["id"] for s in found})
