"""Slow and stuck clients (points 5 and 6 of the fault brief): a client that takes too long to send
its request head, or never sends the body it announced, or sits idle on a kept-alive connection,
is disconnected after the configured timeout; other clients are served normally meanwhile; and
SIGTERM with such clients connected still ends within the shutdown grace period.

The timeouts are set short here (seconds, not the defaults of 30 and 60) to keep the suite quick.
SUPPLE_IDLE_TIMEOUT bounds the wait for a complete request head (between requests, or a head sent
slowly); SUPPLE_REQUEST_BODY_TIMEOUT bounds the body after it.
"""

from __future__ import annotations

import time

import httpc
from slow_client import HEAD_WITHOUT_BODY, TRICKLED_HEAD, SlowClient
from supple_api import RILEY, sign_in

HEADER_TIMEOUT = 3  # SUPPLE_IDLE_TIMEOUT (a head must be complete by then), and SUPPLE_REQUEST_BODY_TIMEOUT
IDLE_TIMEOUT = HEADER_TIMEOUT
GRACE = 4
MARGIN = 3  # scheduling slack on a busy machine; a missing timeout shows up as "never closed"


def start(launch, tmp_path, **env):
    settings = {"SUPPLE_REQUEST_BODY_TIMEOUT": str(HEADER_TIMEOUT), "SUPPLE_IDLE_TIMEOUT": str(IDLE_TIMEOUT),
                "SUPPLE_SHUTDOWN_GRACE": str(GRACE)}
    settings.update({name: str(value) for name, value in env.items()})
    return launch(database=tmp_path / "supple.sqlite", env=settings)


def run_clients(clients: list[SlowClient]) -> None:
    for client in clients:
        client.start()
    for client in clients:
        client.connected.wait(timeout=10)


def wait_closed(clients: list[SlowClient]) -> None:
    # Each client ends by itself once the server hangs up, or at its give_up time (a failure).
    for client in clients:
        client.join(timeout=client.give_up + 5)


def test_trickled_request_head_is_cut_off(launch, tmp_path):
    server = start(launch, tmp_path)
    client = SlowClient(server.port, trickle=TRICKLED_HEAD, interval=1.0, give_up=HEADER_TIMEOUT + MARGIN + 1)
    run_clients([client])
    wait_closed([client])
    assert client.seconds_open is not None and client.seconds_open <= HEADER_TIMEOUT + MARGIN, \
        f"a head sent a byte a second (SUPPLE_IDLE_TIMEOUT={HEADER_TIMEOUT}): {client.describe()}"
    assert b" 200 " not in client.received[:20], f"the incomplete request was served: {client.received[:200]!r}"


def test_body_that_never_comes_is_cut_off(launch, tmp_path):
    server = start(launch, tmp_path)
    limit = max(HEADER_TIMEOUT, IDLE_TIMEOUT) + MARGIN
    client = SlowClient(server.port, upfront=HEAD_WITHOUT_BODY, give_up=limit + 1)
    run_clients([client])
    wait_closed([client])
    assert client.seconds_open is not None and client.seconds_open <= limit, \
        f"a POST whose body never comes (timeouts {HEADER_TIMEOUT}s head and body, {IDLE_TIMEOUT}s idle): {client.describe()}"


def test_idle_kept_alive_connection_is_closed(launch, tmp_path):
    server = start(launch, tmp_path)
    request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"  # HTTP/1.1: kept alive by default
    client = SlowClient(server.port, upfront=request, give_up=IDLE_TIMEOUT + MARGIN + 1)
    run_clients([client])
    wait_closed([client])
    assert b" 200 " in client.received[:20], f"the request itself was not answered: {client.describe()}"
    assert client.seconds_open is not None and client.seconds_open <= IDLE_TIMEOUT + MARGIN, \
        f"an idle kept-alive connection (SUPPLE_IDLE_TIMEOUT={IDLE_TIMEOUT}): {client.describe()}"


def test_twenty_slow_clients_do_not_delay_others(launch, tmp_path):
    # A longer head timeout here, so the 20 are surely still connected while we measure.
    header_timeout = 6
    server = start(launch, tmp_path, SUPPLE_IDLE_TIMEOUT=header_timeout, SUPPLE_REQUEST_BODY_TIMEOUT=header_timeout)
    riley = sign_in(server.base_url, RILEY)
    clients = [SlowClient(server.port, trickle=TRICKLED_HEAD, interval=1.0, give_up=header_timeout + MARGIN + 1)
               for _ in range(15)]
    clients += [SlowClient(server.port, upfront=HEAD_WITHOUT_BODY, give_up=max(header_timeout, IDLE_TIMEOUT) + MARGIN + 1)
                for _ in range(5)]
    run_clients(clients)
    time.sleep(0.5)

    slow = []
    for _ in range(10):
        for answer in (httpc.request(server.base_url, "GET", "/healthz", timeout=5), riley.call("GET", "/me", timeout=5)):
            if answer.status != 200 or answer.elapsed > 1.0:
                slow.append(answer.describe())
    still_open = sum(1 for c in clients if c.closed_at is None and c.error is None)
    assert still_open >= 18, f"the slow clients were gone before the measurement ended ({still_open} of 20 open): " + \
        "; ".join(c.describe() for c in clients[:3])
    assert not slow, f"with 20 slow clients connected, normal requests were slow or failed: {slow[:5]}"

    wait_closed(clients)
    # Each client's give_up is its limit plus one second.
    never = [c.describe() for c in clients if c.seconds_open is None or c.seconds_open > c.give_up - 1]
    assert not never, f"{len(never)} of 20 slow clients were not cut off in time: {never[:3]}"


def test_max_connections_recovers_after_slow_clients_are_cut(launch, tmp_path):
    """With every allowed connection held by a slow client, a new request is served at the latest
    once the head timeout frees them (it must not fail or hang), and normally afterwards."""
    limit = 8
    server = start(launch, tmp_path, SUPPLE_MAX_CONNECTIONS=limit)
    clients = [SlowClient(server.port, trickle=TRICKLED_HEAD, interval=1.0, give_up=HEADER_TIMEOUT + MARGIN + 1)
               for _ in range(limit)]
    run_clients(clients)
    time.sleep(0.3)
    answer = httpc.request(server.base_url, "GET", "/healthz", timeout=HEADER_TIMEOUT + MARGIN + 5)
    assert answer.status == 200 and answer.elapsed <= HEADER_TIMEOUT + MARGIN, \
        f"/healthz with {limit} slow clients holding SUPPLE_MAX_CONNECTIONS={limit}: {answer.describe()}"
    wait_closed(clients)
    after = [httpc.request(server.base_url, "GET", "/healthz", timeout=5) for _ in range(10)]
    assert all(a.status == 200 for a in after), [a.describe() for a in after if a.status != 200]
    assert server.running


def test_sigterm_with_slow_clients_connected_ends_within_grace(launch, tmp_path):
    # A head timeout far beyond the grace period: only the shutdown can end these connections.
    server = start(launch, tmp_path, SUPPLE_REQUEST_BODY_TIMEOUT=60, SUPPLE_IDLE_TIMEOUT=60)
    clients = [SlowClient(server.port, trickle=TRICKLED_HEAD, interval=1.0, give_up=GRACE + MARGIN + 5),
               SlowClient(server.port, upfront=HEAD_WITHOUT_BODY, give_up=GRACE + MARGIN + 5)]
    run_clients(clients)
    time.sleep(1.0)
    code, seconds = server.terminate(timeout=GRACE + MARGIN)
    for client in clients:
        client.stop()
    if code is None:
        server.kill()
    assert code is not None, f"SIGTERM with 2 slow clients connected: still running after {seconds:.1f}s " \
                             f"(SUPPLE_SHUTDOWN_GRACE={GRACE})"
    assert code == 0, f"SIGTERM with slow clients: exited with status {code} after {seconds:.1f}s"


def test_sigterm_on_an_idle_server_is_prompt(launch, tmp_path):
    server = start(launch, tmp_path)
    code, seconds = server.terminate(timeout=GRACE + MARGIN)
    assert code == 0 and seconds < 3, f"SIGTERM on an idle server: status {code} after {seconds:.1f}s"
