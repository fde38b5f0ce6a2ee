"""referral-attribution: credits landing-page visits to the marketing campaign that sent them."""
