from django.db import models


class EnforcementField(models.Model):
    """执法领域 — what a certificate covers and an enforcement item belongs to (市场监管, 生态环境…)."""

    code = models.SlugField("代码", max_length=32, primary_key=True)
    name = models.CharField("名称", max_length=32, unique=True)

    class Meta:
        verbose_name = verbose_name_plural = "执法领域"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name
