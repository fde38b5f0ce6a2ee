"""attachment-scan: virus scanning of inbound mail attachments."""
