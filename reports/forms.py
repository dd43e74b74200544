"""The dashboard's filters (GET) and the export request (POST)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import JobRole
from reports.models import ExportFormat
from reports.selectors import Level, ReportFilters

INVALID_DATE = _("Ngày không hợp lệ, hãy chọn hoặc nhập một ngày (ngày/tháng/năm).")


class ReportFilterForm(forms.Form):
    """Filters by course, job role and period (the due dates of assigned courses). A wrong value is
    reported and ignored; the other filters still apply and everything typed stays in the form."""

    course = forms.IntegerField(label=_("Khóa học"), required=False, min_value=1, widget=forms.Select)
    job_role = forms.ChoiceField(
        label=_("Chức danh"), required=False, choices=[("", _("Tất cả chức danh")), *JobRole.choices]
    )
    due_from = forms.DateField(
        label=_("Hạn hoàn thành từ ngày"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    due_to = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("due_from", "due_to"):
            self.fields[name].error_messages["invalid"] = INVALID_DATE
        self.set_course_choices([])

    def set_course_choices(self, options: list[tuple[int, str]]) -> None:
        self.fields["course"].widget.choices = [("", _("Tất cả khóa học")), *options]

    def clean(self):
        cleaned = super().clean()
        due_from, due_to = cleaned.get("due_from"), cleaned.get("due_to")
        if due_from and due_to and due_from > due_to:
            self.add_error("due_to", _("Ngày kết thúc phải sau ngày bắt đầu của kỳ."))
        return cleaned

    def filters(self) -> ReportFilters:
        """The filters that are valid (call after ``is_valid``)."""
        data = getattr(self, "cleaned_data", {})
        return ReportFilters(
            course_id=data.get("course"),
            job_role=data.get("job_role") or "",
            due_from=data.get("due_from"),
            due_to=data.get("due_to"),
        )


class ExportRequestForm(ReportFilterForm):
    """Which view to export, in which format, with the filters the page was showing."""

    scope = forms.ChoiceField(choices=[(level, level) for level in Level.ALL], widget=forms.HiddenInput)
    scope_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    sort = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    format = forms.ChoiceField(choices=ExportFormat.choices)
    detail = forms.BooleanField(required=False)
