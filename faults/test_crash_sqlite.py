"""SIGKILL during writes on SQLite: every acknowledged write survives, retries store nothing
twice, and the file passes PRAGMA integrity_check. Run with both SUPPLE_SQLITE_SYNCHRONOUS
settings: a process crash (unlike a power cut) must lose nothing even with `normal`."""

from __future__ import annotations

import sqlite3

import pytest

from crash_run import crash_and_check
from readback import summary


def integrity(path) -> str:
    connection = sqlite3.connect(path)
    try:
        return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
    finally:
        connection.close()


@pytest.mark.parametrize("synchronous", ["full", "normal"])
def test_crash_sqlite(launch, tmp_path, synchronous):
    database = tmp_path / "supple.sqlite"
    server = launch(database=database, env={"SUPPLE_SQLITE_SYNCHRONOUS": synchronous})

    problems = crash_and_check(server)

    code, seconds = server.terminate(timeout=20)
    if code is None:
        problems.append(f"SIGTERM after the test: still running after {seconds:.1f}s")
        server.kill()
    result = integrity(database)
    if result != "ok":
        problems.append(f"PRAGMA integrity_check: {result}")
    assert not problems, summary(problems)
