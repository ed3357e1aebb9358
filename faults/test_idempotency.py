"""Idempotency keys are scoped to the member (point 7 of the fault brief):

  - the same key used by two different members records both (a key names one request of one
    account: the same account reusing it for another request gets 422);
  - the same member replaying a key with the same body gets the first answer again (same status,
    same JSON) and nothing is stored twice, also when the replays race each other;
  - the same key with a different body answers 422 and changes nothing.

One server for the module (these tests only add rows with keys of their own).
"""

from __future__ import annotations

import threading
import uuid

import pytest

from readback import snapshot
from report_key import servers_key
from supple_api import DREW, PT, RILEY, sign_in
from supple_process import SuppleServer


@pytest.fixture(scope="module")
def server(binary, tmp_path_factory):
    folder = tmp_path_factory.mktemp("idempotency")
    server = SuppleServer(binary, folder, database=folder / "supple.sqlite")
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def report_server_output(request, server):
    request.node.stash[servers_key] = [server]  # conftest attaches its output to a failure


@pytest.fixture(scope="module")
def people(server):
    return {email: sign_in(server.base_url, email) for email in (RILEY, DREW, PT)}


def fresh_key(label: str) -> str:
    return f"idem-{label}-{uuid.uuid4().hex[:12]}"


def same_answer(first, again) -> str | None:
    """None when `again` is the first answer repeated; else what differs."""
    if (first.status, first.json()) != (again.status, again.json()):
        return f"first {first.describe()}\n  again {again.describe()}"
    return None


def test_one_key_two_members_records_both(people):
    riley, drew, pt = people[RILEY], people[DREW], people[PT]
    key = fresh_key("shared")
    text = f"shared key {key}"
    problems = []

    def both_201(what, riley_answer, drew_answer) -> bool:
        if (riley_answer.status, drew_answer.status) != (201, 201):
            problems.append(f"{what} with one key for two members (want 201 twice):\n"
                            f"    riley {riley_answer.describe()}\n    drew  {drew_answer.describe()}")
            return False
        return True

    # A key names one request of one account, so each route gets its own key here; what is
    # shared is the key between the two members.
    before = riley.walking_minutes(), drew.walking_minutes()
    both_201("walks", riley.walk(key + "-walk", minutes=3), drew.walk(key + "-walk", minutes=4))
    walked = riley.walking_minutes() - before[0], drew.walking_minutes() - before[1]
    if walked != (3, 4):
        problems.append(f"walk minutes added (riley, drew): {walked}, want (3, 4)")

    riley_session, drew_session = riley.start_session(key + "-session"), drew.start_session(key + "-session")
    if both_201("sessions", riley_session, drew_session) and riley_session.json()["id"] == drew_session.json()["id"]:
        problems.append("both members got the same session id")

    both_201("messages", riley.message(key + "-message", text + " riley"), drew.message(key + "-message", text + " drew"))
    # One staff member reusing one key in another member's chart is a different request: 422.
    first_note, second_note = pt.note(riley.account_id, key + "-note", text + " note"), pt.note(drew.account_id, key + "-note", text + " note")
    if (first_note.status, second_note.status) != (201, 422):
        problems.append(f"one staff key in two charts (want 201 then 422):\n    {first_note.describe()}\n    {second_note.describe()}")
    stored = {"riley message": snapshot(riley, pt).texts[text + " riley"], "drew message": snapshot(drew, pt).texts[text + " drew"],
              "riley note": snapshot(riley, pt).texts[text + " note"], "drew note": 1 - snapshot(drew, pt).texts[text + " note"]}
    if set(stored.values()) != {1}:
        problems.append(f"stored copies: {stored} (want 1 each)")
    assert not problems, "\n  ".join(["", *problems])


def test_replay_gets_the_first_answer_and_stores_nothing_twice(people):
    riley, pt = people[RILEY], people[PT]
    key = fresh_key("replay")
    text = f"replayed {key}"
    walks_before = riley.walking_minutes()
    writes = {
        "POST /walks": lambda: riley.walk(key + "-walk", minutes=2),
        "POST /sessions": lambda: riley.start_session(key + "-session"),
        "POST /messages": lambda: riley.message(key + "-message", text),
        "POST /staff/members/{id}/messages": lambda: pt.staff_message(riley.account_id, key + "-staff-message", text + " (staff)"),
        "POST /staff/members/{id}/notes": lambda: pt.note(riley.account_id, key + "-note", text + " (note)"),
    }
    differences = []
    for route, write in writes.items():
        first = write()
        assert first.ok, f"{route}: {first.describe()}"
        for _ in range(2):
            if (difference := same_answer(first, write())) is not None:
                differences.append(f"{route} replayed:\n  {difference}")
                break
    stored = snapshot(riley, pt)
    counts = {"walk minutes": stored.walks - walks_before, "message": stored.texts[text],
              "staff message": stored.texts[text + " (staff)"], "note": stored.texts[text + " (note)"]}
    assert not differences, "\n".join(differences)
    assert counts == {"walk minutes": 2, "message": 1, "staff message": 1, "note": 1}, f"stored after 3 sends each: {counts}"


def test_racing_replays_store_once(people):
    """Eight copies of one write at the same moment: stored once, and every 2xx is the same answer."""
    riley, pt = people[RILEY], people[PT]
    problems = []
    for route, write, count in (
        ("POST /walks", lambda key: riley.walk(key, minutes=5), lambda before, snap: snap.walks - before.walks == 5),
        ("POST /staff/members/{id}/notes", lambda key: pt.note(riley.account_id, key, f"race {key}"),
         lambda before, snap: snap.texts[f"race {key}"] == 1),
    ):
        key = fresh_key("race")
        before = snapshot(riley, pt)
        answers, gate = [], threading.Barrier(8)

        def send():
            gate.wait()
            answers.append(write(key))

        threads = [threading.Thread(target=send) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        failed = [a.describe() for a in answers if a.status is None or a.status >= 500]
        ok = [a for a in answers if a.ok]
        if failed:
            problems.append(f"{route} raced: {len(failed)} failed: " + "; ".join(failed[:3]))
        if not ok:
            problems.append(f"{route} raced: no 2xx at all")
        elif not all(same_answer(ok[0], a) is None for a in ok):
            problems.append(f"{route} raced: different 2xx answers: " + "; ".join(sorted({a.describe()[:90] for a in ok})))
        if not count(before, snapshot(riley, pt)):
            problems.append(f"{route} raced with key {key}: not stored exactly once")
    assert not problems, "\n  ".join(["", *problems])


def test_same_key_different_body_is_422(people):
    riley, pt = people[RILEY], people[PT]
    key = fresh_key("conflict")
    text = f"original {key}"
    walks_before = riley.walking_minutes()
    pairs = {
        "POST /walks": (lambda: riley.walk(key + "-walk", minutes=6), lambda: riley.walk(key + "-walk", minutes=7)),
        "POST /messages": (lambda: riley.message(key + "-message", text), lambda: riley.message(key + "-message", text + " changed")),
        "POST /staff/members/{id}/notes": (lambda: pt.note(riley.account_id, key + "-note", text + " (note)"),
                                           lambda: pt.note(riley.account_id, key + "-note", text + " (note) changed")),
    }
    wrong = []
    for route, (original, changed) in pairs.items():
        first = original()
        assert first.ok, f"{route}: {first.describe()}"
        second = changed()
        if second.status != 422 or not second.headers.get("content-type", "").startswith("application/problem+json"):
            wrong.append(f"{route} with the same key and another body: {second.describe()} (want 422 problem+json)")
    stored = snapshot(riley, pt)
    counts = {"walk minutes": stored.walks - walks_before, "message": stored.texts[text], "changed message": stored.texts[text + " changed"],
              "note": stored.texts[text + " (note)"], "changed note": stored.texts[text + " (note) changed"]}
    assert not wrong, "\n".join(wrong)
    assert counts == {"walk minutes": 6, "message": 1, "changed message": 0, "note": 1, "changed note": 0}, f"stored: {counts}"
