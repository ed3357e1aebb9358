"""A full disk under a running SQLite server: writes answer 503 or 507 with Retry-After (never
500, never a hang), /readyz says 503, and once space is freed writes work again without a
restart. The database lives on a small tmpfs that is filled up for real; without permission to
mount one, the test skips.
"""

from __future__ import annotations

import sqlite3
import time
import uuid

import pytest

import httpc
import mounts
from supple_api import RILEY, sign_in

VOLUME_BYTES = 16 * 1024 * 1024  # room for the demo database; the rest gets filled
ANSWER_WITHIN = 10  # the database deadline (5 s by default) plus a margin
MAX_WRITES_WHILE_FULL = 300  # SQLite may fit a few writes in space its WAL already has
RECOVER_WITHIN = 15


def long_text(key: str) -> str:
    return f"disk filler {key} " + "lorem ipsum dolor sit amet " * 130  # ~3.5 KB, under the 4000 limit


def test_full_disk(launch, tmp_path):
    volume = tmp_path / "volume"
    try:
        mount = mounts.tmpfs(volume, VOLUME_BYTES)
        mount.__enter__()
    except mounts.MountUnavailable as error:
        pytest.skip(f"cannot mount a small tmpfs here, so no real full disk: {error}")
    try:
        run_full_disk(launch, volume)
    finally:
        mount.__exit__(None, None, None)


def run_full_disk(launch, volume):
    database = volume / "supple.sqlite"
    server = launch(database=database)
    riley = sign_in(server.base_url, RILEY)
    assert riley.message(f"before-{uuid.uuid4().hex}", "written before the disk filled").ok

    filler = mounts.fill(volume)
    problems, refusals = [], []
    for attempt in range(MAX_WRITES_WHILE_FULL):
        answer = riley.message(f"full-{uuid.uuid4().hex}", long_text(str(attempt)), timeout=ANSWER_WITHIN + 5)
        if answer.ok:
            continue
        if answer.status not in (503, 507) or "retry-after" not in answer.headers or answer.elapsed > ANSWER_WITHIN:
            problems.append(f"write #{attempt} on a full disk: {answer.describe()} "
                            f"(want 503 or 507 with Retry-After within {ANSWER_WITHIN}s; Retry-After: {answer.headers.get('retry-after')})")
        refusals.append(answer)
        if len(refusals) >= 3 or len(problems) >= 3:
            break
    if not refusals:
        problems.append(f"{MAX_WRITES_WHILE_FULL} writes of ~3.5 KB all succeeded on a full disk")
    ready = httpc.request(server.base_url, "GET", "/readyz", timeout=ANSWER_WITHIN + 5)
    if ready.status != 503 or ready.elapsed > 6:
        problems.append(f"/readyz on a full disk: {ready.describe()} (want 503 within 6s)")
    if not server.running:
        problems.append(f"the server died on a full disk (status {server.process.returncode})")
        assert not problems, "\n  ".join(["", *problems])

    filler.unlink()
    recovered = wait_for(lambda: riley.message(f"after-{uuid.uuid4().hex}", "written after space was freed"), RECOVER_WITHIN)
    if not recovered.ok:
        problems.append(f"after freeing space, writes still fail after {RECOVER_WITHIN}s: {recovered.describe()}")
    ready = wait_for(lambda: httpc.request(server.base_url, "GET", "/readyz", timeout=10), RECOVER_WITHIN,
                     done=lambda a: a.status == 200)
    if ready.status != 200:
        problems.append(f"after freeing space, /readyz is still {ready.describe()} after {RECOVER_WITHIN}s")
    bodies = [m["body"] for m in (riley.my_messages().json() or [])]
    for text in ("written before the disk filled", "written after space was freed"):
        if bodies.count(text) != 1:
            problems.append(f"{text!r} is stored {bodies.count(text)} times (want 1)")

    code, seconds = server.terminate(timeout=15)
    if code is None:
        problems.append(f"SIGTERM after the disk was freed: still running after {seconds:.1f}s")
        server.kill()
    connection = sqlite3.connect(database)
    result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    connection.close()
    if result != "ok":
        problems.append(f"PRAGMA integrity_check: {result}")
    assert not problems, "\n  ".join(["", *problems])


def wait_for(call, seconds: float, done=lambda answer: answer.ok):
    """Calls until done(answer) or the time is up; returns the last answer."""
    deadline = time.monotonic() + seconds
    while True:
        answer = call()
        if done(answer) or time.monotonic() > deadline:
            return answer
        time.sleep(0.5)
