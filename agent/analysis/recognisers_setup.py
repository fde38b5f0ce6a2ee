"""Objects that are costly to make, made again on every call instead of once; keys derived so.

A locale formatter, a compiled JSON schema, an HTTP client with its connection pool, a JSON
mapper with its per-type caches: each does its expensive work when it is made, so that using
it is cheap. Made per call (or per item), every call pays the set-up and throws it away.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import (
    Construct,
    HotCode,
    calls_named,
    cost_kind,
    short,
)

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
        if (match := _CLIENT_LITERAL.match(b.value.strip()))
        and set(b.names) & used
        # An http.Client with no Transport of its own shares http.DefaultTransport's pool.
        and (match.group(1) != "http.Client" or "Transport:" in b.value)
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


#: Knowledge entries whose frames under a hot line show a key derivation.
KDF_ENTRIES = (
    "node-kdf-sync", "node-bcrypt", "go-bcrypt", "go-kdf", "py-password-hashing",
    "java-password-hashing", "dotnet-password-hashing", "ruby-password-hashing", "ruby-kdf-c",
    "rust-password-hashing", "native-openssl-kdf",
)  # fmt: skip


_KEY_DERIVATION = {
    "pbkdf2Sync", "scryptSync", "pbkdf2_hmac", "scrypt", "pbkdf2", "hashpw", "checkpw",
    "GenerateFromPassword", "CompareHashAndPassword", "Key", "IDKey", "hash_password",
}  # fmt: skip


def key_derivation(code: HotCode) -> Construct | None:
    """Derive a key from a password or secret (slow on purpose) on every request."""
    calls = [
        c for c in calls_named(code, _KEY_DERIVATION) if c.name != "Key" or "pbkdf2" in c.callee
    ] + [
        c
        for c in calls_named(code, {"hash", "hashSync", "compare", "compareSync", "verify"})
        if re.search(r"(?i)bcrypt|argon2|scrypt", c.receiver)
    ]
    if not calls and not code.shows(*KDF_ENTRIES):
        return None
    line = calls[0].line if calls else code.lines[0]
    name = calls[0].callee if calls else "a key-derivation function"
    return Construct(
        "key-derivation",
        "cpu_hotspot",
        line,
        "Key derivation on every request",
        f"derives a key with `{name}` on every call ({code.ref(line)}): password hashing and "
        "key derivation (scrypt, PBKDF2, bcrypt) are slow on purpose, tens of milliseconds "
        "of CPU each, and here every request pays it synchronously",
        "Derive the key once and cache it: it depends only on the secret and the salt, so "
        "compute it at start-up (or memoise it per secret); for password checks, verify once "
        "per session, not per request, then trust the session token; for API keys or tokens "
        "(random, high-entropy secrets) a slow hash buys nothing: store a SHA-256 of the key "
        "and compare it in constant time, or cache successful verifications for a short TTL"
        + _KDF_OFF_THE_PATH.get(code.language, "."),
        10,
    )


#: How to keep an unavoidable key derivation off the request's critical path, per grammar.
_KDF_OFF_THE_PATH = {
    "javascript": "; if it must run per request, use the asynchronous API (crypto.scrypt, "
    "crypto.pbkdf2 with a callback, or a worker pool) so it does not block the event loop.",
    "typescript": "; if it must run per request, use the asynchronous API (crypto.scrypt, "
    "crypto.pbkdf2 with a callback, or a worker pool) so it does not block the event loop.",
    "python": "; if it must run per request, run it in a thread or process pool so it does "
    "not hold the event loop (or the GIL-bound worker) for its whole duration.",
}
