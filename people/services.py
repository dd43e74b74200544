"""Writes about accounts: lockout look-ups and password changes."""

from datetime import datetime

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max

from people.models import User


def account_unlock_time(*, username: str) -> datetime | None:
    """When a locked account may try again: the last failed attempt plus the cool-off time."""
    last = AccessAttempt.objects.filter(username=username).aggregate(last=Max("attempt_time"))["last"]
    cool_off = get_cool_off()
    if last is None or cool_off is None:
        return None
    return last + cool_off


def user_password_chosen(*, user: User) -> None:
    """The user has just set a password of their own: a forced change is satisfied."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
