from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        from cohorts import scopes
        from cohorts.panels import organisation_panels
        from omdomme.core import extensions, fragments

        from . import dashboard, demo, load, navigation, panels
        from .models import Choice, Indicator, Measurement, Participation, Question, Response, Section, Survey

        organisation_panels.register(panels.indicator_panel)
        extensions.home_sections.register(dashboard.sections)
        extensions.menu.register(navigation.menu)
        extensions.demo_seeders.register(demo.seed)
        extensions.load_seeders.register(load.load)

        # The results page's cached part (results.results_key) shows the survey, its questions and
        # its responses. A response's answers are written with it (services.save_response saves the
        # response first), so they need no receiver of their own.
        fragments.connect_bumps(Survey, lambda survey: [("survey", survey.pk)], uid="survey")
        for model in (Section, Question, Response):
            fragments.connect_bumps(model, lambda row: [("survey", row.survey_id)], uid=f"survey-{model.__name__}")
        # A choice's survey: none once its question is gone (the question's own deletion bumps it).
        fragments.connect_bumps(
            Choice,
            lambda choice: [
                ("survey", pk)
                for pk in Question.objects.filter(pk=choice.question_id).values_list("survey_id", flat=True)
            ],
            uid="survey-choice",
        )

        # The organisations' cached parts (cohorts.scopes): the surveys waiting for a person's answer.
        fragments.connect_bumps(Survey, lambda survey: scopes.cohort_orgs(survey.cohort_id), uid="org-survey")
        fragments.connect_bumps(
            Participation, lambda p: [("user", p.user_id), *scopes.orgs(p.organisation_id)], uid="org-participation"
        )
        # The organisation page's indicator charts show the cohort's averages too: any measurement
        # or indicator change retires them all (they change about once a year, by import).
        for model in (Indicator, Measurement):
            fragments.connect_bumps(model, lambda row: [scopes.INDICATORS], uid=f"org-{model.__name__}")
