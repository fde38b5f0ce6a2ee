"""Address clean-up and delivery zones."""

import re
import unicodedata

STREET_SUFFIXES = {"str.": "straat", "str": "straat", "ln": "laan", "wg": "weg", "pl": "plein"}
SPACES = re.compile(r"\s+")
POSTCODE = re.compile(r"^(\d{4})\s?([A-Z]{2})?$")
ZONES = [(1000, "amsterdam"), (2000, "haarlem"), (2500, "den-haag"), (3000, "rotterdam"),
         (3500, "utrecht"), (5000, "tilburg"), (6000, "limburg"), (8000, "zwolle"), (10000, "north")]


def clean_text(text):
    text = unicodedata.normalize("NFKC", text).strip()
    words = [STREET_SUFFIXES.get(word.lower(), word) for word in SPACES.split(text)]
    return " ".join(words)


def normalize(address):
    """One canonical line for an order's address (street number, postcode, city)."""
    street = clean_text(address["street"]).title()
    postcode = address["postcode"].upper().replace(" ", "")
    match = POSTCODE.match(postcode)
    if match and match.group(2):
        postcode = f"{match.group(1)} {match.group(2)}"
    return f"{street} {address['number']}, {postcode} {clean_text(address['city']).upper()}"


def zone_for(postcode):
    digits = int(postcode[:4]) if postcode[:4].isdigit() else 0
    for upper, zone in ZONES:
        if digits < upper:
            return zone
    return "north"


class AddressService:
    """Handles one order address: normalise, geocode, zone."""

    def __init__(self, geocoder):
        self.geocoder = geocoder

    def handle(self, address):
        line = normalize(address)
        lat, lon = self.geocoder.lookup(line)
        return {"order": address["order"], "line": line, "lat": lat, "lon": lon,
                "zone": zone_for(address["postcode"])}
