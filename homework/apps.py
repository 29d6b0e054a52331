from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeworkConfig(AppConfig):
    name = "homework"
    verbose_name = _("Homework")

    def ready(self) -> None:
        from cohorts import scopes
        from cohorts.panels import enrolment_panels
        from omdomme.core import extensions, fragments

        from . import bumps, dashboard, demo, load, navigation, panels
        from .models import Assignment, Extension, Submission

        enrolment_panels.register(panels.enrolment_homework)
        extensions.home_sections.register(dashboard.sections)
        extensions.menu.register(navigation.menu)
        extensions.demo_seeders.register(demo.seed)
        extensions.load_seeders.register(load.load)

        # The organisations' cached parts (cohorts.scopes). Assignments created in bulk bump in
        # services.py.
        fragments.connect_bumps(Assignment, lambda a: scopes.cohort_orgs(a.cohort_id), uid="org-assignment")
        fragments.connect_bumps(Extension, lambda x: scopes.orgs(x.organisation_id), uid="org-extension")
        fragments.connect_bumps(Submission, lambda s: scopes.orgs(s.organisation_id), uid="org-submission")

        bumps.connect()
