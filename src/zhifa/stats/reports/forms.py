"""报送 forms: they only parse (text in, text out); the figures, reasons and periods are the service's to
check, so the page and the API refuse the same input in the same words."""

from django import forms

from zhifa.core.forms import Form, blank, textarea

from . import clocks
from .kinds import KINDS, ReportKind


def period_choices() -> list:
    """The periods of this year and the last, grouped by kind (a period's code names its kind)."""
    year = clocks.today().year
    return blank([]) + [
        (spec.label, [(p.code, p.label) for y in (year - 1, year) for p in spec.periods(y)])
        for spec in KINDS.values()
    ]


class RoundForm(Form):
    kind = forms.CharField(
        label="报送事项", required=False, widget=forms.Select(choices=blank(ReportKind.choices))
    )
    period = forms.CharField(label="报送期间", required=False, widget=forms.Select())
    note = forms.CharField(label="报送要求", required=False, widget=textarea())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].widget.choices = period_choices()


class FillForm(Form):
    """One value per figure of the kind, each with its 调整原因 (needed when it differs from the count)."""

    def __init__(self, *args, spec, computed: dict[str, str], initial_figures: dict[str, str],
                 initial_reasons: dict[str, str], note: str = "", **kwargs):  # fmt: skip
        super().__init__(*args, **kwargs)
        for figure in spec.figures:
            counted = computed.get(figure.key)
            self.fields[f"f_{figure.key}"] = forms.CharField(
                label=figure.label, required=False, initial=initial_figures.get(figure.key, counted or ""),
                help_text=f"系统统计值：{counted}" if counted is not None else "",
                widget=forms.TextInput(attrs={"inputmode": "decimal" if figure.money else "numeric"}),
            )  # fmt: skip
            if counted is not None:
                self.fields[f"r_{figure.key}"] = forms.CharField(
                    label=f"{figure.label}调整原因", required=False, initial=initial_reasons.get(figure.key, ""),
                    help_text="与系统统计值不同时必填",
                )  # fmt: skip
        self.fields["note"] = forms.CharField(
            label=spec.note_label or "情况说明",
            required=False,
            initial=note,
            widget=textarea(8 if spec.note_label else 4),
        )
        self.keys = [f.key for f in spec.figures]

    def parts(self) -> tuple[dict[str, str], dict[str, str], str]:
        data = self.cleaned_data
        figures = {k: data.get(f"f_{k}", "") for k in self.keys}
        reasons = {k: data[f"r_{k}"] for k in self.keys if data.get(f"r_{k}")}
        return figures, reasons, data.get("note", "")


class ReturnForm(Form):
    reason = forms.CharField(label="退回理由", required=False, widget=textarea())


class EmptyForm(Form):
    pass
