"""Administrators keep the provinces' video-meeting rooms; sessions are read here, changed on the
trainers' pages (their lifecycle goes through the services only)."""

from django.contrib import admin

from live_sessions.models import LiveSession, MeetingRoom


@admin.register(MeetingRoom)
class MeetingRoomAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "url"]
    list_filter = ["province"]
    search_fields = ["name"]


@admin.register(LiveSession)
class LiveSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "trainer", "province", "starts_at", "state"]
    list_filter = ["state", "province"]
    search_fields = ["title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
