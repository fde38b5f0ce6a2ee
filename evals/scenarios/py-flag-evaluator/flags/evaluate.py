"""Flag evaluation: targeting rules, percentage rollouts, and a cache of decisions."""

import hashlib


def _bucket(flag_key, salt, user_id):
    """Return the user's stable rollout bucket for a flag, 0..9999."""
    digest = hashlib.md5(f"{flag_key}:{salt}:{user_id}".encode(), usedforsecurity=False).digest()
    return int.from_bytes(digest[:4], "big") % 10000


class Evaluator:
    """Evaluates flags against a user context."""

    def __init__(self, store, cache_size=50000):
        self.store = store
        self.cache = {}
        self.cache_size = cache_size

    def evaluate(self, flag_key, user):
        """Return {"flag", "variant", "version"} for one flag and one user."""
        version = self.store.version()
        key = (version, flag_key, user["id"])
        decision = self.cache.get(key)
        if decision is None:
            decision = {
                "flag": flag_key,
                "variant": self._variant(self.store.flag(flag_key), flag_key, user),
                "version": version,
            }
            if len(self.cache) >= self.cache_size:
                self.cache.clear()
            self.cache[key] = decision
        return decision

    def _variant(self, flag, flag_key, user):
        if not flag["enabled"]:
            return flag["off_variant"]
        for rule in flag["rules"]:
            if self._matches(rule, user):
                return rule["variant"]
        bucket = _bucket(flag_key, flag["salt"], user["id"])
        for variant, upto in flag["rollout"]:
            if bucket < upto:
                return variant
        return flag["off_variant"]

    def _matches(self, rule, user):
        for clause in rule["clauses"]:
            if clause["op"] == "segment":
                if user["id"] not in self.store.segment(clause["segment"]):
                    return False
            elif clause["op"] == "in":
                if user.get(clause["attribute"]) not in clause["values"]:
                    return False
            elif clause["op"] == "version_at_least":
                if user.get(clause["attribute"], "0") < clause["value"]:
                    return False
        return True
