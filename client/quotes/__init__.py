"""quotes: client library and CLI for the quote extraction service.

The base install needs only grpcio and protobuf; the ``[service]`` extra adds
spaCy and the model for serving and for in-process extraction.
"""
from quotes.types import DocumentQuotes, Gender, Quote, QuoteType, Span, Speaker, SpeakerEntity, SpeakerKind

__all__ = ["DocumentQuotes", "Gender", "Quote", "QuoteType", "Span", "Speaker", "SpeakerEntity", "SpeakerKind",
           "QuoteClient", "AsyncQuoteClient"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # Lazy, so that `import quotes` stays cheap and never drags grpc.aio in for sync users.
    if name == "QuoteClient":
        from quotes.client import QuoteClient
        return QuoteClient
    if name == "AsyncQuoteClient":
        from quotes.aio import AsyncQuoteClient
        return AsyncQuoteClient
    raise AttributeError(name)
