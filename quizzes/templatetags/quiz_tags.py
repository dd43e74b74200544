"""Small display helpers for the quiz pages."""

from django import template

register = template.Library()


@register.filter
def clock(seconds) -> str:
    """Seconds as a countdown: ``9:05`` or ``1:02:03``."""
    seconds = max(0, int(seconds or 0))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"
