"""Reading writes back through the API and saying what is missing or doubled.

Messages and notes are found by their unique text. Walks have no list in the API, only minutes
per week in /progress, so every test walk is 1 minute and walks are checked by count. Sessions
are checked by starting them again with the same key (the same session must come back), recording
the same exercise again (nothing new) and finishing again (already finished: no decisions).
Every check returns a list of problems (strings) rather than failing at the first one, so one
report shows everything that went wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from supple_api import Actor
from write_load import SESSION, TEXT_KINDS, WALK, Ledger, Write, send


@dataclass
class Snapshot:
    texts: Counter  # message bodies and note subjectives -> how many times they are stored
    walks: int  # walking minutes in /progress (= walks, at 1 minute each)


def snapshot(member: Actor, staff: Actor) -> Snapshot:
    texts: Counter = Counter()
    thread = member.my_messages()
    if thread.status != 200:
        raise AssertionError(f"GET /messages: {thread.describe()}")
    texts.update(message["body"] for message in thread.json())
    notes = staff.member_notes(member.account_id)
    if notes.status != 200:
        raise AssertionError(f"GET /staff/members/{{id}}/notes: {notes.describe()}")
    texts.update(note["subjective"] for note in notes.json())
    return Snapshot(texts, member.walking_minutes())


def check_present(required: list[Write], possible: list[Write], snap: Snapshot, walk_baseline: int) -> list[str]:
    """Every required write is stored exactly once; any other possible write at most once."""
    problems = []
    required_keys = {w.key for w in required}
    for write in possible:
        if write.kind not in TEXT_KINDS:
            continue
        count = snap.texts[write.text]
        if write.key in required_keys and count != 1:
            problems.append(f"acknowledged {write.kind} {write.key} is stored {count} times (want 1)")
        elif count > 1:
            problems.append(f"unacknowledged {write.kind} {write.key} is stored {count} times (want 0 or 1)")
    walks_required = sum(1 for w in required if w.kind == WALK)
    walks_possible = sum(1 for w in possible if w.kind == WALK)
    stored = snap.walks - walk_baseline
    if not walks_required <= stored <= walks_possible:
        problems.append(f"walks stored: {stored}; acknowledged {walks_required}, attempted {walks_possible} "
                        f"(want acknowledged <= stored <= attempted)")
    return problems


def check_sessions(required: list[Write], member: Actor) -> list[str]:
    """Acknowledged session steps are still there (see the module comment for how)."""
    problems = []
    for write in required:
        if write.kind != SESSION or not write.acked:
            continue
        again = member.start_session(write.key)
        again_id = (again.json() or {}).get("id") if again.ok else None
        if again_id != write.session_id:
            shown = f"status {again.status}, id {again_id}" if again.ok else again.describe()
            problems.append(f"session {write.key}: started as {write.session_id}, starting again with the same key gave {shown}")
            continue
        if write.item_acked:
            item = member.record_item(write.session_id, write.exercise_id)
            if item.status != 200 or (item.json() or {}).get("recorded") is not False:
                problems.append(f"session {write.key}: the acknowledged outcome of {write.exercise_id} seems lost: "
                                f"recording it again gave {item.describe()}")
        if write.finish_acked:
            finish = member.finish_session(write.session_id)
            if finish.status != 200 or (finish.json() or {}).get("decisions") is not None:
                problems.append(f"session {write.key}: the acknowledged finish seems lost: finishing again gave {finish.describe()}")
    return problems


def replay(writes: list[Write], member: Actor, staff: Actor) -> list[str]:
    """Sends writes again with their own key and body; each must get a 2xx."""
    problems = []
    for write in writes:
        answer = send(write, member, staff)
        if not answer.ok:
            problems.append(f"retrying {write.kind} {write.key} with its key: {answer.describe()}")
    return problems


def check_unchanged(before: Snapshot, after: Snapshot, writes: list[Write]) -> list[str]:
    """After retrying writes that were stored, nothing is stored twice."""
    problems = []
    for write in writes:
        if write.kind in TEXT_KINDS and after.texts[write.text] != before.texts[write.text]:
            problems.append(f"retrying {write.kind} {write.key} changed its copies from {before.texts[write.text]} "
                            f"to {after.texts[write.text]}")
    if after.walks != before.walks:
        problems.append(f"retrying walks changed the walks stored from {before.walks} to {after.walks} minutes")
    return problems


def check_exactly_once(writes: list[Write], snap: Snapshot, walk_baseline: int) -> list[str]:
    """After every write was retried until acknowledged: each is stored exactly once."""
    problems = [f"{w.kind} {w.key} is stored {snap.texts[w.text]} times after retrying (want 1)"
                for w in writes if w.kind in TEXT_KINDS and snap.texts[w.text] != 1]
    walks = sum(1 for w in writes if w.kind == WALK)
    if snap.walks - walk_baseline != walks:
        problems.append(f"after retrying every walk: {snap.walks - walk_baseline} stored, want exactly {walks}")
    return problems


def full_check(ledger: Ledger, member: Actor, staff: Actor, walk_baseline: int) -> list[str]:
    """The crash tests' whole read-back: acknowledged writes present, retries store nothing twice,
    and once every write was retried each is stored exactly once."""
    attempted, acked = ledger.attempted(), ledger.acked()
    first = snapshot(member, staff)
    problems = check_present(acked, attempted, first, walk_baseline)
    problems += check_sessions(acked, member)
    # Retrying what was acknowledged must change nothing (sessions were retried above).
    problems += replay([w for w in acked if w.kind != SESSION], member, staff)
    second = snapshot(member, staff)
    problems += check_unchanged(first, second, acked)
    # Retrying what was not acknowledged stores each at most once more; then all are there once.
    problems += replay([w for w in attempted if not w.acked and w.kind != SESSION], member, staff)
    problems += check_exactly_once(attempted, snapshot(member, staff), walk_baseline)
    return problems


def summary(problems: list[str], per_kind: int = 3) -> str:
    """Problems grouped by kind (keys and numbers blanked out), a few examples of each, so one
    missing feature doesn't hide every other finding."""
    groups: dict[str, list[str]] = {}
    for problem in problems:
        groups.setdefault(re.sub(r"fault-\S+|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|\d+(\.\d+)?", "#", problem), []).append(problem)
    lines = [f"{len(problems)} problem(s) of {len(groups)} kind(s):"]
    for examples in groups.values():
        lines += [f"  {example}" for example in examples[:per_kind]]
        if len(examples) > per_kind:
            lines.append(f"    … and {len(examples) - per_kind} more like it")
    return "\n".join(lines)

