"""Spark types for the results, derived from the proto descriptor, so a field added to
quotes.proto appears in Spark with nothing written by hand.

They mirror the protobuf JSON mapping that ``quotes extract --format jsonl`` prints
(``quotes.convert.response_to_dict``): the proto's field names, enums as their names, 64-bit
integers and bytes as strings (as the JSON mapping writes them), float and double as double
(the JSON number printed), a message as a struct and a repeated field as an array. A row is
the JSON object of an ExtractQuotesResponse plus ``error`` (null, or ``code`` and ``message``
when the document could not be extracted; its other fields are then null).
"""
from __future__ import annotations

from google.protobuf.descriptor import Descriptor, FieldDescriptor

from quotes.v1 import quotes_pb2 as pb

_F = FieldDescriptor
_INTEGER = (_F.TYPE_INT32, _F.TYPE_SINT32, _F.TYPE_SFIXED32)
_LONG = (_F.TYPE_UINT32, _F.TYPE_FIXED32)        # above 2**31: a long, still a JSON number
_AS_STRING = (_F.TYPE_STRING, _F.TYPE_BYTES, _F.TYPE_ENUM, _F.TYPE_INT64, _F.TYPE_SINT64,
              _F.TYPE_SFIXED64, _F.TYPE_UINT64, _F.TYPE_FIXED64)
ERROR_FIELD = "error"


def _scalar(field: FieldDescriptor, types):
    if field.type in _INTEGER:
        return types.IntegerType()
    if field.type in _LONG:
        return types.LongType()
    if field.type in _AS_STRING:
        return types.StringType()
    if field.type == _F.TYPE_BOOL:
        return types.BooleanType()
    if field.type in (_F.TYPE_FLOAT, _F.TYPE_DOUBLE):
        return types.DoubleType()
    raise TypeError(f"{field.full_name}: no Spark type for protobuf type {field.type}")


def _field_type(field: FieldDescriptor, types, seen: tuple[str, ...]):
    message = field.message_type
    if message is not None and message.GetOptions().map_entry:
        value = message.fields_by_name["value"]
        return types.MapType(types.StringType(), _field_type(value, types, seen))   # JSON keys are strings
    base = message_type(message, types, seen) if message is not None else _scalar(field, types)
    return types.ArrayType(base, containsNull=False) if field.is_repeated else base


def message_type(descriptor: Descriptor, types=None, seen: tuple[str, ...] = ()):
    """The StructType of a message: a field per proto field, in the descriptor's order.
    ``types`` is ``pyspark.sql.types`` (imported here when not given)."""
    if types is None:
        from pyspark.sql import types
    if descriptor.full_name in seen:
        raise TypeError(f"{descriptor.full_name} is recursive; Spark schemas cannot be")
    seen = (*seen, descriptor.full_name)
    return types.StructType([
        types.StructField(field.name, _field_type(field, types, seen), nullable=True)
        for field in descriptor.fields
    ])


def result_schema(types=None):
    """One row per document: ExtractQuotesResponse's fields, then ``error``."""
    if types is None:
        from pyspark.sql import types
    error = types.StructType([types.StructField("code", types.StringType(), nullable=False),
                              types.StructField("message", types.StringType(), nullable=False)])
    response = message_type(pb.ExtractQuotesResponse.DESCRIPTOR, types)
    return types.StructType([*response.fields, types.StructField(ERROR_FIELD, error, nullable=True)])
