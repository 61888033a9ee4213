"""Targets, options and the service config every client channel uses.

A target may be anything gRPC accepts (``host:port``, ``dns:///name:port``,
``ipv4:a:p,b:q``, ``unix:path``) or a comma-separated list of ``host:port``
addresses, which is resolved once, here, into one ``ipv4:``/``ipv6:`` target.
Either way calls are spread round-robin over every address, and a call that
finds a server UNAVAILABLE is retried (gRPC retry policy, with backoff), which
moves it to another address when there is one.
"""
from __future__ import annotations

import json
import socket

SERVICE = "quotes.v1.QuoteService"
HEALTH = "grpc.health.v1.Health"
MAX_ATTEMPTS_CAP = 5                         # gRPC ignores retry policies above 5 attempts
MAX_RESPONSE_BYTES = 64 * 1024 * 1024        # a response for a 1M-code-point text stays far below this


def service_config(retries: int) -> str:
    config: dict = {"loadBalancingConfig": [{"round_robin": {}}]}
    if retries > 0:
        config["methodConfig"] = [{
            "name": [{"service": SERVICE}, {"service": HEALTH}],
            "retryPolicy": {
                "maxAttempts": min(retries + 1, MAX_ATTEMPTS_CAP),
                "initialBackoff": "0.1s",
                "maxBackoff": "2s",
                "backoffMultiplier": 2,
                "retryableStatusCodes": ["UNAVAILABLE"],
            },
        }]
    return json.dumps(config)


def options(retries: int) -> list[tuple[str, object]]:
    return [
        ("grpc.service_config", service_config(retries)),
        ("grpc.enable_retries", 1 if retries > 0 else 0),
        ("grpc.max_receive_message_length", MAX_RESPONSE_BYTES),
        ("grpc.max_send_message_length", -1),
        # gRPC retries only calls whose request fits its retry buffer (256 KiB by default);
        # a 1M-code-point article is up to 4 MiB.
        ("grpc.per_rpc_retry_buffer_size", 8 * 1024 * 1024),
        # Each client its own connections, so several clients reach several workers behind SO_REUSEPORT.
        ("grpc.use_local_subchannel_pool", 1),
        # Find a restarted server sooner than gRPC's default 1 s, 120 s backoff.
        ("grpc.initial_reconnect_backoff_ms", 250),
        ("grpc.max_reconnect_backoff_ms", 5000),
    ]


def _split_host_port(address: str) -> tuple[str, str]:
    address = address.strip()
    if address.startswith("["):
        host, _, port = address[1:].partition("]:")
        return host, port
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port:
        raise ValueError(f"{address!r} is not host:port")
    return host, port


def resolve_target(target: str) -> str:
    """gRPC target for ``target``; a list of host:port addresses becomes one static ipv4:/ipv6: target."""
    target = target.strip()
    if not target:
        raise ValueError("empty target")
    if "," not in target or "://" in target or target.startswith(("ipv4:", "ipv6:", "dns:", "unix:")):
        return target
    v4: list[str] = []
    v6: list[str] = []
    every_host_v4 = every_host_v6 = True
    for address in target.split(","):
        host, port = _split_host_port(address)
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise ValueError(f"cannot resolve {host!r}: {exc.strerror}") from None
        ips4 = list(dict.fromkeys(i[4][0] for i in infos if i[0] == socket.AF_INET))
        ips6 = list(dict.fromkeys(i[4][0] for i in infos if i[0] == socket.AF_INET6))
        every_host_v4 &= bool(ips4)
        every_host_v6 &= bool(ips6)
        v4 += [f"{ip}:{port}" for ip in ips4]
        v6 += [f"[{ip}]:{port}" for ip in ips6]
    # One target holds one address family.
    if every_host_v4:
        return "ipv4:" + ",".join(v4)
    if every_host_v6:
        return "ipv6:" + ",".join(v6)
    raise ValueError(f"{target!r} mixes IPv4-only and IPv6-only hosts; list hosts of one family")
