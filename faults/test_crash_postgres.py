"""SIGKILL during writes on PostgreSQL: every acknowledged write survives and retries store
nothing twice. Skipped without SUPPLE_TEST_POSTGRES_URL."""

from __future__ import annotations

from crash_run import crash_and_check
from readback import summary


def test_crash_postgres(launch, postgres_database):
    server = launch(database_url=postgres_database.url)

    problems = crash_and_check(server)

    code, seconds = server.terminate(timeout=20)
    if code is None:
        problems.append(f"SIGTERM after the test: still running after {seconds:.1f}s")
        server.kill()
    assert not problems, summary(problems)
