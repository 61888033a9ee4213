"""Server settings: command-line flags, each defaulting to a QUOTES_* environment variable.

Plain argparse, os and ssl only, so the CLI can build it without importing gRPC or spaCy.
"""
from __future__ import annotations

import argparse
import os
import ssl
from dataclasses import dataclass, field
from typing import Sequence

# A code point is at most 4 bytes of UTF-8; the rest is room for document_id and framing.
MESSAGE_OVERHEAD_BYTES = 64 * 1024


def cgroup_cpu_limit(path: str = "/sys/fs/cgroup/cpu.max") -> int | None:
    """CPUs a container may use by its CPU quota (cgroup v2 "quota period"), rounded up; None if unlimited."""
    try:
        with open(path, encoding="ascii") as fh:
            quota, period = fh.read().split()[:2]
    except (OSError, ValueError):
        return None
    if quota == "max":
        return None
    try:
        return max(1, -(-int(quota) // int(period)))
    except (ValueError, ZeroDivisionError):
        return None


def default_workers() -> int:
    """The CPUs this process may use: its affinity (cpusets), capped by a container's CPU quota
    (Docker --cpus, a Kubernetes CPU limit), which affinity does not show."""
    try:
        cpus = max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        cpus = max(1, os.cpu_count() or 1)
    quota = cgroup_cpu_limit()
    return min(cpus, quota) if quota else cpus


# Exit code of a server or worker that can never start with these settings (a port another
# process holds, unreadable TLS files, no model): a supervisor gives up rather than restart it.
EXIT_CONFIG = 2


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 50051
    workers: int = 1
    max_text_length: int = 1_000_000     #: code points; longer texts get INVALID_ARGUMENT
    threads: int = 8                     #: gRPC handler threads per worker
    max_concurrent_rpcs: int = 16        #: per worker; beyond it callers get RESOURCE_EXHAUSTED
    extract_concurrency: int = 1         #: documents parsed at once per worker (spaCy is CPU-bound under the GIL)
    grace: float = 10.0                  #: seconds in-flight calls get to finish after SIGTERM/SIGINT
    max_call_seconds: float = 120.0      #: per document, waiting included, whatever the caller's deadline; 0: none
    log_level: str = "info"
    metrics_port: int | None = None      #: Prometheus /metrics on this port (0: any free one); None: off
    health_port: int | None = None       #: plaintext grpc.health.v1 only, on this port (0: any free one); None: off
    tls_cert: str | None = None          #: PEM certificate chain: the port serves TLS
    tls_key: str | None = None           #: PEM private key of tls_cert
    tls_client_ca: str | None = None     #: PEM CA bundle: clients must present a certificate it signed
    auth_token_file: str | None = None   #: bearer tokens, one a line; read with QUOTES_AUTH_TOKENS into auth_tokens
    auth_tokens: tuple[str, ...] = field(default=(), repr=False)  #: any one admits a QuoteService call

    @property
    def max_message_bytes(self) -> int:
        """The gRPC receive cap: just above the largest request the text limit allows."""
        return 4 * self.max_text_length + MESSAGE_OVERHEAD_BYTES

    @property
    def address(self) -> str:
        return address(self.host, self.port)


def address(host: str, port: int) -> str:
    if ":" in host and not host.startswith("["):  # a bare IPv6 literal
        host = f"[{host}]"
    return f"{host}:{port}"


def file(path: str) -> str:
    """A path (its metavar in --help is FILE); from_argv checks that it can be read."""
    return path


# flag, env var, type, help; the default comes from ServerConfig unless noted.
_FLAGS: list[tuple[str, type, str]] = [
    ("host", str, "address to listen on"),
    ("port", int, "port to listen on; 0 picks a free one (logged in the 'serving' event)"),
    ("workers", int, "worker processes sharing the port via SO_REUSEPORT; 1 serves in this process "
                     "(default: the number of CPUs)"),
    ("max-text-length", int, "longest accepted text, in Unicode code points"),
    ("threads", int, "gRPC handler threads per worker; at least max-concurrent-rpcs + 4 are kept, "
                     "so health checks always find one"),
    ("max-concurrent-rpcs", int, "QuoteService calls in progress per worker; one more gets RESOURCE_EXHAUSTED "
                                 "at once (health checks are not counted)"),
    ("extract-concurrency", int, "documents parsed at once per worker"),
    ("grace", float, "seconds in-flight calls get to finish on SIGTERM/SIGINT"),
    ("max-call-seconds", float, "seconds one document may take, waiting for a slot included, before the server "
                                "gives up with DEADLINE_EXCEEDED, whatever the caller's deadline; 0: no limit"),
    ("log-level", str, "debug, info, warning or error"),
    ("metrics-port", int, "serve Prometheus metrics at /metrics on this port (0 picks a free one, logged "
                          "in the 'metrics' event); with several workers the supervisor serves their sum"),
    ("health-port", int, "also answer grpc.health.v1, and nothing else, in plaintext on this port (0 picks a "
                         "free one, logged in the 'serving' event): for probes and load balancers that cannot "
                         "speak the service port's TLS; shared by the workers like the service port"),
    ("tls-cert", file, "serve TLS with this PEM certificate chain (needs --tls-key)"),
    ("tls-key", file, "the PEM private key of --tls-cert"),
    ("tls-client-ca", file, "mutual TLS: require a client certificate signed by a CA in this PEM bundle "
                            "(needs --tls-cert)"),
    ("auth-token-file", file, "require 'authorization: Bearer <token>' on QuoteService calls, with a token "
                              "from this file (one a line, # comments) or from QUOTES_AUTH_TOKENS "
                              "(comma-separated); health and reflection stay open"),
]


def _env_name(flag: str) -> str:
    return "QUOTES_" + flag.upper().replace("-", "_")


def build_parser(prog: str = "quotes serve") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Serve quotes.v1.QuoteService over gRPC, with health checking and reflection.",
        epilog="Every flag can also be set with its QUOTES_* environment variable (shown in brackets); "
               "a flag wins over the variable.",
    )
    base = ServerConfig()
    for flag, kind, help_text in _FLAGS:
        attr = flag.replace("-", "_")
        default = default_workers() if attr == "workers" else getattr(base, attr)
        default = "off" if default is None else default
        parser.add_argument(f"--{flag}", type=kind, default=None, metavar=kind.__name__.upper(),
                            help=f"{help_text} [{_env_name(flag)}, default {default}]")
    return parser


def from_argv(argv: Sequence[str] | None = None, prog: str = "quotes serve",
              environ: dict[str, str] | None = None) -> ServerConfig:
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    env = os.environ if environ is None else environ
    values = {}
    for flag, kind, _ in _FLAGS:
        attr = flag.replace("-", "_")
        value = getattr(args, attr)
        if value is None and env.get(_env_name(flag), "").strip():
            raw = env[_env_name(flag)].strip()
            try:
                value = kind(raw)
            except ValueError:
                parser.error(f"{_env_name(flag)}={raw!r} is not a valid {kind.__name__}")
        if value is not None:
            values[attr] = value
    values.setdefault("workers", default_workers())
    try:
        values["auth_tokens"] = read_tokens(env.get(AUTH_TOKENS_ENV, ""), values.get("auth_token_file"))
    except (OSError, ValueError) as exc:
        parser.error(str(exc))
    config = ServerConfig(**values)
    problem = _problem(config) or _tls_problem(config)
    if problem:
        parser.error(problem)
    return config


AUTH_TOKENS_ENV = "QUOTES_AUTH_TOKENS"
MIN_TOKEN_LENGTH = 16


def read_tokens(from_env: str, path: str | None) -> tuple[str, ...]:
    """The bearer tokens: QUOTES_AUTH_TOKENS (comma-separated) and the token file (one a line,
    blank lines and lines starting with # skipped). Errors never quote a token."""
    found: list[tuple[str, str]] = []
    if from_env.strip():
        found += [(AUTH_TOKENS_ENV, t.strip()) for t in from_env.split(",") if t.strip()]
        if not found:
            raise ValueError(f"{AUTH_TOKENS_ENV} is set but holds no token")
    if path is not None:
        try:
            with open(path, encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"--auth-token-file {path}: cannot read it ({exc})") from None
        from_file = [(f"{path} line {n}", line.strip()) for n, line in enumerate(lines, 1)
                     if line.strip() and not line.strip().startswith("#")]
        if not from_file:
            raise ValueError(f"--auth-token-file {path} holds no token")
        found += from_file
    for where, token in found:
        if len(token) < MIN_TOKEN_LENGTH:
            raise ValueError(f"the token in {where} is shorter than {MIN_TOKEN_LENGTH} characters "
                             "(make one with: openssl rand -hex 32)")
        if not all("!" <= c <= "~" for c in token):
            raise ValueError(f"the token in {where} has a character gRPC metadata cannot carry "
                             "(printable ASCII without spaces only)")
    return tuple(dict.fromkeys(token for _, token in found))


def _no_password() -> bytes:
    raise ValueError("encrypted private keys are not supported")  # never prompt on a terminal


def _tls_problem(config: ServerConfig) -> str:
    """The TLS settings as gRPC will need them: both halves, readable, PEM, a key that fits the
    certificate (checked here, with the standard library's ssl, before any worker is forked)."""
    if bool(config.tls_cert) != bool(config.tls_key):
        return "--tls-cert and --tls-key go together"
    if config.tls_client_ca and not config.tls_cert:
        return "--tls-client-ca needs --tls-cert and --tls-key (mutual TLS is TLS with client certificates)"
    if not config.tls_cert:
        return ""
    for flag, path in (("--tls-cert", config.tls_cert), ("--tls-key", config.tls_key),
                       ("--tls-client-ca", config.tls_client_ca)):
        if path:
            try:
                with open(path, "rb") as fh:
                    fh.read(1)
            except OSError as exc:
                return f"{flag} {path}: cannot read it ({exc.strerror or exc})"
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(config.tls_cert, config.tls_key, password=_no_password)
    except (ssl.SSLError, ValueError) as exc:
        return (f"--tls-cert {config.tls_cert} with --tls-key {config.tls_key}: not a PEM certificate chain "
                f"and the unencrypted private key that fits it ({getattr(exc, 'reason', None) or exc})")
    if config.tls_client_ca:
        try:
            context.load_verify_locations(cafile=config.tls_client_ca)
        except ssl.SSLError as exc:
            return f"--tls-client-ca {config.tls_client_ca}: not a PEM CA bundle ({exc.reason or exc})"
    return ""


def _problem(config: ServerConfig) -> str:
    if not 0 <= config.port <= 65535:
        return f"port {config.port} is not in 0..65535"
    for name in ("workers", "max_text_length", "threads", "max_concurrent_rpcs", "extract_concurrency"):
        if getattr(config, name) < 1:
            return f"{name.replace('_', '-')} must be at least 1"
    if config.metrics_port is not None:
        if not 0 <= config.metrics_port <= 65535:
            return f"metrics-port {config.metrics_port} is not in 0..65535"
        if config.metrics_port == config.port and config.port != 0:
            return f"metrics-port and port are both {config.port}"
    if config.health_port is not None:
        if not 0 <= config.health_port <= 65535:
            return f"health-port {config.health_port} is not in 0..65535"
        for other, value in (("port", config.port), ("metrics-port", config.metrics_port)):
            if config.health_port == value and value != 0:
                return f"health-port and {other} are both {value}"
    if config.grace < 0:
        return "grace must not be negative"
    if config.max_call_seconds < 0:
        return "max-call-seconds must not be negative"
    if config.log_level.lower() not in ("debug", "info", "warning", "error"):
        return f"log-level {config.log_level!r} is not one of debug, info, warning, error"
    return ""
