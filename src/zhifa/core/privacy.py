"""Personal data shown by need (个人信息保护法 第六条, 最小必要): the masked forms everyone else sees.

Who may see a full value is decided by the app that owns the person (e.g. registry.selectors for
officers: the agency's personnel managers and the person themself)."""


def mask_id_number(value: str) -> str:
    """Only the last four characters of an ID number: **************1234."""
    value = value or ""
    return "*" * max(0, len(value) - 4) + value[-4:]


def mask_phone(value: str) -> str:
    """138****5678: the carrier prefix and the last four digits."""
    value = value or ""
    if len(value) < 8:
        return "*" * len(value)
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}"
