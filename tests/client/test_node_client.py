"""A caller in another gRPC implementation: the Node.js client in tests/node/ (grpc-js and
proto-loader loading proto/quotes/v1/quotes.proto) against real servers.

tests/node/client.test.js runs once (node's own test runner, TAP out); each of its tests is a test
here, so a failure names itself. What it checks: health; every *_utf16 span slicing the text in
JavaScript, on text with astral characters and combining marks and on the seeds; the stream, in
order; INVALID_ARGUMENT's google.rpc.BadRequest from grpc-status-details-bin; a bearer token.
"""
from __future__ import annotations

import os
import re
import subprocess

import pytest

from support import node
from support.paths import SEEDS

pytestmark = pytest.mark.slow   # a node run of ~6 s and a second server

TOKEN = "node-token-" + "3b9d2f7a61c04e58" * 2
NODE_TESTS = [
    "health: the server and quotes.v1.QuoteService are SERVING",
    "utf16 spans slice text with astral characters and combining marks",
    "utf16 spans slice every seed",
    "stream: several documents, responses in request order",
    "invalid argument: google.rpc.BadRequest decodes from grpc-status-details-bin",
    "bearer token: UNAUTHENTICATED without it or with a wrong one, OK with it",
]
RESULT = re.compile(r"^(not )?ok \d+ - (.*)$")


def _results(tap: str) -> dict[str, tuple[bool, str]]:
    """Top-level TAP results: name -> (passed, its block: the result line and the diagnostics after it,
    which say what failed and where)."""
    results, name, block = {}, None, []
    for line in tap.splitlines():
        found = RESULT.match(line)
        if found or line.startswith(("# Subtest: ", "1..")):
            if name is not None:
                results[name] = (results[name][0], "\n".join(block))
            name, block = None, []
        if found:
            name = found.group(2)
            results[name] = (found.group(1) is None, "")
        block.append(line)
    if name is not None:
        results[name] = (results[name][0], "\n".join(block))
    return results


@pytest.fixture(scope="module")
def node_run(server, start_server):
    executable = node.node()
    token_server = start_server(env={"QUOTES_AUTH_TOKENS": TOKEN})
    env = {**os.environ, "QUOTES_TARGET": server.target, "QUOTES_TOKEN_TARGET": token_server.target,
           "QUOTES_TOKEN": TOKEN, "QUOTES_SEEDS": str(SEEDS)}
    run = subprocess.run([executable, "--test", "--test-reporter=tap", "client.test.js"], cwd=node.NODE_DIR,
                         env=env, capture_output=True, text=True, timeout=300)
    return _results(run.stdout), run


def test_every_node_test_is_listed_here(node_run):
    results, run = node_run
    assert sorted(results) == sorted(NODE_TESTS), run.stdout + run.stderr


@pytest.mark.parametrize("name", NODE_TESTS)
def test_node_client(node_run, name):
    results, run = node_run
    assert name in results, f"node ran no test {name!r}:\n{run.stdout}\n{run.stderr}"
    passed, block = results[name]
    assert passed, block
