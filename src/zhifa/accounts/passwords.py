"""The password policy (等保2.0 三级 身份鉴别): AUTH_PASSWORD_VALIDATORS in settings lists these. Each refusal
names its rule in Chinese; docs/security.md "口令策略" says why composition rules are kept although ASVS
discourages them."""

import re

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from pypinyin import lazy_pinyin

MIN_LENGTH = 8

TOO_SHORT = f"密码至少{MIN_LENGTH}个字符。"
TOO_SIMPLE = "密码须包含大写字母、小写字母、数字、符号中的至少三类。"
TOO_COMMON = "密码过于常见，容易被猜中（如常见密码，或“Zhifa、Demo、Admin”等词加年份、123），请换一个。"
HAS_USERNAME = "密码不能包含用户名。"
HAS_NAME = "密码不能包含本人姓名或其拼音。"


class MinimumLengthValidator:
    def validate(self, password, user=None):
        if len(password) < MIN_LENGTH:
            raise ValidationError(TOO_SHORT, code="password_too_short")

    def get_help_text(self):
        return TOO_SHORT


class CharacterClassValidator:
    """A password mixes at least three of: upper case, lower case, digits, symbols."""

    classes = (r"[A-Z]", r"[a-z]", r"\d", r"[^A-Za-z\d]")

    def validate(self, password, user=None):
        if sum(bool(re.search(pattern, password)) for pattern in self.classes) < 3:
            raise ValidationError(TOO_SIMPLE, code="password_too_simple")

    def get_help_text(self):
        return TOO_SIMPLE


# The words Chinese users (and this system's own demo) build passwords from; leet spellings included.
_COMMON_WORDS = (
    r"zhifa|zhifatong|zft|demo|test|adm[i1]n(?:istrator)?|sysadmin|root|super(?:user)?|user|guest|"
    r"p[a@]ss(?:w[o0]rd|wd)?|welc[o0]me|l[o0]gin|qwer(?:ty)?|asdf|zxcv|abcd?|aa|qq|"
    r"woaini|iloveyou|china|zhongguo|beijing|shanghai|mima"
)
# What is put before or after the word: a year, a run such as 123 or 1234…, repeated digits, 520 or 1314.
_COMMON_DIGITS = r"(?:19|20)\d\d|0?1234?5?6?7?8?9?0?|520|1314|\d{1,2}|" + "|".join(
    f"{d}{{3,}}" for d in range(10)
)
_SEPARATORS = r"[\W_]*"
_COMMON_PATTERN = re.compile(
    rf"{_SEPARATORS}(?:(?:{_COMMON_DIGITS}){_SEPARATORS})?(?:{_COMMON_WORDS})"
    rf"{_SEPARATORS}(?:(?:{_COMMON_DIGITS}){_SEPARATORS})?",
    re.IGNORECASE,
)


class CommonPasswordValidator(CommonPasswordValidator):
    """Not on Django's list of 20,000 common passwords, and not a common word with a year or 123 around it
    (`Demo@2026`, `Zhifa@123`, `Zhifa2026`, `Admin@123`), which the list does not know."""

    def validate(self, password, user=None):
        if password.lower().strip() in self.passwords or _COMMON_PATTERN.fullmatch(password.strip()):
            raise ValidationError(TOO_COMMON, code="password_too_common")

    def get_help_text(self):
        return "密码不能是常见密码。"


class PersonalInfoValidator:
    """Not containing the username, the person's name, or the pinyin of their name (张伟 → zhangwei)."""

    def validate(self, password, user=None):
        if user is None:
            return
        plain = password.lower()
        letters = re.sub(r"[\W_]", "", plain)  # Zhang.Wei-1 still contains zhangwei
        username = (user.username or "").lower()
        if len(username) >= 3 and (username in plain or username in letters):
            raise ValidationError(HAS_USERNAME, code="password_has_username")
        if any(part in plain or part in letters for part in _name_forms(getattr(user, "real_name", ""))):
            raise ValidationError(HAS_NAME, code="password_has_name")

    def get_help_text(self):
        return "密码不能包含用户名、本人姓名或其拼音。"


def _name_forms(real_name: str) -> set[str]:
    """The name as written and its pinyin, run together; shorter than three letters is no signal."""
    name = (real_name or "").strip().lower()
    if not name:
        return set()
    forms = {name, "".join(lazy_pinyin(name)).lower()}
    return {form for form in forms if len(form) >= 3 or not form.isascii()}
