"""How long the audit log is kept. 网络安全法 第二十一条（三）: network logs are kept for no less than six
months; ZHIFA_AUDIT_RETENTION_DAYS may raise that, never lower it (checks.retention_check).

The app itself never deletes an entry (the database refuses DELETE on audit_auditentry): the log is kept
for ever unless an operator archives it (`zhifa audit-archive` writes the entries older than the retention
to a file, with their hashes) and removes them under their own procedure, outside the app."""

from django.conf import settings

MIN_RETENTION_DAYS = 180  # 网络安全法 第二十一条: 不少于六个月


def retention_days() -> int:
    return int(getattr(settings, "ZHIFA_AUDIT_RETENTION_DAYS", MIN_RETENTION_DAYS))
