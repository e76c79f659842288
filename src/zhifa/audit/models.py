from django.db import models

from .choices import AuditAction, AuditOutcome


class AuditEntry(models.Model):
    """审计记录 — one security-relevant event. Append-only (a trigger refuses UPDATE and DELETE on SQLite
    and PostgreSQL) and hash-chained in one chain for the whole instance (`audit.chain`).

    The actor is kept as id, username and name rather than a foreign key: an entry must never change,
    not even by a cascade. The object is named, never quoted: no case content enters the audit log."""

    seq = models.BigIntegerField("序号", unique=True)
    at = models.DateTimeField("时间", db_index=True)
    actor_id = models.BigIntegerField("用户ID", null=True, blank=True, db_index=True)
    actor_username = models.CharField("用户名", max_length=150, blank=True, db_index=True)
    actor_name = models.CharField("姓名", max_length=64, blank=True)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    action = models.CharField("操作", max_length=32, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField("对象类型", max_length=64, blank=True)
    object_id = models.CharField("对象ID", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    outcome = models.CharField(
        "结果", max_length=16, choices=AuditOutcome.choices, default=AuditOutcome.SUCCESS
    )
    detail = models.CharField("说明", max_length=500, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = verbose_name_plural = "审计记录"
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["action", "-seq"], name="audit_action_seq"),
            models.Index(fields=["actor_id", "-seq"], name="audit_actor_seq"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_name or self.actor_username or '匿名'} {self.get_action_display()} #{self.seq}"


class AuditChain(models.Model):
    """The head of the audit chain: one row, locked while an entry is appended so seq and prev_hash
    follow one another without gaps."""

    head_seq = models.BigIntegerField(default=0)
    head_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = verbose_name_plural = "审计链头"

    def __str__(self) -> str:
        return f"审计链头 #{self.head_seq}"
