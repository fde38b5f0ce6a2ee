"""The matcher: one bank statement line to the invoice it pays."""

from remittance.references import invoice_number


class Matcher:
    """Matches transfers by payer IBAN and the invoice reference in the remittance text."""

    def __init__(self, customers):
        self.customers = customers
        self.unmatched = 0

    def match(self, line):
        """Return (debtor code, invoice number) for a statement line, or None."""
        customer = self.customers.get(line["iban"])
        if customer is None:
            self.unmatched += 1
            return None
        number = invoice_number(line["remittance"], customer["code"])
        if number is None or number not in customer["open"]:
            self.unmatched += 1
            return None
        if customer["open"][number] != line["amount_cents"]:
            self.unmatched += 1
            return None
        return customer["code"], number
