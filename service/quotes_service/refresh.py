"""A fresh copy of the model every so many documents, loaded beside the one in use.

spaCy's ``memory_zone`` frees the lexemes and strings of every document, but the
vocabulary's lexeme table (a preshed hash map) only marks their cells deleted, and
when it fills up it doubles without ever shrinking. Its size follows the number of
distinct words the process has ever seen: about 45 bytes per new word here, so a
worker fed words it never saw before grows without bound (+20 MiB over 50,000 soak
requests of nine new words each; raw ``nlp`` in memory zones grows the same way).
Only a new ``Vocab`` starts the table afresh.

``ModelRefresh`` counts documents; after ``every`` of them it loads a new Extractor
on a thread of its own while calls go on with the current one, then swaps it in.
A call takes the extractor once, at its start, and finishes with that one; the old
copy is freed when its last call ends. No call waits and none is refused.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from quotes_service import logs
from quotes_service.extractor import Extractor


class ModelRefresh:
    def __init__(self, extractor: Extractor, every: int, load: Callable[[], Extractor] | None = None):
        self._current = extractor
        self.every = every                      # documents between refreshes; 0: never
        max_length = extractor.max_length        # not the extractor itself: it must be freed once replaced
        self._load = load or (lambda: Extractor(max_length=max_length))
        self._lock = threading.Lock()
        self._since = 0
        self._loading = False
        self.refreshes = 0

    @property
    def extractor(self) -> Extractor:
        return self._current

    def parsed_one(self) -> None:
        """Called after each document; starts a refresh when one is due."""
        if not self.every:
            return
        with self._lock:
            self._since += 1
            if self._since < self.every or self._loading:
                return
            self._loading = True
        threading.Thread(target=self._refresh, name="quotes-model-refresh", daemon=True).start()

    def _refresh(self) -> None:
        started = time.perf_counter()
        try:
            fresh = self._load()
        except Exception:   # keep serving with the copy in use; try again after another `every`
            logs.event("model_refresh_failed", logging.ERROR, exc_info=True)
            with self._lock:
                self._since, self._loading = 0, False
            return
        with self._lock:
            self._current = fresh
            documents, self._since, self._loading = self._since, 0, False
            self.refreshes += 1
        logs.event("model_refreshed", documents=documents, ms=round((time.perf_counter() - started) * 1000))
