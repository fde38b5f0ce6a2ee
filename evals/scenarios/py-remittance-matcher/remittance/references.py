"""Invoice references in remittance text.

Customers write the reference in many ways: "INV-K01234-456789", "RE K01234/456789",
"rg.k01234 456789 danke" ... always starting with the debtor code of the customer who pays.
"""

import re


def invoice_number(remittance, debtor_code):
    """Return the invoice number a remittance text names for this debtor, or None."""
    pattern = rf"^\s*(?:INV|RE|RG|RECHNUNG)?[\s.:#-]*{debtor_code}[\s/:#-]*(\d{{6}})\b"
    match = re.match(pattern, remittance, re.IGNORECASE)
    return match.group(1) if match else None
