"""Forms of the review pages: they turn POST data into service inputs; the rules stay in services."""

from django import forms

from zhifa.cases.choices import DecisionKind
from zhifa.catalog.choices import PenaltyMeasure
from zhifa.catalog.penalties import measures_field
from zhifa.core.forms import Form, blank, textarea

from .choices import AdviserRole, CheckPoint, ResolutionMethod, ResolutionOutcome
from .services import ProposalInput

# the fields a proposal and a round share as they are (facts and the crime answer are converted)
PLAIN_FIELDS = ("kind", "proposal", "fine", "confiscation")
PLAIN_FIELDS += ("other_measures", "deviation_reason", "evidence_list", "crime_note")
CRIME_CHOICES = blank([("no", "不涉嫌犯罪"), ("yes", "涉嫌犯罪，需移送司法机关")])


class ProposalForm(Form):
    """送审材料: the proposed decision with its discretion facts and the suspected-crime answer."""

    kind = forms.ChoiceField(
        label="拟作决定类型", choices=[(k, DecisionKind(k).label) for k in ("penalty", "no_penalty")]
    )
    proposal = forms.CharField(label="拟处理意见（事实、理由、依据）", widget=textarea(4), required=False)
    measures = measures_field("拟处罚种类")
    fine = forms.DecimalField(label="罚款（元）", required=False, decimal_places=2)  # ≥ 0: the service
    confiscation = forms.DecimalField(
        label=f"{PenaltyMeasure.CONFISCATE_GAINS.label}（元）", required=False, decimal_places=2
    )
    other_measures = forms.CharField(label="其他处罚", required=False)
    fact_value = forms.DecimalField(label="裁量事实数值（如货值金额）", required=False)
    circumstance = forms.CharField(label="裁量情节代码（无数值时）", required=False)
    deviation_reason = forms.CharField(label="偏离裁量基准的理由", widget=textarea(2), required=False)
    evidence_list = forms.CharField(
        label="证据清单（留空则按已上传证据生成）", widget=textarea(3), required=False
    )
    suspected_crime = forms.ChoiceField(label="是否涉嫌犯罪", choices=CRIME_CHOICES, required=False)
    crime_note = forms.CharField(label="涉嫌犯罪情况说明", widget=textarea(2), required=False)

    def to_input(self) -> ProposalInput:
        data = self.cleaned_data
        facts = {}
        if data["fact_value"] is not None:
            facts["fact_value"] = str(data["fact_value"])
        if data["circumstance"]:
            facts["circumstance"] = data["circumstance"]
        crime = {"yes": True, "no": False}.get(data["suspected_crime"])
        plain = {n: data[n] for n in PLAIN_FIELDS}
        return ProposalInput(**plain, measures=tuple(data["measures"]), facts=facts, suspected_crime=crime)

    @classmethod
    def initial_from(cls, round) -> dict:
        if round is None:
            return {}
        initial = {n: getattr(round, n) for n in PLAIN_FIELDS}
        initial["measures"] = list(round.measures)
        initial["fact_value"] = round.facts.get("fact_value")
        initial["circumstance"] = round.facts.get("circumstance", "")
        initial["suspected_crime"] = {True: "yes", False: "no"}.get(round.suspected_crime, "")
        return initial


class OpinionForm(Form):
    """逐项审核: each point 通过 ("1") or 存在问题 ("0") with its comment, and the summary. It only parses:
    the service judges the checklist, and its refusal of a point stands beside that point's row."""

    summary = forms.CharField(label="审核意见（综述）", widget=textarea(2), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for point in CheckPoint:
            self.fields[f"ok_{point.value}"] = forms.ChoiceField(
                label=point.label,
                choices=[("1", "通过"), ("0", "存在问题")],
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"comment_{point.value}"] = forms.CharField(
                label=f"{point.label}意见", widget=textarea(2), required=False
            )
        # the service names an unjudged point point_<point>: on the page, beside its radio buttons
        self.error_map = {f"point_{point}": f"ok_{point}" for point in CheckPoint.values}

    def checklist(self) -> dict:
        data = self.cleaned_data
        return {
            point: {
                "ok": {"1": True, "0": False}.get(data[f"ok_{point}"]),
                "comment": data[f"comment_{point}"],
            }
            for point in CheckPoint.values
        }

    def rows(self, findings: dict) -> list:
        """(point, the pre-check's findings, its 结论 field, its 意见 field) for the checklist table."""
        return [
            (p, findings.get(p.value, []), self[f"ok_{p.value}"], self[f"comment_{p.value}"])
            for p in CheckPoint
        ]


def answers_from(post) -> dict[str, str]:
    return {point: post.get(f"answer_{point}", "") for point in CheckPoint.values}


# the action forms of the detail page only parse: an empty text or choice is refused by the service, in
# the words the API gives (tests/review/test_parity.py)
class DisputeForm(Form):
    reason = forms.CharField(label="异议理由", widget=textarea(3), required=False)


class ResolveForm(Form):
    method = forms.ChoiceField(
        label="处理方式", choices=ResolutionMethod.choices, widget=forms.RadioSelect, required=False
    )
    outcome = forms.ChoiceField(
        label="处理结果", choices=ResolutionOutcome.choices, widget=forms.RadioSelect, required=False
    )
    note = forms.CharField(label="讨论情况（参加人员、主要意见、结论）", widget=textarea(3), required=False)


class InviteForm(Form):
    author = forms.CharField(label="姓名", required=False)  # its length: the service
    role = forms.ChoiceField(label="身份", choices=blank(AdviserRole.choices), required=False)
    text = forms.CharField(label="书面意见", widget=textarea(3), required=False)


class PreReviewForm(Form):
    question = forms.CharField(label="提请预审核的事项", widget=textarea(2), required=False)


class AnswerPreReviewForm(Form):
    opinion = forms.CharField(label="预审核意见", widget=textarea(3), required=False)
