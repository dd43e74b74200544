"""The trainer's scheduling form. Choices are scoped to the trainer's province."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core import catalogue
from core.collation import by_name
from live_sessions.models import LiveSession
from live_sessions.selectors import meeting_rooms_for
from people.models import JobRole
from people.permissions import communes_visible_to

DATETIME_WIDGET = {"attrs": {"type": "datetime-local"}, "format": "%Y-%m-%dT%H:%M"}


def _bounded(label, low: int, high: int, initial: int, help_text=""):
    message = format_lazy(_("Hãy nhập một số từ {low} đến {high}."), low=low, high=high)
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        initial=initial,
        help_text=help_text,
        error_messages={"required": message, "invalid": message, "min_value": message, "max_value": message},
    )


class SessionForm(forms.ModelForm):
    capacity = _bounded(_("Số người tối đa"), 1, 2000, 100)
    stuck_after_minutes = _bounded(
        _("Báo vướng sau (phút)"),
        1,
        120,
        5,
        _("Bảng theo dõi báo “vướng” khi cán bộ ở một bước quá số phút này."),
    )
    stuck_after_failures = _bounded(
        _("Báo vướng sau số lần sai"), 1, 20, 3, _("…hoặc khi cán bộ làm sai liên tiếp số lần này.")
    )
    audience_job_roles = forms.MultipleChoiceField(
        label=_("Chức danh"),
        required=False,
        choices=JobRole.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống: mọi chức danh."),
    )
    course_slug = forms.ChoiceField(
        label=_("Khóa học"),
        required=False,
        choices=lambda: [("", _("Không giới hạn theo khóa học")), *catalogue.choices("course")],
        help_text=_("Nếu chọn, chỉ mời cán bộ được giao khóa học này."),
    )

    class Meta:
        model = LiveSession
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "audience_communes",
            "audience_job_roles",
            "course_slug",
            "capacity",
            "meeting_room",
            "stuck_after_minutes",
            "stuck_after_failures",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(**DATETIME_WIDGET),
            "ends_at": forms.DateTimeInput(**DATETIME_WIDGET),
            "audience_communes": forms.SelectMultiple(attrs={"size": 10}),
        }
        help_texts = {
            "audience_communes": _("Để trống: mọi xã/phường của tỉnh. Giữ phím Ctrl để chọn nhiều."),
            "meeting_room": _("Phòng họp video của tỉnh, nếu buổi hỗ trợ có cả họp video."),
        }
        error_messages = {
            "title": {"required": _("Hãy nhập tên buổi hỗ trợ.")},
            "starts_at": {"required": _("Hãy chọn giờ bắt đầu."), "invalid": _("Giờ bắt đầu không hợp lệ.")},
            "ends_at": {"required": _("Hãy chọn giờ kết thúc."), "invalid": _("Giờ kết thúc không hợp lệ.")},
        }

    def __init__(self, *args, trainer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience_communes"].queryset = communes_visible_to(trainer).order_by(*by_name("name"))
        self.fields["meeting_room"].queryset = meeting_rooms_for(trainer=trainer)
        self.fields["meeting_room"].empty_label = _("Không dùng phòng họp video")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Giờ kết thúc phải sau giờ bắt đầu."))
        if starts and self.instance.pk is None and starts < timezone.now() - timedelta(minutes=5):
            self.add_error("starts_at", _("Giờ bắt đầu đã qua, hãy chọn giờ sắp tới."))
        return cleaned
