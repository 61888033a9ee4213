"""Container health check: exit 0 when the local server's gRPC health says SERVING.

The image's HEALTHCHECK runs this; it only needs grpcio-health-checking, which
the client install already has. It asks for the service by name
(quotes.v1.QuoteService), which the server marks SERVING only once the model is
loaded, and NOT_SERVING as soon as it starts draining.

Usage: python healthcheck.py [HOST:PORT]
The default target is 127.0.0.1:$QUOTES_HEALTH_PORT when that variable is set (a
plaintext health-only port: this script speaks no TLS, so a server whose service port
does needs one, set by the variable rather than the --health-port flag), else
127.0.0.1:$QUOTES_PORT (default 50051).
"""
from __future__ import annotations

import os
import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

SERVICE = "quotes.v1.QuoteService"


def main(argv: list[str]) -> int:
    health_port = os.environ.get("QUOTES_HEALTH_PORT", "").strip()
    port = health_port if health_port not in ("", "0") else os.environ.get("QUOTES_PORT") or "50051"
    target = argv[1] if len(argv) > 1 else f"127.0.0.1:{port}"
    try:
        with grpc.insecure_channel(target) as channel:
            reply = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=SERVICE), timeout=3)
    except grpc.RpcError as exc:
        print(f"{target}: {exc.code().name}", file=sys.stderr)
        return 1
    status = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
    print(f"{target}: {status}")
    return 0 if reply.status == health_pb2.HealthCheckResponse.SERVING else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
