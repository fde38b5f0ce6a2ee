"""seller-dashboard: the marketplace's seller dashboard API (sales, refunds, fees, payouts)."""
