import re

from django.core.exceptions import ValidationError


class CharacterClassValidator:
    """A password mixes at least three of: upper case, lower case, digits, symbols (等保 password rule)."""

    classes = (r"[A-Z]", r"[a-z]", r"\d", r"[^A-Za-z\d]")

    def validate(self, password, user=None):
        if sum(bool(re.search(pattern, password)) for pattern in self.classes) < 3:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return "密码须包含大写字母、小写字母、数字、符号中的至少三类。"
