from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    """Lives in ``sessions/`` but Django's own ``django.contrib.sessions`` owns that label."""

    name = "sessions"
    label = "gatherings"
    verbose_name = _("Gatherings")

    def ready(self) -> None:
        from cohorts.panels import organisation_panel

        from .panels import organisation_bookings

        organisation_panel(organisation_bookings)
