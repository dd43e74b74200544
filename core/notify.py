"""Push an in-app notification to every open tab of one user, across server processes.

The tabs listen through ``portal.consumers.NotificationConsumer``, which joins :func:`user_group`."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def notify_user(*, user_id: int, notification: dict) -> None:
    layer = get_channel_layer()
    async_to_sync(layer.group_send)(
        user_group(user_id), {"type": "user.notification", "notification": notification}
    )
