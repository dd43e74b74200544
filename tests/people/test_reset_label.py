"""Issue 16, item 23: the password-reset page names its field in Vietnamese (it read "Email *")."""

from django.urls import reverse
from django.utils.translation import override


def test_the_password_reset_field_is_named_in_the_interface_language(client, db):
    html = client.get(reverse("people:password_reset")).content.decode()
    assert "Địa chỉ thư điện tử" in html and ">Email" not in html
    with override("en"):
        from people.forms import EmailResetForm

        assert str(EmailResetForm().fields["email"].label) == "E-mail address"
