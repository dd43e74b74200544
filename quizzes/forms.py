"""The answer form an official fills for one question (the same form parses the autosave request), and
the checks the Wagtail editor runs on questions and quizzes."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from quizzes.models import RESERVED_QUIZ_SLUGS, FeedbackTiming, Option, QuestionKind, Selection
from quizzes.scoring import normalize_text, parse_number


class AnswerForm(forms.Form):
    """Fields for one question of an attempt, built from its kind and the option order the attempt
    shows; ``response()`` turns the cleaned data into the JSON the attempt stores (None: no answer)."""

    def __init__(self, *args, answer, options: list[Option], right_options: list[Option], **kwargs):
        self.answer = answer
        self.kind = answer.question.kind
        self.options = options
        super().__init__(*args, initial=self._initial(answer.response or {}), **kwargs)
        kind = self.kind
        if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
            self.fields["choice"] = forms.TypedChoiceField(
                label=_("Chọn một đáp án"),
                choices=[(o.pk, o.text) for o in options],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
        elif kind == QuestionKind.MULTIPLE:
            self.fields["choices"] = forms.TypedMultipleChoiceField(
                label=_("Chọn mọi đáp án đúng"),
                choices=[(o.pk, o.text) for o in options],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        elif kind == QuestionKind.ORDERING:
            positions = [("", "—")] + [(str(i), str(i)) for i in range(1, len(options) + 1)]
            for option in options:
                self.fields[f"pos_{option.pk}"] = forms.TypedChoiceField(
                    label=option.text, choices=positions, coerce=int, empty_value=None, required=False
                )
        elif kind == QuestionKind.MATCHING:
            rights = [("", "—")]
            seen = set()
            for option in right_options:
                key = normalize_text(option.match_text)
                if key not in seen:
                    seen.add(key)
                    rights.append((option.pk, option.match_text))
            for option in options:
                self.fields[f"match_{option.pk}"] = forms.TypedChoiceField(
                    label=option.text, choices=rights, coerce=int, empty_value=None, required=False
                )
        elif kind == QuestionKind.SHORT_ANSWER:
            self.fields["text"] = forms.CharField(
                label=_("Câu trả lời của bạn"), max_length=300, required=False
            )
        elif kind == QuestionKind.NUMERIC:
            self.fields["text"] = forms.CharField(
                label=_("Câu trả lời của bạn (một số)"),
                max_length=40,
                required=False,
                help_text=_("Ví dụ: 3 hoặc 2,5"),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )

    def _initial(self, response: dict) -> dict:
        initial = {}
        if "choice" in response:
            initial["choice"] = response["choice"]
        if "choices" in response:
            initial["choices"] = response["choices"]
        for option_id, position in (response.get("positions") or {}).items():
            initial[f"pos_{option_id}"] = str(position)
        for option_id, right_id in (response.get("pairs") or {}).items():
            initial[f"match_{option_id}"] = right_id
        if "text" in response:
            initial["text"] = response["text"]
        return initial

    def clean_text(self):
        text = self.cleaned_data.get("text", "")
        if self.kind == QuestionKind.NUMERIC and text.strip() and parse_number(text) is None:
            raise forms.ValidationError(_("Hãy nhập một số, ví dụ 3 hoặc 2,5."))
        return text

    def clean(self):
        cleaned = super().clean()
        if self.kind == QuestionKind.ORDERING:
            used: dict[int, str] = {}
            for option in self.options:
                position = cleaned.get(f"pos_{option.pk}")
                if position is None:
                    continue
                if position in used:
                    raise forms.ValidationError(
                        _("Vị trí %(position)s đã được chọn cho hai bước: mỗi vị trí chỉ dùng một lần."),
                        params={"position": position},
                    )
                used[position] = option.text
        return cleaned

    def response(self) -> dict | None:
        data = self.cleaned_data
        kind = self.kind
        if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
            return {"choice": data["choice"]} if data.get("choice") is not None else None
        if kind == QuestionKind.MULTIPLE:
            return {"choices": sorted(data["choices"])} if data.get("choices") else None
        if kind == QuestionKind.ORDERING:
            positions = {
                str(o.pk): data[f"pos_{o.pk}"] for o in self.options if data.get(f"pos_{o.pk}") is not None
            }
            return {"positions": positions} if positions else None
        if kind == QuestionKind.MATCHING:
            pairs = {
                str(o.pk): data[f"match_{o.pk}"]
                for o in self.options
                if data.get(f"match_{o.pk}") is not None
            }
            return {"pairs": pairs} if pairs else None
        if kind == QuestionKind.SHORT_ANSWER:
            text = data.get("text", "").strip()
            return {"text": text} if text else None
        if kind == QuestionKind.NUMERIC:
            text = data.get("text", "").strip()
            return {"text": text, "value": str(parse_number(text))} if text else None
        return None


class QuestionAdminForm(WagtailAdminModelForm):
    """Checks that a question's options make sense for its kind, with a message the editor can act on."""

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        formset = self.formsets.get("options")
        options = []
        if formset is not None and formset.is_valid():
            options = [
                form.cleaned_data
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
        correct = sum(1 for option in options if option.get("is_correct"))
        if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and correct != 1:
            raise forms.ValidationError(_("Câu hỏi này cần đúng một phương án được đánh dấu đúng."))
        if kind == QuestionKind.TRUE_FALSE and len(options) != 2:
            raise forms.ValidationError(_("Câu Đúng/Sai cần đúng hai phương án: “Đúng” và “Sai”."))
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.ORDERING) and len(options) < 2:
            raise forms.ValidationError(_("Câu hỏi này cần ít nhất hai phương án."))
        if kind == QuestionKind.MULTIPLE and correct < 1:
            raise forms.ValidationError(_("Đánh dấu ít nhất một phương án đúng."))
        if kind == QuestionKind.MATCHING and (
            len(options) < 2 or any(not option.get("match_text") for option in options)
        ):
            raise forms.ValidationError(_("Câu ghép cặp cần ít nhất hai cặp, mỗi cặp có đủ hai vế."))
        if kind == QuestionKind.SHORT_ANSWER and correct < 1:
            raise forms.ValidationError(_("Thêm ít nhất một cách trả lời được chấp nhận (đánh dấu đúng)."))
        if kind == QuestionKind.NUMERIC and cleaned.get("numeric_answer") is None:
            self.add_error("numeric_answer", _("Câu hỏi số cần có đáp số."))
        if kind == QuestionKind.PRACTICAL and not cleaned.get("scenario_slug"):
            self.add_error("scenario_slug", _("Câu hỏi thực hành cần mã bài thực hành."))
        return cleaned


class QuizAdminForm(WagtailAdminModelForm):
    """Checks a quiz's settings fit together."""

    def _rows(self, name: str) -> int:
        formset = self.formsets.get(name)
        if formset is None or not formset.is_valid():
            return 0
        return sum(1 for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE"))

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_QUIZ_SLUGS:
            raise forms.ValidationError(_("Mã này trùng với một địa chỉ của trang; hãy chọn mã khác."))
        return slug

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("feedback") == FeedbackTiming.AFTER_CLOSE and not cleaned.get("closes_at"):
            self.add_error("closes_at", _("Hiện đáp án sau ngày đóng thì cần có ngày đóng."))
        selection = cleaned.get("selection")
        if selection == Selection.FIXED and not self._rows("quiz_questions"):
            raise forms.ValidationError(_("Thêm ít nhất một câu hỏi vào danh sách cố định."))
        if selection == Selection.RANDOM and not self._rows("draw_rules"):
            raise forms.ValidationError(_("Thêm ít nhất một quy tắc rút câu hỏi."))
        return cleaned
