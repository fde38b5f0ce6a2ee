"""The geocoding provider's client, with a cache of the addresses already looked up."""

import json
import threading
import urllib.parse
import urllib.request

TIMEOUT_SECONDS = 3.0


class GeocodingError(Exception):
    """The provider could not place the address."""


class Geocoder:
    """Coordinates of normalised addresses, cached in memory."""

    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")
        self._cache = {}
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def _fetch(self, address):
        query = urllib.parse.urlencode({"q": address, "country": "nl,be,de"})
        with urllib.request.urlopen(f"{self.base_url}/v1/geocode?{query}", timeout=TIMEOUT_SECONDS) as response:
            answer = json.load(response)
        if not answer.get("results"):
            raise GeocodingError(address)
        best = answer["results"][0]
        return best["lat"], best["lon"]

    def lookup(self, address):
        """(lat, lon) of a normalised address."""
        with self._lock:
            if address in self._cache:
                self.hits += 1
                return self._cache[address]
            self.misses += 1
            position = self._fetch(address)
            self._cache[address] = position
            return position

    def stats(self):
        with self._lock:
            return {"entries": len(self._cache), "hits": self.hits, "misses": self.misses}
