"""音像记录设备台账: the devices, the ratio an agency is held to when it differs from the default, and the
device a piece of recorded evidence was made on (kept here, so the cases app needs no field for it)."""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from zhifa.cases.models import Evidence
from zhifa.core.models import Agency
from zhifa.registry.models import Officer

from .choices import DeviceKind, DeviceStatus

user_fk: dict[str, Any] = {"null": True, "blank": True, "on_delete": models.PROTECT, "related_name": "+"}


class Device(models.Model):
    """音像记录设备 — one 执法记录仪 (or camera, recorder…) of an agency; `holder` is the officer who has
    it out (领用) until it is returned (归还)."""

    agency = models.ForeignKey(
        Agency, verbose_name="所属机关", on_delete=models.PROTECT, related_name="devices"
    )
    kind = models.CharField("设备种类", max_length=16, choices=DeviceKind.choices)
    model = models.CharField("品牌型号", max_length=100)
    number = models.CharField("设备编号", max_length=50)
    status = models.CharField(
        "状态", max_length=16, choices=DeviceStatus.choices, default=DeviceStatus.IN_USE
    )
    acquired_on = models.DateField("配备日期", null=True, blank=True)
    holder = models.ForeignKey(
        Officer,
        verbose_name="领用人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="devices",
    )
    held_since = models.DateTimeField("领用时间", null=True, blank=True)
    note = models.TextField("备注", blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", **user_fk)
    registered_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "音像记录设备"
        ordering = ["agency_id", "number", "id"]
        permissions = [
            ("manage_device", "登记、领用和归还音像记录设备"),
            ("view_survey", "查看摸底统计"),
        ]
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="device_number_per_agency")]
        indexes = [
            models.Index(fields=["agency", "status"], name="device_agency_status"),
            models.Index(fields=["agency", "kind", "number"], name="device_agency_kind"),
            models.Index(fields=["number", "id"], name="device_number"),
            models.Index(fields=["-updated_at", "id"], name="device_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class EquipmentStandard(models.Model):
    """配备标准 of one agency: devices per front-line officer, when its 系统 sets one other than the default
    (seed 003 三(一)4: 根据本系统省、市部门确定的音像记录设备配备比例和标准)."""

    agency = models.OneToOneField(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="equipment_standard"
    )
    ratio = models.DecimalField(
        "配备标准（台/人）",
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(0.01), MaxValueValidator(10)],
    )
    basis = models.CharField("依据", max_length=200, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="设置人", **user_fk)
    set_at = models.DateTimeField("设置时间", auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "音像记录设备配备标准"
        permissions = [("manage_standard", "设置音像记录设备配备标准")]

    def __str__(self) -> str:
        return f"{self.agency} {self.ratio}"


class RecordingDevice(models.Model):
    """The device an audio-video piece of evidence was recorded on (evidence is never altered, so the link
    is a row of its own, set once)."""

    evidence = models.OneToOneField(
        Evidence, verbose_name="证据", on_delete=models.PROTECT, related_name="recording_device"
    )
    device = models.ForeignKey(
        Device, verbose_name="记录设备", on_delete=models.PROTECT, related_name="recordings"
    )
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="标注人", **user_fk)
    linked_at = models.DateTimeField("标注时间", auto_now_add=True)

    jurisdiction_field = "evidence__case__agency"

    class Meta:
        verbose_name = verbose_name_plural = "证据的记录设备"
        ordering = ["evidence_id"]

    def __str__(self) -> str:
        return f"{self.evidence_id} ← {self.device}"


from .systems.models import InformationSystem  # noqa: E402,F401  (执法信息系统, equipment.systems)
