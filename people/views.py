"""Sign in, sign out, password change and reset, and the lockout page axes shows."""

from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone

from people.forms import SignInForm
from people.services import account_unlock_time, user_password_chosen


class SignInView(auth_views.LoginView):
    template_name = "people/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "people/password_change.html"
    success_url = reverse_lazy("people:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        user_password_chosen(user=form.user)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "people/password_reset_confirm.html"
    success_url = reverse_lazy("people:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        user_password_chosen(user=form.user)
        return response


def lockout(request, response=None, credentials=None, *args, **kwargs):
    """Axes calls this when an account is locked: say, in the user's language, when it unlocks."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    unlock_at = account_unlock_time(username=username)
    minutes = None
    if unlock_at is not None:
        minutes = max(1, int((unlock_at - timezone.now()).total_seconds() // 60) + 1)
    return render(
        request,
        "people/locked.html",
        {"username": username, "unlock_at": unlock_at, "minutes": minutes},
        status=403,
    )
