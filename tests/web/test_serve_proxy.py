"""docs/serve.md's nginx block, run as written (other ports, a throw-away certificate and login)
in front of a real `tbp serve`: the page and a tab work with the login, nothing without it."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

aiohttp = pytest.importorskip("aiohttp", reason="the web extra (textual-serve, aiohttp) is not installed")
pytest.importorskip("textual_serve", reason="the web extra (textual-serve) is not installed")

from tests.ports import free_port  # noqa: E402
from tests.web.test_serve import HOME_WORDS, screen_until, start_server  # noqa: E402

DOC = Path(__file__).resolve().parents[2] / "docs" / "serve.md"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
pytestmark = [
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (Debian: apt-get install nginx)"),
    pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed"),
]
USER, PASSWORD = "kurs", "hemmelig-ord"


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def doc_block() -> str:
    blocks = re.findall(r"```nginx\n(.*?)```", DOC.read_text(), re.S)
    assert len(blocks) == 1, f"{DOC} has one nginx block"
    return blocks[0]


@pytest.fixture
def proxy(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(public https address through nginx, tbp serve's own address)."""
    port = free_port()
    for served in start_server(tmp_path, "--public-url", f"https://127.0.0.1:{port}"):
        cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                       check=True, capture_output=True, timeout=60)
        logins = tmp_path / "tbp.htpasswd"
        logins.write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        block = doc_block()
        replacements = {
            "listen 443 ssl;": f"listen 127.0.0.1:{port} ssl;",
            "/etc/ssl/certs/kurs.example.no.pem": str(cert),
            "/etc/ssl/private/kurs.example.no.key": str(key),
            "/etc/nginx/tbp.htpasswd": str(logins),
            "http://127.0.0.1:8000": served.url,
        }
        for old, new in replacements.items():
            assert old in block, f"the doc's block no longer has {old!r}"
            block = block.replace(old, new)
        temp = tmp_path / "nginx-temp"
        temp.mkdir()
        temps = "".join(f"    {kind}_temp_path {temp}/{kind};\n"
                        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf = tmp_path / "nginx.conf"
        conf.write_text(f"daemon off;\nmaster_process off;\npid {tmp_path}/nginx.pid;\n"
                        f"error_log {tmp_path}/error.log;\nevents {{}}\n"
                        f"http {{\n{temps}{block}}}\n")
        nginx = subprocess.Popen([str(NGINX), "-p", str(tmp_path), "-c", str(conf)],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.monotonic() + 30
            import socket

            while time.monotonic() < deadline:
                assert nginx.poll() is None, (nginx.stdout.read() if nginx.stdout else "")
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.1)
            yield f"https://127.0.0.1:{port}", served.url
        finally:
            nginx.terminate()
            nginx.wait(timeout=20)


async def test_the_docs_nginx_block_serves_the_course_only_with_the_login(proxy):
    public, _ = proxy
    login = basic(USER, PASSWORD)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=False)) as client:
        async with client.get(public + "/") as page:
            assert page.status == 401
        async with client.get(public + "/static/js/textual.js") as script:
            assert script.status == 401
        async with client.get(public + "/", headers=basic(USER, "feil")) as page:
            assert page.status == 401
        async with client.get(public + "/", headers=login) as page:
            assert page.status == 200
            html = await page.text()
        ws_address = "wss://" + public.split("://", 1)[1] + "/ws"
        assert f'data-session-websocket-url="{ws_address}"' in html
        async with client.get(public + "/static/js/textual.js", headers=login) as script:
            assert script.status == 200
            assert len(await script.read()) > 100_000
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await client.ws_connect(ws_address)
        async with client.ws_connect(ws_address, headers=login) as ws:
            await screen_until(ws, HOME_WORDS)
