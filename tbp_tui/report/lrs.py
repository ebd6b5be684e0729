"""A small xAPI client over stdlib ``urllib``: a few POSTs and GETs need no HTTP library.

Sending is idempotent by construction: statement ids are deterministic. A batch the LRS
refuses as a whole (a 409 because one statement in it is already stored, or an LRS that fails a
bulk insert containing a known id) is sent again one statement at a time with ``PUT
?statementId=``, where «already stored, identical» is a success.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

from .config import ReportConfig
from .statements import Statement

__all__ = ["LrsClient", "SendError"]

VERSION_HEADER = "1.0.3"
MAX_RESPONSE = 16 * 1024 * 1024


class SendError(Exception):
    """The LRS could not be reached or refused; ``reason`` is short and safe to show."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Credentials are never carried to another address by a redirect."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class LrsClient:
    def __init__(self, config: ReportConfig, password: bytes | None) -> None:
        self.config = config
        self._opener = urllib.request.build_opener(_NoRedirect)
        self._auth: str | None = None
        if config.username is not None and password is not None:
            token = base64.b64encode(config.username.encode() + b":" + password).decode("ascii")
            self._auth = f"Basic {token}"

    def _request(self, method: str, url: str, body: Any = None) -> tuple[int, bytes]:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("X-Experience-API-Version", VERSION_HEADER)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self._auth:
            request.add_header("Authorization", self._auth)
        try:
            with self._opener.open(request, timeout=self.config.timeout) as response:
                return response.status, response.read(MAX_RESPONSE)
        except urllib.error.HTTPError as exc:
            detail = exc.read(2000).decode("utf-8", "replace")
            return exc.code, detail.encode()
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SendError(f"{type(reason).__name__}: {reason}"[:300]) from None

    def send(self, statements: list[Statement]) -> None:
        """Store every statement once; raises :class:`SendError` if any is not stored."""
        if not statements:
            return
        status, _ = self._request("POST", self.config.statements_url, statements)
        if status in (200, 204):
            return
        if status in (401, 403):
            raise SendError(f"the LRS refused the credentials (HTTP {status})", status)
        if status in (408, 429) or status > 500:  # busy, overloaded or behind a failing proxy: later
            raise SendError(f"the LRS answered HTTP {status}", status)
        for statement in statements:  # 400, 409 or 500 on a bulk insert: one at a time
            query = urllib.parse.urlencode({"statementId": statement["id"]})
            one, detail = self._request("PUT", f"{self.config.statements_url}?{query}", statement)
            if one in (200, 204, 409):  # 409: an identical or differing statement holds the id
                continue
            raise SendError(f"the LRS answered HTTP {one}: {detail[:200].decode('utf-8', 'replace')}", one)

    def check(self) -> int:
        """One read with the credentials: the HTTP status; raises SendError when unreachable."""
        status, _ = self._request("GET", f"{self.config.statements_url}?limit=1")
        return status

    def statements(self, **params: str) -> Iterator[Statement]:
        """Every statement matching ``params``, following the LRS's ``more`` links."""
        url = f"{self.config.statements_url}?{urllib.parse.urlencode(params)}"
        base = urllib.parse.urlsplit(self.config.statements_url)
        for _ in range(10_000):
            status, body = self._request("GET", url)
            if status != 200:
                raise SendError(f"the LRS answered HTTP {status}", status)
            page = json.loads(body)
            yield from page.get("statements", [])
            more = page.get("more")
            if not more:
                return
            url = urllib.parse.urlunsplit((base.scheme, base.netloc, *urllib.parse.urlsplit(more)[2:]))
