"""The administrator's editing of the working calendar's own days (make-up days, extra days off)."""

from django.contrib import admin

from sandbox.models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "working", "province", "note")
    list_filter = ("working", "province")
    date_hierarchy = "day"
