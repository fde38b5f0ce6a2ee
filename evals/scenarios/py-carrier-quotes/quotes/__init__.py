"""carrier-quotes: shipping rates from every carrier for the checkout page."""
