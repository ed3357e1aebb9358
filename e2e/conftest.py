"""Fixtures for Supple's browser tests: a real `supple serve --demo` and headless Chromium.

Environment:
  SUPPLE_BIN          server binary (default .build/debug/supple in the repo root)
  CHROME_BIN          Chromium binary (default /usr/bin/chromium)
  CHROMEDRIVER        ChromeDriver binary (default /usr/bin/chromedriver)
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from helpers import PHONE, set_viewport

REPO_ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_SECONDS = 30

server_key = pytest.StashKey["SuppleServer"]()


@dataclass
class SuppleServer:
    base_url: str
    process: subprocess.Popen
    log_path: Path

    def output(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError as error:
            return f"(could not read server output: {error})"


def server_binary() -> Path:
    configured = os.environ.get("SUPPLE_BIN")
    if not configured:
        return REPO_ROOT / ".build" / "debug" / "supple"
    path = Path(configured).expanduser()
    if path.is_absolute() or path.exists():
        return path.resolve()
    return REPO_ROOT / path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(server: SuppleServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"supple exited with status {server.process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(server.base_url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"supple did not answer /healthz within {STARTUP_TIMEOUT_SECONDS}s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server(request, tmp_path_factory) -> SuppleServer:
    binary = server_binary()
    if not os.access(binary, os.X_OK):
        pytest.fail(f"Supple server binary not found at {binary}; run `swift build` or set SUPPLE_BIN", pytrace=False)

    workdir = tmp_path_factory.mktemp("supple-server")
    port = free_port()
    log_path = workdir / "server.log"
    # One browser signs in and up many times a minute from one address: lift the door limit.
    env = {**os.environ, "SUPPLE_BCRYPT_COST": "4", "SUPPLE_DOOR_REQUESTS_PER_MINUTE": "100000"}
    command = [
        str(binary), "serve", "--demo",
        "--database", str(workdir / "supple.sqlite"),
        "--host", "127.0.0.1",
        "--port", str(port),
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    running = SuppleServer(base_url=f"http://127.0.0.1:{port}", process=process, log_path=log_path)
    request.config.stash[server_key] = running
    try:
        wait_until_healthy(running)
    except RuntimeError as error:
        stop(process)
        pytest.fail(f"{error}\n--- server output ---\n{running.output()}", pytrace=False)

    yield running

    stop(process)
    if process.returncode not in (0, -signal.SIGINT):
        print(f"\nsupple exited with status {process.returncode}\n--- server output ---\n{running.output()}")


@pytest.fixture(scope="session")
def base_url(server: SuppleServer) -> str:
    return server.base_url


@pytest.fixture
def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROME_BIN", "/usr/bin/chromium")
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={PHONE[1]},{PHONE[2]}",
    ):
        options.add_argument(argument)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    browser = webdriver.Chrome(options=options, service=service)
    # A headless window can't be narrower than 500px, so emulate the phone viewport exactly.
    set_viewport(browser, PHONE[1], PHONE[2])
    yield browser
    browser.quit()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, attach where the browser was and what the server printed."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed:
        return
    browser = item.funcargs.get("driver") if hasattr(item, "funcargs") else None
    if browser is not None:
        try:
            report.sections.append(("browser", f"URL: {browser.current_url}\n\n{browser.find_element('tag name', 'body').text[:3000]}"))
        except Exception as error:  # the browser itself may be the problem
            report.sections.append(("browser", f"(unavailable: {error})"))
    running = item.config.stash.get(server_key, None)
    if running is not None:
        report.sections.append(("supple server output", running.output()))
