from django import forms


class HolidayNoticeForm(forms.Form):
    text = forms.CharField(
        label="通知全文",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="粘贴国务院办公厅关于下一年部分节假日安排的通知全文，先预览，核对无误后确认录入。",
    )
