"""Credentials and server addresses: what a live source needs, kept out of state and logs.

A token typed by the user or read from the environment lives in a :class:`SecretStore`, which
the run-time context holds and LangGraph never checkpoints; the graph state holds only a
:class:`ServerAddress` (URL and tenant), never a credential.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field


class SecretStore:
    """Credentials typed by the user or read from the environment, kept out of state and logs.

    The values are never part of ``repr``; a node asks for one by name when it builds a
    connection. Thread-safe, because one context may serve several questions at once.
    """

    def __init__(self, values: dict[str, str] | None = None) -> None:
        """Start with ``values`` (for example ``{"token": ...}``), empty ones ignored."""
        self._values = {key: value for key, value in (values or {}).items() if value}
        self._lock = threading.Lock()

    @classmethod
    def from_environment(cls) -> SecretStore:
        """Read the credentials profilecli reads (PROFILECLI_TOKEN, _USERNAME, _PASSWORD)."""
        return cls(
            {
                "token": os.environ.get("PROFILECLI_TOKEN", ""),
                "username": os.environ.get("PROFILECLI_USERNAME", ""),
                "password": os.environ.get("PROFILECLI_PASSWORD", ""),
            }
        )

    def get(self, name: str) -> str | None:
        """Return the secret called ``name``, or None."""
        with self._lock:
            return self._values.get(name)

    def set(self, name: str, value: str) -> None:
        """Store (or, with an empty value, forget) the secret called ``name``."""
        with self._lock:
            if value:
                self._values[name] = value
            else:
                self._values.pop(name, None)

    def names(self) -> list[str]:
        """Return the names of the secrets held (never their values)."""
        with self._lock:
            return sorted(self._values)

    def __repr__(self) -> str:
        """Return a description that names the secrets held but never shows a value."""
        return f"SecretStore(names={self.names()})"


@dataclass(frozen=True, kw_only=True)
class ServerAddress:
    """Where a live source connects: a URL and tenant (never a credential)."""

    url: str | None = field(
        default=None,
        metadata={
            "description": "The Pyroscope URL (http://localhost:4040) or a Grafana data-source "
            "proxy URL (https://<grafana>/api/datasources/proxy/uid/<uid>)."
        },
    )
    tenant: str | None = field(
        default=None,
        metadata={"description": "The tenant ID (X-Scope-OrgID) of a multi-tenant server."},
    )
