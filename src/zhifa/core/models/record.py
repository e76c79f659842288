from django.conf import settings
from django.db import models

from .organisations import Agency


class AppendOnlyError(Exception):
    """A record of the log was about to be changed or removed."""


class RecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("执法记录只能追加，不能修改")

    def delete(self):
        raise AppendOnlyError("执法记录只能追加，不能删除")

    def for_subject(self, subject: models.Model) -> "RecordQuerySet":
        return self.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk))


class Record(models.Model):
    """全过程记录 — one event in an agency's hash chain: who did what to which object, when.

    hash = sha256(prev_hash ‖ canonical header ‖ payload); see core.records. Rows are written once by
    core.records.append and never updated or deleted (here, and by a trigger on PostgreSQL).
    """

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveBigIntegerField("链内序号")
    subject_type = models.CharField("对象类型", max_length=64)
    subject_id = models.CharField("对象编号", max_length=64)
    action = models.CharField("动作", max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("操作人姓名", max_length=64, blank=True)
    at = models.DateTimeField("时间")
    payload = models.TextField("内容（规范化JSON）")
    prev_hash = models.CharField("前一哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64, unique=True)

    objects = RecordQuerySet.as_manager()

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "执法记录"
        ordering = ["agency_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["agency", "seq"], name="uniq_record_chain_seq")]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "seq"], name="record_subject_idx"),
            # the exchange export's first page finds the first record changed since a date (min id by `at`)
            models.Index(fields=["at", "id"], name="record_at_idx"),
            # an agency's recent records of one action (the 工作台's 期限调整, core.deadlines.moved_for): the
            # agency first, so the page reads its own rows, never the whole log of every agency
            models.Index(fields=["agency", "action", "at"], name="record_agency_action_at_idx"),
        ]

    def __str__(self) -> str:
        return f"第{self.seq}条 {self.subject_text} {self.action_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("执法记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("执法记录只能追加，不能删除")

    @property
    def action_label(self) -> str:
        from zhifa.core.record_labels import action_label

        return action_label(self.action)

    @property
    def subject_text(self) -> str:
        """ "案件 32": the subject's kind (its model's verbose_name) and number."""
        from zhifa.core.record_labels import subject_label

        return f"{subject_label(self.subject_type)} {self.subject_id}"


class RecordChain(models.Model):
    """The head of one agency's chain. Appends lock this row, so two writers can never fork the chain;
    `verify` also compares the head with the last record, which catches a removed tail."""

    agency = models.OneToOneField(Agency, primary_key=True, on_delete=models.PROTECT, related_name="+")
    head_seq = models.PositiveBigIntegerField(default=0)
    head_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = verbose_name_plural = "记录链"

    def __str__(self) -> str:
        return f"{self.agency_id}: #{self.head_seq}"
