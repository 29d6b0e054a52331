"""Programme and practical information in nb, nn and en (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Gathering, ProgrammeItem


@register(Gathering)
class GatheringTranslation(TranslationOptions):
    fields = ("title", "travel_info", "accommodation_info", "costs_info", "what_to_bring")


@register(ProgrammeItem)
class ProgrammeItemTranslation(TranslationOptions):
    fields = ("title", "description")
