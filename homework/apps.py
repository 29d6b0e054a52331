from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeworkConfig(AppConfig):
    name = "homework"
    verbose_name = _("Homework")

    def ready(self) -> None:
        from cohorts.panels import enrolment_panels
        from omdomme.core import extensions

        from . import bumps, dashboard, demo, load, navigation, panels

        enrolment_panels.register(panels.enrolment_homework)
        extensions.home_sections.register(dashboard.sections)
        extensions.menu.register(navigation.menu)
        extensions.demo_seeders.register(demo.seed)
        extensions.load_seeders.register(load.load)
        bumps.connect()
