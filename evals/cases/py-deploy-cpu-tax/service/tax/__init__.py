"""VAT rules and invoices."""
