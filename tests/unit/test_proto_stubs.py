"""The committed Python stubs are what grpcio-tools makes of the committed proto (`make proto`)."""
from __future__ import annotations

import subprocess
import sys

from support.paths import REPO as ROOT

GENERATED = ("quotes_pb2.py", "quotes_pb2.pyi", "quotes_pb2_grpc.py")


def test_stubs_are_up_to_date(tmp_path):
    subprocess.run([sys.executable, "-m", "grpc_tools.protoc", f"-I{ROOT / 'proto'}", f"--python_out={tmp_path}",
                    f"--pyi_out={tmp_path}", f"--grpc_python_out={tmp_path}",
                    str(ROOT / "proto" / "quotes" / "v1" / "quotes.proto")], check=True)
    stale = [name for name in GENERATED
             if (tmp_path / "quotes" / "v1" / name).read_text() != (ROOT / "client" / "quotes" / "v1" / name).read_text()]
    assert not stale, f"run `make proto` and commit: {stale} differ from proto/quotes/v1/quotes.proto"


def test_contract_names_are_kept():
    from quotes import wire
    from quotes.v1 import quotes_pb2 as pb

    service = pb.DESCRIPTOR.services_by_name["QuoteService"]
    # The one place the service's name is written out: everything else takes quotes.wire's.
    assert service.full_name == wire.SERVICE_NAME == "quotes.v1.QuoteService"
    assert (wire.EXTRACT_QUOTES, wire.STREAM_EXTRACT_QUOTES) == (
        "/quotes.v1.QuoteService/ExtractQuotes", "/quotes.v1.QuoteService/StreamExtractQuotes")
    assert {m.name for m in service.methods} == {"ExtractQuotes", "StreamExtractQuotes"}
    fields = {f.name: f.number for f in pb.Quote.DESCRIPTOR.fields}
    assert {k: fields[k] for k in ("text", "span", "type", "speaker", "cue", "cue_span", "confidence", "fragments")} == \
        {"text": 1, "span": 2, "type": 3, "speaker": 4, "cue": 5, "cue_span": 6, "confidence": 7, "fragments": 8}
    speaker = {f.name: f.number for f in pb.Speaker.DESCRIPTOR.fields}
    assert {k: speaker[k] for k in ("name", "span", "canonical_name", "title", "affiliation", "affiliation_short",
                                    "kind", "resolved_from_pronoun")} == \
        {"name": 1, "span": 2, "canonical_name": 3, "title": 4, "affiliation": 5, "affiliation_short": 6,
         "kind": 7, "resolved_from_pronoun": 8}
    # Added since the first contract, with the numbers assigned to them (buf breaking guards them
    # once a release carries them: proto/released/).
    assert {k: fields[k] for k in ("span_utf8", "fragments_utf8", "cue_span_utf8", "span_utf16", "fragments_utf16",
                                   "cue_span_utf16")} == \
        {"span_utf8": 9, "fragments_utf8": 10, "cue_span_utf8": 11, "span_utf16": 12, "fragments_utf16": 13,
         "cue_span_utf16": 14}
    assert (speaker["span_utf8"], speaker["span_utf16"], speaker["gender"], speaker["id"]) == (9, 10, 11, 12)
    assert fields["speaker_id"] == 15
    assert {f.name: f.number for f in pb.ExtractQuotesResponse.DESCRIPTOR.fields}["speakers"] == 3
    assert [v.name for v in pb.Gender.DESCRIPTOR.values] == ["GENDER_UNSPECIFIED", "GENDER_FEMALE", "GENDER_MALE"]
    assert [v.name for v in pb.QuoteType.DESCRIPTOR.values] == [
        "QUOTE_TYPE_UNSPECIFIED", "QUOTE_TYPE_DIRECT", "QUOTE_TYPE_INDIRECT", "QUOTE_TYPE_PARTIAL"]
    assert [v.name for v in pb.SpeakerKind.DESCRIPTOR.values] == [
        "SPEAKER_KIND_UNSPECIFIED", "SPEAKER_KIND_PERSON", "SPEAKER_KIND_ORGANIZATION", "SPEAKER_KIND_ROLE",
        "SPEAKER_KIND_GROUP", "SPEAKER_KIND_DOCUMENT"]
