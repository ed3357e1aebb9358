"""The crash scenario shared by the SQLite and PostgreSQL tests: a write load while the server is
SIGKILLed a few times at random moments and restarted on the same database."""

from __future__ import annotations

import random
import threading
import time

from readback import full_check
from supple_api import PT, RILEY, sign_in
from supple_process import SuppleServer
from write_load import Ledger, WriteLoad

TOTAL_WRITES = 400
WRITER_THREADS = 4
LOAD_SECONDS = 60  # an upper bound; on a normal machine the writes are done well before
KILLS = 4


class Killer(threading.Thread):
    """Kills the server when the load reaches each of a few random write counts (plus a random
    few milliseconds, so the kill lands inside requests, not between them), then restarts it."""

    def __init__(self, server: SuppleServer, load: WriteLoad, kills: int, rng: random.Random):
        super().__init__(name="killer", daemon=True)
        self.server, self.load = server, load
        low, high = int(load.total * 0.1), int(load.total * 0.85)
        self.thresholds = sorted(rng.sample(range(low, high), kills))
        self.delays = [rng.uniform(0.0, 0.05) for _ in range(kills)]
        self.done = threading.Event()
        self.kills = 0
        self.error: str | None = None

    def run(self) -> None:
        try:
            for threshold, delay in zip(self.thresholds, self.delays):
                while self.load.attempted_count < threshold:
                    if self.done.is_set():
                        return
                    time.sleep(0.005)
                time.sleep(delay)
                self.server.kill()
                self.kills += 1
                self.server.start()
        except Exception as error:  # a restart that fails is the test's failure, reported by it
            self.error = f"{type(error).__name__}: {error}"


def crash_and_check(server: SuppleServer, seed: int | None = None) -> list[str]:
    """Runs the scenario on a started server; returns problems found (empty: all good).
    Leaves the server running."""
    seed = seed if seed is not None else random.randrange(1_000_000)
    member, staff = sign_in(server.base_url, RILEY), sign_in(server.base_url, PT)
    walk_baseline = member.walking_minutes()
    ledger = Ledger()
    load = WriteLoad(member, staff, ledger, total=TOTAL_WRITES, threads=WRITER_THREADS, seconds=LOAD_SECONDS)
    killer = Killer(server, load, KILLS, random.Random(seed))
    load.start()
    killer.start()
    load.join()
    killer.done.set()
    killer.join(timeout=40)

    problems = []
    if killer.error:
        problems.append(f"restarting after a kill failed: {killer.error}")
    if killer.kills < 3:
        problems.append(f"only {killer.kills} kill(s) happened before the load ended (seed {seed}); "
                        f"the load ended after {load.attempted_count} writes")
    if not server.running:
        server.start()
    # During the load, a request may find the server dead (no answer); it must never get a 5xx
    # other than 503 (unavailable, try again) or a 4xx (the writes are valid).
    bad = ledger.answers_with(lambda a: a.status is not None and not a.ok and a.status != 503)
    problems += [f"during the load, {label}: {answer.describe()}" for label, answer in bad[:10]]
    acked = len(ledger.acked())
    if acked < TOTAL_WRITES // 3:
        problems.append(f"only {acked} of {load.attempted_count} writes were acknowledged; statuses {ledger.status_counts()}")
    problems += full_check(ledger, member, staff, walk_baseline)
    if problems:
        problems.insert(0, f"(seed {seed}; kills at write counts {killer.thresholds}; {load.attempted_count} writes, "
                           f"{acked} acknowledged; statuses {ledger.status_counts()})")
    return problems

