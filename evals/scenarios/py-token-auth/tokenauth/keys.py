"""Stored API key records: the key itself is never stored, only a salted hash."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

ITERATIONS = 120_000


@dataclass(frozen=True)
class KeyRecord:
    key_id: str
    partner: str
    scopes: tuple
    salt: bytes
    digest: bytes


def hash_key(secret, salt):
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, ITERATIONS)


def issue_key(key_id, partner, scopes):
    """Return (the API key to hand out, the record to store)."""
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_bytes(16)
    return f"{key_id}.{secret}", KeyRecord(key_id, partner, tuple(scopes), salt, hash_key(secret, salt))


def verify(record, secret):
    return hmac.compare_digest(hash_key(secret, record.salt), record.digest)
