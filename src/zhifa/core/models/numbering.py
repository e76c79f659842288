from django.db import models

from ..choices import NumberKind
from .organisations import Agency


class NumberFormat(models.Model):
    """文号前缀 — how an agency numbers one kind of document, e.g. prefix "X市监罚" gives X市监罚〔2026〕12号."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="number_formats"
    )
    kind = models.CharField("文书种类", max_length=32, choices=NumberKind.choices)
    prefix = models.CharField("文号前缀", max_length=32)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "文号格式"
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="uniq_number_format")]

    def __str__(self) -> str:
        return f"{self.agency} · {self.kind}：{self.prefix}"


class NumberSequence(models.Model):
    """The last number issued for (agency, kind, year). Only core.numbering writes it, under a row lock."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "文号序列"
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "year"], name="uniq_number_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.kind} {self.year}: {self.last}"
