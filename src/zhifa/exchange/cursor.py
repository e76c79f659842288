"""The export cursor: where the next page starts, signed (django.core.signing) so a client can resume but
neither forge a position nor reuse one past its age. It names the user it was issued to and the `since`
it was issued for."""

from datetime import datetime

from django.conf import settings
from django.core import signing

from zhifa.core import kit

SALT = "zhifa.exchange.cursor"
# how long a cursor may be resumed: a day by default (an interrupted nightly export is resumed the next
# morning at the latest); ZHIFA_EXCHANGE_CURSOR_MAX_AGE in seconds
DEFAULT_MAX_AGE = 24 * 3600


def max_age() -> int:
    return int(getattr(settings, "ZHIFA_EXCHANGE_CURSOR_MAX_AGE", DEFAULT_MAX_AGE))


def issue(*, after: int, since: datetime | None, user_id: int | None) -> str:
    return signing.dumps({"a": after, "s": since.isoformat() if since else None, "u": user_id}, salt=SALT)


def read(value: str, *, user_id: int | None) -> tuple[int, datetime | None]:
    """(the last record id already exported, the since of the export); a forged, stale or foreign cursor
    is refused on the field "cursor"."""
    try:
        data = signing.loads(value, salt=SALT, max_age=max_age())
    except signing.SignatureExpired:
        kit.refuse("cursor", f"游标已过期（有效期{max_age() // 3600}小时），请重新开始导出")
    except signing.BadSignature:
        kit.refuse("cursor", "游标无效：签名不符，可能被篡改")
    if not isinstance(data, dict) or data.get("u") != user_id or not isinstance(data.get("a"), int):
        kit.refuse("cursor", "游标不属于当前用户，请重新开始导出")
    since = datetime.fromisoformat(data["s"]) if data.get("s") else None
    return data["a"], since
