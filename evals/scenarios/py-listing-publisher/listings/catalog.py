"""The published catalogue and the publishing step."""

from listings.rules import listing_problems


class PublishError(Exception):
    """The listing breaks the listing rules."""


class Catalog:
    """Listings published to the storefront, by SKU."""

    def __init__(self, listings=()):
        self.listings = {listing["sku"]: listing for listing in listings}
        self.revision = 0

    def __len__(self):
        return len(self.listings)

    def publish(self, listing):
        """Check a seller's listing and add it (or replace the previous version)."""
        candidate = dict(self.listings)
        candidate[listing["sku"]] = listing
        for published in candidate.values():
            problems = listing_problems(published)
            if problems:
                raise PublishError(f"{published['sku']}: {'; '.join(problems)}")
        self.listings = candidate
        self.revision += 1
        return self.revision

    def search(self, word):
        """Listings whose title contains word (the storefront's simple search)."""
        word = word.lower()
        return [listing for listing in self.listings.values() if word in listing["title"].lower()]
