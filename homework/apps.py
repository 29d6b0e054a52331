from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeworkConfig(AppConfig):
    name = "homework"
    verbose_name = _("Homework")

    def ready(self) -> None:
        from cohorts.panels import enrolment_panel

        from .panels import enrolment_homework

        enrolment_panel(enrolment_homework)
