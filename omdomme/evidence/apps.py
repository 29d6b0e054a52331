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
        from cohorts import scopes
        from cohorts.panels import organisation_panels
        from omdomme.core import extensions, fragments

        from . import demo, panels
        from .models import ResidentSurvey

        organisation_panels.register(panels.evidence_panel)
        extensions.demo_seeders.register(demo.seed)
        # The organisation page's cached part (cohorts.scopes) lists the resident surveys.
        fragments.connect_bumps(ResidentSurvey, lambda s: scopes.orgs(s.organisation_id), uid="org-residentsurvey")
