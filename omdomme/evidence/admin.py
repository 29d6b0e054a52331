from django.contrib import admin

from .models import FormerMunicipalityNumber, ResidentSurvey


@admin.register(FormerMunicipalityNumber)
class FormerMunicipalityNumberAdmin(admin.ModelAdmin):
    list_display = ["organisation", "number", "valid_from", "valid_to"]
    search_fields = ["organisation__name", "number"]
    autocomplete_fields = ["organisation"]


@admin.register(ResidentSurvey)
class ResidentSurveyAdmin(admin.ModelAdmin):
    list_display = ["organisation", "language", "opens_on", "closes_on", "results_recorded_at"]
    list_filter = ["language"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]
