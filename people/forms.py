"""Forms of the people pages: signing in, uploading an officials' file, filtering lists, editing an
official."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from core.collation import by_name
from people.imports.files import MAX_UPLOAD_BYTES
from people.imports.rows import FULL_NAME_MAX, name_is_valid, phone_normalise
from people.models import JobRole, User, normalize_name
from people.permissions import communes_visible_to, provinces_visible_to
from people.selectors import OfficialStatus, commune_division_types


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ "
            "thường; kiểm tra phím Caps Lock và bộ gõ tiếng Việt."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Liên hệ quản trị viên của tỉnh."),
    }

    username = forms.CharField(
        label=_("Tên đăng nhập"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách cán bộ (.xlsx hoặc .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": _("Hãy chọn tệp cần nhập.")},
    )
    dry_run = forms.BooleanField(
        label=_("Chỉ kiểm tra tệp, chưa tạo tài khoản"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Tối đa %(mb)s MB; dòng đầu tiên là tên cột.") % {
            "mb": MAX_UPLOAD_BYTES // (1024 * 1024)
        }


class _ScopedFilterForm(forms.Form):
    """A GET filter whose province and commune choices come from the viewer's scope. An administrator
    chooses a province before communes are offered (3,321 options would be a heavy page)."""

    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    province = forms.ModelChoiceField(
        label=_("Tỉnh/thành phố"), queryset=None, required=False, empty_label=_("Tất cả")
    )

    def __init__(self, data, *, viewer, **kwargs):
        super().__init__(data, **kwargs)
        provinces = provinces_visible_to(viewer)
        self.fields["province"].queryset = provinces
        if provinces.count() <= 1:
            del self.fields["province"]

    def cleaned(self, name: str, default=None):
        if not self.is_valid():
            return default
        return self.cleaned_data.get(name) or default


class OfficialFilterForm(_ScopedFilterForm):
    commune = forms.ModelChoiceField(
        label=_("Xã/phường"), queryset=None, required=False, empty_label=_("Tất cả"), to_field_name="code"
    )
    job_role = forms.ChoiceField(label=_("Chức danh"), required=False)
    status = forms.ChoiceField(
        label=_("Tài khoản"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            (OfficialStatus.ACTIVE, _("Đang hoạt động")),
            (OfficialStatus.INACTIVE, _("Đã khóa")),
            (OfficialStatus.FIRST_SIGN_IN, _("Chưa đăng nhập lần đầu")),
        ],
    )

    def __init__(self, data, *, viewer, **kwargs):
        super().__init__(data, viewer=viewer, **kwargs)
        self.fields["q"].help_text = _("Họ tên, tên đăng nhập, e-mail hoặc số điện thoại.")
        self.fields["job_role"].choices = [("", _("Tất cả")), *JobRole.choices]
        communes = communes_visible_to(viewer).order_by(*by_name("name"))
        if "province" in self.fields:
            province_id = (data or {}).get("province", "")
            if not (
                province_id.isdigit() and self.fields["province"].queryset.filter(pk=province_id).exists()
            ):
                del self.fields["commune"]
                return
            communes = communes.filter(province_id=province_id)
        self.fields["commune"].queryset = communes


class CommuneFilterForm(_ScopedFilterForm):
    division_type = forms.ChoiceField(label=_("Loại đơn vị"), required=False)

    def __init__(self, data, *, viewer, **kwargs):
        super().__init__(data, viewer=viewer, **kwargs)
        self.fields["q"].help_text = _("Tên hoặc mã xã/phường.")
        self.fields["division_type"].choices = [("", _("Tất cả"))] + [
            (kind, kind) for kind in commune_division_types(viewer=viewer) if kind
        ]


class OfficialForm(forms.ModelForm):
    """Correcting an official's record. The commune is not changed here: a move also rewrites the
    official's progress ledger, which belongs to the courses app."""

    class Meta:
        model = User
        fields = ["full_name", "job_role", "phone", "email", "is_active"]
        labels = {"is_active": _("Tài khoản đang hoạt động (bỏ chọn để khóa)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("full_name", "job_role", "email"):
            self.fields[name].required = True
        self.fields["phone"].help_text = _("Số di động 10 chữ số, bắt đầu bằng 0.")
        self.fields["phone"].widget.input_type = "tel"

    def clean_full_name(self):
        name = normalize_name(self.cleaned_data["full_name"])
        if len(name) > FULL_NAME_MAX or not name_is_valid(name):
            raise forms.ValidationError(_("Họ và tên chỉ gồm chữ cái, dấu cách, dấu gạch nối và dấu nháy."))
        return name

    def _unused(self, **lookup) -> bool:
        return not User.objects.filter(**lookup).exclude(pk=self.instance.pk).exists()

    def clean_phone(self):
        raw = self.cleaned_data["phone"].strip()
        if not raw:
            return ""
        phone = phone_normalise(raw)
        if phone is None:
            raise forms.ValidationError(
                _("Số điện thoại di động phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84).")
            )
        if not self._unused(phone=phone):
            raise forms.ValidationError(_("Số điện thoại này đã thuộc về một tài khoản khác."))
        return phone

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if not self._unused(email__iexact=email):
            raise forms.ValidationError(_("E-mail này đã thuộc về một tài khoản khác."))
        return email


class EmailResetForm(PasswordResetForm):
    """Django's password-reset form, with its field named in the interface's language (Django's
    Vietnamese catalogue leaves "Email" in English)."""

    email = forms.EmailField(
        label=_("Địa chỉ thư điện tử"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
