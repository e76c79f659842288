"""Pinyin initials so that officers can be found by typing "zw" for 张伟."""

from pypinyin import Style, lazy_pinyin


def initials_of(name: str) -> str:
    return "".join(part[:1] for part in lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()[:32]
