"""Forms of 典型案例: they parse; the rules are the services' (required parts are not required here)."""

from django import forms

from zhifa.core.forms import Form, text_field


class WriteUpForm(Form):
    title = forms.CharField(label="标题", required=False, max_length=1000)
    facts = text_field("案情", rows=6, required=False)
    outcome = text_field("处理结果", rows=4, required=False)
    significance = text_field("典型意义", rows=4, required=False)


class ReturnForm(Form):
    reason = text_field("退回理由", rows=3, required=False)
