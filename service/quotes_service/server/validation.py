"""What makes a request acceptable, checked before any parsing. Pure: no gRPC."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InvalidRequest(Exception):
    """A request the service refuses; ``field`` and ``description`` become a google.rpc.BadRequest violation."""

    field: str
    description: str

    def __str__(self) -> str:
        return f"{self.field}: {self.description}"


class Undecodable:
    """Stands in for request bytes that are not a valid message (e.g. a string field with bad UTF-8),
    so the servicer can answer INVALID_ARGUMENT instead of gRPC's generic deserialization failure."""

    def __init__(self, reason: str):
        self.reason = reason


def check_text(text: str, max_text_length: int) -> str:
    """The text to extract from, or InvalidRequest. Lengths are Unicode code points (``len`` of a str)."""
    if len(text) > max_text_length:
        raise InvalidRequest(
            "text",
            f"text is {len(text):,} code points; the limit is {max_text_length:,} code points",
        )
    if not text.strip():
        raise InvalidRequest("text", "text is empty or only whitespace")
    return text


def check_request(request, max_text_length: int) -> str:
    if isinstance(request, Undecodable):
        raise InvalidRequest("request", f"not a valid quotes.v1.ExtractQuotesRequest: {request.reason}")
    return check_text(request.text, max_text_length)
