"""INVALID_ARGUMENT with a google.rpc.BadRequest attached (read by grpc_status.rpc_status.from_call)."""
from __future__ import annotations

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status


def bad_request(message: str, field: str, description: str) -> grpc.Status:
    detail = any_pb2.Any()
    detail.Pack(error_details_pb2.BadRequest(
        field_violations=[error_details_pb2.BadRequest.FieldViolation(field=field, description=description)]
    ))
    return rpc_status.to_status(status_pb2.Status(
        code=code_pb2.INVALID_ARGUMENT, message=message, details=[detail]
    ))
