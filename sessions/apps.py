from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    """Lives in ``sessions/`` but Django's own ``django.contrib.sessions`` owns that label."""

    name = "sessions"
    label = "gatherings"
    verbose_name = _("Gatherings")

    def ready(self) -> None:
        from cohorts.panels import organisation_panels
        from omdomme.core import extensions

        from . import bumps, dashboard, demo, load, navigation, panels

        organisation_panels.register(panels.organisation_bookings)
        extensions.home_sections.register(dashboard.sections)
        extensions.menu.register(navigation.menu)
        extensions.demo_seeders.register(demo.seed)
        extensions.load_seeders.register(load.load)
        bumps.connect()
