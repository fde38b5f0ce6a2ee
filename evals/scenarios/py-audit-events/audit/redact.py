"""Masking of personal data in audit payloads."""

import re

EMAIL = re.compile(r"([\w.+-])[\w.+-]*@([\w-]+\.)+\w+")
PHONE = re.compile(r"\+\d[\d ]{6,}\d")


def mask(value):
    if isinstance(value, str):
        return PHONE.sub("+** *** ****", EMAIL.sub(r"\1***@***", value))
    if isinstance(value, dict):
        return {key: mask(item) for key, item in value.items()}
    if isinstance(value, list):
        return [mask(item) for item in value]
    return value
