"""Money and dates as people read them — one place, used by the page filters (core/templatetags/formats.py)
and by the case documents (cases/documents/context.py).

Pages (tables, detail pages, the portal): amounts as ¥50,000.00 — the figures an officer compares down a
column, always two decimals and grouped by thousands; dates as 2026-12-03, which line up in a column and sort
as they read. Documents (文书, 公文 prose): amounts as 人民币伍万元整（¥50,000.00）, dates as 2026年12月3日.
Excel exports keep numbers and real dates (core/exports.py), not these strings."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
BIG_UNITS = ("", "万", "亿", "万亿")
CENT = Decimal("0.01")


def _amount(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)  # 四舍五入 to the fen
    except InvalidOperation:
        return None


def money(value) -> str:
    """¥50,000.00 (-¥50.00 for a negative amount); "" for no amount, so `|default:"—"` applies."""
    amount = _amount(value)
    if amount is None:
        return ""
    return f"-¥{-amount:,.2f}" if amount < 0 else f"¥{amount:,.2f}"


def _int_upper(n: int) -> str:
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out, gap = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            gap = bool(out)
            continue
        if out and (group < 1000 or gap):
            out += "零"
        gap, part, zero = False, "", False
        for pos in range(3, -1, -1):
            digit = group // 10**pos % 10
            if digit == 0:
                zero = bool(part)
            else:
                part += ("零" if zero else "") + DIGITS[digit] + SMALL_UNITS[pos]
                zero = False
        out += part + BIG_UNITS[index]
    return out


def rmb_upper(value) -> str:
    """人民币大写 (the 中文大写金额 of 会计基础工作规范 第五十二条): 70000 → 柒万元整, 1.05 → 壹元零伍分."""
    amount = _amount(value)
    if amount is None:
        return ""
    cents_total = int((abs(amount) * 100).to_integral_value())
    whole, cents = divmod(cents_total, 100)
    jiao, fen = divmod(cents, 10)
    if whole == 0 and cents == 0:
        return "零元整"
    text = _int_upper(whole) + "元" if whole else ""
    if jiao:
        text += DIGITS[jiao] + "角"
    elif whole and fen:
        text += "零"
    text += DIGITS[fen] + "分" if fen else "整"
    return ("负" if amount < 0 else "") + text


def money_in_words(value) -> str:
    """人民币伍万元整（¥50,000.00） — how a document states an amount that binds the party.

    Words first: a 行政处罚决定书 is an instrument the party pays by, and, as on a cheque or a 缴款书, the
    amount in 大写 cannot be altered by adding a digit; the figures follow in brackets, in the same form as the
    pages, so the reader can match the document against the case page at a glance."""
    amount = _amount(value)
    return "" if amount is None else f"人民币{rmb_upper(amount)}（{money(amount)}）"


def _day(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, date) else None


def ymd(value) -> str:
    """2026-12-03 — a date (or the local day of a datetime) in a table or on a detail page; "" for none."""
    day = _day(value)
    return "" if day is None else day.isoformat()


def cn_date(value) -> str:
    """2026年12月3日 — a date in a document or in running text; a datetime adds the local time:
    2026年3月20日9时05分 (as 询问笔录 and 现场检查笔录 state when they were made)."""
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{local.year}年{local.month}月{local.day}日{local.hour}时{local.minute:02d}分"
    day = _day(value)
    return "" if day is None else f"{day.year}年{day.month}月{day.day}日"
