from django.db import models


class EnforcementField(models.Model):
    """执法领域 — what a certificate covers and an enforcement item belongs to (市场监管, 生态环境…). The list is
    the instance's, kept by the 系统管理员 (registry.services.field_*): the code never changes (rows name it);
    a field no longer used is 停用 — no new certificate covers it — rather than deleted."""

    code = models.SlugField("代码", max_length=32, primary_key=True)
    name = models.CharField("名称", max_length=32, unique=True)
    ordering = models.PositiveSmallIntegerField("排序", default=0, help_text="数字小的在前")
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "执法领域"
        ordering = ["ordering", "code"]
        indexes = [models.Index(fields=["ordering", "code"], name="field_ordering")]

    def __str__(self) -> str:
        return self.name
