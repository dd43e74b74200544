"""Accounts created with a generated password must choose their own before doing anything else."""

from django.shortcuts import redirect
from django.urls import reverse


class PasswordChangeRequiredMiddleware:
    # Besides these, only signing in and out and the password pages themselves (the people pages
    # under /accounts/, such as the import, are not exempt).
    ALLOWED_PREFIXES = ("/static/", "/media/", "/healthz", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def _allowed(self, path: str) -> bool:
        exempt = (reverse("people:login"), reverse("people:logout"), reverse("people:password_change"))
        return path.startswith(self.ALLOWED_PREFIXES + exempt)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_change_password
            and not self._allowed(request.path)
        ):
            return redirect(f"{reverse('people:password_change')}?next={request.path}")
        return self.get_response(request)
