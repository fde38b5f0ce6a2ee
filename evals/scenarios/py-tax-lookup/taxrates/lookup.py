"""Rate lookups against the finance rate table."""

import csv
import io


class RateTable:
    def __init__(self, csv_text):
        self.csv_text = csv_text

    def rate(self, region, postal_code, category):
        """Return the rate for a region, postal code and tax category (0.0 if none)."""
        prefix = postal_code[:3]
        for row in csv.DictReader(io.StringIO(self.csv_text)):
            if row["region"] == region and row["postal_prefix"] == prefix and row["category"] == category:
                return float(row["rate"])
        return 0.0
