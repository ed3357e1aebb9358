"""The few Supple API calls the fault tests use, as thin wrappers that return httpc.Answer.

Read openapi.json (Sources/SuppleServer/Public/openapi.json) for the routes. Demo accounts:
riley and drew are members with a plan; pt is their physical therapist.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpc
from supple_process import DEMO_PASSWORD

RILEY = "riley@example.org"
DREW = "drew@example.org"
PT = "pt@example.org"

# Long enough for a slow debug build on a busy machine, short enough that a hang shows up as a
# failure instead of a stuck test. Tests about deadlines pass their own, tighter timeout.
DEFAULT_TIMEOUT = 15.0


@dataclass
class Actor:
    """A signed-in demo account. Tokens live in the database, so they survive server restarts."""
    base_url: str
    email: str
    token: str
    account_id: str

    def call(self, method: str, path: str, *, json_body=None, key: str | None = None,
             timeout: float = DEFAULT_TIMEOUT) -> httpc.Answer:
        headers = {"Idempotency-Key": key} if key else None
        return httpc.request(self.base_url, method, "/api/v1" + path, json_body=json_body, headers=headers,
                             token=self.token, timeout=timeout)

    # Writes. Each carries its own Idempotency-Key; the body never repeats the key.
    def walk(self, key: str, minutes: int = 1, pain: int = 2, **kw) -> httpc.Answer:
        return self.call("POST", "/walks", json_body={"minutes": minutes, "pain": pain}, key=key, **kw)

    def message(self, key: str, body: str, **kw) -> httpc.Answer:
        return self.call("POST", "/messages", json_body={"body": body}, key=key, **kw)

    def staff_message(self, member_id: str, key: str, body: str, **kw) -> httpc.Answer:
        return self.call("POST", f"/staff/members/{member_id}/messages", json_body={"body": body}, key=key, **kw)

    def note(self, member_id: str, key: str, subjective: str, **kw) -> httpc.Answer:
        fields = {"subjective": subjective, "objective": "fault test", "assessment": "fault test", "plan": "fault test"}
        return self.call("POST", f"/staff/members/{member_id}/notes", json_body=fields, key=key, **kw)

    def start_session(self, key: str, **kw) -> httpc.Answer:
        return self.call("POST", "/sessions", key=key, **kw)

    def record_item(self, session_id: str, exercise_id: str, **kw) -> httpc.Answer:
        return self.call("PUT", f"/sessions/{session_id}/items/{exercise_id}",
                         json_body={"pain": 2, "difficulty": "about-right"}, **kw)

    def finish_session(self, session_id: str, **kw) -> httpc.Answer:
        return self.call("POST", f"/sessions/{session_id}/finish", **kw)

    # Reads.
    def my_messages(self, **kw) -> httpc.Answer:
        return self.call("GET", "/messages", **kw)

    def member_notes(self, member_id: str, **kw) -> httpc.Answer:
        return self.call("GET", f"/staff/members/{member_id}/notes", **kw)

    def walking_minutes(self) -> int:
        """Minutes walked in the weeks /progress shows. Each test walk is 1 minute, so a change in
        this number counts walks stored (the API exposes no list of walks)."""
        answer = self.call("GET", "/progress")
        if answer.status != 200:
            raise AssertionError(f"GET /progress as {self.email}: {answer.describe()}")
        return sum(week["walkingMinutes"] for week in answer.json()["weeks"])


def sign_in(base_url: str, email: str, *, within: float = 15.0) -> Actor:
    """POST /api/v1/tokens, retried for a while (the server may have just restarted)."""
    deadline = time.monotonic() + within
    while True:
        answer = httpc.request(base_url, "POST", "/api/v1/tokens", json_body={"email": email, "password": DEMO_PASSWORD})
        if answer.status == 201:
            issued = answer.json()
            return Actor(base_url, email, issued["token"], issued["account"]["id"])
        if time.monotonic() > deadline:
            raise AssertionError(f"could not sign in as {email}: {answer.describe()}")
        time.sleep(0.3)
