"""The site-wide accessibility pieces of issue 20, server side: one page-title pattern that starts with
"Lỗi:" while a form's errors show; errors and help with the ids Django's widgets point to; one error
summary, linked to the fields, instead of an alert per field; the import page's columns named."""

import re

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

SITE = "Hỗ trợ chuyển đổi số cấp xã"


class _Form(forms.Form):
    name = forms.CharField(label="Họ và tên", help_text="Như trên căn cước.")
    phone = forms.CharField(label="Số di động", required=False)


def _title(inner: str, **context) -> str:
    template = Template("{% load page_title %}{% page_title %}" + inner + "{% endpage_title %}")
    return template.render(Context(context))


def test_page_titles_follow_one_pattern():
    assert _title("Đăng nhập") == f"Đăng nhập · {SITE}"
    assert _title("") == SITE
    assert _title(SITE) == SITE
    # A template that already names the site is not named twice; spaces and line breaks are folded.
    assert _title(f"Tiến độ của tôi · {SITE}") == f"Tiến độ của tôi · {SITE}"
    assert _title("  Câu 1/3\n  · Kiểm tra ") == f"Câu 1/3 · Kiểm tra · {SITE}"


def test_the_title_starts_with_loi_while_errors_show():
    assert _title("Đăng ký", form=_Form()) == f"Đăng ký · {SITE}"  # unbound: nothing failed yet
    assert _title("Đăng ký", form=_Form(data={"name": "Lan"})) == f"Đăng ký · {SITE}"
    assert _title("Đăng ký", form=_Form(data={})) == f"Lỗi: Đăng ký · {SITE}"
    assert _title("Văn bản", page_has_errors=True) == f"Lỗi: Văn bản · {SITE}"


def _render(name: str, form) -> str:
    return Template('{% include "' + name + '" %}').render(Context({"form": form, "field": form["name"]}))


def test_error_and_help_carry_the_ids_the_widget_points_to():
    form = _Form(data={})
    html = _render("includes/field.html", form)
    described = re.search(r'aria-describedby="([^"]+)"', html).group(1).split()
    assert described == ["id_name_helptext", "id_name_error"]
    for ref in described:
        assert f'id="{ref}"' in html
    assert 'aria-invalid="true"' in html
    assert 'role="alert"' not in html  # the summary is read, not an alert per field

    valid = _render("includes/field.html", _Form(data={"name": "Lan"}))
    assert 'aria-describedby="id_name_helptext"' in valid and "_error" not in valid


def test_one_summary_links_each_error_to_its_field():
    form = _Form(data={})
    form.add_error(None, "Tên đăng nhập hoặc mật khẩu không đúng.")
    html = _render("includes/form_errors.html", form)
    assert html.count('class="error-summary"') == 1 and "autofocus" in html
    assert "Chưa gửi được: hãy sửa các lỗi dưới đây" in html
    assert re.search(r'<a href="#id_name">Họ và tên: [^<]+</a>', html)
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in html
    assert _render("includes/form_errors.html", _Form(data={"name": "Lan"})).strip() == ""


@pytest.mark.django_db
def test_a_failed_sign_in_has_an_error_title_and_errors_at_the_fields(client):
    html = client.post(reverse("people:login"), {"username": "", "password": ""}).content.decode()
    assert f"<title>Lỗi: Đăng nhập · {SITE}</title>" in html
    assert 'id="id_username_error"' in html and 'id="id_password_error"' in html
    assert 'href="#id_username"' in html and 'href="#id_password"' in html
    fresh = client.get(reverse("people:login")).content.decode()
    assert f"<title>Đăng nhập · {SITE}</title>" in fresh


def test_the_import_page_names_its_columns_in_vietnamese_beside_the_file_headings(client, department_head):
    client.force_login(department_head)
    html = client.get(reverse("people:import")).content.decode()
    for name, code in [
        ("Họ và tên", "full_name"),
        ("Mã xã/phường", "commune_code"),
        ("Chức danh", "job_role"),
        ("Thư điện tử", "email"),
        ("Số điện thoại", "phone"),
        ("Tên đăng nhập", "username"),
    ]:
        assert re.search(rf'<th scope="row">{name}</th><td><code>{code}</code></td>', html), name


def test_back_links_are_named_without_their_arrow(client, department_head, official):
    client.force_login(department_head)
    html = client.get(reverse("people:official_edit", args=[official.pk])).content.decode()
    assert '<span aria-hidden="true">←</span> Danh sách cán bộ</a>' in html
