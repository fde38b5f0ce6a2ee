"""The reindex queue: product ids waiting to be indexed again, oldest first."""


class ReindexQueue:
    """First in, first out; an id already waiting is not queued twice."""

    def __init__(self):
        self.items = []
        self.waiting = set()

    def __len__(self):
        return len(self.items)

    def push_many(self, product_ids):
        """Queue product ids at the back."""
        for product_id in product_ids:
            if product_id not in self.waiting:
                self.waiting.add(product_id)
                self.items.append(product_id)

    def pop(self):
        """Take the oldest queued id, or None when the queue is empty."""
        if not self.items:
            return None
        product_id = self.items.pop(0)
        self.waiting.discard(product_id)
        return product_id
