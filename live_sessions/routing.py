"""WebSocket routes of live sessions."""

from django.urls import re_path

from live_sessions.consumers import LiveSessionConsumer

websocket_urlpatterns = [
    # Any segment: the consumer closes with 4404 when it is not a session id.
    re_path(r"^ws/live/(?P<session_id>[^/]+)/$", LiveSessionConsumer.as_asgi()),
]
