"""The form renderer of every page: Django's TemplatesSetting (so templates/django/forms/ may adjust a
widget), and every widget wears Bootstrap's class for its kind — `form-control` for a text, number, date,
file or text area, `form-select` for a select, `form-check-input` for a check box or radio button (each
option of a group too) — so no form has to list classes for its fields (docs/architecture.md §5 "Look and
layout"). A class a widget was given (`narrow`) is kept after it. The console's stylesheet sizes them; the
public portal, which loads no Bootstrap, ignores them."""

from django.forms.renderers import TemplatesSetting

CHECKS = {"checkbox", "radio"}
NO_CLASS = {"hidden", "submit", "button", "reset", "image", "color", "range"}


def bootstrap_class(widget: dict) -> str:
    """The Bootstrap class of a widget's context (Widget.get_context()["widget"]); "" for none."""
    template = widget.get("template_name", "")
    if widget.get("optgroups") is not None and not template.endswith("select.html"):
        return ""  # a group of check boxes or radio buttons: its options take the class, not the group
    if template.endswith("/select.html"):
        return "form-select"
    if template.endswith("/textarea.html"):
        return "form-control"
    kind = widget.get("type")
    if kind in CHECKS:
        return "form-check-input"
    if kind is None or kind in NO_CLASS:
        return ""
    return "form-control"


def add_class(attrs: dict, name: str) -> None:
    classes = attrs.get("class", "").split()
    if name and name not in classes:
        attrs["class"] = " ".join([name, *classes])


class BootstrapRenderer(TemplatesSetting):
    """TemplatesSetting that adds the Bootstrap class to the widget (and to the options of a check box or
    radio group) before its template is drawn."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if isinstance(widget, dict) and "attrs" in widget:
            widget["attrs"] = dict(widget["attrs"])
            add_class(widget["attrs"], bootstrap_class(widget))
            for _group, options, _index in widget.get("optgroups") or ():
                for option in options:
                    if option.get("type") in CHECKS:
                        option["attrs"] = dict(option.get("attrs") or {})
                        add_class(option["attrs"], "form-check-input")
        return super().render(template_name, context, request)
