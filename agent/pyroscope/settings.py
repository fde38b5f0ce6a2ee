"""Where the Pyroscope server is and how to authenticate, read like profilecli reads it.

profilecli takes ``--url``/``--token``/``--tenant-id``/``--username``/``--password`` or the
``PROFILECLI_URL``/``PROFILECLI_TOKEN``/``PROFILECLI_TENANT_ID``/``PROFILECLI_USERNAME``/
``PROFILECLI_PASSWORD`` environment variables (``cmd/profilecli/client.go``). Basic auth wins
when a username or password is set; otherwise a token becomes ``Authorization: Bearer``. Secrets
live in ``SecretStr`` so that reprs, logs and model dumps show ``**********``.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterable, Mapping
from urllib.parse import quote, urlsplit, urlunsplit

from pydantic import BaseModel, SecretStr

from profile_insights.agent.errors import ConfigurationError, shown

DEFAULT_URL = "http://localhost:4040"
#: Longest URL accepted (httpx refuses longer ones; no server serves them).
MAX_URL = 8192
#: Environment variables whose values are credentials, scrubbed from foreign text too.
SECRET_VARIABLES = ("PROFILECLI_TOKEN", "PROFILECLI_PASSWORD", "PROFILE_INSIGHTS_REPLAY_TOKEN")


class ConnectionSettings(BaseModel):
    """A Pyroscope base URL (plain or a Grafana data-source proxy) and its credentials."""

    url: str = DEFAULT_URL
    token: SecretStr | None = None
    tenant_id: str | None = None
    username: str | None = None
    password: SecretStr | None = None

    @classmethod
    def from_env(
        cls, url: str | None = None, environ: Mapping[str, str] | None = None
    ) -> ConnectionSettings:
        """Return settings from ``PROFILECLI_*`` variables; an explicit ``url`` wins.

        Credentials written into the URL (``http://user:pass@host``) are moved to Basic auth so
        that the URL can be shown and logged.

        Raises:
            ConfigurationError: when the URL is not an http(s) URL.
        """
        env = os.environ if environ is None else environ
        raw_url = url or env.get("PROFILECLI_URL") or DEFAULT_URL
        if len(raw_url) > MAX_URL:
            # Never echo it: too long to show, and it may carry a password.
            raise ConfigurationError(
                f"the Pyroscope URL is too long ({len(raw_url)} characters; at most {MAX_URL})",
                "Set PROFILECLI_URL (or --url) to the server's base URL, e.g. "
                "http://localhost:4040.",
            )
        token = env.get("PROFILECLI_TOKEN") or None
        username = env.get("PROFILECLI_USERNAME") or None
        password = env.get("PROFILECLI_PASSWORD") or None
        try:
            parts = urlsplit(raw_url)
            parts.port  # noqa: B018 - raises ValueError for a port that is not 0-65535
        except ValueError as error:
            # Never echo the URL: it may carry a password, and it cannot be redacted unparsed.
            raise ConfigurationError(
                f"the Pyroscope URL is malformed ({error})",
                "Set PROFILECLI_URL to e.g. http://localhost:4040 or "
                "https://grafana.example.net/api/datasources/proxy/uid/<uid>.",
            ) from error
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigurationError(
                f"not an http(s) URL: {shown(_redact(raw_url))}",
                "Set PROFILECLI_URL to e.g. http://localhost:4040 or "
                "https://grafana.example.net/api/datasources/proxy/uid/<uid>.",
            )
        if parts.username or parts.password:
            username = username or parts.username
            password = password or parts.password
        return cls(
            url=_redact(raw_url),
            token=SecretStr(token) if token else None,
            tenant_id=env.get("PROFILECLI_TENANT_ID") or None,
            username=username,
            password=SecretStr(password) if password else None,
        )

    @property
    def base_url(self) -> str:
        """Return the URL without a trailing slash; RPC paths are appended to it."""
        return self.url.rstrip("/")

    def auth_headers(self) -> dict[str, str]:
        """Return ``Authorization`` and ``X-Scope-OrgID`` headers (values hold secrets).

        Raises:
            ConfigurationError: when the token or tenant cannot be sent as a header.
        """
        headers: dict[str, str] = {}
        if self.username or self.password:
            password = self.password.get_secret_value() if self.password else ""
            pair = f"{self.username or ''}:{password}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        elif self.token is not None:
            # Surrounding whitespace is a file's line end ($(cat token.txt) keeps a \r).
            token = self.token.get_secret_value().strip()
            if not (token.isascii() and token.isprintable()):
                # httpx would refuse the header and quote its whole value, token included.
                raise ConfigurationError(
                    "PROFILECLI_TOKEN holds a line break, a control or a non-ASCII character, "
                    "which no HTTP header can carry",
                    "Set PROFILECLI_TOKEN again, copying only the token itself.",
                )
            headers["Authorization"] = f"Bearer {token}"
        if self.tenant_id:
            if not (self.tenant_id.isascii() and self.tenant_id.isprintable()):
                raise ConfigurationError(
                    f"the tenant ID {self.tenant_id!r} holds a character no HTTP header can carry",
                    "Set PROFILECLI_TENANT_ID (or --tenant) to the plain tenant name.",
                )
            headers["X-Scope-OrgID"] = self.tenant_id
        return headers

    def profilecli_env(self) -> dict[str, str]:
        """Return the ``PROFILECLI_*`` variables for a profilecli child process (never argv)."""
        env = {"PROFILECLI_URL": self.base_url}
        if self.token is not None:
            env["PROFILECLI_TOKEN"] = self.token.get_secret_value()
        if self.tenant_id:
            env["PROFILECLI_TENANT_ID"] = self.tenant_id
        if self.username:
            env["PROFILECLI_USERNAME"] = self.username
        if self.password is not None:
            env["PROFILECLI_PASSWORD"] = self.password.get_secret_value()
        return env

    def secrets(self) -> list[str]:
        """Return every form in which a credential of these settings can come back.

        A server (or a proxy) may quote the request's ``Authorization`` header in an error:
        the Bearer token, the Basic header's base64 value, or the decoded ``user:password``;
        the password may also appear percent-encoded (a URL echoed back).
        """
        forms: list[str] = []
        token = self.token.get_secret_value() if self.token is not None else ""
        forms += [token, token.strip()]
        if self.username or self.password:
            password = self.password.get_secret_value() if self.password else ""
            pair = f"{self.username or ''}:{password}"
            encoded = base64.b64encode(pair.encode()).decode("ascii")
            forms += [encoded, encoded.rstrip("="), pair, password, quote(password, safe="")]
        return secret_forms(forms)

    def describe(self) -> str:
        """Return the URL and tenant, never a credential."""
        tenant = f" (tenant {self.tenant_id})" if self.tenant_id else ""
        return f"{self.base_url}{tenant}"


def secret_forms(values: Iterable[str]) -> list[str]:
    """Return the values worth scrubbing, with the process's credential variables, longest first.

    Longest first, so that ``user:password`` is replaced whole before ``password`` alone. Values
    under four characters are left out: replacing every "a" would garble a message and hide
    nothing.
    """
    found = {value for value in values if len(value) >= 4}
    found |= {os.environ[name] for name in SECRET_VARIABLES if len(os.environ.get(name, "")) >= 4}
    return sorted(found, key=len, reverse=True)


def scrub(text: str, secrets: list[str]) -> str:
    """Return ``text`` with every secret value (and the process's credentials) replaced."""
    for secret in secret_forms(secrets):
        text = text.replace(secret, "**********")
    return text


def scrub_profile(data: bytes, secrets: list[str]) -> bytes:
    """Return profile bytes with every credential removed from their strings.

    A server that echoes request headers into label values or function names would otherwise
    get them into the cached profile file and the report. Bytes holding no secret are
    returned as they are (the usual case: one search of the decompressed bytes).
    """
    from profile_insights.agent.errors import ProfileFormatError
    from profile_insights.agent.profiles.combine import encode_pprof
    from profile_insights.agent.profiles.decode import decode_profile, decompressed

    forms = secret_forms(secrets)
    if not forms or not data:
        return data
    try:
        raw = decompressed(data, name="the answer")
    except ProfileFormatError:
        return data  # not a profile: the reader refuses it next, saying why
    if not any(form.encode() in raw for form in forms):
        return data
    profile = decode_profile(raw, name="the answer")
    for index, text in enumerate(profile.string_table):
        if any(form in text for form in forms):
            profile.string_table[index] = scrub(text, forms)
    return encode_pprof(profile, compress=True)


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if not (parts.username or parts.password):
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
