"""A bounded write load and the ledger of what the server acknowledged.

Every write has its own Idempotency-Key and (for messages and notes) a unique text, so it can be
found again through the API and retried with the same key. The load stops at a count or after a
number of seconds, whichever comes first, so a broken server can't make a test run forever.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass

import httpc
from supple_api import Actor

# Kinds of write. Check-ins are left out on purpose: daily pain is once a day per member.
WALK, MESSAGE, STAFF_MESSAGE, NOTE, SESSION = "walk", "message", "staff_message", "note", "session"
ALL_KINDS = (WALK, MESSAGE, STAFF_MESSAGE, NOTE, SESSION)
TEXT_KINDS = (MESSAGE, STAFF_MESSAGE, NOTE)  # found again by their unique text


@dataclass
class Write:
    kind: str
    key: str
    text: str
    started: float = 0.0  # time.monotonic() of the first attempt
    first: httpc.Answer | None = None  # the first attempt's answer (for a session: its start)
    acked: bool = False  # the first attempt got a 2xx
    acked_at: float | None = None  # time.monotonic() when that 2xx arrived
    session_id: str | None = None
    exercise_id: str | None = None
    item_acked: bool = False
    finish_acked: bool = False
    finish_acked_at: float | None = None  # time.monotonic() when the session's finish was acknowledged


class Ledger:
    """Thread-safe record of every write attempted and every answer seen."""

    def __init__(self):
        self._lock = threading.Lock()
        self.writes: list[Write] = []
        self.answers: list[tuple[str, httpc.Answer]] = []  # (what was called, its answer)

    def add(self, write: Write) -> None:
        with self._lock:
            self.writes.append(write)

    def saw(self, label: str, answer: httpc.Answer) -> None:
        with self._lock:
            self.answers.append((label, answer))

    def attempted(self, kind: str | None = None) -> list[Write]:
        with self._lock:
            return [w for w in self.writes if kind is None or w.kind == kind]

    def acked(self, kind: str | None = None, before: float | None = None) -> list[Write]:
        """Writes whose first attempt got a 2xx (and, with `before`, got it before that moment)."""
        return [w for w in self.attempted(kind) if w.acked and (before is None or w.acked_at < before)]

    def status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self._lock:
            for _, answer in self.answers:
                name = str(answer.status) if answer.status is not None else "no answer"
                counts[name] = counts.get(name, 0) + 1
        return counts

    def answers_with(self, predicate) -> list[tuple[str, httpc.Answer]]:
        with self._lock:
            return [(label, answer) for label, answer in self.answers if predicate(answer)]


def send(write: Write, member: Actor, staff: Actor, ledger: Ledger | None = None, timeout: float = 15.0) -> httpc.Answer:
    """Sends one write (again, if it was sent before: same key, same body). For a session this is
    the start, then one exercise's outcome, then the finish."""
    def noted(label: str, answer: httpc.Answer) -> httpc.Answer:
        if ledger is not None:
            ledger.saw(label, answer)
        return answer

    if write.kind == WALK:
        return noted("POST /walks", member.walk(write.key, timeout=timeout))
    if write.kind == MESSAGE:
        return noted("POST /messages", member.message(write.key, write.text, timeout=timeout))
    if write.kind == STAFF_MESSAGE:
        return noted("POST /staff/members/{id}/messages", staff.staff_message(member.account_id, write.key, write.text, timeout=timeout))
    if write.kind == NOTE:
        return noted("POST /staff/members/{id}/notes", staff.note(member.account_id, write.key, write.text, timeout=timeout))
    if write.kind == SESSION:
        return noted("POST /sessions", member.start_session(write.key, timeout=timeout))
    raise ValueError(write.kind)


def finish_session_steps(write: Write, started: httpc.Answer, member: Actor, ledger: Ledger, timeout: float) -> None:
    """After an acknowledged start: record the first exercise's outcome and finish the session."""
    payload = started.json() or {}
    write.session_id = payload.get("id")
    exercises = payload.get("exercises") or []
    if not write.session_id or not exercises:
        return
    write.exercise_id = exercises[0].get("exerciseId")
    item = member.record_item(write.session_id, write.exercise_id, timeout=timeout)
    ledger.saw("PUT /sessions/{id}/items/{exerciseId}", item)
    write.item_acked = item.ok
    if not item.ok:
        return
    finish = member.finish_session(write.session_id, timeout=timeout)
    ledger.saw("POST /sessions/{id}/finish", finish)
    write.finish_acked = finish.ok
    write.finish_acked_at = time.monotonic() if finish.ok else None


class WriteLoad:
    """`threads` threads sending up to `total` writes, cycling through `kinds`, for at most `seconds`."""

    def __init__(self, member: Actor, staff: Actor, ledger: Ledger, *, kinds=ALL_KINDS, total: int = 200,
                 threads: int = 4, seconds: float = 40.0, timeout: float = 15.0, pause_after_failure: float = 0.2,
                 pace: float = 0.0):
        self.member, self.staff, self.ledger = member, staff, ledger
        self.kinds, self.total, self.threads, self.seconds = tuple(kinds), total, threads, seconds
        self.timeout, self.pause_after_failure = timeout, pause_after_failure
        self.pace = pace  # seconds each thread waits between writes (0: as fast as the server goes)
        self.run_id = uuid.uuid4().hex[:10]  # keeps keys and texts unique across tests on one database
        self._next = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []
        self.deadline = 0.0

    def _claim(self) -> int | None:
        with self._lock:
            if self._stop.is_set() or self._next >= self.total or time.monotonic() > self.deadline:
                return None
            self._next += 1
            return self._next - 1

    def _work(self) -> None:
        while (index := self._claim()) is not None:
            kind = self.kinds[index % len(self.kinds)]
            write = Write(kind=kind, key=f"fault-{self.run_id}-{kind}-{index:05d}",
                          text=f"fault test {self.run_id} {kind} #{index}", started=time.monotonic())
            self.ledger.add(write)
            answer = send(write, self.member, self.staff, self.ledger, self.timeout)
            write.first = answer
            if answer.ok:
                write.acked, write.acked_at = True, time.monotonic()
                if kind == SESSION:
                    finish_session_steps(write, answer, self.member, self.ledger, self.timeout)
            elif answer.status is None:
                # The server is down (killed, restarting): don't burn the whole budget meanwhile.
                time.sleep(self.pause_after_failure)
            if self.pace:
                time.sleep(self.pace)

    def start(self) -> "WriteLoad":
        self.deadline = time.monotonic() + self.seconds
        self._workers = [threading.Thread(target=self._work, name=f"writer-{n}", daemon=True) for n in range(self.threads)]
        for worker in self._workers:
            worker.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def join(self) -> None:
        # Each request is bounded by its timeout, so this ends shortly after the deadline.
        for worker in self._workers:
            worker.join(timeout=self.seconds + 4 * self.timeout)
        alive = [w.name for w in self._workers if w.is_alive()]
        if alive:
            raise AssertionError(f"writer threads still running after the load's deadline: {alive}")

    @property
    def attempted_count(self) -> int:
        with self._lock:
            return self._next

    def run(self) -> "WriteLoad":
        self.start()
        self.join()
        return self
