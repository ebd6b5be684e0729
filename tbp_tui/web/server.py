"""The web server behind `tbp serve`: textual-serve's engine with tbp's page, cap and idle limit.

textual-serve starts one app process per WebSocket and streams it to xterm.js, but it has no
cap, no idle limit, and its page loads fonts from a third party (every participant's address
would reach it). This subclass keeps its engine (`AppService`, the download route, textual.js)
and changes what a workshop needs:

- tbp's own page and stylesheet; the only other assets are textual-serve's own files (script,
  xterm stylesheet, Roboto Mono), served from this server. A Content-Security-Policy of 'self'
  makes the browser refuse anything else, should a later asset try.
- at most `max_sessions` tabs at once; the page says so plainly when full (HTTP 503), and a
  WebSocket over the cap is closed before any process starts.
- a tab without a key pressed for `idle_seconds` is ended the ordinary way (the app quits and
  saves as on Ctrl+Q); a process that does not quit within `grace_seconds` is killed.

It relies on textual-serve 1.1's structure (`Server._make_app`, `handle_websocket`,
`AppService._process`), so the `web` extra pins textual-serve to 1.1.x.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import shlex
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from tbp_tui.i18n import Catalog

log = logging.getLogger("tbp-serve")

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
OWN_STATIC = HERE / "static"
ENGINE_STATIC = Path(sys.modules[Server.__module__].__file__ or ".").parent / "static"

WS_CLOSE_FULL = 4001
WS_CLOSE_IDLE = 4002
MAX_MESSAGE = 64 * 1024
"""The largest WebSocket message a tab may send (keys and resizes are tiny; a paste is one)."""


@dataclass(frozen=True)
class Limits:
    max_sessions: int = 40
    idle_seconds: float = 30 * 60
    grace_seconds: float = 5.0


@dataclass
class _Tab:
    service: AppService
    last_input: float
    idle: asyncio.Event = field(default_factory=asyncio.Event)


def tab_command(lang: str, course_dir: Path, room: str | None = None, room_root: Path | None = None) -> str:
    """The shell command textual-serve runs for each tab (it uses a shell; every part is quoted).

    `exec`: the shell becomes the app, so a tab is one process and a kill reaches the app itself.
    """
    parts = [sys.executable, "-m", "tbp_tui.web.tab", "--lang", lang, "--course", str(course_dir)]
    if room is not None:
        parts += ["--room", room]
    if room_root is not None:
        parts += ["--room-root", str(room_root)]
    return "exec " + shlex.join(parts)


def security_headers(public_url: str) -> dict[str, str]:
    """Headers on every response: nothing but this server, never framed, no referrer sent on."""
    ws_origin = "wss:" + public_url.split(":", 1)[1] if public_url.startswith("https") else (
        "ws:" + public_url.split(":", 1)[1])
    csp = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data:; font-src 'self'; "
           f"connect-src 'self' {ws_origin.rstrip('/')}; "
           "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    return {
        "Content-Security-Policy": csp,
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
    }


class TbpServer(Server):
    """textual-serve's `Server` with tbp's page, a session cap and an idle limit."""

    def __init__(self, command: str, *, host: str, port: int, public_url: str | None,
                 limits: Limits, t: Catalog) -> None:
        super().__init__(command, host=host, port=port, title=t("app.title"), public_url=public_url,
                         statics_path=ENGINE_STATIC, templates_path=TEMPLATES)
        self.limits = limits
        self.t = t
        self.tabs: dict[str, _Tab] = {}
        self.headers = security_headers(self.public_url)

    # ------------------------------------------------------------------ the aiohttp app

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", ENGINE_STATIC, show_index=False, name="static"),
            web.static("/tbp", OWN_STATIC, show_index=False, name="tbp"),
        ])
        app.on_response_prepare.append(self._add_headers)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def _add_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(self.headers)

    def serve(self, debug: bool = False) -> None:
        """Run until Ctrl+C or SIGTERM; an address that cannot be bound raises OSError."""
        self.debug = debug
        self.initialize_logging()
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        runner = web.AppRunner(await self._make_app(), handle_signals=False)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
            # Said only once the port is open: scripts and tests wait for this line.
            self.console.print(self.t("serve.listening", url=self.public_url), highlight=False,
                               markup=False)
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, stop.set)
            await stop.wait()
        finally:
            await runner.cleanup()  # on_shutdown ends every tab first

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve's banner would name the command; `_serve` says where it listens."""

    async def on_shutdown(self, app: web.Application) -> None:
        """End every tab the ordinary way, so each app quits as on Ctrl+Q."""
        await asyncio.gather(*(self._end(tab) for tab in list(self.tabs.values())),
                             return_exceptions=True)

    # ------------------------------------------------------------------ the page

    def full(self) -> bool:
        return len(self.tabs) >= self.limits.max_sessions

    def page_words(self) -> dict[str, str]:
        t = self.t
        return {"title": t("serve.page.title"), "starting": t("serve.page.starting"),
                "ended": t("serve.page.ended"), "ended_hint": t("serve.page.ended_hint"),
                "restart": t("serve.page.restart"), "guest": t("serve.page.guest"),
                "noscript": t("serve.page.noscript")}

    async def handle_index(self, request: web.Request) -> web.Response:
        words = self.page_words()
        if self.full():
            context: dict[str, Any] = {"lang": self.t.lang, "title": words["title"],
                                       "heading": self.t("serve.full.title"),
                                       "body": self.t("serve.full.body", n=self.limits.max_sessions)}
            response = aiohttp_jinja2.render_template("full.html", request, context, status=503)
            response.headers["Retry-After"] = "60"
        else:
            path = request.app.router["websocket"].url_for()
            base = self.public_url.rstrip("/")
            ws_url = ("wss:" if base.startswith("https") else "ws:") + base.split(":", 1)[1] + str(path)
            context = {"lang": self.t.lang, "words": words, "ws_url": ws_url,
                       "font_size": 16, "static": "/static/", "own": "/tbp/"}
            response = aiohttp_jinja2.render_template("index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        return response

    # ------------------------------------------------------------------ the tabs

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await websocket.prepare(request)
        if self.full():
            await websocket.close(code=WS_CLOSE_FULL, message=b"full")
            return websocket
        width = _size(request.query.get("width"), 80)
        height = _size(request.query.get("height"), 24)
        async def close() -> None:
            await websocket.close()

        service = AppService(self.command, write_bytes=websocket.send_bytes,
                             write_str=websocket.send_str, close=close,
                             download_manager=self.download_manager, debug=self.debug)
        loop = asyncio.get_running_loop()
        tab = _Tab(service, loop.time())
        self.tabs[service.app_service_id] = tab
        watch = asyncio.create_task(self._watch_idle(tab, websocket))
        try:
            await service.start(width, height)
            await self._process_messages(websocket, service, tab)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("tab %s failed", service.app_service_id)
        finally:
            watch.cancel()
            await self._end(tab)
            self.tabs.pop(service.app_service_id, None)
            await websocket.close()
        return websocket

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService, tab: _Tab | None = None
    ) -> None:
        """textual-serve's message loop, which also notes when a key last came and never
        lets one malformed message end the server's handler with a traceback."""
        loop = asyncio.get_running_loop()
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                if tab is not None:
                    tab.last_input = loop.time()
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(_size(data.get("width"), 80),
                                                    _size(data.get("height"), 24))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    async def _watch_idle(self, tab: _Tab, websocket: web.WebSocketResponse) -> None:
        loop = asyncio.get_running_loop()
        limit = self.limits.idle_seconds
        while True:
            left = tab.last_input + limit - loop.time()
            if left <= 0:
                break
            await asyncio.sleep(min(left, 60.0))
        tab.idle.set()
        log.info("tab %s idle for %.0f s: ending it", tab.service.app_service_id, limit)
        await self._end(tab)
        await websocket.close(code=WS_CLOSE_IDLE, message=b"idle")

    async def _end(self, tab: _Tab) -> None:
        """Ask the app to quit (it saves as it does); kill it if it has not within the grace."""
        service = tab.service
        try:
            await asyncio.wait_for(asyncio.shield(service.stop()), self.limits.grace_seconds)
        except (TimeoutError, OSError, RuntimeError, AssertionError):
            process = service._process
            if process is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()


def _size(value: object, default: int) -> int:
    """A terminal dimension from the browser, kept to 10..500 (a huge one would cost memory)."""
    try:
        number = int(str(value))
    except ValueError:
        return default
    return max(10, min(500, number))
