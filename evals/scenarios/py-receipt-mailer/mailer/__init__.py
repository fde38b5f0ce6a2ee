"""receipt-mailer: order receipts by e-mail."""
