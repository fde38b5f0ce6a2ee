"""Settings of the review service and its event bus producer."""

import os

WORKERS = int(os.environ.get("WORKERS", "8"))

# Producer batching: a batch is sent when it holds BATCH_MAX_EVENTS events or when
# LINGER_SECONDS have passed since its first event, whichever comes first.
BATCH_MAX_EVENTS = 500
LINGER_SECONDS = 0.05
ACK_TIMEOUT_SECONDS = 5.0

TOPIC_REVIEW_SUBMITTED = "review-submitted"
MAX_REVIEW_CHARS = 4000
