"""Telling whether two repository URLs name the same repository (https, ssh and scp forms)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SCP_RE = re.compile(r"^(?:[^@/]+@)?(?P<host>[^:/]+):(?P<path>(?!//).+)$")


_CASE_INSENSITIVE_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org"})


def normalize_repository_url(url: str) -> str:
    """Return ``host/owner/name`` for a repository URL in any common spelling.

    Handles ``https://``/``http://``/``ssh://``/``git://`` URLs, scp-like ``git@host:owner/name``,
    bare ``host/owner/name`` and ``owner/name`` (Pyroscope's own tests use that form), a
    ``.git`` suffix, trailing slashes, credentials and ports. Hosts are compared in lower case,
    and so are paths on hosts whose paths are case-insensitive (GitHub, GitLab, Bitbucket).
    """
    text = url.strip()
    host = ""
    if "://" in text:
        parts = urlsplit(text)
        host = parts.hostname or ""
        path = parts.path
    else:
        scp = _SCP_RE.match(text)
        if scp and "." in scp["host"] or scp and scp["host"] == "localhost":
            host, path = scp["host"], scp["path"]
        else:
            first, _, rest = text.partition("/")
            if "." in first and rest:
                host, path = first, rest
            else:
                path = text
    host = host.lower().removeprefix("www.")
    path = path.strip("/")
    path = path.removesuffix(".git").strip("/")
    if host in _CASE_INSENSITIVE_HOSTS:
        path = path.lower()
    return f"{host}/{path}" if host else path


def same_repository(url_a: str, url_b: str) -> bool:
    """Return True when two repository URLs name the same repository.

    When one side has no host (``grafana/pyroscope``) only the paths are compared,
    case-insensitively.
    """
    a, b = normalize_repository_url(url_a), normalize_repository_url(url_b)
    if not a or not b:
        return False
    if a == b:
        return True
    a_host, _, a_path = a.partition("/") if "." in a.split("/", 1)[0] else ("", "", a)
    b_host, _, b_path = b.partition("/") if "." in b.split("/", 1)[0] else ("", "", b)
    if a_host and b_host:
        return False
    return a_path.lower() == b_path.lower()
