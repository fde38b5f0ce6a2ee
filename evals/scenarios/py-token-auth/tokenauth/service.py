"""Request authentication for the partner API gateway."""

import os
import time

import pyroscope

from tokenauth.keys import verify
from tokenauth.traffic import headers, provision


class Unauthorized(Exception):
    pass


class Authenticator:
    def __init__(self, records):
        self.records = records

    def authenticate(self, request_headers):
        """Return (partner, scopes) for a request or raise Unauthorized."""
        scheme, _, token = request_headers.get("Authorization", "").partition(" ")
        if scheme != "Bearer" or "." not in token:
            raise Unauthorized("malformed credentials")
        key_id, _, secret = token.partition(".")
        record = self.records.get(key_id)
        if record is None or not verify(record, secret):
            raise Unauthorized("unknown or revoked key")
        return record.partner, record.scopes


def main():
    pyroscope.configure(
        application_name="token-auth",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        gil_only=False,
    )
    keys, records = provision()
    auth = Authenticator(records)
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    allowed = denied = 0
    for request in headers(keys):
        try:
            auth.authenticate(request)
            allowed += 1
        except Unauthorized:
            denied += 1
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"allowed {allowed}, denied {denied}")


if __name__ == "__main__":
    main()
