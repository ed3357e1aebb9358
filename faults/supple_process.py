"""Starting, killing and stopping a real `supple serve` process.

A server keeps its port across restarts, so clients (and the load threads) can go on using the
same base URL after a SIGKILL and a restart on the same database.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpc

REPO_ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_SECONDS = 30
DEMO_PASSWORD = "supple-demo-2026"


def server_binary() -> Path:
    """SUPPLE_BIN (relative paths are taken from the repository root), else .build/debug/supple."""
    configured = os.environ.get("SUPPLE_BIN")
    if not configured:
        return REPO_ROOT / ".build" / "debug" / "supple"
    path = Path(configured).expanduser()
    if path.is_absolute():
        return path
    return (REPO_ROOT / path).resolve()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    # A cheap bcrypt cost keeps sign-ins fast; the tests are about faults, not hashing.
    # The door limit is lifted too: the load these tests drive is not what they are about.
    env = {**os.environ, "SUPPLE_BCRYPT_COST": "4", "SUPPLE_DOOR_REQUESTS_PER_MINUTE": "100000"}
    env.update(extra or {})
    return env


@dataclass
class CommandResult:
    returncode: int | None  # None: it did not finish in time and was killed
    output: str  # stdout and stderr together
    seconds: float

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def run_command(binary: Path, args: list[str], *, env: dict[str, str] | None = None, timeout: float = 60) -> CommandResult:
    """Runs a one-shot `supple` command (backup, restore, migrate...), never longer than timeout."""
    started = time.monotonic()
    try:
        done = subprocess.run([str(binary), *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, env=base_env(env), timeout=timeout)
        return CommandResult(done.returncode, done.stdout.decode(errors="replace"), time.monotonic() - started)
    except subprocess.TimeoutExpired as expired:
        output = (expired.output or b"").decode(errors="replace")
        return CommandResult(None, output, time.monotonic() - started)


class SuppleServer:
    """One `supple serve`, restartable on the same port and database."""

    def __init__(self, binary: Path, workdir: Path, *, database: Path | None = None, database_url: str | None = None,
                 env: dict[str, str] | None = None, demo: bool = True, name: str = "supple"):
        if (database is None) == (database_url is None):
            raise ValueError("give exactly one of database (a SQLite file) or database_url")
        self.binary = binary
        self.database = database
        self.database_url = database_url
        self.env = dict(env or {})
        self.demo = demo
        self.name = name
        self.port = free_port()
        self.log_path = workdir / f"{name}.log"
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        command = [str(self.binary), "serve"]
        if self.demo:
            command.append("--demo")
        if self.database is not None:
            command += ["--database", str(self.database)]
        else:
            command += ["--database-url", self.database_url]
        return command + ["--host", "127.0.0.1", "--port", str(self.port)]

    def spawn(self) -> subprocess.Popen:
        """Starts the process without waiting for it to be ready."""
        with self._lock:
            if self.running:
                raise RuntimeError(f"{self.name} is already running")
            self.starts += 1
            with open(self.log_path, "ab") as log:
                log.write(f"\n===== start #{self.starts}: {' '.join(self.command())}\n".encode())
                log.flush()
                self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT,
                                                stdin=subprocess.DEVNULL, env=base_env(self.env))
            return self.process

    def start(self, timeout: float = STARTUP_TIMEOUT_SECONDS) -> "SuppleServer":
        self.spawn()
        self.wait_healthy(timeout)
        return self

    def wait_healthy(self, timeout: float = STARTUP_TIMEOUT_SECONDS) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                code = None if self.process is None else self.process.returncode
                raise RuntimeError(f"{self.name} exited with status {code} before /healthz answered\n{self.output_tail()}")
            if httpc.request(self.base_url, "GET", "/healthz", timeout=2).status == 200:
                return
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer /healthz within {timeout}s\n{self.output_tail()}")

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: the crash the tests simulate. Nothing gets a chance to flush or clean up."""
        if self.running:
            self.process.send_signal(signal.SIGKILL)
        if self.process is not None:
            self.process.wait()

    def terminate(self, timeout: float) -> tuple[int | None, float]:
        """SIGTERM, then wait up to timeout. Returns (exit status or None if still running, seconds)."""
        if not self.running:
            return (None if self.process is None else self.process.returncode), 0.0
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, time.monotonic() - started
        return code, time.monotonic() - started

    def stop(self) -> None:
        """Polite stop for teardown: SIGTERM, and SIGKILL if that takes longer than 10 s."""
        code, _ = self.terminate(timeout=10)
        if code is None and self.running:
            self.kill()

    def output(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError as error:
            return f"(could not read {self.log_path}: {error})"

    def output_tail(self, chars: int = 4000) -> str:
        text = self.output()
        return text if len(text) <= chars else "…" + text[-chars:]
