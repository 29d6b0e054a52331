from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PacksConfig(AppConfig):
    name = "omdomme.packs"
    label = "packs"
    verbose_name = _("Participant packs")

    def ready(self) -> None:
        from cohorts.panels import organisation_panels
        from sessions.panels import gathering_panels

        from . import bumps, panels

        organisation_panels.register(panels.packs_panel)
        gathering_panels.register(panels.gathering_packs_panel)
        bumps.connect()
