from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    """The organisation's reputation journey: official statistics, resident surveys and the evidence page.

    A top layer: it reads cohorts, homework and evaluations; nothing below imports it."""

    name = "omdomme.evidence"
    label = "evidence"
    verbose_name = _("Evidence")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cohorts.panels import organisation_panels
        from omdomme.core import extensions

        from . import bumps, demo, panels

        organisation_panels.register(panels.evidence_panel)
        extensions.demo_seeders.register(demo.seed)
        bumps.connect()
