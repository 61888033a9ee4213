"""The five seeds through a real server: the gold found, the named speakers right, and the
served output identical to extraction in process."""
from __future__ import annotations

import pytest

from support.gold import judge, load_gold, read_text, seed_files
from quotes.convert import response_to_dict, response_to_proto
from quotes.v1 import quotes_pb2 as pb
from quotes.v1 import quotes_pb2_grpc


@pytest.fixture(scope="module")
def served(server):
    import grpc

    with grpc.insecure_channel(server.target) as channel:
        stub = quotes_pb2_grpc.QuoteServiceStub(channel)
        return {p.name: stub.ExtractQuotes(pb.ExtractQuotesRequest(document_id=p.name, text=read_text(p)), timeout=60)
                for p in seed_files()}


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
def test_served_seed_matches_gold(served, path):
    text = read_text(path)
    verdict = judge(text, load_gold(path), response_to_dict(served[path.name]).get("quotes", []))
    assert verdict.ok, f"\n{verdict}"


def _speakers(served) -> list[pb.Speaker]:
    return [q.speaker for response in served.values() for q in response.quotes]


@pytest.mark.parametrize("canonical,affiliation,short,title", [
    ("Josh Lipsky", "Atlantic Council", "", "international economics chair"),
    ("Scott Kennedy", "Center for Strategic and International Studies", "CSIS", "China economics expert"),
    ("Treasury spokesperson", "Treasury", "", "spokesperson"),
    ("US Treasury spokesman", "US Treasury", "", "spokesman"),
    ("CR Patil", "", "", "Union Minister"),
])
def test_named_speakers_and_their_affiliations(served, canonical, affiliation, short, title):
    found = [s for s in _speakers(served) if s.canonical_name == canonical]
    assert found, f"no quote attributed to {canonical}"
    for s in found:
        assert (s.affiliation, s.affiliation_short, s.title) == (affiliation, short, title)


def test_trump_is_a_person_with_his_full_name(served):
    trump = [s for s in _speakers(served) if "Trump" in s.name and s.kind == pb.SPEAKER_KIND_PERSON]
    assert trump and all(s.canonical_name == "Donald Trump" for s in trump)
    pronouns = [s for s in _speakers(served) if s.resolved_from_pronoun]
    assert pronouns and all(s.canonical_name == "Donald Trump" for s in pronouns)


def test_titles_in_quote_marks_are_not_quotes(served):
    texts = [q.text for response in served.values() for q in response.quotes]
    assert "Phase One" not in texts and "Masterpiece" not in texts


def test_afp_is_the_listener_not_the_speaker(served):
    spokesman = [q for q in served["004_ff241139b232c628.txt"].quotes if q.cue == "told"]
    assert spokesman and all("AFP" not in q.speaker.name for q in spokesman)


def test_served_equals_in_process(served):
    from quotes_service.extract.extractor import Extractor

    extractor = Extractor()
    for path in seed_files():
        text = read_text(path)
        found = extractor.extract_document(text)
        local = response_to_proto(path.name, text, found.quotes, found.speakers)
        assert local == served[path.name], path.name
