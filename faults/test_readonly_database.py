"""A read-only SQLite database (point 4 of the fault brief): `supple serve` must exit non-zero
promptly, saying "read-only", instead of starting and failing every write later.

Two ways a database ends up read-only: the file itself (wrong owner or mode, a read-only bind
mount) or its whole folder (a read-only volume). We run as root in CI, and root ignores file
modes, so as root both are made with read-only mounts; otherwise with chmod.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time

import pytest

import httpc
import mounts
from supple_process import SuppleServer, free_port, run_command

EXIT_WITHIN = 15  # seconds; a server that starts instead is noticed by /healthz answering


def make_database(binary, folder):
    """A migrated database with demo data, cleanly closed (no -wal or -shm file left). It stays in
    WAL mode, as the server leaves it: that is what a real deployment's file looks like."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "supple.sqlite"
    result = run_command(binary, ["demo", "--database", str(path)], timeout=60)
    assert result.returncode == 0, f"supple demo failed: {result.output[-2000:]}"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()  # the last connection to close removes -wal and -shm
    for suffix in ("-wal", "-shm"):
        assert not os.path.exists(str(path) + suffix)
    return path


def serve_and_expect_exit(binary, workdir, database) -> str | None:
    """Starts `supple serve` on the database; returns what went wrong (None: exited as it should)."""
    server = SuppleServer(binary, workdir, database=database, demo=False, name="readonly")
    server.port = free_port()
    process = server.spawn()
    deadline = time.monotonic() + EXIT_WITHIN
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            if httpc.request(server.base_url, "GET", "/healthz", timeout=1).status == 200:
                write = httpc.request(server.base_url, "POST", "/api/v1/tokens",
                                      json_body={"email": "riley@example.org", "password": "supple-demo-2026"})
                return f"the server started on a read-only database (/healthz 200; a sign-in got {write.describe()})"
            time.sleep(0.2)
        else:
            return f"still running {EXIT_WITHIN}s after start, without answering /healthz"
    finally:
        server.kill()
    output = server.output()
    if process.returncode == 0:
        return f"exited with status 0; output:\n{excerpt(output)}"
    if "read-only" not in output.lower():
        return f"exited with status {process.returncode} but the output does not say 'read-only':\n{excerpt(output)}"
    return None


def excerpt(output: str, lines: int = 12) -> str:
    """The first lines that say something (a crash's backtrace is indented: left out)."""
    kept = [line for line in output.splitlines() if line.strip() and not line.startswith((" ", "\t"))]
    return "\n".join(kept[:lines])[:2000]


def test_readonly_database_file(binary, tmp_path):
    database = make_database(binary, tmp_path / "data")
    if os.geteuid() == 0:
        try:
            guard = mounts.readonly_bind(database)
            guard.__enter__()
        except mounts.MountUnavailable as error:
            pytest.skip(f"cannot make a file read-only for root here: {error}")
    else:
        database.chmod(0o444)
        guard = None
    try:
        problem = serve_and_expect_exit(binary, tmp_path, database)
    finally:
        if guard is not None:
            guard.__exit__(None, None, None)
        database.chmod(0o644)
    assert problem is None, problem


def test_readonly_database_folder(binary, tmp_path):
    source = make_database(binary, tmp_path / "source")
    folder = tmp_path / "volume"
    if os.geteuid() == 0:
        try:
            with mounts.tmpfs(folder, 64 * 1024 * 1024):
                shutil.copy(source, folder / "supple.sqlite")
                mounts.remount_readonly(folder)
                problem = serve_and_expect_exit(binary, tmp_path, folder / "supple.sqlite")
        except mounts.MountUnavailable as error:
            pytest.skip(f"cannot mount a read-only folder here: {error}")
    else:
        folder.mkdir()
        shutil.copy(source, folder / "supple.sqlite")
        (folder / "supple.sqlite").chmod(0o444)
        folder.chmod(0o555)
        try:
            problem = serve_and_expect_exit(binary, tmp_path, folder / "supple.sqlite")
        finally:
            folder.chmod(0o755)
    assert problem is None, problem
