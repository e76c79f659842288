from django.conf import settings
from django.db import models

from zhifa.catalog.choices import ProcedureStep

from ..choices import EvidenceKind
from ..documents.kinds import DocumentKind
from .case import Case


class EvidenceChangeError(Exception):
    """Evidence is never altered or removed after upload."""


class Evidence(models.Model):
    """证据 — a file recorded at a step of a case, stored content-addressed by its sha256 (cases.evidence.storage)
    and never altered after upload; the record log keeps its hash."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evidence")
    step = models.CharField("执法环节", max_length=24, choices=ProcedureStep.choices)
    kind = models.CharField("证据类型", max_length=16, choices=EvidenceKind.choices)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    media_type = models.CharField("媒体类型", max_length=128)
    original_name = models.CharField("原文件名", max_length=255)
    description = models.CharField("说明", max_length=500, blank=True)
    # a scan of the signed paper of this 文书, in its place where a step needs it (documents.requirements)
    signed_document = models.CharField(
        "签字文书扫描件", max_length=32, choices=DocumentKind.choices, blank=True, default=""
    )
    captured_at = models.DateTimeField("采集时间", null=True, blank=True)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    jurisdiction_field = "case__agency"
    never_deleted = True  # a trigger refuses it (core.append_only); verify-records reports a missing one

    class Meta:
        verbose_name = verbose_name_plural = "证据"
        ordering = ["case_id", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.original_name}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise EvidenceChangeError("证据上传后不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise EvidenceChangeError("证据不能删除")

    @property
    def is_audio_video(self) -> bool:
        return self.kind in (EvidenceKind.AUDIO, EvidenceKind.VIDEO)
