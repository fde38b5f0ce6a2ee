"""Applies supplier price files to the catalogue."""

import gzip
import time
from decimal import Decimal

from sync.parser import PriceFileError, parse_price_file


class Catalogue:
    """Current purchase price per article: the latest offer of any supplier."""

    def __init__(self):
        self.prices = {}

    def apply(self, supplier, rows):
        for row in rows:
            pack = int(row["pack_size"])
            self.prices[row["sku"]] = (supplier, row["currency"], Decimal(row["net_price"]) / pack, row["valid_from"])


class Ingestor:
    """Takes one uploaded price file at a time."""

    def __init__(self, catalogue, rejections):
        self.catalogue = catalogue
        self.rejections = rejections
        self.applied = 0

    def ingest(self, upload):
        """Apply the file's prices, or reject the whole file if a row is invalid."""
        started = time.monotonic()
        text = gzip.decompress(upload.body).decode("utf-8")
        try:
            rows = parse_price_file(text)
        except PriceFileError as error:
            self.rejections.record(upload.supplier, upload.name, error, time.monotonic() - started)
            return False
        self.catalogue.apply(upload.supplier, rows)
        self.applied += 1
        return True
