"""The spaCy pipeline as the rules need it: loaded once, guarded, cheaper where it can be.

The lemmatizer is taken out of the pipeline and asked only for the tokens the rules look
at (lemmas.py); the attribute ruler is replaced by a table lookup applied after the
pipeline (attributes.py); the tokenizer is guarded against quadratic runs and the text is
parsed in pieces that a caller can stop between (parsing.py).
"""
from __future__ import annotations

from typing import Callable, Iterator

from spacy.tokens import Doc

from quotes_service.extract.pipeline.attributes import FastAttributes, UnsupportedPattern
from quotes_service.extract.pipeline.lemmas import USER_DATA_KEY, LazyLemmas
from quotes_service.extract.pipeline.parsing import CHUNK, CHUNK_TOKENS, guard, parse, plain_spaces


class Pipeline:
    def __init__(self, nlp=None, max_length: int = 1_000_000):
        if nlp is None:
            from quotes_service.extract.pipeline.model import load_model

            nlp = load_model(max_length)
        guard(nlp)
        self.lemmas = None
        if "lemmatizer" in nlp.pipe_names:
            # Lemmas are computed for the few tokens the rules ask about (see lemmas.py).
            self.lemmas = LazyLemmas(nlp.get_pipe("lemmatizer"))
            nlp.disable_pipe("lemmatizer")
        self.attributes = None
        if "attribute_ruler" in nlp.pipe_names:
            try:
                self.attributes = FastAttributes(nlp.get_pipe("attribute_ruler"))
                nlp.disable_pipe("attribute_ruler")  # applied after the pipeline (see attributes.py)
            except UnsupportedPattern:
                pass                                  # another model's ruler: left where it is
        self.nlp = nlp
        # The pipeline as steps, so a long parse can stop between them (parsing.parse).
        self.steps = [proc for _, proc in nlp.pipeline]
        if self.attributes is not None:
            self.steps.append(self.attributes)

    def memory_zone(self):
        """Strings the parse adds to the vocabulary are freed when the zone closes, so a
        long-running server does not grow with every new word; records hold plain str."""
        return self.nlp.memory_zone()

    def ready(self, doc: Doc) -> Doc:
        """The doc as the rules read it: lemmas on demand."""
        if self.lemmas is not None:
            doc.user_data[USER_DATA_KEY] = self.lemmas
        return doc

    def parse(self, text: str, should_stop: Callable[[], bool] | None = None,
              on_stop: Callable[[], None] | None = None) -> Doc:
        """``text`` parsed in pieces, asking ``should_stop`` between steps (``on_stop`` raises). The
        doc's text is ``text`` with its odd spaces written " " (parsing.plain_spaces): the same
        offsets, so records slice the caller's text."""
        return self.ready(parse(self.nlp.tokenizer, self.steps, plain_spaces(text), should_stop, on_stop))

    def parse_whole(self, text: str) -> Doc:
        """``text`` through the pipeline in one call, without the checks (tools, tests)."""
        doc = self.nlp(plain_spaces(text))
        return self.ready(self.attributes(doc) if self.attributes is not None else doc)

    def pipe(self, texts: list[str]) -> Iterator[Doc]:
        """Short texts through ``nlp.pipe``, in one batch."""
        docs = self.nlp.pipe([plain_spaces(t) for t in texts], batch_size=len(texts))
        if self.attributes is not None:
            docs = map(self.attributes, docs)
        return map(self.ready, docs)

    def parsed_in_pieces(self, text: str) -> bool:
        """Too long for one batch: parsed alone, where it can stop between pieces."""
        if len(text) > CHUNK:
            return True
        if len(text) <= CHUNK_TOKENS:
            return False
        with self.nlp.memory_zone():
            return len(self.nlp.tokenizer(plain_spaces(text))) > CHUNK_TOKENS
