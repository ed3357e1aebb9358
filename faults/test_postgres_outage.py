"""PostgreSQL goes away for ~8 s under load and comes back (through tcp_proxy, so the shared
server is never touched). With SUPPLE_DATABASE_TIMEOUT=2:

  - every request gets an answer within the deadline plus a margin: a 2xx, or 503 with
    Retry-After (problem+json on the API); never a 500, never a hang or a dropped connection;
  - /readyz is 503 during the outage and 200 again within 10 s after it;
  - writes succeed again after it, and every acknowledged write is stored exactly once;
  - SIGTERM afterwards ends the server within SUPPLE_SHUTDOWN_GRACE.

Run for both ways a database disappears: refused connections and a black hole.
"""

from __future__ import annotations

import threading
import time

import pytest

import httpc
import pg
from readback import check_present, snapshot, summary
from supple_api import PT, RILEY, sign_in
from tcp_proxy import BLACKHOLE, REFUSE, TcpProxy
from write_load import MESSAGE, WALK, Ledger, WriteLoad

DATABASE_TIMEOUT = 2
ANSWER_WITHIN = 8  # the deadline plus a margin
OUTAGE_SECONDS = 8
READY_AGAIN_WITHIN = 10
READYZ_ANSWER_WITHIN = 6
GRACE = 5


class Poller(threading.Thread):
    """Calls `call` every `every` seconds until stopped, keeping every answer."""

    def __init__(self, call, every: float, name: str):
        super().__init__(name=name, daemon=True)
        self.call, self.every = call, every
        self.answers: list[httpc.Answer] = []
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            self.answers.append(self.call())
            self.halt.wait(self.every)


@pytest.mark.parametrize("mode", [REFUSE, BLACKHOLE])
def test_postgres_outage(launch, postgres_database, mode):
    proxy = TcpProxy(postgres_database.host, postgres_database.port).start()
    try:
        run_outage(launch, postgres_database, proxy, mode)
    finally:
        proxy.close()


def run_outage(launch, database, proxy, mode):
    server = launch(database_url=pg.with_address(database.url, "127.0.0.1", proxy.port),
                    env={"SUPPLE_DATABASE_TIMEOUT": str(DATABASE_TIMEOUT), "SUPPLE_SHUTDOWN_GRACE": str(GRACE)})
    assert proxy.connections > 0, "the server did not connect through the proxy"
    member, staff = sign_in(server.base_url, RILEY), sign_in(server.base_url, PT)
    walk_baseline = member.walking_minutes()

    ledger = Ledger()
    client_timeout = ANSWER_WITHIN + 4  # long enough to see how late a late answer is
    writes = WriteLoad(member, staff, ledger, kinds=(WALK, MESSAGE), total=100_000, threads=3, seconds=60,
                       timeout=client_timeout, pace=0.05)
    readers = [Poller(lambda path=path: (a := member.call("GET", path, timeout=client_timeout), ledger.saw(f"GET {path}", a))[0],
                      0.1, f"reader {path}") for path in ("/today", "/messages")]
    readiness = Poller(lambda: httpc.request(server.base_url, "GET", "/readyz", timeout=client_timeout), 0.25, "readyz")
    writes.start()
    for poller in (*readers, readiness):
        poller.start()

    time.sleep(3)
    stopped_at = time.monotonic()
    proxy.stop(mode)
    time.sleep(OUTAGE_SECONDS)
    started_at = time.monotonic()
    proxy.start()
    deadline = started_at + READY_AGAIN_WITHIN
    while time.monotonic() < deadline and not any(a.status == 200 and a.started >= started_at for a in readiness.answers):
        time.sleep(0.2)
    time.sleep(2)  # some traffic after recovery
    writes.stop()
    for poller in (*readers, readiness):
        poller.halt.set()
    writes.join()
    for poller in (*readers, readiness):
        poller.join(timeout=client_timeout + 2)

    problems = [f"(mode {mode}; outage from {0:.1f}s to {started_at - stopped_at:.1f}s; statuses {ledger.status_counts()})"]
    problems += check_answers(ledger, stopped_at)
    problems += check_readiness(readiness.answers, stopped_at, started_at)
    if not any(w.acked and w.started >= started_at for w in ledger.attempted()):
        problems.append("no write succeeded after PostgreSQL came back")
    if not any(w.acked and w.acked_at < stopped_at for w in ledger.attempted()):
        problems.append("no write succeeded before the outage (is the load working?)")
    try:  # every acknowledged write, before, during and after the outage, is stored once
        problems += check_present(ledger.acked(), ledger.attempted(), snapshot(member, staff), walk_baseline)
    except AssertionError as error:  # the server does not answer reads again
        problems.append(f"reading the writes back after the outage: {error}")

    code, seconds = server.terminate(timeout=GRACE + 3)
    if code is None:
        problems.append(f"SIGTERM after the outage: still running after {seconds:.1f}s (SUPPLE_SHUTDOWN_GRACE={GRACE})")
        server.kill()
    elif code != 0:
        problems.append(f"SIGTERM after the outage: exited with status {code} after {seconds:.1f}s")
    assert len(problems) == 1, summary(problems)


def check_answers(ledger: Ledger, stopped_at: float) -> list[str]:
    problems = []
    for label, answer in ledger.answers_with(lambda a: True):
        when = f"{label} sent at {answer.started - stopped_at:+.1f}s"
        if answer.status is None:
            problems.append(f"{when}: {answer.describe()} (want an answer within {ANSWER_WITHIN}s)")
        elif answer.elapsed > ANSWER_WITHIN:
            problems.append(f"{when}: answered after {answer.elapsed:.1f}s (want within {ANSWER_WITHIN}s): {answer.describe()}")
        elif answer.status == 503:
            if "retry-after" not in answer.headers:
                problems.append(f"{when}: 503 without Retry-After")
            if not answer.headers.get("content-type", "").startswith("application/problem+json"):
                problems.append(f"{when}: 503 as {answer.headers.get('content-type')!r}, want application/problem+json")
        elif not answer.ok:
            problems.append(f"{when}: {answer.describe()} (want 2xx or 503)")
    return problems


def check_readiness(answers: list[httpc.Answer], stopped_at: float, started_at: float) -> list[str]:
    problems = []
    # Asked well inside the outage (half a second after it began, answered before it ended).
    during = [a for a in answers if a.started >= stopped_at + 0.5 and a.started + a.elapsed <= started_at]
    if len(during) < 2:
        problems.append(f"/readyz answered only {len(during)} time(s) during the {OUTAGE_SECONDS}s outage: "
                        + "; ".join(a.describe() for a in answers if stopped_at <= a.started <= started_at)[:600])
    for answer in during:
        if answer.status != 503 or answer.elapsed > READYZ_ANSWER_WITHIN:
            problems.append(f"/readyz at {answer.started - stopped_at:+.1f}s into the outage: {answer.describe()} "
                            f"(want 503 within {READYZ_ANSWER_WITHIN}s)")
    late = [a for a in answers if a.started < started_at and a.started + a.elapsed > started_at + 1 and a.started > stopped_at]
    for answer in late:
        problems.append(f"/readyz asked during the outage hung until after it: {answer.describe()}")
    ready_again = [a for a in answers if a.status == 200 and a.started >= started_at]
    if not ready_again or ready_again[0].started + ready_again[0].elapsed - started_at > READY_AGAIN_WITHIN:
        problems.append(f"/readyz was not 200 within {READY_AGAIN_WITHIN}s after PostgreSQL came back: "
                        + "; ".join(a.describe() for a in answers if a.started >= started_at)[-600:])
    return problems
