"""The JSON API answers only what its OpenAPI document says (issue 17, finding 14).

Schemathesis (a third-party fuzzer) generates requests from the published document and sends
them as an anonymous caller, a member and a physical therapist, with a fixed seed and a bounded
number of examples per operation. It fails on any 5xx answer, on any status, content type or
header the document does not list, and on any answer whose body does not match its schema
(issue 18: the document is the one truth about the API). Token revocation is left out, since it would sign the caller out halfway.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from supple_api import sign_in

EXAMPLES_PER_OPERATION = "10"
SEED = "20261207"
# No 5xx; no status, content type or header the document does not list; and every answer's body
# valid against the document's schema for it.
CHECKS = ["not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_headers_conformance", "response_schema_conformance"]


def schemathesis(server, header: str, workdir) -> subprocess.CompletedProcess:
    command = [
        shutil.which("schemathesis") or "schemathesis", "run", f"{server.base_url}/api/v1/openapi.json",
        "--url", f"{server.base_url}/api/v1",
        "--checks", ",".join(CHECKS),
        "--max-examples", EXAMPLES_PER_OPERATION, "--seed", SEED, "--no-shrink",
        "--exclude-path", "/tokens/current",
        "--request-timeout", "20",
        "--header", header,
    ]
    # Run in the test's folder: schemathesis keeps a cache of what it found in the working directory.
    return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=workdir)


@pytest.mark.parametrize("who", ["anonymous", "riley@example.org", "pt@example.org"])
def test_every_answer_is_documented_and_none_is_a_server_error(launch, tmp_path, who):
    if shutil.which("schemathesis") is None:
        pytest.fail("schemathesis is not installed (pip install schemathesis)", pytrace=False)
    server = launch(database=tmp_path / "supple.sqlite")
    header = "X-Caller: anonymous" if who == "anonymous" else f"Authorization: Bearer {sign_in(server.base_url, who).token}"
    run = schemathesis(server, header, tmp_path)
    assert run.returncode == 0, f"schemathesis as {who}:\n{run.stdout[-6000:]}\n{run.stderr[-2000:]}"
    assert " passed" in run.stdout and "generated" in run.stdout
