"""Forms of the 线索中心 — they only parse; the rules (a reason is required…) are the services'."""

from django import forms

from zhifa.core.forms import Form, text_field
from zhifa.supervision.plans.choices import OversightGround


class ReasonForm(Form):
    reason = text_field("理由", required=False)


class SuperviseForm(Form):
    reason = text_field("立项理由", required=False, help_text="不填则以线索理由作为立项理由")


class OverseeForm(Form):
    ground = forms.ChoiceField(
        label="督办情形", choices=[("", "请选择"), *OversightGround.choices], required=False
    )
    description = text_field("督办要求", required=False, help_text="不填则以线索理由作为督办要求")


class ParamsForm(Form):
    """One text box per parameter of a model (blank: take the parent region's value); the service checks
    the number and its range."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            p = row.param
            self.fields[p.name] = forms.CharField(
                label=f"{p.label}（{p.unit}）" if p.unit else p.label,
                required=False,
                initial="" if row.own is None else row.own,
                help_text=f"范围：{row.range_text}。留空则沿用{row.inherited}",
            )
