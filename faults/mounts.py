"""Small filesystems for the disk-full and read-only tests (needs root and mount permission).

Each helper raises MountUnavailable when this machine won't let us mount, so the test can skip
with the reason instead of failing.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path


class MountUnavailable(Exception):
    pass


def _run(*command: str) -> None:
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
    if done.returncode != 0:
        raise MountUnavailable(f"`{' '.join(command)}` failed: {done.stdout.decode(errors='replace').strip()}")


def _unmount(path: Path) -> None:
    # Lazy unmount: a process that still holds a file there must not make teardown fail.
    subprocess.run(["umount", "-l", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)


@contextlib.contextmanager
def tmpfs(path: Path, size_bytes: int):
    """A tmpfs of exactly size_bytes mounted at path: fills up for real (ENOSPC)."""
    if os.geteuid() != 0:
        raise MountUnavailable("mounting a tmpfs needs root")
    path.mkdir(parents=True, exist_ok=True)
    _run("mount", "-t", "tmpfs", "-o", f"size={size_bytes},mode=0755", "tmpfs", str(path))
    try:
        yield path
    finally:
        _unmount(path)


def remount_readonly(path: Path) -> None:
    _run("mount", "-o", "remount,ro", str(path))


@contextlib.contextmanager
def readonly_bind(path: Path):
    """Makes one file (or folder) read-only even for root: a read-only bind mount over itself."""
    if os.geteuid() != 0:
        raise MountUnavailable("a read-only bind mount needs root")
    _run("mount", "--bind", str(path), str(path))
    try:
        _run("mount", "-o", "remount,ro,bind", str(path))
        yield path
    finally:
        _unmount(path)


def fill(folder: Path, name: str = "filler.bin") -> Path:
    """Writes a file in folder until the filesystem is full (ENOSPC). Returns its path."""
    filler = folder / name
    chunk = b"\0" * 65536
    with open(filler, "wb", buffering=0) as out:
        for size in (65536, 4096, 512, 1):
            piece = chunk[:size]
            while True:
                try:
                    out.write(piece)
                except OSError:
                    break
    return filler
