"""Admin for survey structure and indicators. Responses and answers are not in the admin: an anonymous
survey's answers must not be browsable next to who took part."""

from django.contrib import admin

from .models import Choice, Indicator, Measurement, Question, Section, Survey


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "cohort", "kind", "wave", "opens_at", "closes_at", "anonymous"]
    list_filter = ["kind", "anonymous", "cohort"]
    inlines = [SectionInline]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "survey", "kind", "position", "required"]
    list_filter = ["kind"]
    inlines = [ChoiceInline]


admin.site.register(Indicator)


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["indicator", "organisation", "year", "value", "source"]
    list_filter = ["indicator", "year"]
