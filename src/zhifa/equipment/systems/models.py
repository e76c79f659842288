from typing import Any

from django.conf import settings
from django.db import models

from zhifa.core.models import Agency

from .choices import Connection, SystemKind, SystemLevel, SystemStatus

user_fk: dict[str, Any] = {"null": True, "blank": True, "on_delete": models.PROTECT, "related_name": "+"}


class InformationSystem(models.Model):
    """执法信息系统 — one system an agency uses for enforcement (its own 办案系统, a ministry's or the
    province's 统建 system, …), and whether its data reaches this platform."""

    agency = models.ForeignKey(
        Agency, verbose_name="使用机关", on_delete=models.PROTECT, related_name="information_systems"
    )
    name = models.CharField("系统名称", max_length=100)
    kind = models.CharField("系统类别", max_length=20, choices=SystemKind.choices)
    level = models.CharField("建设层级", max_length=16, choices=SystemLevel.choices)
    builder = models.CharField("建设（承建）单位", max_length=100, blank=True)
    connection = models.CharField(
        "与本平台对接", max_length=16, choices=Connection.choices, default=Connection.NONE
    )
    connected_on = models.DateField("对接日期", null=True, blank=True)
    # the `source.instance` its exchange files carry (docs/exchange.md): an accepted import from it marks the
    # system 已对接 (systems/exchange.py)
    exchange_source = models.CharField("数据交换来源系统标识", max_length=64, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=SystemStatus.choices, default=SystemStatus.IN_USE
    )
    in_use_since = models.DateField("启用日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", **user_fk)
    registered_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        app_label = "equipment"
        verbose_name = verbose_name_plural = "执法信息系统"
        ordering = ["agency_id", "name", "id"]
        permissions = [("manage_informationsystem", "登记和更新执法信息系统")]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="information_system_name_per_agency"),
            models.UniqueConstraint(
                fields=["agency", "exchange_source"],
                condition=~models.Q(exchange_source=""),
                name="information_system_source_per_agency",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "connection"], name="system_agency_status"),
            models.Index(fields=["name", "id"], name="system_name"),
            models.Index(fields=["kind", "name", "id"], name="system_kind"),
            models.Index(fields=["-updated_at", "id"], name="system_updated"),
            models.Index(fields=["exchange_source"], name="system_exchange_source"),
        ]

    def __str__(self) -> str:
        return self.name
