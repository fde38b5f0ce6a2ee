"""The Connect protocol facts shared by our client and our replay server.

Pyroscope serves its API with connect-go (v1.19.2): unary calls are ``POST <base>/<pkg>.<Service>/
<Method>`` with a ``application/proto`` or ``application/json`` body; errors are JSON
``{"code", "message"}`` with an HTTP status per code (``connectCodeToHTTP``); a non-JSON error
(e.g. from an auth proxy) is read by the client from the HTTP status (``httpToCode``).
Source: pyroscope-api.md §3.1 and §3.3, §2.5.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TypeVar

from google.protobuf import json_format
from google.protobuf.message import DecodeError, Message

from profile_insights.agent.errors import (
    AuthenticationError,
    ConnectionFailedError,
    InvalidQueryError,
    MethodNotServedError,
    ProfileInsightsError,
    QueryRangeError,
    QueryTimeoutError,
    shown,
)
from profile_insights.agent.pyroscope.limits import QUERY_RANGE_LIMIT_TEXT
from profile_insights.agent.pyroscope.settings import scrub

M = TypeVar("M", bound=Message)

QUERIER_SERVICE = "querier.v1.QuerierService"
PUSH_PATH = "/push.v1.PusherService/Push"
PROTO = "application/proto"
#: Connect codes worth a retry (with a 502/503/504 status: a proxy or a restarting server).
TRANSIENT_CODES = frozenset({"unavailable"})
JSON = "application/json"
# profilecli sends this on every request; without the capability the server drops label names
# that are not legacy-Prometheus-valid (otel.scope.name, ...) from Series answers
# (pkg/featureflags/client_capability.go).
ACCEPT_UTF8_LABELNAMES = "*/*;allow-utf8-labelnames=true"

CODE_TO_HTTP: dict[str, int] = {
    "canceled": 499,
    "unknown": 500,
    "invalid_argument": 400,
    "deadline_exceeded": 504,
    "not_found": 404,
    "already_exists": 409,
    "permission_denied": 403,
    "resource_exhausted": 429,
    "failed_precondition": 400,
    "aborted": 409,
    "out_of_range": 400,
    "unimplemented": 501,
    "internal": 500,
    "unavailable": 503,
    "data_loss": 500,
    "unauthenticated": 401,
}

# connect-go protocol.go httpToCode: how a client names a non-JSON HTTP error.
_HTTP_TO_CODE: dict[int, str] = {
    400: "internal",
    401: "unauthenticated",
    403: "permission_denied",
    404: "unimplemented",
    429: "unavailable",
    502: "unavailable",
    503: "unavailable",
    504: "unavailable",
}


@dataclass(frozen=True)
class ConnectError:
    """A Connect error: its snake_case code and the server's message."""

    code: str
    message: str

    def __str__(self) -> str:
        """Return ``code: message``, as connect-go's ``Error()`` prints it."""
        return f"{self.code}: {self.message}"


def code_for_http_status(status: int) -> str:
    """Return the code connect-go gives a non-JSON HTTP error of this status."""
    return _HTTP_TO_CODE.get(status, "unknown")


def parse_error(status: int, reason: str, content_type: str, body: bytes) -> ConnectError:
    """Return the Connect error of a non-200 answer (JSON body, or the HTTP status line)."""
    if content_type.split(";")[0].strip() == JSON:
        try:
            payload = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            payload = None
        if isinstance(payload, dict) and isinstance(payload.get("code"), str):
            return ConnectError(payload["code"], str(payload.get("message", "")))
    return ConnectError(code_for_http_status(status), f"{status} {reason}".strip())


def error_body(code: str, message: str) -> bytes:
    """Return the JSON body of a Connect error."""
    return json.dumps({"code": code, "message": message}).encode("utf-8")


class ConnectReply(Exception):
    """Stop handling a request and answer with a Connect error (the replay server's side)."""

    def __init__(self, code: str, message: str) -> None:
        """Keep the Connect code (``invalid_argument``...) and the message."""
        super().__init__(message)
        self.code = code
        self.message = message


def decode_message(body: bytes, codec: str, message: M) -> M:
    """Fill ``message`` from a request body in its codec (JSON or proto).

    Raises:
        ConnectReply: ``invalid_argument`` when the body is not such a message.
    """
    try:
        if codec == JSON:
            json_format.Parse(body.decode("utf-8") or "{}", message, ignore_unknown_fields=True)
        else:
            message.ParseFromString(body)
    except (json_format.ParseError, DecodeError, UnicodeDecodeError) as error:
        raise ConnectReply("invalid_argument", f"cannot decode the request: {error}") from None
    return message


def encode_message(message: Message, codec: str) -> bytes:
    """Return an answer in the request's codec (protojson for JSON)."""
    if codec == JSON:
        return json.dumps(json_format.MessageToDict(message)).encode("utf-8")
    return message.SerializeToString()


def typed_error(
    method: str, error: ConnectError, where: str, secrets: list[str]
) -> ProfileInsightsError:
    """Return the typed error a user sees for a Connect error (secrets scrubbed, shortened).

    Args:
    method: The querier method that failed.
    error: The parsed Connect error.
    where: The server, as reports name it (no credentials).
    secrets: Strings to remove from the server's message.
    """
    text = shown(scrub(str(error), secrets), 400)
    if error.code in ("unauthenticated", "permission_denied"):
        return AuthenticationError(f"Pyroscope at {where} refused the request: {text}")
    if error.code in ("invalid_argument", "failed_precondition", "out_of_range"):
        if QUERY_RANGE_LIMIT_TEXT in error.message:
            return QueryRangeError(f"{method} was refused: {text}")
        return InvalidQueryError(f"Pyroscope rejected the {method} query: {text}")
    if error.code == "deadline_exceeded":
        return QueryTimeoutError(f"{method} on {where} ran out of time: {text}")
    if error.code in ("unimplemented", "not_found"):
        return MethodNotServedError(
            f"{where} does not serve {QUERIER_SERVICE}/{method}: {text}",
            "Check PROFILECLI_URL: use the Pyroscope base URL, or a Grafana data-source "
            "proxy URL ending in /api/datasources/proxy/uid/<uid> (not the Grafana root).",
        )
    if error.code in TRANSIENT_CODES or error.code == "resource_exhausted":
        return ConnectionFailedError(
            f"Pyroscope at {where} kept failing: {text}",
            "The server or a proxy in front of it is unavailable; try again later and "
            "check PROFILECLI_URL.",
        )
    return ConnectionFailedError(
        f"Pyroscope at {where} failed on {method}: {text}",
        "Try again later; if it persists, check the server's logs.",
    )
