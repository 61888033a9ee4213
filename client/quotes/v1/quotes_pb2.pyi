from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class QuoteType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    QUOTE_TYPE_UNSPECIFIED: _ClassVar[QuoteType]
    QUOTE_TYPE_DIRECT: _ClassVar[QuoteType]
    QUOTE_TYPE_INDIRECT: _ClassVar[QuoteType]
    QUOTE_TYPE_PARTIAL: _ClassVar[QuoteType]

class SpeakerKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SPEAKER_KIND_UNSPECIFIED: _ClassVar[SpeakerKind]
    SPEAKER_KIND_PERSON: _ClassVar[SpeakerKind]
    SPEAKER_KIND_ORGANIZATION: _ClassVar[SpeakerKind]
    SPEAKER_KIND_ROLE: _ClassVar[SpeakerKind]
    SPEAKER_KIND_GROUP: _ClassVar[SpeakerKind]
    SPEAKER_KIND_DOCUMENT: _ClassVar[SpeakerKind]

class Gender(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GENDER_UNSPECIFIED: _ClassVar[Gender]
    GENDER_FEMALE: _ClassVar[Gender]
    GENDER_MALE: _ClassVar[Gender]
QUOTE_TYPE_UNSPECIFIED: QuoteType
QUOTE_TYPE_DIRECT: QuoteType
QUOTE_TYPE_INDIRECT: QuoteType
QUOTE_TYPE_PARTIAL: QuoteType
SPEAKER_KIND_UNSPECIFIED: SpeakerKind
SPEAKER_KIND_PERSON: SpeakerKind
SPEAKER_KIND_ORGANIZATION: SpeakerKind
SPEAKER_KIND_ROLE: SpeakerKind
SPEAKER_KIND_GROUP: SpeakerKind
SPEAKER_KIND_DOCUMENT: SpeakerKind
GENDER_UNSPECIFIED: Gender
GENDER_FEMALE: Gender
GENDER_MALE: Gender

class ExtractQuotesRequest(_message.Message):
    __slots__ = ("document_id", "text")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    text: str
    def __init__(self, document_id: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class ExtractQuotesResponse(_message.Message):
    __slots__ = ("document_id", "quotes", "speakers")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUOTES_FIELD_NUMBER: _ClassVar[int]
    SPEAKERS_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    quotes: _containers.RepeatedCompositeFieldContainer[Quote]
    speakers: _containers.RepeatedCompositeFieldContainer[SpeakerEntity]
    def __init__(self, document_id: _Optional[str] = ..., quotes: _Optional[_Iterable[_Union[Quote, _Mapping]]] = ..., speakers: _Optional[_Iterable[_Union[SpeakerEntity, _Mapping]]] = ...) -> None: ...

class Span(_message.Message):
    __slots__ = ("start", "end")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    start: int
    end: int
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ...) -> None: ...

class Quote(_message.Message):
    __slots__ = ("text", "span", "type", "speaker", "cue", "cue_span", "confidence", "fragments", "span_utf8", "fragments_utf8", "cue_span_utf8", "span_utf16", "fragments_utf16", "cue_span_utf16", "speaker_id", "quoted", "quoted_utf8", "quoted_utf16", "rule")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_FIELD_NUMBER: _ClassVar[int]
    CUE_FIELD_NUMBER: _ClassVar[int]
    CUE_SPAN_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    FRAGMENTS_FIELD_NUMBER: _ClassVar[int]
    SPAN_UTF8_FIELD_NUMBER: _ClassVar[int]
    FRAGMENTS_UTF8_FIELD_NUMBER: _ClassVar[int]
    CUE_SPAN_UTF8_FIELD_NUMBER: _ClassVar[int]
    SPAN_UTF16_FIELD_NUMBER: _ClassVar[int]
    FRAGMENTS_UTF16_FIELD_NUMBER: _ClassVar[int]
    CUE_SPAN_UTF16_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_ID_FIELD_NUMBER: _ClassVar[int]
    QUOTED_FIELD_NUMBER: _ClassVar[int]
    QUOTED_UTF8_FIELD_NUMBER: _ClassVar[int]
    QUOTED_UTF16_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    text: str
    span: Span
    type: QuoteType
    speaker: Speaker
    cue: str
    cue_span: Span
    confidence: float
    fragments: _containers.RepeatedCompositeFieldContainer[Span]
    span_utf8: Span
    fragments_utf8: _containers.RepeatedCompositeFieldContainer[Span]
    cue_span_utf8: Span
    span_utf16: Span
    fragments_utf16: _containers.RepeatedCompositeFieldContainer[Span]
    cue_span_utf16: Span
    speaker_id: str
    quoted: _containers.RepeatedCompositeFieldContainer[Span]
    quoted_utf8: _containers.RepeatedCompositeFieldContainer[Span]
    quoted_utf16: _containers.RepeatedCompositeFieldContainer[Span]
    rule: str
    def __init__(self, text: _Optional[str] = ..., span: _Optional[_Union[Span, _Mapping]] = ..., type: _Optional[_Union[QuoteType, str]] = ..., speaker: _Optional[_Union[Speaker, _Mapping]] = ..., cue: _Optional[str] = ..., cue_span: _Optional[_Union[Span, _Mapping]] = ..., confidence: _Optional[float] = ..., fragments: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., span_utf8: _Optional[_Union[Span, _Mapping]] = ..., fragments_utf8: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., cue_span_utf8: _Optional[_Union[Span, _Mapping]] = ..., span_utf16: _Optional[_Union[Span, _Mapping]] = ..., fragments_utf16: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., cue_span_utf16: _Optional[_Union[Span, _Mapping]] = ..., speaker_id: _Optional[str] = ..., quoted: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., quoted_utf8: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., quoted_utf16: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., rule: _Optional[str] = ...) -> None: ...

class Speaker(_message.Message):
    __slots__ = ("name", "span", "canonical_name", "title", "affiliation", "affiliation_short", "kind", "resolved_from_pronoun", "span_utf8", "span_utf16", "gender", "id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    CANONICAL_NAME_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    AFFILIATION_FIELD_NUMBER: _ClassVar[int]
    AFFILIATION_SHORT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_FROM_PRONOUN_FIELD_NUMBER: _ClassVar[int]
    SPAN_UTF8_FIELD_NUMBER: _ClassVar[int]
    SPAN_UTF16_FIELD_NUMBER: _ClassVar[int]
    GENDER_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    span: Span
    canonical_name: str
    title: str
    affiliation: str
    affiliation_short: str
    kind: SpeakerKind
    resolved_from_pronoun: bool
    span_utf8: Span
    span_utf16: Span
    gender: Gender
    id: str
    def __init__(self, name: _Optional[str] = ..., span: _Optional[_Union[Span, _Mapping]] = ..., canonical_name: _Optional[str] = ..., title: _Optional[str] = ..., affiliation: _Optional[str] = ..., affiliation_short: _Optional[str] = ..., kind: _Optional[_Union[SpeakerKind, str]] = ..., resolved_from_pronoun: _Optional[bool] = ..., span_utf8: _Optional[_Union[Span, _Mapping]] = ..., span_utf16: _Optional[_Union[Span, _Mapping]] = ..., gender: _Optional[_Union[Gender, str]] = ..., id: _Optional[str] = ...) -> None: ...

class SpeakerEntity(_message.Message):
    __slots__ = ("id", "canonical_name", "kind", "titles", "affiliations", "acronyms", "gender", "mentions", "mentions_utf8", "quote_count", "mentions_utf16")
    ID_FIELD_NUMBER: _ClassVar[int]
    CANONICAL_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLES_FIELD_NUMBER: _ClassVar[int]
    AFFILIATIONS_FIELD_NUMBER: _ClassVar[int]
    ACRONYMS_FIELD_NUMBER: _ClassVar[int]
    GENDER_FIELD_NUMBER: _ClassVar[int]
    MENTIONS_FIELD_NUMBER: _ClassVar[int]
    MENTIONS_UTF8_FIELD_NUMBER: _ClassVar[int]
    QUOTE_COUNT_FIELD_NUMBER: _ClassVar[int]
    MENTIONS_UTF16_FIELD_NUMBER: _ClassVar[int]
    id: str
    canonical_name: str
    kind: SpeakerKind
    titles: _containers.RepeatedScalarFieldContainer[str]
    affiliations: _containers.RepeatedScalarFieldContainer[str]
    acronyms: _containers.RepeatedScalarFieldContainer[str]
    gender: Gender
    mentions: _containers.RepeatedCompositeFieldContainer[Span]
    mentions_utf8: _containers.RepeatedCompositeFieldContainer[Span]
    quote_count: int
    mentions_utf16: _containers.RepeatedCompositeFieldContainer[Span]
    def __init__(self, id: _Optional[str] = ..., canonical_name: _Optional[str] = ..., kind: _Optional[_Union[SpeakerKind, str]] = ..., titles: _Optional[_Iterable[str]] = ..., affiliations: _Optional[_Iterable[str]] = ..., acronyms: _Optional[_Iterable[str]] = ..., gender: _Optional[_Union[Gender, str]] = ..., mentions: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., mentions_utf8: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., quote_count: _Optional[int] = ..., mentions_utf16: _Optional[_Iterable[_Union[Span, _Mapping]]] = ...) -> None: ...
