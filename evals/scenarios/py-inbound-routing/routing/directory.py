"""Contact and account look-ups in the CRM mirror."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Sender:
    contact_id: int
    account_id: int
    full_name: str
    vip: bool
    plan: str
    region: str


class Directory:
    """Finds who wrote a message. E-mail addresses compare case-insensitively."""

    def __init__(self, db):
        self.db = db
        self._accounts = {}

    def account(self, account_id):
        acc = self._accounts.get(account_id)
        if acc is None:
            acc = self.db.execute(
                "SELECT plan, region FROM accounts WHERE id = ?", (account_id,)
            ).fetchone()
            self._accounts[account_id] = acc
        return acc

    def find_sender(self, address):
        address = address.strip()
        row = self.db.execute(
            "SELECT id, account_id, full_name, vip FROM contacts WHERE lower(email) = lower(?)",
            (address,),
        ).fetchone()
        if row is None:
            return None
        contact_id, account_id, full_name, vip = row
        plan, region = self.account(account_id)
        return Sender(contact_id, account_id, full_name, bool(vip), plan, region)

    def colleagues(self, account_id, limit=5):
        return [
            r[0]
            for r in self.db.execute(
                "SELECT email FROM contacts WHERE account_id = ? ORDER BY id LIMIT ?",
                (account_id, limit),
            )
        ]
