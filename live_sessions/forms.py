"""The trainer's forms: scheduling a session (choices scoped to the trainer's province) and sending
a card to everyone in it."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core import catalogue
from core.collation import by_name
from live_sessions.models import LiveSession
from live_sessions.selectors import card_items, card_target, meeting_rooms_for
from people.models import JobRole
from people.permissions import communes_visible_to
from progress.models import ItemKind

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


def _grouped(items, *, empty) -> list:
    """Select choices grouped under each item's heading (its course, its area), titles only."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(item.group, []).append((item.key, item.title))
    return [("", empty), *groups.items()]


def _step_choices(items, *, empty) -> list:
    """Every item's steps, grouped under the item: ``<item key>|<step key>``. The script narrows the
    list to the chosen item's steps; without it, the server refuses a step of another item."""
    return [
        ("", empty),
        *(
            (
                item.title,
                [
                    (f"{item.key}|{key}", _step_label(number, title))
                    for number, (key, title) in enumerate(item.steps, 1)
                ],
            )
            for item in items
            if item.steps
        ),
    ]


def _step_label(number: int, title: str) -> str:
    return _("Bước %(number)s: %(title)s") % {"number": number, "title": title}


class CardForm(forms.Form):
    """The trainer's "send to everyone" form: a practice or a published lesson from lists, and maybe
    one of its steps. Only the fields of the chosen kind are read; the others are ignored, whatever
    they hold (the script hides them; without it they are simply left as they are)."""

    kind = forms.ChoiceField(
        label=_("Gửi gì"),
        choices=[(ItemKind.SCENARIO, _("Bài thực hành")), (ItemKind.LESSON, _("Bài học"))],
        initial=ItemKind.SCENARIO,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Hãy chọn gửi bài thực hành hay bài học."),
            "invalid_choice": _("Hãy chọn gửi bài thực hành hay bài học."),
        },
    )
    scenario = forms.CharField(label=_("Bài thực hành"), required=False)
    scenario_step = forms.CharField(label=_("Bước của bài thực hành"), required=False)
    lesson = forms.CharField(
        label=_("Bài học"), required=False, help_text=_("Các bài đã xuất bản, theo khóa học.")
    )
    lesson_step = forms.CharField(label=_("Bước của bài học"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {kind: card_items(kind) for kind in (ItemKind.SCENARIO, ItemKind.LESSON)}
        scenarios, lessons = self.items[ItemKind.SCENARIO], self.items[ItemKind.LESSON]
        self.fields["scenario"].widget = forms.Select(
            choices=_grouped(scenarios, empty=_("Chọn bài thực hành"))
        )
        self.fields["lesson"].widget = forms.Select(choices=_grouped(lessons, empty=_("Chọn bài học")))
        self.fields["scenario_step"].widget = forms.Select(
            choices=_step_choices(scenarios, empty=_("Cả bài"))
        )
        self.fields["lesson_step"].widget = forms.Select(choices=_step_choices(lessons, empty=_("Cả bài")))
        self.card = None

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if not kind:
            return cleaned
        item_field, step_field = (
            ("scenario", "scenario_step") if kind == ItemKind.SCENARIO else ("lesson", "lesson_step")
        )
        key = cleaned.get(item_field, "")
        item_key, _sep, step = cleaned.get(step_field, "").partition("|")
        if item_key and key and item_key != key:
            self.add_error(step_field, _("Bước này thuộc bài khác: hãy chọn một bước của bài đã chọn."))
            return cleaned
        target, refused = card_target(kind=kind, key=key, step=step)
        for about, message in refused.items():
            self.add_error({"kind": "kind", "item": item_field, "step": step_field}[about], message)
        if target is not None:
            self.card = {"kind": kind, "slug" if kind == ItemKind.SCENARIO else "lesson": key, "step": step}
        return cleaned
