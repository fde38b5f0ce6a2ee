"""shipping-labels: buys carrier labels for the warehouse's packed shipments."""
