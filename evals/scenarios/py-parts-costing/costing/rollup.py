"""Roll costs and lead times up a bill of materials."""


class CostRoller:
    """Costs assemblies from the catalogue's purchase prices and labour minutes."""

    def __init__(self, catalog):
        self.catalog = catalog

    def unit_cost(self, part_no):
        """Cost of one unit of part_no: its purchase price and labour, plus its components."""
        part = self.catalog.parts[part_no]
        cost = part.purchase_price + part.labour_minutes * self.catalog.labour_rate
        for child_no, quantity in part.components:
            cost += quantity * self.unit_cost(child_no)
        return cost

    def cost_breakdown(self, part_no):
        """The direct components of part_no with their extended cost, most expensive first."""
        part = self.catalog.parts[part_no]
        lines = [
            {"part_no": child_no, "quantity": quantity, "cost": quantity * self.unit_cost(child_no)}
            for child_no, quantity in part.components
        ]
        lines.sort(key=lambda line: -line["cost"])
        return lines


class LeadTimes:
    """Longest purchase lead time below each part, computed once for the catalogue."""

    def __init__(self, catalog):
        self.days = {}
        for level in sorted({part.level for part in catalog.parts.values()}, reverse=True):
            for part in catalog.level(level):
                below = [self.days[child_no] for child_no, _ in part.components]
                self.days[part.part_no] = max(below, default=part.lead_days) + (1 if below else 0)

    def lead_days(self, part_no):
        return self.days[part_no]
