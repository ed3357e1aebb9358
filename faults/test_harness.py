"""Checks of the harness itself, without Supple: the proxy really refuses, black-holes and
forwards; the slow client really notices a server hanging up; the read-back really reports a
lost or doubled write. If one of these fails, the fault tests' verdicts can't be trusted."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections import Counter

from readback import Snapshot, check_present
from slow_client import TRICKLED_HEAD, SlowClient
from tcp_proxy import BLACKHOLE, REFUSE, TcpProxy
from write_load import MESSAGE, WALK, Write


class Echo(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class EchoHandler(socketserver.BaseRequestHandler):
    def handle(self):
        while data := self.request.recv(4096):
            self.request.sendall(data)


class HangUpAfter(socketserver.BaseRequestHandler):
    """Hangs up a second after the client connects, whatever it sent (a head deadline)."""

    def handle(self):
        time.sleep(1.0)


def serve(handler) -> socketserver.TCPServer:
    server = Echo(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def echo_through(port: int, timeout: float = 2.0) -> bytes | str:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(b"ping")
            return sock.recv(4)
    except OSError as error:
        return type(error).__name__


def test_proxy_forwards_refuses_and_black_holes():
    echo = serve(EchoHandler)
    proxy = TcpProxy("127.0.0.1", echo.server_address[1]).start()
    try:
        assert echo_through(proxy.port) == b"ping"
        held = socket.create_connection(("127.0.0.1", proxy.port), timeout=2)
        held.sendall(b"ping")
        assert held.recv(4) == b"ping"

        proxy.stop(REFUSE)
        assert held.recv(4) == b"", "stop() must close connections already proxied"
        assert echo_through(proxy.port) == "ConnectionRefusedError"

        proxy.start()
        assert echo_through(proxy.port) == b"ping", "start() must forward again on the same port"

        proxy.stop(BLACKHOLE)
        started = time.monotonic()
        assert echo_through(proxy.port, timeout=1.0) == "TimeoutError", "a black hole accepts and never answers"
        assert time.monotonic() - started >= 0.9

        proxy.start()
        assert echo_through(proxy.port) == b"ping"
    finally:
        proxy.close()
        echo.shutdown()


def test_slow_client_notices_the_server_hanging_up():
    server = serve(HangUpAfter)
    try:
        client = SlowClient(server.server_address[1], trickle=TRICKLED_HEAD, interval=0.3, give_up=6)
        client.start()
        client.join(timeout=10)
        assert client.seconds_open is not None and 0.8 <= client.seconds_open <= 3, client.describe()
    finally:
        server.shutdown()


def test_read_back_reports_lost_and_doubled_writes():
    kept, lost, doubled = (Write(MESSAGE, f"key-{n}", f"text {n}", acked=True) for n in range(3))
    walks = [Write(WALK, f"walk-{n}", "", acked=True) for n in range(3)]
    snap = Snapshot(Counter({"text 0": 1, "text 2": 2}), walks=10 + 2)  # 2 of 3 acknowledged walks stored
    problems = check_present([kept, lost, doubled, *walks], [kept, lost, doubled, *walks], snap, walk_baseline=10)
    assert any("key-1" in p and "0 times" in p for p in problems), problems
    assert any("key-2" in p and "2 times" in p for p in problems), problems
    assert any(p.startswith("walks stored: 2") for p in problems), problems
    assert not any("key-0" in p for p in problems), problems
