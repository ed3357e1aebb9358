"""Fixtures for Supple's fault-injection tests: real `supple` processes, fresh PostgreSQL
databases, and the servers' output attached to any failure.

Environment:
  SUPPLE_BIN                 server binary (default .build/debug/supple in the repo root)
  SUPPLE_TEST_POSTGRES_URL   a PostgreSQL whose role may CREATE DATABASE; PostgreSQL tests skip without it
"""

from __future__ import annotations

import os

import pytest

import pg
from report_key import servers_key  # a test's servers, whose output goes into its failure report
from supple_process import SuppleServer, server_binary


@pytest.fixture(scope="session")
def binary():
    path = server_binary()
    if not os.access(path, os.X_OK):
        pytest.fail(f"Supple server binary not found at {path}; set SUPPLE_BIN", pytrace=False)
    return path


@pytest.fixture
def launch(request, binary, tmp_path):
    """launch(database=… | database_url=…, env={…}, demo=True, start=True) -> SuppleServer.
    Every server made here is stopped after the test, and its output goes into a failure report."""
    made: list[SuppleServer] = []
    request.node.stash[servers_key] = made

    def make(*, start: bool = True, name: str | None = None, **options) -> SuppleServer:
        server = SuppleServer(binary, tmp_path, name=name or f"supple-{len(made) + 1}", **options)
        made.append(server)
        if start:
            server.start()
        return server

    yield make
    for server in made:
        server.stop()


@pytest.fixture
def postgres_database():
    """A fresh, empty PostgreSQL database for this test, dropped afterwards."""
    url = pg.configured_url()
    if url is None:
        pytest.skip(f"{pg.URL_VARIABLE} is not set: no PostgreSQL to test against")
    try:
        database = pg.FreshDatabase(url)
    except (RuntimeError, OSError) as error:
        pytest.fail(f"could not create a test database on {pg.URL_VARIABLE}: {error}", pytrace=False)
    yield database
    database.drop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, attach what each server printed (the end of it)."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed:
        return
    for server in item.stash.get(servers_key, []):
        report.sections.append((f"{server.name} output ({server.log_path})", server.output_tail(6000)))
