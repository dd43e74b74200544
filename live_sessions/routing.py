"""WebSocket routes of live sessions."""

websocket_urlpatterns: list = []
