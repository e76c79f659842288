"""案卷评查 forms: they only parse; every rule (the minimum per agency, own-agency files, score ranges,
reasons for departing from the pre-scoring) is the services'."""

from decimal import Decimal

from django import forms

from zhifa.core.choices import AgencyKind
from zhifa.core.forms import Form, agency_field, offer_agencies
from zhifa.core.params import YearField

from ..models import TemplateVersion
from .choices import VersionStatus
from .rules import min_files_per_agency
from .transitions import MANAGE

VETO_CHOICES = [("no", "未发现"), ("yes", "存在（否决）")]


def points_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DecimalField:
    """Points with one decimal; the range is the service's to check (the page and the API say the same)."""
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=5,
        decimal_places=1,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )


class CampaignForm(Form):
    agency = agency_field("组织机关")
    title = forms.CharField(label="活动名称", max_length=120)
    year = YearField(label="评查年度", help_text="抽取该年度作出决定并已结案（归档）的案卷")
    template_version = forms.ModelChoiceField(
        label="评查标准",
        queryset=TemplateVersion.objects.none(),
        required=False,
        help_text="不选则使用本机关现行评查标准（没有时使用默认标准）",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies = offer_agencies(field, user, MANAGE).filter(kind=AgencyKind.JUSTICE)
        self.fields["template_version"].queryset = TemplateVersion.objects.filter(  # type: ignore[attr-defined]
            template__agency__in=agencies, status=VersionStatus.PUBLISHED
        ).select_related("template")


class CommitForm(Form):
    per_agency = forms.IntegerField(label="每个机关抽取卷数", min_value=0, max_value=1000)
    seed_commitment = forms.CharField(
        label="种子承诺（可选）",
        required=False,
        max_length=200,
        help_text="自行保管随机种子时填写其SHA-256值；留空则由系统生成并封存种子",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        minimum = min_files_per_agency()
        self.fields["per_agency"].initial = minimum
        self.fields["per_agency"].help_text = f"至少{minimum}卷；案卷不足{minimum}卷的机关全部抽取"


class DrawForm(Form):
    seed = forms.CharField(
        label="随机种子（可选）",
        required=False,
        max_length=200,
        help_text="自行保管种子时填写；系统封存种子时留空",
    )


class AssignForm(Form):
    reviewer = forms.ChoiceField(label="评查人")

    def __init__(self, *args, reviewers, own: int, **kwargs):
        """`reviewers`: the campaign's eligible reviewers; those of the file's own agency (`own`) are
        marked, and refused by the service if chosen."""
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [("", "请选择")] + [  # type: ignore[attr-defined]
            (
                str(u.pk),
                f"{u.real_name}（{u.agency.name}{'，本机关人员不得评查' if u.agency_id == own else ''}）",
            )
            for u in reviewers
        ]


class ScoreForm(Form):
    """One field per item (veto items: found or not; others: the deduction), each with a reason field,
    prefilled with the automatic pre-scoring's proposal."""

    def __init__(self, *args, items, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            proposal = proposals.get(item.code)
            if item.is_veto:
                self.fields[f"item_{item.code}"] = forms.ChoiceField(
                    label=f"{item.code} {item.title}",
                    choices=VETO_CHOICES,
                    required=False,
                    initial="yes" if proposal and proposal.veto else "no",
                )
            else:
                self.fields[f"item_{item.code}"] = points_field(
                    f"{item.code} {item.title}（最高扣{item.max_points}分）", required=False
                )
                self.fields[f"item_{item.code}"].initial = proposal.deduction if proposal else Decimal(0)
            self.fields[f"reason_{item.code}"] = forms.CharField(label="理由", required=False, max_length=500)

    def rows(self):
        """(item, its field, its reason field) for the template."""
        return [(item, self[f"item_{item.code}"], self[f"reason_{item.code}"]) for item in self.items]


class VersionForm(Form):
    form_points = points_field("形式评查分值")
    content_points = points_field("内容评查分值")
    excellent_from = points_field("优秀分数线")
    good_from = points_field("良好分数线")
    pass_from = points_field("合格分数线")
    disagreement_points = points_field(
        "分歧分差", help_text="两名评查人得分相差超过此分值（或仅一人认定否决项）时，交第三人评查"
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = [item for item in items if not item.is_veto]
        for item in self.items:
            self.fields[f"item_{item.code}"] = points_field(f"{item.code} 最高扣分", help_text=item.title)
            self.fields[f"unit_{item.code}"] = points_field(f"{item.code} 每处扣分")
