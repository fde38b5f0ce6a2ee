"""Synthetic inbound messages, as the MTA hands them to the scan hook."""

import base64
import random

KINDS = [
    ("invoice.pdf", 40_000),
    ("photo.jpg", 120_000),
    ("report.docx", 30_000),
    ("signature.png", 4_000),
    ("statement.csv", 12_000),
]
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def messages(seed=7):
    """Yield messages with 4-16 attachments each, forever."""
    rng = random.Random(seed)
    serial = 0
    while True:
        serial += 1
        attachments = []
        for index in range(rng.randint(4, 16)):
            name, size = rng.choice(KINDS)
            body = rng.randbytes(size // 8)
            if rng.random() < 0.01:
                body += EICAR
            attachments.append({"filename": f"{index}-{name}", "content": base64.b64encode(body)})
        yield {"message_id": f"<{serial}@mx.acme.example>", "attachments": attachments}
