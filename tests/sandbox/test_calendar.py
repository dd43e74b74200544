"""The working calendar (issue 17, item 8): weekends and Vietnam's public holidays from the holidays
library (Tết by the lunar calendar, Hùng Kings, 30/4, 1/5, 2/9 and the day beside it), the
government's make-up Saturdays, a province's own days, and the rules that use it: appointments,
deadlines, the paused clock, the 15:00 rule and the scenario clock."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from sandbox import fake, workdays
from sandbox.models import CalendarDay
from sandbox.scenarios.engine import _clock_start
from sandbox.services import transition_apply, workspace_clock_set

# Written out by hand from the government's announcements, not read from the library under test.
DAYS_OFF = {
    2026: [
        date(2026, 1, 1),
        *(date(2026, 2, d) for d in range(16, 21)),  # Tết Bính Ngọ: 29 Chạp to mùng 4
        date(2026, 4, 27),  # Hùng Kings (10/3 lunar) fell on Sunday 26/4: Monday off
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 8, 31),  # swapped with Saturday 22/8
        date(2026, 9, 1),  # the day beside 2/9
        date(2026, 9, 2),
        date(2026, 11, 24),  # Ngày Văn hóa Việt Nam, a day off from 2026
    ],
    2027: [
        date(2027, 1, 1),
        *(date(2027, 2, d) for d in (4, 5, 8, 9, 10)),  # Tết Đinh Mùi (6–7/2 fall on the weekend)
        date(2027, 4, 16),  # Hùng Kings
        date(2027, 4, 30),
        date(2027, 5, 3),  # 1/5 fell on Saturday: Monday off
        date(2027, 9, 2),
        date(2027, 9, 3),  # the day beside 2/9
        date(2027, 11, 24),
    ],
}
MAKEUP_SATURDAYS = {date(2026, 8, 22)}


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def _walk(start: date, end: date) -> list[date]:
    """Every day the calendar steps on, working day after working day, from ``start`` to ``end``."""
    calendar, days, day = workdays.calendar_for(), [], start
    while day < end:
        day = calendar.next_working_day(day)
        days.append(day)
    return days


@pytest.mark.django_db
def test_the_calendar_over_2026_and_2027_skips_tet_the_holidays_and_weekends():
    walked = _walk(date(2025, 12, 31), date(2027, 12, 31))
    off = {day for days in DAYS_OFF.values() for day in days}
    assert not off & set(walked), sorted(off & set(walked))
    weekend = [day for day in walked if day.weekday() >= 5]
    assert set(weekend) == MAKEUP_SATURDAYS
    # Every weekday that is not a holiday is a working day: nothing else is skipped.
    day, expected = date(2026, 1, 1), []
    while day <= date(2027, 12, 31):
        if (day.weekday() < 5 and day not in off) or day in MAKEUP_SATURDAYS:
            expected.append(day)
        day += timedelta(days=1)
    assert walked == expected
    # Statutory times count across Tết: Friday 13/2/2026 + 1 working day is Monday 23/2.
    assert workdays.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert workdays.add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 11)


@pytest.mark.django_db
def test_the_day_off_is_named_from_the_library_in_vietnamese():
    calendar = workdays.calendar_for()
    assert "Nguyên Đán" in calendar.day_off_name(date(2026, 2, 17))
    assert "Quốc khánh" in calendar.day_off_name(date(2026, 9, 2))
    assert calendar.day_off_name(date(2026, 12, 12)) == "Thứ Bảy"
    assert calendar.day_off_name(date(2026, 12, 11)) == ""


@pytest.mark.django_db
def test_the_15_oclock_rule_before_tet_moves_to_the_first_day_after_it():
    assert workdays.effective_receipt_day(local(2026, 2, 13, 15, 30)) == date(2026, 2, 23)
    assert workdays.effective_receipt_day(local(2026, 2, 13, 14, 30)) == date(2026, 2, 13)
    assert workdays.effective_receipt_day(local(2026, 9, 1, 9, 0)) == date(2026, 9, 3)


def test_a_province_make_up_day_and_extra_day_off_change_only_that_province(province, other_province):
    CalendarDay.objects.create(province=province, day=date(2026, 12, 12), working=True, note="Làm bù")
    CalendarDay.objects.create(province=province, day=date(2026, 12, 14), working=False, note="Nghỉ")
    assert workdays.is_working_day(date(2026, 12, 12), province=province.code)
    assert not workdays.is_working_day(date(2026, 12, 14), province=province.code)
    assert not workdays.is_working_day(date(2026, 12, 12), province=other_province.code)
    assert workdays.is_working_day(date(2026, 12, 14), province=other_province.code)
    assert workdays.add_working_days(date(2026, 12, 11), 2, province=province.code) == date(2026, 12, 15)
    assert workdays.add_working_days(date(2026, 12, 11), 2, province=other_province.code) == date(
        2026, 12, 15
    )
    assert workdays.add_working_days(date(2026, 12, 11), 1, province=province.code) == date(2026, 12, 12)
    # A nationwide row applies everywhere, a province's row wins over it.
    CalendarDay.objects.create(day=date(2026, 12, 19), working=True, note="Làm bù cả nước")
    CalendarDay.objects.create(province=province, day=date(2026, 12, 19), working=False)
    assert workdays.is_working_day(date(2026, 12, 19), province=other_province.code)
    assert not workdays.is_working_day(date(2026, 12, 19), province=province.code)


def _dossier(workspace, *, status="1", **fields):
    dossier = fake.dossier_build(workspace, seed=3, procedure="birth", status=status, **fields)
    dossier.code = f"G99.20-20261211-{workspace.dossiers.count() + 1:07d}"
    dossier.save()
    return dossier


def test_an_appointment_on_saturday_12_12_2026_is_refused_and_the_statutory_one_is_monday(workspace):
    workspace_clock_set(workspace=workspace, at=local(2026, 12, 11, 15, 20))  # Friday after 15:00
    dossier = _dossier(workspace)
    refused = transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="accept",
        actor_role="one_stop",
        data={"appointment": "2026-12-12"},
    )
    assert not refused.ok
    assert (
        "12/12/2026" in refused.message and "Thứ Bảy" in refused.message and "14/12/2026" in refused.message
    )
    dossier.refresh_from_db()
    assert dossier.status == "1" and dossier.appointment_at is None
    outcome = transition_apply(workspace=workspace, obj=dossier, transition="accept", actor_role="one_stop")
    assert outcome.ok
    assert timezone.localtime(outcome.obj.appointment_at).date() == date(2026, 12, 14)


def test_a_new_appointment_of_the_apology_letter_must_be_a_working_day(workspace):
    workspace_clock_set(workspace=workspace, at=local(2027, 2, 3, 9, 0))
    dossier = _dossier(
        workspace,
        status="4",
        received_at=local(2027, 1, 29, 9),
        appointment_at=workdays.at_closing(date(2027, 2, 2)),
    )
    for day in ("2027-02-06", "2027-02-08"):  # Saturday (and Tết), Monday of Tết
        refused = transition_apply(
            workspace=workspace,
            obj=dossier,
            transition="extend",
            actor_role="handler",
            data={"apology_reason": "Chờ xác minh", "appointment": day},
        )
        assert not refused.ok and "11/02/2027" in refused.message
    outcome = transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="extend",
        actor_role="handler",
        data={"apology_reason": "Chờ xác minh", "appointment": "2027-02-11"},
    )
    assert outcome.ok


def test_the_paused_clock_counts_only_working_days_across_tet(workspace):
    # Due Monday 23/2/2026; papers asked for on Friday 13/2: only one working day is left.
    workspace_clock_set(workspace=workspace, at=local(2026, 2, 13, 10, 0))
    dossier = _dossier(
        workspace,
        status="4",
        received_at=local(2026, 2, 12, 9),
        appointment_at=workdays.at_closing(date(2026, 2, 23)),
    )
    paused = transition_apply(
        workspace=workspace,
        obj=dossier,
        transition="request_papers",
        actor_role="handler",
        data={"missing_papers": "Giấy chứng sinh"},
    )
    assert paused.obj.paused_remaining_days == 1
    workspace_clock_set(workspace=workspace, at=local(2026, 4, 29, 16, 0))  # before 30/4, 1/5, weekend
    resumed = transition_apply(
        workspace=workspace, obj=paused.obj, transition="papers_received", actor_role="one_stop"
    )
    assert timezone.localtime(resumed.obj.appointment_at).date() == date(2026, 5, 5)


def test_a_deadline_on_a_day_off_is_refused_but_today_is_allowed(workspace):
    workspace_clock_set(workspace=workspace, at=local(2026, 12, 12, 9, 0))  # a Saturday
    doc = fake.incoming_build(workspace, seed=4, status="03", arrived_at=local(2026, 12, 11, 9))
    doc.number, doc.year = 99, 2026
    doc.save()
    refused = transition_apply(
        workspace=workspace,
        obj=doc,
        transition="assign",
        actor_role="leader",
        data={"lead": "A", "deadline": "2026-12-13"},
    )
    assert not refused.ok and "Chủ nhật" in refused.message
    outcome = transition_apply(
        workspace=workspace,
        obj=doc,
        transition="assign",
        actor_role="leader",
        data={"lead": "A", "deadline": "2026-12-12"},
    )
    assert outcome.ok


@pytest.mark.django_db
def test_the_scenario_clock_starts_on_a_working_day():
    calendar = workdays.calendar_for()
    now = local(2026, 12, 7, 10, 0)
    first = _clock_start({"date": "01-01", "time": "08:30", "working_day": True}, now, calendar)
    assert first.date() == date(2027, 1, 4)  # 1/1 is a holiday, 2–3/1 the weekend
    assert (first.hour, first.minute) == (8, 30)
    # A Friday scenario never starts on a Friday that is a holiday (16/4/2027, the Hùng Kings).
    friday = _clock_start({"weekday": 4, "time": "15:20"}, local(2027, 4, 12, 9, 0), calendar)
    assert friday.date() == date(2027, 4, 23)
