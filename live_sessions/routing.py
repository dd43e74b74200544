"""WebSocket routes of live sessions."""

from django.urls import path

from live_sessions.consumers import LiveSessionConsumer

websocket_urlpatterns = [
    path("ws/live/<int:session_id>/", LiveSessionConsumer.as_asgi()),
]
