"""Another process holds SQLite's write lock (a stuck backup script, a migration, a person in the
sqlite3 shell). With SUPPLE_DATABASE_TIMEOUT=2, writes must answer 503 with Retry-After once the
deadline passes, never hang and never 500; /readyz is 503 meanwhile; once the lock is released,
writes work again without a restart. (Point 2 of the fault brief, on SQLite.)
"""

from __future__ import annotations

import sqlite3
import threading
import uuid

import httpc
from supple_api import RILEY, sign_in

DATABASE_TIMEOUT = 2
ANSWER_WITHIN = DATABASE_TIMEOUT + 4
CLIENT_TIMEOUT = 15  # the lock is held until every call has answered, or for this long at most


def test_write_lock_held_elsewhere(launch, tmp_path):
    database = tmp_path / "supple.sqlite"
    server = launch(database=database, env={"SUPPLE_DATABASE_TIMEOUT": str(DATABASE_TIMEOUT)})
    riley = sign_in(server.base_url, RILEY)

    lock = sqlite3.connect(database, isolation_level=None, timeout=5)
    lock.execute("BEGIN IMMEDIATE")  # takes the write lock and keeps it until ROLLBACK
    calls = {
        "POST /walks": lambda: riley.walk(f"locked-{uuid.uuid4().hex}", timeout=CLIENT_TIMEOUT),
        "POST /messages": lambda: riley.message(f"locked-{uuid.uuid4().hex}", "sent while locked", timeout=CLIENT_TIMEOUT),
        "GET /readyz": lambda: httpc.request(server.base_url, "GET", "/readyz", timeout=CLIENT_TIMEOUT),
        "GET /today": lambda: riley.call("GET", "/today", timeout=CLIENT_TIMEOUT),
    }
    answers: dict[str, httpc.Answer] = {}
    threads = [threading.Thread(target=lambda n=name, c=call: answers.__setitem__(n, c())) for name, call in calls.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=CLIENT_TIMEOUT + 5)
    lock.execute("ROLLBACK")
    lock.close()

    problems = []
    for name, answer in answers.items():
        if answer.status is None or answer.elapsed > ANSWER_WITHIN:
            problems.append(f"{name} while locked: {answer.describe()} (want an answer within {ANSWER_WITHIN}s)")
        elif name.startswith("POST") and (answer.status != 503 or "retry-after" not in answer.headers):
            problems.append(f"{name} while locked: {answer.describe()}, Retry-After {answer.headers.get('retry-after')} "
                            f"(want 503 with Retry-After)")
        elif name == "GET /readyz" and answer.status != 503:
            problems.append(f"/readyz while locked: {answer.describe()} (want 503)")
        elif name == "GET /today" and answer.status not in (200, 503):
            problems.append(f"GET /today while locked: {answer.describe()} (want 200, or 503)")

    after = riley.walk(f"unlocked-{uuid.uuid4().hex}", timeout=ANSWER_WITHIN)
    if after.status != 201:
        problems.append(f"a walk after the lock was released: {after.describe()}")
    ready = httpc.request(server.base_url, "GET", "/readyz", timeout=ANSWER_WITHIN)
    if ready.status != 200:
        problems.append(f"/readyz after the lock was released: {ready.describe()}")
    assert not problems, "\n  ".join(["", *problems])
