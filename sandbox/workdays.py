"""The working calendar of the one-stop desk: working days, the 15:00 rule and statutory dates.

Saturdays and Sundays are not working days, nor Vietnam's public holidays as the ``holidays`` library
keeps them (Tết by the lunar calendar, the Hùng Kings' day, 30/4, 1/5, 2/9 and the day beside it,
the days moved when a holiday falls on a weekend, and the government's yearly swaps). A swap gives a
day off and takes a weekend day back as a make-up working day (ngày làm bù): the library names the
day off, and the make-up day comes from its table of swaps. A province's own changes (a make-up day,
an extra day off) are ``CalendarDay`` rows an administrator edits (nationwide when no province is
set); a province's row wins over a nationwide one.

A dossier received after 15:00 (or on a day off) counts as received on the next working day
(Circular 03/2025 practice). Every function takes the province code (``province``); the calendar of
one call is read once (:func:`calendar_for`).
"""

import functools
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import holidays
from django.utils import timezone

CUTOFF = time(15, 0)
CLOSING = time(17, 0)
COUNTRY = "VN"


@functools.cache
def public_holidays(year: int) -> dict[date, str]:
    """Vietnam's public holidays of ``year`` (days off, in Vietnamese), from the holidays library."""
    return dict(holidays.country_holidays(COUNTRY, years=year, language="vi").items())


@functools.cache
def national_makeup_days(year: int) -> frozenset[date]:
    """Weekend days the government made working days in exchange for a day off (from the library's
    table of swaps: (month, day off, month, day worked[, year worked]))."""
    from holidays.countries.vietnam import VietnamStaticHolidays

    worked: set[date] = set()
    for spec_year, swaps in getattr(VietnamStaticHolidays, "special_public_holidays", {}).items():
        for swap in swaps if isinstance(swaps[0], tuple) else (swaps,):
            if len(swap) < 4:
                continue
            worked_year = swap[4] if len(swap) > 4 else spec_year
            worked.add(date(worked_year, swap[2], swap[3]))
    return frozenset(day for day in worked if day.year == year)


@dataclass
class WorkCalendar:
    """One province's calendar: the national one, with ``overrides`` (day → is a working day)."""

    overrides: dict[date, bool] = field(default_factory=dict)

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if day in public_holidays(day.year):
            return False
        if day in national_makeup_days(day.year):
            return True
        return day.weekday() < 5

    def day_off_name(self, day: date) -> str:
        """Why ``day`` is not a working day ("" when it is one)."""
        if self.is_working_day(day):
            return ""
        if self.overrides.get(day) is False:
            return "Ngày nghỉ theo quyết định của tỉnh"
        if day in public_holidays(day.year):
            return public_holidays(day.year)[day]
        return "Thứ Bảy" if day.weekday() == 5 else "Chủ nhật"

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_day_on_or_after(self, day: date) -> date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    def add_working_days(self, day: date, count: int) -> date:
        for _ in range(count):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def effective_receipt_day(self, received_at: datetime) -> date:
        """The day the statutory time starts: the next working day after 15:00 or on a day off."""
        local = timezone.localtime(received_at)
        day = local.date()
        if not self.is_working_day(day) or local.time() >= CUTOFF:
            return self.next_working_day(day)
        return day

    def appointment_for(self, *, received_at: datetime, working_days: int) -> datetime:
        """The statutory appointment: ``working_days`` after the effective receipt day (0: that day)."""
        return at_closing(self.add_working_days(self.effective_receipt_day(received_at), working_days))


def calendar_for(province: str = "") -> WorkCalendar:
    """The calendar of the province with code ``province`` (nationwide rows, then the province's)."""
    from sandbox.models import CalendarDay

    rows = CalendarDay.objects.filter(province__isnull=True).values_list("day", "working")
    overrides = dict(rows)
    if province:
        overrides.update(CalendarDay.objects.filter(province__code=province).values_list("day", "working"))
    return WorkCalendar(overrides)


def is_working_day(day: date, *, province: str = "") -> bool:
    return calendar_for(province).is_working_day(day)


def next_working_day(day: date, *, province: str = "") -> date:
    return calendar_for(province).next_working_day(day)


def add_working_days(day: date, count: int, *, province: str = "") -> date:
    return calendar_for(province).add_working_days(day, count)


def working_days_between(start: date, end: date, *, province: str = "") -> int:
    return calendar_for(province).working_days_between(start, end)


def effective_receipt_day(received_at: datetime, *, province: str = "") -> date:
    return calendar_for(province).effective_receipt_day(received_at)


def at_closing(day: date) -> datetime:
    """Results are promised for the end of the working day."""
    return timezone.make_aware(datetime.combine(day, CLOSING))


def appointment_for(*, received_at: datetime, working_days: int, province: str = "") -> datetime:
    """The statutory appointment: ``working_days`` after the effective receipt day (0: that day)."""
    return calendar_for(province).appointment_for(received_at=received_at, working_days=working_days)
