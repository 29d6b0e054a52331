from django.apps import AppConfig


class OmdommeConfig(AppConfig):
    """The project package as an app: role dashboards, participant packs, project templates."""

    name = "omdomme"
    verbose_name = "Omdømmeskolen"

    def ready(self) -> None:
        from . import language  # noqa: F401 - registers the "missing Nynorsk" panel on the cohort page
