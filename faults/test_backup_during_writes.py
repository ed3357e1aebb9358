"""`supple backup` of a live SQLite database while writes go on, then `supple restore` into a new
file (server stopped) and a server on it: every write acknowledged before the backup started is
there, exactly once, and both files pass PRAGMA integrity_check.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import time

from readback import check_present, check_sessions, snapshot, summary
from supple_api import PT, RILEY, sign_in
from supple_process import run_command
from write_load import Ledger, WriteLoad

BACKUP_WITHIN = 60  # seconds for `supple backup` of a small database under load


def integrity(path) -> str:
    connection = sqlite3.connect(path)
    try:
        return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
    finally:
        connection.close()


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_backup_during_writes(launch, binary, tmp_path):
    live, backup, restored = tmp_path / "live.sqlite", tmp_path / "backup.sqlite", tmp_path / "restored.sqlite"
    server = launch(database=live, name="live")
    member, staff = sign_in(server.base_url, RILEY), sign_in(server.base_url, PT)
    walk_baseline = member.walking_minutes()
    ledger = Ledger()
    load = WriteLoad(member, staff, ledger, total=2000, threads=3, seconds=40).start()
    assert wait_until(lambda: len(ledger.acked()) >= 60, 20), f"the load did not get going: {ledger.status_counts()}"

    backup_started = time.monotonic()
    result = run_command(binary, ["backup", "--to", str(backup), "--database", str(live)], timeout=BACKUP_WITHIN)
    backup_ended = time.monotonic()
    time.sleep(0.5)  # writes go on after the backup too: they must not be in it, nor break it
    load.stop()
    load.join()
    during = [w for w in ledger.acked() if backup_started <= w.acked_at <= backup_ended]
    assert result.returncode == 0, f"supple backup: status {result.returncode} after {result.seconds:.1f}s: {result.output[-1500:]}"
    assert backup.exists(), f"supple backup exited 0 but wrote no {backup}: {result.output[-500:]}"
    code, seconds = server.terminate(timeout=15)
    assert code is not None, f"SIGTERM: still running after {seconds:.1f}s"

    problems = []
    if (checked := integrity(backup)) != "ok":
        problems.append(f"integrity_check of the backup: {checked}")
    restore = run_command(binary, ["restore", "--from", str(backup), "--database", str(restored)], timeout=60)
    assert restore.returncode == 0, f"supple restore: status {restore.returncode}: {restore.output[-1500:]}"
    if (checked := integrity(restored)) != "ok":
        problems.append(f"integrity_check of the restored file: {checked}")

    # The tokens were issued before the backup, so they are in it.
    again = launch(database=restored, demo=False, name="restored")
    member, staff = (dataclasses.replace(actor, base_url=again.base_url) for actor in (member, staff))
    required = [before_backup(w, backup_started) for w in ledger.acked(before=backup_started)]
    problems += check_present(required, ledger.attempted(), snapshot(member, staff), walk_baseline)
    problems += check_sessions(required, member)
    assert not problems, summary([f"({len(required)} writes acknowledged before the backup, {len(during)} during it, "
                                  f"{len(ledger.attempted())} attempted)", *problems])


def before_backup(write, backup_started):
    """A session's later steps count only if they too were acknowledged before the backup."""
    if write.finish_acked_at is None or write.finish_acked_at >= backup_started:
        return dataclasses.replace(write, item_acked=False, finish_acked=False)
    return write
