"""Content staff write once per cohort, in nb, nn and en (django-modeltranslation: ``title_nb`` …)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Assignment


@register(Assignment)
class AssignmentTranslation(TranslationOptions):
    fields = ("title", "instructions")
