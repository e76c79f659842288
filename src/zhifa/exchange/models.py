from django.conf import settings
from django.db import models

from zhifa.core.models import Agency

from .choices import Direction, Kind


class Batch(models.Model):
    """交换批次 — one export page or one import file: who, from where, what it held, what came of it."""

    direction = models.CharField("方向", max_length=8, choices=Direction.choices)
    cd_batch = models.CharField("批次号", max_length=40)
    source_instance = models.CharField("来源系统", max_length=64)
    source_credit_code = models.CharField("来源机关统一社会信用代码", max_length=18)
    # null: run by the system (the command without a user)
    agency = models.ForeignKey(
        Agency, verbose_name="经办机关", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    total = models.PositiveIntegerField("记录数", default=0)
    inserted = models.PositiveIntegerField("新增", default=0)
    updated = models.PositiveIntegerField("更新", default=0)
    deleted = models.PositiveIntegerField("删除", default=0)
    unchanged = models.PositiveIntegerField("未变", default=0)
    conflicts = models.PositiveIntegerField("冲突", default=0)
    counts = models.JSONField("各类记录数", default=dict)
    cursor_after = models.PositiveBigIntegerField("起始记录序号", null=True, blank=True)
    cursor_upto = models.PositiveBigIntegerField("截止记录序号", null=True, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "交换批次"
        ordering = ["-created_at", "-id"]
        permissions = [("export_data", "导出交换数据"), ("import_data", "导入交换数据")]
        indexes = [models.Index(fields=["agency", "-created_at", "-id"], name="exchange_batch_list")]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.cd_batch}"


class Conflict(models.Model):
    """冲突 — an incoming record with the key of a local one, different content, older than the local one:
    the local one is kept and the conflict reported."""

    batch = models.ForeignKey(
        Batch, verbose_name="批次", on_delete=models.CASCADE, related_name="conflict_rows"
    )
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    key = models.CharField("主键", max_length=128)
    message = models.TextField("说明")

    jurisdiction_field = "batch__agency"

    class Meta:
        verbose_name = verbose_name_plural = "交换冲突"
        ordering = ["batch_id", "id"]

    def __str__(self) -> str:
        return self.message


class Collected(models.Model):
    """归集数据 — the current state of one record received from another instance, keyed by (source
    system, kind, key). Kept apart from our own tables: another instance's cases are its own, and the
    received chain records are verified, not appended to our chains."""

    agency = models.ForeignKey(Agency, verbose_name="归集机关", on_delete=models.PROTECT, related_name="+")
    source_instance = models.CharField("来源系统", max_length=64)
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    key = models.CharField("主键", max_length=128)
    content = models.TextField("内容（规范化JSON）")
    content_hash = models.CharField("内容哈希", max_length=64)
    changed_at = models.DateTimeField("变更时间")
    deleted = models.BooleanField("已删除", default=False)
    batch = models.ForeignKey(Batch, verbose_name="最后批次", on_delete=models.PROTECT, related_name="+")

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "归集数据"
        ordering = ["source_instance", "kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["source_instance", "kind", "key"], name="uniq_collected_key")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key}"


class ChainHead(models.Model):
    """The last verified record of one sending agency's chain, so the next incremental import continues it."""

    source_instance = models.CharField("来源系统", max_length=64)
    credit_code = models.CharField("机关统一社会信用代码", max_length=18)
    seq = models.PositiveBigIntegerField("链内序号")
    hash = models.CharField("哈希", max_length=64)

    class Meta:
        verbose_name = verbose_name_plural = "归集记录链"
        constraints = [
            models.UniqueConstraint(fields=["source_instance", "credit_code"], name="uniq_chainhead")
        ]

    def __str__(self) -> str:
        return f"{self.credit_code} #{self.seq}"
