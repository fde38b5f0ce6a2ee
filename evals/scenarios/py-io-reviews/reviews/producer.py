"""Event bus producer: events are batched per topic and sent by one background thread.

send() returns a Future that is resolved when the bus has acknowledged the batch the event
went out in. A batch is sent when it holds settings.BATCH_MAX_EVENTS events or when
settings.LINGER_SECONDS have passed since its first event.
"""

import http.client
import json
import queue
import threading
import time
import urllib.parse
from concurrent.futures import Future

from reviews import settings


class EventProducer:
    def __init__(self, base_url):
        parts = urllib.parse.urlsplit(base_url)
        self._connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=settings.ACK_TIMEOUT_SECONDS)
        self._queue = queue.Queue()
        self._closed = threading.Event()
        self.batches_sent = 0
        self._thread = threading.Thread(target=self._run, name="event-producer", daemon=True)
        self._thread.start()

    def send(self, topic, event):
        """Queue an event; the Future resolves with the bus's offset once the batch is acknowledged."""
        future = Future()
        self._queue.put((topic, event, future))
        return future

    def close(self):
        self._closed.set()
        self._thread.join(timeout=2)

    def _run(self):
        batch = []
        first_at = 0.0
        while not (self._closed.is_set() and not batch):
            timeout = settings.LINGER_SECONDS if not batch else max(0.0, first_at + settings.LINGER_SECONDS - time.monotonic())
            try:
                item = self._queue.get(timeout=timeout)
            except queue.Empty:
                item = None
            if item is not None:
                if not batch:
                    first_at = time.monotonic()
                batch.append(item)
            full = len(batch) >= settings.BATCH_MAX_EVENTS
            lingered = batch and time.monotonic() - first_at >= settings.LINGER_SECONDS
            if full or lingered:
                self._flush(batch)
                batch = []

    def _flush(self, batch):
        by_topic = {}
        for topic, event, future in batch:
            by_topic.setdefault(topic, []).append((event, future))
        for topic, items in by_topic.items():
            body = json.dumps({"records": [{"value": event} for event, _ in items]}).encode()
            try:
                self._connection.request("POST", f"/topics/{topic}", body=body, headers={"Content-Type": "application/json"})
                answer = json.loads(self._connection.getresponse().read())
            except (OSError, http.client.HTTPException, ValueError) as error:
                self._connection.close()
                for _, future in items:
                    future.set_exception(error)
                continue
            for (_, future), offset in zip(items, answer["offsets"]):
                future.set_result(offset)
        self.batches_sent += 1
