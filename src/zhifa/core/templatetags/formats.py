"""Money and dates on pages, the same everywhere (core.formatting says why each looks as it does):

    {{ case.decision.fine|money }}        ¥50,000.00   ("" when there is none: add |default:"—")
    {{ case.registered_on|ymd }}          2026-12-03   (a datetime: its local day)
    {{ period.start|cn_date }}            2026年12月3日 (dates inside a sentence)
    {{ fine|money_in_words }}             人民币伍万元整（¥50,000.00） (the documents' form)

Built in (settings.TEMPLATES "builtins"), so no {% load %} is needed."""

from django import template

from zhifa.core import formatting

register = template.Library()

register.filter("money", formatting.money)
register.filter("money_in_words", formatting.money_in_words)
register.filter("ymd", formatting.ymd)
register.filter("cn_date", formatting.cn_date)
