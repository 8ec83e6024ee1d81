from .models import Notification


def unread_notifications(request) -> dict:
    """The badge count in the navigation bar (one query)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"unread_count": Notification.objects.filter(user=request.user, read_at__isnull=True).count()}
