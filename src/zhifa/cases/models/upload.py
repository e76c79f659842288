import uuid

from django.conf import settings
from django.db import models

from zhifa.catalog.choices import ProcedureStep

from ..choices import EvidenceKind
from ..documents.kinds import DocumentKind
from .case import Case
from .evidence import Evidence


class UploadSession(models.Model):
    """分片上传 of one evidence file: what the uploader declared when starting, and how many bytes have
    arrived in the temporary file (MEDIA_ROOT/uploads/<id>). cases.evidence appends chunks at the
    received offset and, on finish, turns the file into an Evidence row; a refused upload leaves no
    session and no temporary file behind."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="uploads")
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("声明大小（字节）")
    media_type = models.CharField("声明的媒体类型", max_length=128, blank=True)
    kind = models.CharField("证据类型", max_length=16, choices=EvidenceKind.choices)
    step = models.CharField("执法环节", max_length=24, choices=ProcedureStep.choices)
    description = models.CharField("说明", max_length=500, blank=True)
    signed_document = models.CharField(
        "签字文书扫描件", max_length=32, choices=DocumentKind.choices, blank=True, default=""
    )
    captured_at = models.DateTimeField("采集时间", null=True, blank=True)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    # 指导执法人员: whom an uploader not certified assists (收集信息, seed 000 §10); checked at start and finish
    supervisor = models.ForeignKey(
        "registry.Officer",
        verbose_name="指导执法人员",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received = models.PositiveBigIntegerField("已接收（字节）", default=0)
    temp_path = models.CharField("临时文件", max_length=255)
    created_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished = models.BooleanField("已完成", default=False)
    evidence = models.OneToOneField(
        Evidence, null=True, blank=True, on_delete=models.SET_NULL, related_name="upload"
    )

    jurisdiction_field = "case__agency"

    class Meta:
        verbose_name = verbose_name_plural = "证据上传会话"
        ordering = ["created_at"]
        indexes = [models.Index(fields=["uploader", "finished", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.received}/{self.size}）"
