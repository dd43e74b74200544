"""The per-user notification socket: every open tab of a signed-in user joins the user's own group.

Services push in-app notifications to ``user.<id>`` through :func:`core.notify.notify_user`; a
``ping`` from any tab is answered by a ``pong`` in every tab of the same user, on whichever server
process each tab is connected to (the multi-process test relies on this).
"""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from core.notify import user_group


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            # Accept, then close with a code the client can tell apart from an origin refusal.
            await self.accept()
            await self.close(code=4401)
            return
        if user.must_change_password:
            # As on every page (people.middleware): nothing until the password is changed.
            await self.accept()
            await self.close(code=4428)
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        if content.get("type") == "ping":
            await self.channel_layer.group_send(
                self.group, {"type": "user.pong", "nonce": str(content.get("nonce", ""))[:64]}
            )

    async def user_pong(self, event):
        await self.send_json({"type": "pong", "nonce": event["nonce"]})

    async def user_notification(self, event):
        await self.send_json({"type": "notification", "notification": event["notification"]})
