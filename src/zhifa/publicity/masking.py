"""Personal data out of public text (个人信息保护法; seed 000 §3).

Public text is built from an allow-list of fields (see drafting.py); this module cleans what remains
inside free text — the facts of a decision may quote an ID number or a phone. Removed: ID numbers
(18-digit with check digit and the old 15-digit form), mobile numbers, landlines, bank card numbers and
e-mails. Kept: amounts, dates, document numbers (东市监罚〔2026〕12号) and 统一社会信用代码.
"""

import re
import unicodedata

from stdnum.cn import uscc

from zhifa.core.validators import is_id_number

REMOVED = "＊＊＊"

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# Mobiles written with separators or a country code: +86 138-1234-5678, 138 1234 5678.
_MOBILE_SPACED = re.compile(r"(?:(?:\+|00)?86[- ]?)?(?<![0-9])1[3-9][0-9][- ][0-9]{4}[- ][0-9]{4}(?![0-9])")
# Landlines: area code starting with 0, optional brackets and dash, 7–8 digits, optional extension.
_LANDLINE = re.compile(r"[(（]?0[1-9][0-9]{1,2}[)）]?[- ]?[2-9][0-9]{6,7}(?:[-转][0-9]{1,6})?(?![0-9])")
# A number right after a contact label is a phone whatever its shape (local 7–8 digit landlines).
_LABELLED = re.compile(r"((?:电话|手机|联系方式|联系电话|传真|Tel|TEL|tel)[:：]?\s*)[0-9()（）+\-]{7,20}")
# Alphanumeric tokens: digit runs (ID numbers, bank cards, mobiles) and credit codes are judged whole.
_TOKEN = re.compile(r"[0-9A-Za-z]+")
_DIGITS = re.compile(r"[0-9]+[Xx]?")
_MOBILE_IN_RUN = re.compile(r"1[3-9][0-9]{9}")
# A private-use character marks where a set-aside credit code goes back; it never occurs in real text.
_KEPT_MARK = "\ue000"
_KEPT = re.compile(_KEPT_MARK + r"([0-9]+)" + _KEPT_MARK)


def _ascii_digits(text: str) -> str:
    """Full-width or other Unicode digits count as digits: ３７０１… is still an ID number."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text)


def _is_public_credit_code(token: str) -> bool:
    """A valid 统一社会信用代码 is public; an 18-digit run that is also a valid ID number is not."""
    return len(token) == 18 and uscc.is_valid(token.upper()) and not is_id_number(token.upper())


def _clean_token(match: re.Match) -> str:
    return _DIGITS.sub(_clean_digits, match.group(0))


def _clean_digits(match: re.Match) -> str:
    run = match.group(0)
    if len(run) >= 15:  # ID numbers (18/15), bank cards (16–19), and anything that might hide one
        return REMOVED
    if len(run) >= 11 and _MOBILE_IN_RUN.search(run):
        return REMOVED
    return run


def mask_personal_data(text: str) -> str:
    """`text` without ID numbers, mobiles, landlines, bank cards or e-mails; everything else as it was."""
    if not text:
        return ""
    text = _ascii_digits(text)
    # Credit codes are set aside first: the phone patterns would otherwise eat their digits
    # (91110108551385082Q holds the "landline" 0108551385).
    kept: list[str] = []

    def set_aside(match: re.Match) -> str:
        if not _is_public_credit_code(match.group(0)):
            return match.group(0)
        kept.append(match.group(0))
        return f"{_KEPT_MARK}{len(kept) - 1}{_KEPT_MARK}"

    text = _TOKEN.sub(set_aside, text.replace(_KEPT_MARK, ""))
    text = _EMAIL.sub(REMOVED, text)
    text = _LABELLED.sub(lambda m: m.group(1) + REMOVED, text)
    text = _MOBILE_SPACED.sub(REMOVED, text)
    text = _LANDLINE.sub(REMOVED, text)
    text = _TOKEN.sub(_clean_token, text)
    return _KEPT.sub(lambda m: kept[int(m.group(1))], text)


# Two-character surnames keep both characters: 欧阳某某, not 欧某某.
_COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "令狐",
        "夏侯",
        "轩辕",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "百里",
    ]
)


def mask_name(name: str) -> str:
    """A natural person's name for the public: surname kept, the rest 某某 (张伟 → 张某某)."""
    name = (name or "").strip()
    if not name:
        return ""
    surname = name[:2] if name[:2] in _COMPOUND_SURNAMES else name[:1]
    return surname + "某某"


def scrub_known(text: str, *, names: dict[str, str], remove: list[str]) -> str:
    """Replace known private values inside free text: names by their masked form, the rest removed
    (the party's address, ID number, phone, a representative's name)."""
    for value in sorted((v for v in remove if v and len(v.strip()) >= 2), key=len, reverse=True):
        text = text.replace(value.strip(), REMOVED)
    for value, masked in sorted(names.items(), key=lambda kv: len(kv[0]), reverse=True):
        if value and len(value.strip()) >= 2:
            text = text.replace(value.strip(), masked)
    return text
