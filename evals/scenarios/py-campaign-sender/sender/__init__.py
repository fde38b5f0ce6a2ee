"""campaign-sender: plans the deliveries of marketing push and e-mail campaigns."""
