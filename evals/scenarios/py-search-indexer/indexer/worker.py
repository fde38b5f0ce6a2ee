"""The reindex worker: turns catalogue change events into index updates."""

from indexer.queue import ReindexQueue


class ReindexWorker:
    """Queues the products a change touches and reindexes them in budgets."""

    def __init__(self, catalog, index):
        self.catalog = catalog
        self.index = index
        self.queue = ReindexQueue()
        self.indexed = 0

    def enqueue(self, event):
        """Queue every product a change event touches."""
        if event["kind"] == "index.rebuild":
            self.queue.push_many(self.catalog.products)
        elif event["kind"] == "category.renamed":
            self.queue.push_many(self.catalog.in_category(event["category"]))
        elif event["kind"] == "brand.updated":
            self.queue.push_many(self.catalog.of_brand(event["brand"]))
        else:
            self.queue.push_many([event["product_id"]])

    def run(self, budget):
        """Reindex at most budget queued products."""
        for _ in range(budget):
            product_id = self.queue.pop()
            if product_id is None:
                return
            self.index.put(product_id, self.catalog.document(product_id))
            self.indexed += 1
