"""Container health check: exit 0 when the local server's gRPC health says SERVING.

The image's HEALTHCHECK runs this with the image's Python, where the `quotes` package is
installed: it is ``quotes.client.check_health`` (the one health check the tests, the
benchmark and the deploy tests use too). It asks for the service by name
(``quotes.wire.SERVICE_NAME``, quotes.v1.QuoteService), which the server marks SERVING only
once the model is loaded, and NOT_SERVING as soon as it starts draining.

Usage: python healthcheck.py [HOST:PORT]
The default target is 127.0.0.1:$QUOTES_HEALTH_PORT when that variable is set (a
plaintext health-only port: this script speaks no TLS, so a server whose service port
does needs one, set by the variable rather than the --health-port flag), else
127.0.0.1:$QUOTES_PORT (default 50051).
"""
from __future__ import annotations

import os
import sys

from quotes.client import check_health
from quotes.wire import SERVICE_NAME

TIMEOUT_SECONDS = 3.0


def main(argv: list[str]) -> int:
    health_port = os.environ.get("QUOTES_HEALTH_PORT", "").strip()
    port = health_port if health_port not in ("", "0") else os.environ.get("QUOTES_PORT") or "50051"
    target = argv[1] if len(argv) > 1 else f"127.0.0.1:{port}"
    status = check_health(target, SERVICE_NAME, timeout=TIMEOUT_SECONDS)
    print(f"{target}: {status}")   # the health status, or the failed call's code (UNAVAILABLE, ...)
    return 0 if status == "SERVING" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
