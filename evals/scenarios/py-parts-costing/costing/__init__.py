"""parts-costing: bill-of-materials costing for product quotes."""
