"""Review submission: validate, screen, store, publish."""

import time
import uuid

from reviews import settings
from reviews.screening import screen


class ReviewService:
    def __init__(self, producer):
        self.producer = producer
        self.reviews = {}

    def handle(self, request):
        """One submission: {"product", "customer", "rating", "title", "text"} -> answer."""
        rating = request.get("rating")
        if not isinstance(rating, int) or not 1 <= rating <= 5:
            return {"status": "invalid", "reason": "rating"}
        status, reason = screen(request.get("title", ""), request.get("text", ""))
        if status == "rejected":
            return {"status": "invalid", "reason": reason}
        review = {
            "id": uuid.uuid4().hex,
            "product": request["product"],
            "customer": request["customer"],
            "rating": rating,
            "title": request.get("title", "").strip(),
            "text": request["text"].strip(),
            "state": "published" if status == "ok" else "pending_moderation",
            "hold_reason": reason,
            "submitted_at": time.time(),
        }
        self.reviews[review["id"]] = review
        offset = self.publish(review)
        return {"status": review["state"], "id": review["id"], "event_offset": offset}

    def publish(self, review):
        """Publish review-submitted and wait for the bus to acknowledge it."""
        event = {key: review[key] for key in ("id", "product", "customer", "rating", "state", "submitted_at")}
        future = self.producer.send(settings.TOPIC_REVIEW_SUBMITTED, event)
        return future.result(timeout=settings.ACK_TIMEOUT_SECONDS)
