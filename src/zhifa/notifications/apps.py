from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """站内消息 (issue 18 part 4): each user's messages about assignments, deadlines coming due, returns and
    escalations, with the unread count in the top bar, and the outbound channels (短信、邮件) a deployment
    plugs in (notifications.channels)."""

    name = "zhifa.notifications"
    label = "notifications"
    verbose_name = "站内消息"
