"""Malformed HTTP requests to ``serve``: framing, sizes, codecs, queries and pushes.

Each case is the bytes sent, the statuses allowed and what the answer must say;
``test_replay_http.py`` sends them to one ``serve`` process over raw sockets.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass

from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api
from tests.hostile import files

QUERIER = "/querier.v1.QuerierService"
PUSH = "/push.v1.PusherService/Push"
JSON_HEADERS = "Content-Type: application/json\r\n"
PROTO_HEADERS = "Content-Type: application/proto\r\n"


def post(path: str, headers: str, body: bytes) -> bytes:
    """Return a well-framed POST with ``body``."""
    return (
        f"POST {path} HTTP/1.1\r\nHost: x\r\n{headers}Content-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode() + body


def raw_post(path: str, headers: str, rest: bytes) -> bytes:
    """Return a POST whose framing headers and body the case writes itself."""
    return f"POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{headers}".encode() + rest


def _push(profile: bytes, labels: dict[str, str]) -> bytes:
    request = api.PushRequest(
        series=[
            api.RawProfileSeries(
                labels=[api.LabelPair(name=k, value=v) for k, v in labels.items()],
                samples=[api.RawSample(raw_profile=profile)],
            )
        ]
    )
    return request.SerializeToString()


PUSHED = {"__name__": "process_cpu", "service_name": "pushed"}


@dataclass(frozen=True)
class HttpCase:
    """Bytes sent to the server, the statuses allowed and what the answer must say."""

    name: str
    request: Callable[[], bytes]
    statuses: tuple[int, ...]
    says: str


CASES: list[HttpCase] = [
    HttpCase(
        "content-length-not-a-number",
        lambda: raw_post(f"{QUERIER}/ProfileTypes", JSON_HEADERS, b"Content-Length: abc\r\n\r\n{}"),
        (400,),
        r"Invalid HTTP request",
    ),
    HttpCase(
        "content-length-negative",
        lambda: raw_post(f"{QUERIER}/ProfileTypes", JSON_HEADERS, b"Content-Length: -1\r\n\r\n{}"),
        (400,),
        r"Invalid HTTP request",
    ),
    HttpCase(
        "content-length-two-values",
        lambda: raw_post(
            f"{QUERIER}/ProfileTypes",
            JSON_HEADERS,
            b"Content-Length: 2\r\nContent-Length: 7\r\n\r\n{}",
        ),
        (400,),
        r"Invalid HTTP request",
    ),
    HttpCase(
        "chunk-size-not-hex",
        lambda: raw_post(
            f"{QUERIER}/ProfileTypes",
            JSON_HEADERS,
            b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        ),
        (400,),
        r"Invalid HTTP request",
    ),
    HttpCase(
        "chunk-size-enormous",
        lambda: raw_post(
            f"{QUERIER}/ProfileTypes",
            JSON_HEADERS,
            b"Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffffff\r\n{}\r\n0\r\n\r\n",
        ),
        (400,),
        r"Invalid HTTP request",
    ),
    HttpCase(
        "chunked-and-content-length",
        lambda: raw_post(
            f"{QUERIER}/ProfileTypes",
            JSON_HEADERS,
            b"Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        ),
        (400,),
        r"Invalid HTTP request",
    ),
    HttpCase(
        "header-without-colon",
        lambda: b"POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nthis is no header\r\n\r\n",
        (400,),
        r"Invalid HTTP request",
    ),
    HttpCase("request-line-garbage", lambda: b"HELLO THERE\r\n\r\n", (400,), r"Invalid HTTP"),
    HttpCase(
        "url-of-100k-characters",
        lambda: f"GET /{'a' * 100_000} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode(),
        (400, 414, 431),
        r"",
    ),
    HttpCase(
        "header-of-1-mib",
        lambda: (
            b"GET /ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: "
            + b"b" * (1 << 20)
            + b"\r\n\r\n"
        ),
        (200, 400, 431),
        r"",
    ),
    HttpCase(
        "declared-body-over-64-mib",
        lambda: raw_post(f"{PUSH}", PROTO_HEADERS, b"Content-Length: 999999999999\r\n\r\nxx"),
        (413,),
        r"resource_exhausted.*request body over",
    ),
    HttpCase(
        "gzip-body-corrupt",
        lambda: post(PUSH, PROTO_HEADERS + "Content-Encoding: gzip\r\n", b"\x1f\x8bnot gzip"),
        (400,),
        r"invalid_argument.*bad gzip",
    ),
    HttpCase(
        "gzip-body-truncated",
        lambda: post(
            PUSH, PROTO_HEADERS + "Content-Encoding: gzip\r\n", gzip.compress(b"x" * 9000)[:30]
        ),
        (400,),
        r"invalid_argument.*bad gzip",
    ),
    HttpCase(
        "get-unknown-path",
        lambda: b"GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        (404,),
        r"404",
    ),
    HttpCase(
        "put-a-method",
        lambda: (
            f"PUT {QUERIER}/Series HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            "Content-Length: 0\r\n\r\n"
        ).encode(),
        (405,),
        r"405 method not allowed",
    ),
    HttpCase(
        "unknown-content-type",
        lambda: post(f"{QUERIER}/Series", "Content-Type: text/x-shell\r\n", b"rm -rf /"),
        (415,),
        r"",
    ),
    HttpCase(
        "unknown-querier-method",
        lambda: post(f"{QUERIER}/DropAllTables", JSON_HEADERS, b"{}"),
        (501,),
        r"unimplemented",
    ),
    HttpCase(
        "proto-body-garbage",
        lambda: post(f"{QUERIER}/Series", PROTO_HEADERS, b"\xff\xff\xff\xff\x0f garbage"),
        (400,),
        r"invalid_argument.*cannot decode",
    ),
    HttpCase(
        "json-body-a-list",
        lambda: post(f"{QUERIER}/Series", JSON_HEADERS, b"[1, 2, 3]"),
        (400,),
        r"invalid_argument",
    ),
    HttpCase(
        "json-body-nested-100000-deep",
        lambda: post(f"{QUERIER}/Series", JSON_HEADERS, b"[" * 100_000 + b"]" * 100_000),
        (400,),
        r"invalid_argument",
    ),
    HttpCase(
        "json-body-not-utf8",
        lambda: post(f"{QUERIER}/Series", JSON_HEADERS, b'{"matchers": ["\xff\xfe"]}'),
        (400,),
        r"invalid_argument",
    ),
    HttpCase(
        "series-selector-injection",
        lambda: post(
            f"{QUERIER}/Series",
            JSON_HEADERS,
            json.dumps({"matchers": ['{a="b"}; rm -rf /']}).encode(),
        ),
        (400,),
        r"invalid_argument",
    ),
    HttpCase(
        "merge-profile-type-garbage",
        lambda: post(
            f"{QUERIER}/SelectMergeStacktraces",
            JSON_HEADERS,
            json.dumps({"profileTypeID": "$(id)", "labelSelector": "{}", "format": 4}).encode(),
        ),
        (400,),
        r"invalid_argument.*profile-type",
    ),
    HttpCase(
        "merge-range-of-a-week",
        lambda: post(
            f"{QUERIER}/SelectMergeProfile",
            JSON_HEADERS,
            json.dumps(
                {
                    "profileTypeID": files.CPU,
                    "labelSelector": "{}",
                    "start": 1_700_000_000_000,
                    "end": 1_700_604_800_000,
                }
            ).encode(),
        ),
        (400,),
        r"exceeds the limit",
    ),
    HttpCase(
        "merge-times-out-of-range",
        lambda: post(
            f"{QUERIER}/SelectMergeProfile",
            JSON_HEADERS,
            json.dumps({"profileTypeID": files.CPU, "start": -9e18, "end": 9e18}).encode(),
        ),
        (400,),
        r"invalid_argument",
    ),
    HttpCase(
        "push-malformed-profile",
        lambda: post(PUSH, PROTO_HEADERS, _push(files.MALFORMED["location-id-0"][0](), PUSHED)),
        (400,),
        r"invalid_argument.*reserved id=0",
    ),
    HttpCase(
        "push-concatenated-profiles",
        lambda: post(PUSH, PROTO_HEADERS, _push(files.MALFORMED["concatenated"][0](), PUSHED)),
        (400,),
        r"invalid_argument.*concatenated",
    ),
    HttpCase(
        "push-gzip-bomb-profile",
        lambda: post(PUSH, PROTO_HEADERS, _push(files.gzip_bomb(64 << 20), PUSHED)),
        (400,),
        r"invalid_argument.*decompress",
    ),
    HttpCase(
        "push-without-service-name",
        lambda: post(
            PUSH, PROTO_HEADERS, _push(files.DEMO_PROFILE.read_bytes(), {"__name__": "x"})
        ),
        (400,),
        r"invalid_argument.*service_name",
    ),
    HttpCase(
        "legacy-ingest-garbage",
        lambda: post("/ingest?name=app", "Content-Type: binary/octet-stream\r\n", b"garbage" * 9),
        (400,),
        r"invalid_argument.*unrecognized profile format",
    ),
    HttpCase(
        "legacy-ingest-name-injection",
        lambda: post(
            "/ingest?name=%24(touch%20pwned)%7Ba%3D%22b%22%7D&from=garbage",
            "Content-Type: binary/octet-stream\r\n",
            files.DEMO_PROFILE.read_bytes(),
        ),
        (200, 400),
        r"",
    ),
]
