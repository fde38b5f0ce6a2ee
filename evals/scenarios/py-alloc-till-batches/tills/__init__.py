"""till-batches: end-of-day till journal intake."""
