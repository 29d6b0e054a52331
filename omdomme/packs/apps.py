from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PacksConfig(AppConfig):
    name = "omdomme.packs"
    label = "packs"
    verbose_name = _("Participant packs")

    def ready(self) -> None:
        from cohorts import scopes
        from cohorts.panels import organisation_panels
        from omdomme.core import fragments
        from sessions.panels import gathering_panels

        from . import panels
        from .models import ParticipantPack

        organisation_panels.register(panels.packs_panel)
        gathering_panels.register(panels.gathering_packs_panel)
        # The organisation page's cached part (cohorts.scopes); status updates bump in services.py.
        fragments.connect_bumps(ParticipantPack, lambda pack: scopes.orgs(pack.organisation_id), uid="org-pack")
