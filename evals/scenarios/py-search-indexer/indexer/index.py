"""The search index client; locally an in-memory inverted index."""

import re
from collections import defaultdict

TOKEN = re.compile(r"[a-z0-9]+")


class SearchIndex:
    """Index documents by the tokens of their searchable fields."""

    def __init__(self):
        self.postings = defaultdict(set)
        self.documents = {}

    def put(self, product_id, document):
        """(Re)index one document."""
        old = self.documents.get(product_id)
        if old is not None:
            for token in old["tokens"]:
                self.postings[token].discard(product_id)
        text = " ".join((document["title"], document["brand"], document["category"], document["description"]))
        tokens = set(TOKEN.findall(text.lower()))
        for token in tokens:
            self.postings[token].add(product_id)
        self.documents[product_id] = {"tokens": tokens, "price_cents": document["price_cents"]}
