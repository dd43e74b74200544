"""Push an in-app notification to every open tab of one user, across server processes."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from portal.consumers import user_group


def notify_user(*, user_id: int, notification: dict) -> None:
    layer = get_channel_layer()
    async_to_sync(layer.group_send)(
        user_group(user_id), {"type": "user.notification", "notification": notification}
    )
