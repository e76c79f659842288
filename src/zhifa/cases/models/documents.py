from django.conf import settings
from django.db import models

from zhifa.core.models import Agency

from ..documents.kinds import DocumentKind
from .case import Case


class DocumentChangeError(Exception):
    """A generated document, or an uploaded template, is never altered or removed."""


class CaseDocumentManager(models.Manager):
    def panel(self) -> list[dict]:
        """On `case.documents` (the related manager knows its case): one row per kind with its documents
        and whether it can be generated now — what cases/documents_panel.html shows."""
        from ..documents.services import panel_rows

        case = getattr(self, "instance", None)
        return panel_rows(case) if isinstance(case, Case) else []


class CaseDocument(models.Model):
    """文书 — one standard document generated from the case data, numbered, kept as generated (PDF and
    DOCX) and never altered; the record log keeps the PDF's sha256. Generating again makes a new one."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField("文书种类", max_length=32, choices=DocumentKind.choices)
    title = models.CharField("文书名称", max_length=64)
    number = models.CharField("文号", max_length=64, blank=True)
    sha256 = models.CharField("PDF SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("PDF大小（字节）")
    pdf = models.BinaryField("PDF", editable=False)
    docx = models.BinaryField("DOCX", editable=False)
    docx_sha256 = models.CharField("DOCX SHA-256", max_length=64)
    template_source = models.CharField("模板", max_length=64)
    generated_at = models.DateTimeField("生成时间", auto_now_add=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="生成人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = CaseDocumentManager()

    jurisdiction_field = "case__agency"

    class Meta:
        verbose_name = verbose_name_plural = "文书"
        ordering = ["case_id", "generated_at", "id"]
        indexes = [models.Index(fields=["case", "kind", "generated_at"])]

    def __str__(self) -> str:
        return f"{self.title} {self.number}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise DocumentChangeError("文书生成后不能修改，请重新生成")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DocumentChangeError("文书不能删除")

    @property
    def file_stem(self) -> str:
        return f"{self.title}_{self.number or self.case.number or self.case_id}".replace("/", "_")


class CaseDocumentTemplate(models.Model):
    """An agency's own template of one document kind (the plain-text format of cases/documents/render.py).
    Uploading again adds a new row; the newest row of (agency, kind) is in force, and one with empty
    text means "back to the default". Rows are never altered, so every generated document can name the
    template it came from."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="case_document_templates"
    )
    kind = models.CharField("文书种类", max_length=32, choices=DocumentKind.choices)
    text = models.TextField("模板内容", blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    original_name = models.CharField("上传文件名", max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"
        ordering = ["agency_id", "kind", "-uploaded_at", "-id"]
        indexes = [models.Index(fields=["agency", "kind", "uploaded_at"])]

    def __str__(self) -> str:
        return f"{self.agency} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise DocumentChangeError("模板上传后不能修改，请重新上传")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DocumentChangeError("模板不能删除，可上传新模板或恢复默认模板")

    @property
    def is_default(self) -> bool:
        return not self.text
