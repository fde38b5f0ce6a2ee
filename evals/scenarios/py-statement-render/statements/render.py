"""Plain-text statement layout."""


def money(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100:,}.{cents % 100:02d}"


class TextStatement:
    width = 78

    def __init__(self, account, period):
        self.account = account
        self.period = period
        self.body = ""

    def line(self, text=""):
        self.body += text.ljust(self.width) + "\n"

    def render(self):
        self.line(f"Statement {self.period} for {self.account.holder}")
        self.line(f"IBAN {self.account.iban}")
        self.line()
        balance = self.account.opening_cents
        self.line(f"{'Opening balance':<50}{money(balance):>28}")
        for tx in self.account.transactions:
            balance += tx.amount_cents
            self.line(f"{self.period}-{tx.day:02d}  {tx.description:<36}{money(tx.amount_cents):>14}{money(balance):>14}")
        self.line()
        self.line(f"{'Closing balance':<50}{money(balance):>28}")
        return self.body
