from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohorts")

    def ready(self) -> None:
        from omdomme.core import extensions

        from . import access, dashboard, demo, load, navigation

        extensions.home_sections.register(dashboard.sections)
        extensions.menu.register(navigation.menu)
        extensions.demo_seeders.register(demo.seed)
        extensions.load_seeders.register(load.load)
        access.connect_access_bumps()
