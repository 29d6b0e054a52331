"""Which texts of a survey have no Nynorsk version (the "missing Nynorsk" warning)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from omdomme.core.translated import Missing, check_nynorsk, missing_versions

from .models import Survey


def missing_in_survey(survey: Survey) -> list[Missing]:
    url = survey.get_absolute_url()
    found = check_nynorsk(survey, _("Survey “%(title)s”") % {"title": survey.title_nb}, url)
    for section in survey.sections.order_by("position"):
        found += check_nynorsk(section, _("Section “%(title)s”") % {"title": section.title_nb}, url)
    for number, question in enumerate(survey.questions.prefetch_related("choices").order_by("position", "pk"), 1):
        fields = missing_versions(question, "nn")
        if any(missing_versions(choice, "nn") for choice in question.choices.all()):
            fields.append(_("choices"))
        if fields:
            found.append(Missing(_("Question %(n)s “%(text)s”") % {"n": number, "text": question.text_nb}, fields, url))
    return found
