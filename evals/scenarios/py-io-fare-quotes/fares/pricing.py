"""Prices a journey from the tariff rules of its zone pair."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def in_peak(minute_of_day, periods):
    return any(start <= minute_of_day < end for start, end in periods)


def price(rules, minute_of_day, card):
    base = Decimal(rules["base"])
    if in_peak(minute_of_day, rules["peak_periods"]):
        base *= Decimal(rules["peak_factor"])
    discount = Decimal(rules["concessions"].get(card, "0"))
    single = (base * (1 - discount)).quantize(CENT, rounding=ROUND_HALF_UP)
    cap = Decimal(rules["daily_cap"])
    ret = min(single * 2 * Decimal(rules["return_factor"]), cap).quantize(CENT, rounding=ROUND_HALF_UP)
    return {"single": str(single), "return": str(ret), "currency": rules["currency"]}
