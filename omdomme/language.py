"""'Missing Nynorsk': which texts have no nn version, where an nn organisation would read them.

Top-level composition (it reads homework, evaluations and gatherings; the reminders' own texts are
checked in ``omdomme.reminders.language``, which also makes the cohort page's panel). Staff see the list
before a survey opens, before packs are made, before reminders and messages go out, and on the
cohort page: wherever a Nynorsk organisation takes part, a text without an nn version would reach
it in Bokmål.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from cohorts.models import Cohort
from cohorts.queries import nynorsk_organisations
from evaluations.language import missing_in_survey
from evaluations.models import Survey
from homework.models import Assignment
from omdomme.core.translated import Missing
from omdomme.core.translated import check_nynorsk as _check
from sessions.models import Gathering


def missing_in_gathering(gathering: Gathering) -> list[Missing]:
    """What a participant pack shows: the gathering, its programme and the cohort's assignments."""
    url = gathering.get_absolute_url()
    found = _check(gathering, _("Gathering “%(title)s”") % {"title": gathering.title_nb}, url)
    for item in gathering.programme_items.order_by("day", "starts_at", "pk"):
        found += _check(item, _("Programme item “%(title)s”") % {"title": item.title_nb}, url)
    for assignment in Assignment.objects.published().filter(cohort_id=gathering.cohort_id).order_by("position"):
        found += _check(
            assignment, _("Assignment “%(title)s”") % {"title": assignment.title_nb}, assignment.get_absolute_url()
        )
    return found


def missing_in_cohort(cohort: Cohort) -> list[Missing]:
    """Everything of the cohort that would reach a Nynorsk organisation without an nn version."""
    found = []
    for assignment in Assignment.objects.published().filter(cohort=cohort).order_by("position"):
        found += _check(
            assignment, _("Assignment “%(title)s”") % {"title": assignment.title_nb}, assignment.get_absolute_url()
        )
    for gathering in Gathering.objects.filter(cohort=cohort).order_by("number"):
        found += missing_in_gathering(gathering)
    for survey in Survey.objects.filter(cohort=cohort).order_by("opens_at"):
        found += missing_in_survey(survey)
    unique: dict[tuple[str, str], Missing] = {}
    for item in found:
        unique.setdefault((item.what, item.url), item)
    return list(unique.values())


def warning(cohort: Cohort, find: Callable[[], list[Missing]]) -> dict | None:
    """The context of the warning box, or None when no Nynorsk organisation takes part in the
    cohort or nothing is missing (``find`` runs only when one does)."""
    organisations = nynorsk_organisations(cohort)
    missing = find() if organisations else []
    if not missing:
        return None
    return {"organisations": organisations, "missing": missing}
