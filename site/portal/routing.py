"""Every app's WebSocket routes, gathered in one list for asgi.py."""

from django.urls import path

from live_sessions.routing import websocket_urlpatterns as live_sessions_ws
from portal.consumers import NotificationConsumer

websocket_urlpatterns = [
    path("ws/notifications/", NotificationConsumer.as_asgi()),
    *live_sessions_ws,
]
