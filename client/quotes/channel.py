"""Targets, options and the service config every client channel uses.

A target may be anything gRPC accepts (``host:port``, ``dns:///name:port``,
``ipv4:a:p,b:q``, ``unix:path``) or a comma-separated list of ``host:port``
addresses, which is resolved once, here, into one ``ipv4:``/``ipv6:`` target.
Either way calls are spread round-robin over every address, and a call that
finds a server UNAVAILABLE is retried (gRPC retry policy, with backoff), which
moves it to another address when there is one.

``tls_credentials`` and ``bearer_metadata`` turn the clients' ``tls``/``tls_ca``/
``tls_cert``/``tls_key`` and ``token`` arguments into gRPC credentials and metadata, and
``ChannelOwner`` is what QuoteClient and AsyncQuoteClient share: their arguments, the channel
they open with them, and the stubs on it.
"""
from __future__ import annotations

import json
import os
import socket
from typing import Sequence, Union

import grpc
from grpc_health.v1 import health_pb2_grpc

from quotes.v1 import quotes_pb2_grpc
from quotes.wire import HEALTH_SERVICE_NAME, SERVICE_NAME

PemSource = Union[str, "os.PathLike[str]", bytes]   # a path to a PEM file, or the PEM itself

MAX_ATTEMPTS_CAP = 5                         # gRPC ignores retry policies above 5 attempts
MAX_RESPONSE_BYTES = 64 * 1024 * 1024        # a response for a 1M-code-point text stays far below this
#: The channel's load-balancing policies: round robin over every address (the default), or the
#: first address that answers, in the order given (``spread_targets``).
LOAD_BALANCING = ("round_robin", "pick_first")


def service_config(retries: int, load_balancing: str = "round_robin") -> str:
    config: dict = {"loadBalancingConfig": [{load_balancing: {}}]}
    if retries > 0:
        config["methodConfig"] = [{
            "name": [{"service": SERVICE_NAME}, {"service": HEALTH_SERVICE_NAME}],
            "retryPolicy": {
                "maxAttempts": min(retries + 1, MAX_ATTEMPTS_CAP),
                "initialBackoff": "0.1s",
                "maxBackoff": "2s",
                "backoffMultiplier": 2,
                "retryableStatusCodes": ["UNAVAILABLE"],
            },
        }]
    return json.dumps(config)


def options(retries: int, load_balancing: str = "round_robin") -> list[tuple[str, object]]:
    return [
        ("grpc.service_config", service_config(retries, load_balancing)),
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


def _resolve(host: str, port: str) -> tuple[list[str], list[str]]:
    """The IPv4 and the IPv6 addresses of ``host``, each without repeats. Raises ValueError."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ValueError(f"cannot resolve {host!r}: {exc.strerror}") from None
    ips4 = list(dict.fromkeys(i[4][0] for i in infos if i[0] == socket.AF_INET))
    ips6 = list(dict.fromkeys(i[4][0] for i in infos if i[0] == socket.AF_INET6))
    return ips4, ips6


def address_count(target: str) -> int:
    """How many servers ``target`` reaches as resolved now: each address of a list or of an
    ``ipv4:``/``ipv6:`` target; each IP a ``host:port`` or ``dns:`` name resolves to (of one
    family, IPv4 when it has any, as ``resolve_target`` chooses); 1 for anything else (``unix:``,
    a name that does not resolve here). For sizing work in flight, not for connecting."""
    resolved = resolve_target(target)
    if resolved.startswith(("ipv4:", "ipv6:")):
        return len(resolved.split(":", 1)[1].split(","))
    name = resolved
    if name.startswith("dns:"):
        name = name[len("dns:"):]
        if name.startswith("//"):   # dns://authority/host:port, the authority often empty
            name = name[2:].partition("/")[2]
    if "://" in name or name.startswith(("unix:", "unix-abstract:", "vsock:")):
        return 1
    try:
        ips4, ips6 = _resolve(*_split_host_port(name))
    except ValueError:
        return 1
    return max(1, len(ips4) or len(ips6))


def spread_targets(target: str, count: int) -> list[tuple[str, str]]:
    """Targets and load-balancing policies for ``count`` channels that share the work of one
    ``target``. For a static list of addresses (``"a:1,b:2"``, ``ipv4:``/``ipv6:``) the i-th
    channel lists the addresses from the (i mod n)-th on, with ``pick_first``: each channel sends
    to one server and moves to the next when that one is down, and the servers get equal shares
    of the channels, so of the calls in flight (round robin on every channel spreads each
    channel's calls evenly, but the channels' turns fall together as often as not, leaving a
    server idle while another queues). A channel that moved to another server stays there until
    its connection closes (the server's connection age limit), so a server back from a restart
    gets its share again within minutes, not at once. Fewer channels than servers, and any other
    target, which a resolver may change under the channel (``dns:``, a name), keep round robin on
    every channel."""
    resolved = resolve_target(target)
    if resolved.startswith(("ipv4:", "ipv6:")):
        scheme, _, listed = resolved.partition(":")
        addresses = listed.split(",")
        if 1 < len(addresses) <= count:
            return [(f"{scheme}:" + ",".join(addresses[i % len(addresses):] + addresses[:i % len(addresses)]),
                     "pick_first") for i in range(count)]
    return [(target, "round_robin")] * count


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
        ips4, ips6 = _resolve(host, port)
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


def _pem(source: PemSource | None) -> bytes | None:
    if source is None or isinstance(source, bytes):
        return source
    with open(source, "rb") as fh:
        return fh.read()


def tls_credentials(tls: bool = False, ca: PemSource | None = None, cert: PemSource | None = None,
                    key: PemSource | None = None) -> grpc.ChannelCredentials | None:
    """Channel credentials for TLS (``tls=True``, or any of the PEM arguments given), else None.

    ``ca``: the CAs to trust for the server's certificate (default: the system's roots);
    ``cert`` and ``key``: this client's certificate chain and key, for a server that wants
    mutual TLS. Each is a path or the PEM bytes. Raises ValueError or OSError."""
    if (cert is None) != (key is None):
        raise ValueError("a client certificate needs its key, and a key its certificate (tls_cert with tls_key)")
    if not (tls or ca is not None or cert is not None):
        return None
    return grpc.ssl_channel_credentials(root_certificates=_pem(ca), private_key=_pem(key),
                                        certificate_chain=_pem(cert))


def bearer_metadata(token: str | None) -> tuple[tuple[str, str], ...]:
    """The ``authorization`` metadata for a bearer token (nothing for None)."""
    if token is None:
        return ()
    token = token.strip()
    if not token or any(not "!" <= c <= "~" for c in token):
        raise ValueError("a token is printable ASCII without spaces")
    return (("authorization", f"Bearer {token}"),)


def tls_options(server_name: str | None) -> list[tuple[str, object]]:
    """Check the server's certificate for ``server_name`` instead of the target's host name."""
    return [("grpc.ssl_target_name_override", server_name)] if server_name else []


def secure_setup(*, credentials: grpc.ChannelCredentials | None, tls: bool, tls_ca: PemSource | None,
                 tls_cert: PemSource | None, tls_key: PemSource | None, tls_server_name: str | None,
                 token: str | None, metadata) -> tuple[grpc.ChannelCredentials | None, list, tuple]:
    """What QuoteClient and AsyncQuoteClient make of their security arguments:
    (channel credentials or None, extra channel options, metadata for every call)."""
    if credentials is not None and (tls or tls_ca is not None or tls_cert is not None or tls_key is not None):
        raise ValueError("give credentials, or tls/tls_ca/tls_cert/tls_key, not both")
    if credentials is None:
        credentials = tls_credentials(tls, tls_ca, tls_cert, tls_key)
    if tls_server_name and credentials is None:
        raise ValueError("tls_server_name needs TLS")
    return credentials, tls_options(tls_server_name), bearer_metadata(token) + tuple(metadata)


def open_channel(channels, target: str, retries: int, extra_options: Sequence[tuple[str, object]] = (),
                 load_balancing: str = "round_robin", **security) -> tuple[object, tuple]:
    """A channel to ``target`` from ``channels`` (the ``grpc`` module, or ``grpc.aio`` for the asyncio
    client), with the client's retry policy and options; ``security`` are ``secure_setup``'s
    arguments. Returns (channel, metadata for every call)."""
    if load_balancing not in LOAD_BALANCING:
        raise ValueError(f"load_balancing must be one of {', '.join(LOAD_BALANCING)}, not {load_balancing!r}")
    credentials, tls_opts, metadata = secure_setup(**security)
    resolved = resolve_target(target)
    opts = options(retries, load_balancing) + tls_opts + list(extra_options)
    made = (channels.secure_channel(resolved, credentials, opts) if credentials
            else channels.insecure_channel(resolved, opts))
    return made, metadata


#: A call's ``timeout`` when not given: the client's own.
UNSET = object()


class ChannelOwner:
    """The arguments, channel and stubs of a client (documented on ``quotes.client.QuoteClient``).
    A subclass names the gRPC module its channel comes from: ``grpc``, or ``grpc.aio``."""

    channels = grpc

    def __init__(self, target: str, *, timeout: float | None = 30.0, retries: int = 3,
                 credentials: grpc.ChannelCredentials | None = None,
                 metadata: Sequence[tuple[str, str]] = (),
                 options: Sequence[tuple[str, object]] = (),
                 tls: bool = False, tls_ca: PemSource | None = None,
                 tls_cert: PemSource | None = None, tls_key: PemSource | None = None,
                 tls_server_name: str | None = None, token: str | None = None,
                 load_balancing: str = "round_robin"):
        self.target = target
        self.timeout = timeout
        self.retries = retries
        self._channel, self.metadata = open_channel(
            self.channels, target, retries, options, load_balancing, credentials=credentials, tls=tls, tls_ca=tls_ca,
            tls_cert=tls_cert, tls_key=tls_key, tls_server_name=tls_server_name, token=token, metadata=metadata)
        self._stub = quotes_pb2_grpc.QuoteServiceStub(self._channel)
        self._health = health_pb2_grpc.HealthStub(self._channel)

    def _timeout(self, timeout) -> float | None:
        return self.timeout if timeout is UNSET else timeout
