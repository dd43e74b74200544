"""Sign in, sign out, lockout with the unlock time in Vietnamese, password change and reset."""

import re

import pytest
from django.core import mail
from django.urls import reverse

LOGIN = "/accounts/login/"


def _login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_official_signs_in_and_lands_on_their_courses(client, official, password):
    response = _login(client, official.username, password)
    assert response.status_code == 302
    assert response.url == reverse("portal:dashboard")
    assert client.get(response.url).url == reverse("courses:my_courses")


@pytest.mark.parametrize(
    "fixture, start",
    [
        ("trainer", "live_sessions:list"),
        ("department_head", "reports:dashboard"),
        ("administrator", "wagtailadmin_home"),
    ],
)
def test_each_role_has_its_start_page(client, request, password, fixture, start):
    user = request.getfixturevalue(fixture)
    _login(client, user.username, password)
    assert client.get(reverse("portal:dashboard")).url == reverse(start)


def test_wrong_password_keeps_username_and_explains(client, official):
    response = _login(client, official.username, "sai-mat-khau")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in html
    assert f'value="{official.username}"' in html


def test_sign_out(client, official, password):
    _login(client, official.username, password)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get(reverse("courses:my_courses")).status_code == 302


def test_repeated_failures_lock_the_account_with_unlock_time(client, official, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, official.username, "sai").status_code == 200
    response = _login(client, official.username, "sai")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Tài khoản đã bị tạm khóa" in html
    assert re.search(r"đăng nhập lại sau \d+ phút, lúc \d\d:\d\d ngày \d\d/\d\d/\d{4}", html), html
    # Even the right password is refused while the lock lasts.
    assert _login(client, official.username, password).status_code == 403


def test_lock_is_per_account(client, official, other_official, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, official.username, "sai")
    assert _login(client, other_official.username, password).status_code == 302


def test_lock_expires_after_cool_off(client, official, password, settings):
    from axes.models import AccessAttempt
    from django.utils import timezone

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, official.username, "sai")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME)
    assert _login(client, official.username, password).status_code == 302


def test_generated_password_must_be_changed_first(client, official, password):
    official.must_change_password = True
    official.save()
    _login(client, official.username, password)
    response = client.get(reverse("courses:my_courses"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("people:password_change"))
    response = client.post(
        reverse("people:password_change"),
        {
            "old_password": password,
            "new_password1": "Mot-mat-khau-moi-2025",
            "new_password2": "Mot-mat-khau-moi-2025",
        },
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert not official.must_change_password
    assert client.get(reverse("courses:my_courses")).status_code == 200


def test_password_change_rejects_mismatch_in_vietnamese(client, official, password):
    _login(client, official.username, password)
    response = client.post(
        reverse("people:password_change"),
        {"old_password": password, "new_password1": "Mot-mat-khau-moi-2025", "new_password2": "khac-han"},
    )
    assert response.status_code == 200
    assert "Hai trường mật khẩu không giống nhau" in response.content.decode()


def test_password_reset_by_email(client, official):
    response = client.post(reverse("people:password_reset"), {"email": official.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/password/reset/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Mat-khau-dat-lai-2025", "new_password2": "Mat-khau-dat-lai-2025"}
    )
    assert response.status_code == 302
    assert _login(client, official.username, "Mat-khau-dat-lai-2025").status_code == 302
