"""access-log-shipper: ships the edge proxies' access logs to the log archive."""
