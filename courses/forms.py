"""Forms of the course pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    """Search over courses and lessons; typing without diacritics is fine ("dang nhap")."""

    q = forms.CharField(
        label=_("Tìm trong các bài học"),
        min_length=2,
        max_length=100,
        help_text=_("Gõ có dấu hoặc không dấu đều được, ví dụ: dang nhap."),
        error_messages={
            "required": _("Nhập từ cần tìm."),
            "min_length": _("Nhập ít nhất 2 ký tự."),
            "max_length": _("Từ cần tìm dài quá 100 ký tự."),
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
