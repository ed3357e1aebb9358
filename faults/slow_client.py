"""Raw-socket clients that misbehave on purpose: a request head sent a byte at a time, or a body
announced and never sent. Each runs in a thread and notes when the server hung up."""

from __future__ import annotations

import select
import socket
import threading
import time

TRICKLED_HEAD = (b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: a-very-slow-client/1.0\r\n"
                 b"Accept: */*\r\nX-Padding: " + b"p" * 200 + b"\r\n\r\n")
HEAD_WITHOUT_BODY = (b"POST /api/v1/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 200\r\n\r\n{\"email\":")


class SlowClient(threading.Thread):
    """Connects, then sends `upfront` at once and `trickle` one byte every `interval` seconds,
    watching for the server closing the connection. Gives up after `give_up` seconds."""

    def __init__(self, port: int, *, upfront: bytes = b"", trickle: bytes = b"", interval: float = 1.0, give_up: float = 40.0):
        super().__init__(name="slow-client", daemon=True)
        self.port, self.upfront, self.trickle = port, upfront, trickle
        self.interval, self.give_up = interval, give_up
        self.connected = threading.Event()
        self.connected_at: float | None = None
        self.closed_at: float | None = None  # when the server hung up (None: it never did)
        self.how_closed = ""
        self.received = b""  # whatever the server sent before hanging up (a 408, say)
        self.error: str | None = None
        self._halt = threading.Event()

    @property
    def seconds_open(self) -> float | None:
        if self.closed_at is None or self.connected_at is None:
            return None
        return self.closed_at - self.connected_at

    def stop(self) -> None:
        self._halt.set()

    def run(self) -> None:
        try:
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        except OSError as error:
            self.error = f"could not connect: {error}"
            self.connected.set()
            return
        self.connected_at = time.monotonic()
        self.connected.set()
        try:
            if self.upfront:
                sock.sendall(self.upfront)
            position = 0
            while not self._halt.is_set() and time.monotonic() - self.connected_at < self.give_up:
                if position < len(self.trickle):
                    try:
                        sock.send(self.trickle[position:position + 1])
                    except OSError as error:
                        self._closed(f"send failed: {error}")
                        return
                    position += 1
                # Wait one interval, noticing at once if the server closes or answers.
                readable, _, _ = select.select([sock], [], [], self.interval)
                if readable:
                    try:
                        data = sock.recv(65536)
                    except OSError as error:
                        self._closed(f"recv failed: {error}")
                        return
                    if not data:
                        self._closed("server closed the connection")
                        return
                    self.received += data
        finally:
            sock.close()

    def _closed(self, how: str) -> None:
        self.closed_at = time.monotonic()
        self.how_closed = how

    def describe(self) -> str:
        if self.error:
            return self.error
        if self.closed_at is None:
            return f"still connected (gave up after {self.give_up:.0f}s or stopped); received {self.received[:80]!r}"
        return f"{self.how_closed} after {self.seconds_open:.1f}s; received {self.received[:80]!r}"
