"""Working days, the 15:00 rule and statutory appointment dates of the one-stop desk.

A dossier received after 15:00 (or on a non-working day) counts as received on the next working day
(Circular 03/2025 practice). Saturdays and Sundays are not working days, nor the fixed-date public
holidays below (``SANDBOX_HOLIDAYS`` in settings replaces the list; lunar holidays such as Tết move
every year and belong in that setting).
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

FIXED_HOLIDAYS = ("01-01", "04-30", "05-01", "09-02")
CUTOFF = time(15, 0)
CLOSING = time(17, 0)


def _holidays() -> set[str]:
    return set(getattr(settings, "SANDBOX_HOLIDAYS", FIXED_HOLIDAYS))


def is_working_day(day: date) -> bool:
    holidays = _holidays()
    return day.weekday() < 5 and day.strftime("%m-%d") not in holidays and day.isoformat() not in holidays


def next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, count: int) -> date:
    for _ in range(count):
        day = next_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def effective_receipt_day(received_at: datetime) -> date:
    """The day the statutory time starts: the next working day after 15:00 or on a day off."""
    local = timezone.localtime(received_at)
    day = local.date()
    if not is_working_day(day) or local.time() >= CUTOFF:
        return next_working_day(day)
    return day


def at_closing(day: date) -> datetime:
    """Results are promised for the end of the working day."""
    return timezone.make_aware(datetime.combine(day, CLOSING))


def appointment_for(*, received_at: datetime, working_days: int) -> datetime:
    """The statutory appointment: ``working_days`` after the effective receipt day (0: that day)."""
    return at_closing(add_working_days(effective_receipt_day(received_at), working_days))
