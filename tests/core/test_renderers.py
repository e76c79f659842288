"""core.renderers: every widget of every form wears Bootstrap's class for its kind, with no form asking."""

import re

from django import forms

from zhifa.core.forms import DateInput, Form


class _Everything(Form):
    name = forms.CharField(label="名称")
    amount = forms.DecimalField(label="金额")
    day = forms.DateField(label="日期", widget=DateInput())
    note = forms.CharField(label="说明", widget=forms.Textarea)
    kind = forms.ChoiceField(label="类别", choices=[("a", "甲"), ("b", "乙")])
    agree = forms.BooleanField(label="同意", required=False)
    fields_ = forms.MultipleChoiceField(
        label="领域", choices=[("a", "甲"), ("b", "乙")], widget=forms.CheckboxSelectMultiple
    )
    party = forms.ChoiceField(label="当事人类型", choices=[("p", "自然人")], widget=forms.RadioSelect)
    short = forms.CharField(label="简称", widget=forms.TextInput(attrs={"class": "narrow"}))
    secret = forms.CharField(widget=forms.HiddenInput)


def _tag(html: str, name: str) -> str:
    return re.findall(rf'<(?:input|select|textarea)[^>]*name="{name}"[^>]*>', html)[0]


def test_each_widget_kind_has_its_bootstrap_class():
    form = _Everything()
    html = {name: str(form[name]) for name in form.fields}
    assert 'class="form-control"' in _tag(html["name"], "name")
    assert 'class="form-control"' in _tag(html["amount"], "amount")
    assert 'class="form-control"' in _tag(html["day"], "day")
    assert 'class="form-control"' in _tag(html["note"], "note")
    assert 'class="form-select"' in _tag(html["kind"], "kind")
    assert 'class="form-check-input"' in _tag(html["agree"], "agree")
    assert 'class="form-control narrow"' in _tag(html["short"], "short")  # the form's own class stays
    assert "class=" not in _tag(html["secret"], "secret")


def test_a_group_of_choices_is_a_row_of_form_checks():
    form = _Everything()
    group = str(form["fields_"])
    assert group.count('<div class="form-check">') == 2
    assert group.count('class="form-check-input"') == 2
    assert '<label class="form-check-label" for="id_fields__0">甲</label>' in group
    assert str(form["party"]).count('class="form-check-input"') == 1
    assert group.startswith('<div id="id_fields_">')  # the group's own box takes no class
