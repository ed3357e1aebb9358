"""A tiny HTTP client for fault tests: always returns an Answer, never raises.

A fault test wants to see every outcome (a 503, a reset connection, a hang) as data it can
check, so HTTP errors and transport errors alike come back as an Answer. One connection per
request (Connection: close) because servers get killed under the clients' feet.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Answer:
    status: int | None  # None: no HTTP answer at all (refused, reset, timed out)
    headers: dict[str, str] = field(default_factory=dict)  # names lower-cased
    body: bytes = b""
    elapsed: float = 0.0
    error: str | None = None  # the transport error when status is None
    started: float = 0.0  # time.monotonic() when the request began

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def timed_out(self) -> bool:
        return self.status is None and self.error is not None and "timed out" in self.error.lower()

    def json(self):
        try:
            return json.loads(self.body) if self.body else None
        except ValueError:
            return None

    def describe(self) -> str:
        """One line for assertion messages."""
        if self.status is None:
            return f"no answer after {self.elapsed:.2f}s ({self.error})"
        text = self.body[:300].decode(errors="replace").replace("\n", " ")
        kind = self.headers.get("content-type", "")
        return f"{self.status} after {self.elapsed:.2f}s [{kind}] {text}"


def request(base_url: str, method: str, path: str, *, json_body=None, headers: dict[str, str] | None = None,
            token: str | None = None, timeout: float = 10.0) -> Answer:
    """One request. `timeout` bounds each socket operation (connect, send, each read)."""
    parts = urlsplit(base_url)
    sent_headers = {"Connection": "close", "Accept": "application/json"}
    if token:
        sent_headers["Authorization"] = f"Bearer {token}"
    body = None
    if json_body is not None:
        body = json.dumps(json_body).encode()
        sent_headers["Content-Type"] = "application/json"
    sent_headers.update(headers or {})
    started = time.monotonic()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=sent_headers)
        response = connection.getresponse()
        data = response.read()
        received = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, received, data, time.monotonic() - started, None, started)
    except (OSError, http.client.HTTPException) as error:
        # socket.timeout is an OSError; its message is "timed out".
        message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        if isinstance(error, socket.timeout) and "timed out" not in message:
            message += " (timed out)"
        return Answer(None, {}, b"", time.monotonic() - started, message, started)
    finally:
        connection.close()
