"""案件移送 (seed 004 五(三); seed 000 §2): a case or a lead (线索, before 立案) sent by one agency to another
in the agency's name, with its package (移送函, 案源材料, evidence with its hashes, the party's basic data and
the reasons), approved by the leader, acknowledged, then accepted or refused by the receiver; a refused one
may go to a 管辖争议 (`Dispute`). Statuses change only through collaboration.transfers.services (one table:
transfers.transitions). The transfer belongs to its sender (`agency`, whose chain records the sender's
steps); the receiver sees it through a view grant and records its steps on its own chain."""

from django.conf import settings
from django.db import models

from zhifa.cases.choices import PartyKind
from zhifa.cases.models import Case, Evidence
from zhifa.core.models import Agency

from ..transfers.choices import (
    DisputeForum,
    DisputeStatus,
    EvidenceCheck,
    TransferKind,
    TransferStatus,
)

user_fk = {"null": True, "blank": True, "on_delete": models.PROTECT, "related_name": "+"}


class Transfer(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="移送机关", on_delete=models.PROTECT, related_name="transfers_out"
    )
    receiver = models.ForeignKey(
        Agency, verbose_name="接收机关", on_delete=models.PROTECT, related_name="transfers_in"
    )
    kind = models.CharField("移送类型", max_length=16, choices=TransferKind.choices)
    status = models.CharField(
        "状态", max_length=16, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    case = models.ForeignKey(
        Case, verbose_name="移送的案件", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    item_code = models.CharField("事项编码", max_length=32)
    item_name = models.CharField("事项名称", max_length=200)
    summary = models.CharField("案由", max_length=200)
    facts = models.TextField("基本违法事实")
    source_material = models.TextField("案源材料")
    reasons = models.TextField("移送理由")
    party_kind = models.CharField("当事人类型", max_length=16, choices=PartyKind.choices)
    party_name = models.CharField("当事人", max_length=128)
    party_id = models.CharField("当事人证件号码或统一社会信用代码", max_length=18, blank=True)
    party_address = models.CharField("当事人住所（地址）", max_length=200, blank=True)
    party_phone = models.CharField("当事人联系电话", max_length=32, blank=True)
    place = models.CharField("发现地点", max_length=200, blank=True)
    discovered_at = models.DateTimeField("发现时间")
    urgent = models.BooleanField("已责令当事人停止违法行为（紧急移送）", default=False)
    # the competence warning: the receiver is not competent for the item (boundaries.competent_agencies)
    # and the sender proceeded with a reason
    out_of_competence = models.BooleanField("接收机关非该事项的主管机关", default=False)
    competence_reason = models.TextField("移送非主管机关的理由", blank=True)
    # the clock: 3 working days from discovery, or 24 hours when urgent (transfers.clocks)
    due_on = models.DateField("移送期限", null=True, blank=True)
    due_at = models.DateTimeField("紧急移送时限", null=True, blank=True)
    answer_due = models.DateField("接收处理期限", null=True, blank=True)
    number = models.CharField("移送函文号", max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", **user_fk)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批准人", **user_fk)
    sent_at = models.DateTimeField("移送时间", null=True, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签收人", **user_fk)
    received_at = models.DateTimeField("签收时间", null=True, blank=True)
    evidence_ok = models.BooleanField("证据核验一致", null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", **user_fk)
    answered_at = models.DateTimeField("处理时间", null=True, blank=True)
    refusal_reason = models.TextField("拒收理由", blank=True)
    receiver_case = models.ForeignKey(
        Case,
        verbose_name="接收机关立的案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_transfers",
    )
    updated_at = models.DateTimeField(auto_now=True)

    jurisdiction_field = "agency"

    class Meta:
        verbose_name = verbose_name_plural = "案件移送"
        ordering = ["-created_at", "-id"]
        permissions = [
            ("send_transfer", "登记案件移送"),
            ("approve_transfer", "批准案件移送"),
            ("receive_transfer", "签收、接收案件移送"),
        ]
        indexes = [
            models.Index(fields=["receiver", "status"]),
            models.Index(fields=["status", "due_on"]),
            # the list's sortable columns (transfers.selectors.TRANSFER_SORTS), by the sender and the receiver
            models.Index(fields=["agency", "created_at", "id"], name="transfer_agency_created"),
            models.Index(fields=["agency", "due_on", "id"], name="transfer_agency_due"),
            models.Index(fields=["agency", "status", "due_on", "id"], name="transfer_agency_status"),
            models.Index(fields=["receiver", "created_at", "id"], name="transfer_receiver_created"),
            models.Index(fields=["receiver", "due_on", "id"], name="transfer_receiver_due"),
            models.Index(fields=["receiver", "status", "due_on", "id"], name="transfer_receiver_status"),
        ]

    def __str__(self) -> str:
        return f"{self.number or '移送'} {self.summary}（{self.agency} → {self.receiver}）"


class TransferEvidence(models.Model):
    """One evidence file moved with the transfer: its hash and size as sent, checked on arrival."""

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="evidence")
    evidence = models.ForeignKey(Evidence, verbose_name="证据", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("发送时的SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("大小（字节）")
    arrival = models.CharField(
        "到达核验", max_length=16, choices=EvidenceCheck.choices, default=EvidenceCheck.PENDING
    )
    adopted = models.ForeignKey(
        Evidence, verbose_name="接收机关案件中的证据", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip

    jurisdiction_field = "transfer__agency"

    class Meta:
        verbose_name = verbose_name_plural = "移送证据"
        ordering = ["transfer_id", "id"]

    def __str__(self) -> str:
        return self.name


class Dispute(models.Model):
    """管辖争议 over a refused transfer: to the county 司法局 (seed 004 五(三)4), or for a duty boundary to
    编办 (seed 004 六(四): 先予协同处置, then 县政府 decides). Decided by the region's justice bureau, which
    records the decision; the transfer then goes to the decided agency."""

    transfer = models.OneToOneField(Transfer, on_delete=models.PROTECT, related_name="dispute")
    forum = models.CharField("提请", max_length=16, choices=DisputeForum.choices)
    status = models.CharField(
        "状态", max_length=16, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    reason = models.TextField("争议事由")
    interim = models.TextField("先予协同处置情况", blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提请人", **user_fk)
    opened_at = models.DateTimeField("提请时间", auto_now_add=True)
    decided_agency = models.ForeignKey(
        Agency, verbose_name="决定管辖机关", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.TextField("决定内容", blank=True)
    decided_by_organ = models.CharField("决定机关", max_length=128, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", **user_fk)
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)

    jurisdiction_field = "transfer__agency"

    class Meta:
        verbose_name = verbose_name_plural = "管辖争议"
        ordering = ["-opened_at", "-id"]
        permissions = [("decide_dispute", "决定管辖争议")]

    def __str__(self) -> str:
        return f"管辖争议：{self.transfer}"
