"""The flag configuration as published by the admin UI, and its content version."""

import hashlib
import json


class FlagStore:
    """Holds the current configuration; replaced as a whole when a new one is published."""

    def __init__(self, config):
        self.config = config

    def publish(self, config):
        """Replace the configuration (the admin UI pushed a new one)."""
        self.config = config

    def flag(self, key):
        """Return one flag's definition."""
        return self.config["flags"][key]

    def segment(self, name):
        """Return the user ids of a segment."""
        return self.config["segments"][name]

    def version(self):
        """Return the content hash of the configuration: the version decisions are cached by."""
        canonical = json.dumps(self.config, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
