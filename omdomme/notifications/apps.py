from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "omdomme.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from omdomme.core import extensions

        from . import dashboard, navigation

        extensions.home_sections.register(dashboard.sections)
        extensions.menu.register(navigation.menu)
