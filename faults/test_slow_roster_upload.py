"""A slow roster upload never holds up members' writes (point 3 of the fault brief).

An admin uploads an eligibility file over the web at a trickle (about 8 seconds for a small
file). On SQLite there is one writer; if the import's transaction were open while the file
arrived, every member write would wait behind it (and fail at the database deadline). Supple
spools the upload to disk first, so members' walks are answered as quickly as usual meanwhile.
"""

from __future__ import annotations

import http.client
import re
import socket
import threading
import time
import uuid

from supple_api import RILEY, sign_in
from supple_process import DEMO_PASSWORD

ADMIN = "admin@example.org"
BOUNDARY = "----supple-fault-boundary"
TRICKLE_SECONDS = 8


def cookies_from(response: http.client.HTTPResponse) -> dict[str, str]:
    jar = {}
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            key, _, val = pair.partition("=")
            jar[key] = val
    return jar


def web_sign_in(port: int, email: str) -> tuple[dict[str, str], str]:
    """Signs in through the real form; returns the cookies and the form token of the session."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    connection.request("GET", "/signin")
    first = connection.getresponse()
    first.read()
    jar = cookies_from(first)
    form = f"email={email.replace('@', '%40')}&password={DEMO_PASSWORD.replace(' ', '+')}&_csrf={jar['supple_csrf']}"
    connection.request("POST", "/signin", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())})
    answer = connection.getresponse()
    answer.read()
    assert answer.status in (302, 303), f"admin sign-in answered {answer.status}"
    jar.update(cookies_from(answer))
    # Signed in, forms carry a token bound to the session: read it from a page, as a browser does.
    connection.request("GET", "/account", headers={"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())})
    page = connection.getresponse().read().decode()
    form_token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    connection.close()
    return jar, form_token


def test_slow_roster_upload_does_not_hold_member_writes(launch, tmp_path):
    server = launch(database=tmp_path / "supple.sqlite", env={"SUPPLE_DATABASE_TIMEOUT": "3"})
    riley = sign_in(server.base_url, RILEY)
    jar, form_token = web_sign_in(server.port, ADMIN)

    rows = ["member_id,first_name,last_name,date_of_birth,relationship,coverage_start"]
    rows += [f"SLOW-{n},Pat{n},Trickle,1980-01-{(n % 28) + 1:02d},employee,2026-01-01" for n in range(40)]
    head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{form_token}\r\n"
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\nupdate\r\n"
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"asOf\"\r\n\r\n2026-12-01\r\n"
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode()
    file_lines = [(line + "\r\n").encode() for line in rows]
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    length = len(head) + sum(map(len, file_lines)) + len(tail)

    upload = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    upload.sendall((f"POST /staff/organizations/lakeside-demo/roster HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    f"Cookie: {'; '.join(f'{k}={v}' for k, v in jar.items())}\r\n"
                    f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {length}\r\n"
                    f"Connection: close\r\n\r\n").encode() + head)

    def trickle():
        pause = TRICKLE_SECONDS / len(file_lines)
        for line in file_lines:
            upload.sendall(line)
            time.sleep(pause)
        upload.sendall(tail)

    sender = threading.Thread(target=trickle)
    sender.start()
    time.sleep(1.0)  # the upload is well under way: the file part has begun
    answers = []
    while sender.is_alive():
        answers.append(riley.walk(f"during-upload-{uuid.uuid4().hex}", timeout=10))
        time.sleep(0.3)
    sender.join()
    reply = b""
    while chunk := upload.recv(65536):
        reply += chunk
    upload.close()

    assert reply.startswith(b"HTTP/1.1 303") or reply.startswith(b"HTTP/1.1 302"), \
        f"the upload itself was not imported: {reply[:300]!r}"
    assert len(answers) >= 10, f"only {len(answers)} walks were sent during the upload"
    slow_or_failed = [a.describe() for a in answers if not a.ok or a.elapsed > 1.5]
    assert not slow_or_failed, (f"{len(slow_or_failed)} of {len(answers)} member walks during a slow roster upload were "
                                f"slow (>1.5 s) or failed: " + "; ".join(slow_or_failed[:3]))
