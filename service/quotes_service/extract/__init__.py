"""Extraction, pure: text -> spaCy Doc -> quote marks -> candidates (rules) -> quotes -> speakers.

No gRPC and no I/O: everything here is testable with a string. ``Extractor`` is
what the server and the in-process CLI call. Imported lazily, so that light
modules below (``pipeline.model``, the lexicon) can be read without loading spaCy.
"""
__all__ = ["Cancelled", "Extractor", "StopCheck"]


def __getattr__(name: str):
    if name in __all__:
        from quotes_service.extract import extractor

        return getattr(extractor, name)
    raise AttributeError(name)
