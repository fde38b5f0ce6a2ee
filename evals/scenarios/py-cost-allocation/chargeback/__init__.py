"""cost-allocation: splits shared cloud costs between the teams that used them."""
