"""A fresh PostgreSQL database per test, made and dropped with psql.

SUPPLE_TEST_POSTGRES_URL names a server whose role may CREATE DATABASE, e.g.
postgres://supple:supple@127.0.0.1:54329/supple_test?sslmode=disable. The tests never stop or
reconfigure that server (others share it); outages go through tcp_proxy instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from urllib.parse import urlsplit, urlunsplit

URL_VARIABLE = "SUPPLE_TEST_POSTGRES_URL"


def configured_url() -> str | None:
    return os.environ.get(URL_VARIABLE) or None


def psql(url: str, sql: str, timeout: float = 30) -> str:
    done = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=timeout)
    output = done.stdout.decode(errors="replace")
    if done.returncode != 0:
        raise RuntimeError(f"psql failed ({done.returncode}) running {sql!r}: {output}")
    return output


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def with_address(url: str, host: str, port: int) -> str:
    """The same URL pointed at another host and port (the proxy)."""
    parts = urlsplit(url)
    credentials = parts.netloc.rpartition("@")[0]
    netloc = f"{credentials}@{host}:{port}" if credentials else f"{host}:{port}"
    return urlunsplit(parts._replace(netloc=netloc))


class FreshDatabase:
    def __init__(self, admin_url: str):
        if shutil.which("psql") is None:
            raise RuntimeError("psql is not installed")
        self.admin_url = admin_url
        self.name = f"supple_faults_{uuid.uuid4().hex[:12]}"
        psql(admin_url, f'CREATE DATABASE "{self.name}"')
        self.url = with_database(admin_url, self.name)
        parts = urlsplit(admin_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 5432

    def drop(self) -> None:
        # FORCE ends connections a killed or hung server may have left behind (PostgreSQL 13+).
        psql(self.admin_url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
