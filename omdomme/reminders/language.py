"""'Missing Nynorsk' for reminders and the cohort page: what the reminders name (assignments,
gatherings, surveys) and the cohort's own reminder texts, on top of ``omdomme.language``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cohorts.models import Cohort
from evaluations.models import Survey
from homework.models import Assignment
from omdomme.core.extensions import Panel
from omdomme.core.translated import Missing
from omdomme.core.translated import check_nynorsk as _check
from omdomme.language import missing_in_cohort, warning
from sessions.models import Gathering

from .models import ReminderText


def missing_in_reminders(cohort: Cohort) -> list[Missing]:
    """Reminders name assignments, gatherings and surveys; a cohort's own Bokmål reminder text needs
    a Nynorsk one too."""
    found = []
    for assignment in Assignment.objects.published().filter(cohort=cohort).order_by("position"):
        found += _check(
            assignment, _("Assignment “%(title)s”") % {"title": assignment.title_nb}, assignment.get_absolute_url()
        )
    for gathering in Gathering.objects.filter(cohort=cohort, is_published=True).order_by("number"):
        found += _check(
            gathering, _("Gathering “%(title)s”") % {"title": gathering.title_nb}, gathering.get_absolute_url()
        )
    for survey in Survey.objects.filter(cohort=cohort).order_by("opens_at"):
        found += _check(survey, _("Survey “%(title)s”") % {"title": survey.title_nb}, survey.get_absolute_url())
    texts = {(t.kind, t.language): t for t in ReminderText.objects.filter(cohort=cohort)}
    for kind, language in texts:
        if language == "nb" and (kind, "nn") not in texts:
            found.append(Missing(texts[(kind, language)].get_kind_display(), [_("opening text")]))
    return found


def missing_nynorsk_panel(user, cohort: Cohort) -> list[Panel]:
    """The cohort page's warning (registered in ``omdomme.apps``): staff only."""
    if not (user.is_authenticated and user.is_staff):
        return []

    def find() -> list[Missing]:
        unique: dict[tuple[str, str], Missing] = {}
        for item in missing_in_reminders(cohort) + missing_in_cohort(cohort):
            unique.setdefault((item.what, item.url), item)
        return list(unique.values())

    context = warning(cohort, find)
    return [Panel("includes/missing_nynorsk.html", context, order=5)] if context else []
