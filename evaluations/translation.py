"""Survey and indicator texts in nb, nn and en (django-modeltranslation). Answers point at the same
question and choice rows whatever language they were shown in, so results count together."""

from modeltranslation.translator import TranslationOptions, register

from .models import Choice, Indicator, Question, Section, Survey


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title", "introduction")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "help_text", "scale_min_label", "scale_max_label")


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ("label",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "description", "unit")
