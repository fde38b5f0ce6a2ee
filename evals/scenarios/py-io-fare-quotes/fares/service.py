"""The fare quote endpoint."""

from fares.pricing import price
from fares.rules_client import RulesUnavailable


class QuoteService:
    def __init__(self, network, rules):
        self.network = network
        self.rules = rules

    def quote(self, request):
        try:
            pair = self.network.zone_pair(request["from"], request["to"])
        except KeyError as err:
            return {"status": 404, "error": str(err)}
        try:
            rules = self.rules.rules_for(pair, request["date"])
        except RulesUnavailable:
            return {"status": 503, "error": "fare rules unavailable"}
        fare = price(rules, request["minute"], request.get("card", "adult"))
        return {"status": 200, "zones": pair, **fare}
