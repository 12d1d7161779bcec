"""Vietnamese number and money formats, independent of the active language."""

from decimal import Decimal, InvalidOperation


def group_thousands(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def format_number(value, decimals: int = 0) -> str:
    """``1234567.5`` → ``1.234.567,5``: dot between thousands, comma before decimals."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum)
    sign = "-" if number < 0 else ""
    whole, _dot, fraction = f"{abs(number):f}".partition(".")
    text = group_thousands(whole)
    if decimals and fraction:
        text = f"{text},{fraction}"
    return sign + text


def format_vnd(value) -> str:
    """VND has no minor unit: whole đồng, ``1.234.567``."""
    return format_number(value, 0)


def plain_decimal(value) -> str:
    """A decimal for machines: no trailing zeros, no exponent, a dot: 10.00 → "10", 0.50 → "0.5"."""
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_decimal(value) -> str:
    """A decimal without trailing zeros or exponent, Vietnamese style: 10 → "10", 0.50 → "0,5"."""
    if value is None or value == "":
        return ""
    text = f"{Decimal(str(value)):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _dot, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = group_thousands(whole.lstrip("-"))
    return f"{sign}{whole},{fraction}" if fraction else f"{sign}{whole}"
