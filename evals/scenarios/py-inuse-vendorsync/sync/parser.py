"""Price file decoding and validation: a file is accepted only when every row is valid."""

from decimal import Decimal, InvalidOperation

COLUMNS = ["sku", "supplier_sku", "description", "unit", "pack_size", "currency", "net_price", "valid_from", "moq"]
UNITS = {"pc", "box", "m", "kg", "roll"}


class PriceFileError(ValueError):
    """A row of the file is invalid; the file is rejected."""

    def __init__(self, line_no, reason):
        super().__init__(f"line {line_no}: {reason}")
        self.line_no = line_no
        self.reason = reason


def parse_price_file(text):
    """Return the rows of a price file as dicts; raise PriceFileError on the first bad row."""
    lines = text.split("\n")
    if lines[0].split(";") != COLUMNS:
        raise PriceFileError(1, "unexpected header")
    rows = [dict(zip(COLUMNS, line.split(";"))) for line in lines[1:] if line]
    validate_rows(rows)
    return rows


def validate_rows(rows):
    """Check every row; the first invalid one rejects the file."""
    for number, row in enumerate(rows, start=2):
        if len(row) != len(COLUMNS):
            raise PriceFileError(number, "wrong number of columns")
        if row["unit"] not in UNITS:
            raise PriceFileError(number, f"unknown unit {row['unit']!r}")
        try:
            price = Decimal(row["net_price"])
        except InvalidOperation:
            raise PriceFileError(number, f"net_price {row['net_price']!r} is not a number") from None
        if price <= 0:
            raise PriceFileError(number, f"net_price {price} is not positive")
