"""Forms of the 评议考核 pages. They only parse; every rule (weights summing to 100, a score within the
leaf's range) is the service's, whose refusals `apply_errors` puts beside the field of the same name."""

from django import forms

from zhifa.core.forms import Form, blank, text_field
from zhifa.supervision import attachments

from . import indicators
from .choices import ConsequenceKind


class SchemeForm(Form):
    year = forms.IntegerField(label="考核年度", required=False)


class ReviseForm(Form):
    note = forms.CharField(label="修订说明", required=False)


def indicator_choices() -> list[tuple[str, str]]:
    computed = [(key, i.label) for key, i in sorted(indicators.REGISTRY.items())]
    return [("", "人工评分"), *computed]


class NodeForm(Form):
    name = forms.CharField(label="指标名称", required=False)
    weight = forms.CharField(
        label="权重（%）", required=False, help_text="同一上级指标下各指标权重合计应为100"
    )
    indicator = forms.ChoiceField(label="计分方式", required=False, choices=())
    max_score = forms.CharField(
        label="满分", required=False, initial="100", help_text="人工评分的取值范围为0至满分"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = indicator_choices()  # type: ignore[attr-defined]


class WeightsForm(Form):
    """One weight field per sub-indicator (w_<id>), all saved at once."""

    def __init__(self, *args, nodes, **kwargs):
        super().__init__(*args, **kwargs)
        self.nodes = nodes
        for node in nodes:
            self.fields[f"w_{node.pk}"] = forms.CharField(
                label=node.name, required=False, initial=str(node.weight)
            )
        self.fields["weights"] = forms.CharField(required=False, widget=forms.HiddenInput)

    def weights(self) -> dict[int, str]:
        return {node.pk: self.cleaned_data.get(f"w_{node.pk}") or "" for node in self.nodes}


class ScoreForm(Form):
    score = forms.CharField(label="得分", required=False)
    source = text_field(
        "评分依据", rows=4, required=False, help_text="如测评报告、检查记录、会议纪要的名称和结论"
    )
    files = attachments.files_field()  # type: ignore[assignment]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].label = "依据材料"


class ConsequenceForm(Form):
    kind = forms.ChoiceField(label="运用方式", choices=blank(ConsequenceKind.choices), required=False)
    note = text_field("情况说明", rows=4, required=False)
    open_item = forms.BooleanField(label="同时立项监督（限期整改）", required=False)
