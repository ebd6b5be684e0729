"""Ralph's own ASGI app, with its file backend appending instead of creating.

Ralph 5.1.0's file ("fs") LRS backend writes with operation type CREATE, which refuses any
write once its statements file exists: the second POST to a fresh server answers 500 («bulk
indexation failed»; the server log says the file «already exists and overwrite is not allowed
with operation_type create»). APPEND is one of that backend's own operation types; with it the
server keeps every statement, and everything else (validation, id conflicts, queries, auth) is
Ralph's unchanged code. Run by uvicorn in Ralph's venv; never imported by the tests themselves.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (after the backend is set)

__all__ = ["app"]
