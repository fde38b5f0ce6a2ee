"""Objects that are costly to make, made again on every call instead of once.

A locale formatter, a compiled JSON schema, an HTTP client with its connection pool, a JSON
mapper with its per-type caches: each does its expensive work when it is made, so that using
it is cheap. Made per call (or per item), every call pays the set-up and throws it away.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import Construct, HotCode, cost_kind, short

#: Why each kind of object is costly to make.
_FORMATTER = "a formatter loads and compiles its locale data and patterns when it is made"
_SCHEMA = "compiling a schema parses it and builds its validators"
_CLIENT = (
    "a client owns its connection pool: a new one opens new connections (TCP and TLS "
    "handshakes) instead of reusing warm ones"
)
_MAPPER = "a mapper builds and caches its per-type (de)serialisers the first time it meets a type"
_TLS = "loading certificates parses and verifies them"
_CONNECTION = (
    "opening a connection pays a DNS lookup, the TCP (and TLS) handshakes and the server's "
    "greeting or authentication before the first byte of work"
)

#: (receiver suffix, name) -> why; "" = any receiver.
_SETUP: dict[tuple[str, str], str] = {
    ("Intl", "NumberFormat"): _FORMATTER,
    ("Intl", "DateTimeFormat"): _FORMATTER,
    ("Intl", "Collator"): _FORMATTER,
    ("Intl", "PluralRules"): _FORMATTER,
    ("Intl", "RelativeTimeFormat"): _FORMATTER,
    ("Intl", "ListFormat"): _FORMATTER,
    ("", "Ajv"): _SCHEMA,
    ("ajv", "compile"): _SCHEMA,
    ("jsonschema", "Compile"): _SCHEMA,
    ("jsonschema", "CompileString"): _SCHEMA,
    ("jsonschema", "MustCompile"): _SCHEMA,
    ("gojsonschema", "NewSchema"): _SCHEMA,
    ("jsonschema", "validate"): _SCHEMA + " (jsonschema.validate checks the schema itself too)",
    ("jsonschema", "Draft7Validator"): _SCHEMA,
    ("jsonschema", "Draft202012Validator"): _SCHEMA,
    ("fastjsonschema", "compile"): _SCHEMA,
    ("xmlschema", "XMLSchema"): _SCHEMA,
    ("requests", "Session"): _CLIENT,
    ("httpx", "Client"): _CLIENT,
    ("httpx", "AsyncClient"): _CLIENT,
    ("aiohttp", "ClientSession"): _CLIENT,
    ("boto3", "client"): _CLIENT + "; boto3 also loads its service model",
    ("boto3", "resource"): _CLIENT + "; boto3 also loads its service model",
    ("", "HttpClient"): _CLIENT,
    ("", "ObjectMapper"): _MAPPER,
    ("", "Gson"): _MAPPER,
    ("JAXBContext", "newInstance"): _MAPPER,
    ("", "JsonSerializerOptions"): _MAPPER + " (System.Text.Json caches per options instance)",
    ("ssl", "create_default_context"): _TLS,
    ("tls", "LoadX509KeyPair"): _TLS,
    ("x509", "SystemCertPool"): _TLS,
    ("smtplib", "SMTP"): _CONNECTION,
    ("smtplib", "SMTP_SSL"): _CONNECTION,
    ("ftplib", "FTP"): _CONNECTION,
    ("socket", "create_connection"): _CONNECTION,
    ("client", "HTTPConnection"): _CONNECTION,
    ("client", "HTTPSConnection"): _CONNECTION,
    ("psycopg", "connect"): _CONNECTION,
    ("psycopg2", "connect"): _CONNECTION,
    ("pymysql", "connect"): _CONNECTION,
    ("redis", "Redis"): _CONNECTION,
    ("redis", "StrictRedis"): _CONNECTION,
    ("pika", "BlockingConnection"): _CONNECTION,
    ("net", "Dial"): _CONNECTION,
    ("net", "DialTimeout"): _CONNECTION,
    ("tls", "Dial"): _CONNECTION,
    ("grpc", "Dial"): _CONNECTION,
    ("grpc", "NewClient"): _CONNECTION,
    ("sql", "Open"): _CONNECTION + " (sql.Open makes a whole pool)",
    ("net", "createConnection"): _CONNECTION,
    ("net", "connect"): _CONNECTION,
    ("tls", "connect"): _CONNECTION,
    ("mysql", "createConnection"): _CONNECTION,
    ("pg", "Client"): _CONNECTION,
    ("", "MongoClient"): _CONNECTION,
    ("", "WebSocket"): _CONNECTION,
}


#: A Go client or transport written as a literal (``&http.Client{Timeout: t}``).
_CLIENT_LITERAL = re.compile(r"^&?(http\.Client|http\.Transport|retryablehttp\.Client)\s*\{")


def _literal_clients(code: HotCode) -> list[tuple[int, str, str]]:
    """Return clients made as literals by this function and used on its hot lines."""
    used = {c.receiver for c in code.hot_calls() if code.is_hot(c.line)}
    return [
        (b.line, match.group(1) + "{}", _CLIENT)
        for b in code.facts.bindings
        if (match := _CLIENT_LITERAL.match(b.value.strip())) and set(b.names) & used
    ]


def setup_per_call(code: HotCode) -> Construct | None:
    """Make, on every call, an object whose making is the costly part."""
    if code.family in ("mutex", "block", "goroutine", "inuse"):
        return None
    found = [
        (call.line, call.callee, why)
        for call in code.hot_calls()
        for (receiver, name), why in _SETUP.items()
        if call.name == name and (call.receiver.endswith(receiver) if receiver else True)
        and (receiver or call.constructs)
    ]  # fmt: skip
    found += _literal_clients(code)
    if not found:
        return None
    line, callee, why = min(found, key=lambda item: (not code.is_hot(item[0]), item[0]))
    per = "iteration" if code.facts.loops_around(line) else "call"
    return Construct(
        "setup-per-call",
        cost_kind(code),
        line,
        f"A new {short(callee, 30)} made on every {per}",
        f"makes a new `{short(callee, 40)}` on every {per} ({code.ref(line)}) and "
        f"uses it once: {why}, and here every {per} pays that and throws it away",
        (
            f"Open the connection once and reuse it: keep a long-lived `{short(callee, 30)}` "
            "(or a pool of them) for the process, send many messages or requests over one "
            "session, and reconnect only when it drops."
            if why.startswith(_CONNECTION)
            else f"Make the `{short(callee, 40)}` once and reuse it: at module level, in a "
            "field set at start-up, or in a small cache keyed by its options (one per locale "
            "or currency, one per schema); these objects are meant to be shared."
        ),
        9,
    )
