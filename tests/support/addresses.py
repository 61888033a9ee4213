"""Addresses for tests that need nothing to be listening."""
from __future__ import annotations

import socket


def dead_address() -> str:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{sock.getsockname()[1]}"
