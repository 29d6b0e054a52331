from django.apps import AppConfig


class OmdommeConfig(AppConfig):
    """The project package as an app: role dashboards, participant packs, project templates."""

    name = "omdomme"
    verbose_name = "Omdømmeskolen"

    def ready(self) -> None:
        from omdomme.navigation import connect_signals

        connect_signals()

        from cohorts.panels import cohort_panels

        from .reminders import language

        cohort_panels.register(language.missing_nynorsk_panel)
